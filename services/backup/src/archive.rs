//! A backup as one `.tar` file (for scheduled backups, and `--to x.tar`):
//! the same layout as a backup directory, packed after it is complete.

use std::path::Path;

use crate::{BackupError, checksum};

/// Whether `path` names an archive rather than a directory.
pub fn is_archive(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("tar"))
}

/// Packs the complete backup in `dir` into `file` (written under a
/// `.partial` name and renamed, so a half-written archive never looks done).
pub fn pack(dir: &Path, file: &Path) -> Result<(), BackupError> {
    let partial = file.with_extension("tar.partial");
    let out = std::fs::File::create(&partial).map_err(|e| checksum::io_error(&partial, e))?;
    let mut builder = tar::Builder::new(std::io::BufWriter::new(out));
    builder.follow_symlinks(false);
    builder
        .append_dir_all(".", dir)
        .map_err(|e| checksum::io_error(dir, e))?;
    let writer = builder.into_inner().map_err(|e| checksum::io_error(&partial, e))?;
    let file_handle = writer
        .into_inner()
        .map_err(|e| checksum::io_error(&partial, e.into_error()))?;
    file_handle.sync_all().map_err(|e| checksum::io_error(&partial, e))?;
    std::fs::rename(&partial, file).map_err(|e| checksum::io_error(file, e))?;
    Ok(())
}

/// Unpacks `file` into the empty directory `dir`. The tar reader refuses
/// entries that would land outside `dir`.
pub fn unpack(file: &Path, dir: &Path) -> Result<(), BackupError> {
    let input = std::fs::File::open(file).map_err(|e| checksum::io_error(file, e))?;
    let mut archive = tar::Archive::new(std::io::BufReader::new(input));
    archive.set_preserve_permissions(false);
    archive
        .unpack(dir)
        .map_err(|e| BackupError::Corrupt(format!("{} is not a readable backup archive: {e}", file.display())))
}
