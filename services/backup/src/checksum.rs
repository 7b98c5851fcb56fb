//! SHA-256 of files and bytes, as lower-case hex (the form `stored_file`
//! records at upload).

use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::BackupError;

/// Size and SHA-256 of a file, read in chunks (database dumps can be large).
pub fn file(path: &Path) -> Result<(u64, String), BackupError> {
    let mut reader = std::fs::File::open(path).map_err(|e| io_error(path, e))?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 1 << 16];
    let mut total = 0u64;
    loop {
        let read = reader.read(&mut buffer).map_err(|e| io_error(path, e))?;
        if read == 0 {
            break;
        }
        total += read as u64;
        hasher.update(&buffer[..read]);
    }
    Ok((total, hex::encode(hasher.finalize())))
}

pub fn bytes(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

pub(crate) fn io_error(path: &Path, e: std::io::Error) -> BackupError {
    BackupError::Failed(anyhow::anyhow!("{}: {e}", path.display()))
}
