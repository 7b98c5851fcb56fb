//! Taking a backup: the database copy first, then the files its rows name,
//! then the manifest; packed into one `.tar` when the target is a file.

use std::path::Path;

use coopbridge_storage::BlobStore;

use crate::manifest::{FileSet, Manifest};
use crate::{BackupError, Progress, archive, checksum, database_copy, files};

pub struct BackupRequest<'a> {
    pub database_url: &'a str,
    pub store: &'a dyn BlobStore,
    /// Copy the files' bytes into the backup; `false` lists them with their
    /// checksums only (files that stay in an S3 bucket).
    pub copy_files: bool,
    /// A new or empty directory, or a file name ending in `.tar`.
    pub to: &'a Path,
}

/// Takes a backup while the server may be writing, and returns its manifest.
pub async fn take(request: BackupRequest<'_>, progress: &dyn Progress) -> Result<Manifest, BackupError> {
    let to = request.to;
    if archive::is_archive(to) {
        if to.exists() {
            return Err(BackupError::NotEmpty(format!("{} already exists", to.display())));
        }
        let parent = to
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let work = tempfile::Builder::new()
            .prefix(".coopbridge-backup-")
            .tempdir_in(parent)
            .map_err(|e| checksum::io_error(parent, e))?;
        let manifest = write_backup(&request, work.path(), progress).await?;
        progress.stage("packing", 0);
        archive::pack(work.path(), to)?;
        Ok(manifest)
    } else {
        let has_entries = std::fs::read_dir(to).map(|mut d| d.next().is_some()).unwrap_or(false);
        if has_entries {
            return Err(BackupError::NotEmpty(format!(
                "{} is not empty: back up into a new directory",
                to.display()
            )));
        }
        std::fs::create_dir_all(to).map_err(|e| checksum::io_error(to, e))?;
        let written = write_backup(&request, to, progress).await;
        if written.is_err() {
            // It was empty before: leave no backup that looks half-done.
            std::fs::remove_dir_all(to).ok();
        }
        written
    }
}

async fn write_backup(
    request: &BackupRequest<'_>,
    dir: &Path,
    progress: &dyn Progress,
) -> Result<Manifest, BackupError> {
    progress.stage("database", 0);
    let copy = database_copy::copy(request.database_url, dir).await?;
    let entries = if request.copy_files {
        files::copy_out(request.store, copy.files, dir, progress).await?
    } else {
        copy.files
    };
    let manifest = Manifest {
        format: crate::manifest::FORMAT,
        coopbridge_version: env!("CARGO_PKG_VERSION").to_owned(),
        created_at: chrono::Utc::now(),
        database: copy.dump,
        migrations: copy.migrations,
        tables: copy.tables,
        files: FileSet {
            store: request.store.describe(),
            copied: request.copy_files,
            entries,
        },
    };
    manifest.write(dir)?;
    Ok(manifest)
}
