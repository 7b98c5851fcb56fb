//! The stored-files half: copying the files the database refers to out of
//! the blob store into a backup, checking them, and putting them back.
//!
//! Files are found through the database copy's `stored_file` rows, not by
//! walking the store, so the backup holds exactly the files its database
//! refers to, whichever backend holds them.

use std::path::{Path, PathBuf};

use coopbridge_storage::{BlobKey, BlobStore};

use crate::manifest::{FILES_DIR, FileEntry};
use crate::{BackupError, Progress, checksum};

/// Where a file's bytes go inside a backup. Keys are checked first, so a
/// hostile manifest cannot name a path outside the backup.
pub fn path_in_backup(dir: &Path, key: &str) -> Result<PathBuf, BackupError> {
    let key = BlobKey::new(key).map_err(|e| BackupError::Corrupt(format!("file key {key:?}: {e}")))?;
    let mut path = dir.join(FILES_DIR);
    for segment in key.segments() {
        path.push(segment);
    }
    Ok(path)
}

/// Copies each listed file from the store into `dir/files/`, returning the
/// entries with the checksums of the bytes actually copied. A file missing
/// from the store (purged after the copy began) is left out, with a warning.
pub async fn copy_out(
    store: &dyn BlobStore,
    listed: Vec<FileEntry>,
    dir: &Path,
    progress: &dyn Progress,
) -> Result<Vec<FileEntry>, BackupError> {
    progress.stage("files", listed.len() as u64);
    let mut copied = Vec::with_capacity(listed.len());
    for (done, entry) in listed.into_iter().enumerate() {
        let key = BlobKey::new(entry.key.as_str())
            .map_err(|e| BackupError::Corrupt(format!("stored file key {:?}: {e}", entry.key)))?;
        let blob = store.get(&key).await.map_err(|e| BackupError::Failed(e.into()))?;
        progress.advance(done as u64 + 1);
        let Some(blob) = blob else {
            tracing::warn!(key = %entry.key, "a stored file is missing from the store; it is not in the backup");
            continue;
        };
        let sha256 = checksum::bytes(&blob.bytes);
        if sha256 != entry.sha256 {
            tracing::warn!(key = %entry.key, recorded = %entry.sha256, actual = %sha256,
                "a stored file's bytes differ from the checksum recorded at upload; backing up the bytes as they are");
        }
        let path = path_in_backup(dir, &entry.key)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| checksum::io_error(parent, e))?;
        }
        std::fs::write(&path, &blob.bytes).map_err(|e| checksum::io_error(&path, e))?;
        copied.push(FileEntry {
            bytes: blob.bytes.len() as u64,
            sha256,
            content_type: blob.content_type,
            ..entry
        });
    }
    Ok(copied)
}

/// Checks every copied file's size and checksum against the manifest, or,
/// for a listing, that the store still holds each file.
pub async fn verify(
    dir: &Path,
    entries: &[FileEntry],
    copied: bool,
    store: &dyn BlobStore,
    progress: &dyn Progress,
) -> Result<(), BackupError> {
    progress.stage("checking files", entries.len() as u64);
    for (done, entry) in entries.iter().enumerate() {
        let path = path_in_backup(dir, &entry.key)?;
        if copied {
            let (bytes, sha256) = checksum::file(&path)
                .map_err(|_| BackupError::Corrupt(format!("file {} is missing from the backup", entry.key)))?;
            if bytes != entry.bytes || sha256 != entry.sha256 {
                return Err(BackupError::Corrupt(format!(
                    "file {} does not match its checksum in the manifest",
                    entry.key
                )));
            }
        } else {
            let key = BlobKey::new(entry.key.as_str()).map_err(|e| BackupError::Corrupt(e.to_string()))?;
            if !store.exists(&key).await.map_err(|e| BackupError::Failed(e.into()))? {
                return Err(BackupError::Corrupt(format!(
                    "file {} is only listed in this backup and the file store does not hold it",
                    entry.key
                )));
            }
        }
        progress.advance(done as u64 + 1);
    }
    Ok(())
}

/// Puts every copied file back into the store. On a failure, removes what it
/// put, so a retry starts from an empty store again.
pub async fn put_back(
    dir: &Path,
    entries: &[FileEntry],
    store: &dyn BlobStore,
    progress: &dyn Progress,
) -> Result<(), BackupError> {
    progress.stage("restoring files", entries.len() as u64);
    let mut put: Vec<BlobKey> = Vec::new();
    for (done, entry) in entries.iter().enumerate() {
        let result = put_one(dir, entry, store).await;
        match result {
            Ok(key) => put.push(key),
            Err(e) => {
                for key in &put {
                    store.delete(key).await.ok();
                }
                return Err(e);
            }
        }
        progress.advance(done as u64 + 1);
    }
    Ok(())
}

async fn put_one(dir: &Path, entry: &FileEntry, store: &dyn BlobStore) -> Result<BlobKey, BackupError> {
    let path = path_in_backup(dir, &entry.key)?;
    let bytes = std::fs::read(&path).map_err(|e| checksum::io_error(&path, e))?;
    let key = BlobKey::new(entry.key.as_str()).map_err(|e| BackupError::Corrupt(e.to_string()))?;
    store
        .put(&key, bytes.into(), &entry.content_type)
        .await
        .map_err(|e| BackupError::Failed(e.into()))?;
    Ok(key)
}

/// Removes restored files again after a later step failed.
pub async fn remove(entries: &[FileEntry], store: &dyn BlobStore) {
    for entry in entries {
        if let Ok(key) = BlobKey::new(entry.key.as_str()) {
            store.delete(&key).await.ok();
        }
    }
}
