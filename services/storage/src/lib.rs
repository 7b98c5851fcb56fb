//! File storage for cooperative logos, product photos and certificate evidence.
//!
//! Like the search crate, this knows nothing of HTTP or GraphQL: the API wires
//! a [`BlobStore`] in and maps [`StorageError`] and [`UploadError`] to the wire.
//! The embedded default keeps files in a local directory; a scaled-out
//! deployment points every replica at one S3-compatible bucket, by config only.

mod key;
mod local;
mod s3;
mod sniff;

use std::path::Path;
use std::sync::Arc;

use async_trait::async_trait;
use bytes::Bytes;
use thiserror::Error;

pub use key::{BlobKey, KeyError, MAX_KEY_LEN, MAX_SEGMENT_LEN};
pub use local::LocalStore;
pub use s3::{S3Config, S3Credentials, S3Store};
pub use sniff::{FileKind, UploadError, check_upload, sniff};

/// A stored object with the content type it was stored under, so it can be
/// served back without sniffing again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blob {
    pub bytes: Bytes,
    pub content_type: String,
}

/// Errors of this layer. Messages name the operation and the key or the
/// backend's error code, never credentials or request signatures, so the API
/// may log them as they are.
#[derive(Debug, Error)]
pub enum StorageError {
    #[error("invalid blob key: {0}")]
    InvalidKey(#[from] KeyError),
    #[error("invalid content type {0:?}")]
    InvalidContentType(String),
    /// The backend could not be reached or failed on its side (connection
    /// refused, timeout, HTTP 5xx): worth a retry, and what /readyz reports.
    #[error("storage unavailable: {0}")]
    Unavailable(String),
    #[error("storage error: {0}")]
    Other(String),
}

/// Where blobs live. Object-safe so the API holds an `Arc<dyn BlobStore>`
/// chosen at start-up, and every backend passes the same contract tests.
#[async_trait]
pub trait BlobStore: Send + Sync {
    /// Stores `bytes` under `key`, replacing any previous object. Readers see
    /// the old object or the new one, never a mix or a prefix.
    async fn put(&self, key: &BlobKey, bytes: Bytes, content_type: &str) -> Result<(), StorageError>;

    async fn get(&self, key: &BlobKey) -> Result<Option<Blob>, StorageError>;

    /// Removes `key`; a key that is already gone is not an error, so retried
    /// clean-ups are harmless.
    async fn delete(&self, key: &BlobKey) -> Result<(), StorageError>;

    async fn exists(&self, key: &BlobKey) -> Result<bool, StorageError>;

    /// Cheap check that the backend can serve requests now, for /readyz.
    async fn health(&self) -> Result<(), StorageError>;

    /// Where the blobs go, for the start-up config print; never holds secrets.
    fn describe(&self) -> String;
}

/// Longest content type accepted; real ones are far shorter, and S3 caps all
/// metadata headers at a few KiB.
const MAX_CONTENT_TYPE_LEN: usize = 255;

/// Both backends store the content type next to the bytes (a header line on
/// disk, an HTTP header in S3), so control characters such as a newline must
/// never reach them.
pub(crate) fn check_content_type(content_type: &str) -> Result<(), StorageError> {
    let printable = content_type.bytes().all(|b| (0x20..0x7f).contains(&b));
    if content_type.trim().is_empty() || content_type.len() > MAX_CONTENT_TYPE_LEN || !printable {
        return Err(StorageError::InvalidContentType(content_type.to_owned()));
    }
    Ok(())
}

/// Opens the configured backend, so that scaling out is config only: the S3
/// bucket when `s3` is given, otherwise a [`LocalStore`] at `data_dir/files`.
pub async fn open(s3: Option<S3Config>, data_dir: &Path) -> Result<Arc<dyn BlobStore>, StorageError> {
    match s3 {
        Some(config) => Ok(Arc::new(S3Store::connect(config).await?)),
        None => Ok(Arc::new(LocalStore::new(data_dir.join("files")).await?)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_with_control_characters_are_refused() {
        assert!(check_content_type("image/png").is_ok());
        assert!(check_content_type("text/plain; charset=utf-8").is_ok());
        for bad in ["", "  ", "image/png\r\nX-Evil: 1", "image/png\0", &"a".repeat(256)] {
            assert!(
                matches!(check_content_type(bad), Err(StorageError::InvalidContentType(_))),
                "{bad:?} should be refused"
            );
        }
    }
}
