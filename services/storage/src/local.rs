use std::io;
use std::path::{Path, PathBuf};

use async_trait::async_trait;
use bytes::Bytes;
use tokio::fs;
use tokio::io::AsyncWriteExt;

use crate::{Blob, BlobKey, BlobStore, StorageError, check_content_type};

/// First bytes of every blob file; the version lets the format change later
/// without misreading old files.
const MAGIC: &[u8] = b"coopbridge-blob/1 ";
/// Suffix of data files. `~` is outside the key alphabet, so a data file name
/// never equals a directory name: keys `a` and `a/b` can both exist, as in S3.
const DATA_SUFFIX: &str = "~blob";
/// Prefix of in-flight files; also outside the key alphabet, so a leftover
/// from a crash can never be mistaken for a blob.
const TEMP_PREFIX: &str = "~tmp-";

/// Blobs in a local directory: the embedded default, one process only.
///
/// Key `coops/42/logo.png` is stored at `<root>/coops/42/logo.png~blob`. Each
/// file holds one header line, `coopbridge-blob/1 <content type>\n`, followed
/// by the bytes. Keeping the content type inside the data file, rather than in
/// a sidecar, means one `rename` publishes bytes and type together: a reader
/// can never pair new bytes with an old type, no key can collide with a sidecar
/// name, and a crash cannot orphan half of a pair.
///
/// A write goes to a temporary file in the target directory, is flushed to
/// disk, and is renamed over the old file (atomic within one filesystem), so a
/// reader sees the old blob or the new one, never a prefix.
///
/// Empty directories are left behind on delete: pruning them would race with a
/// concurrent put creating a file in the same directory.
#[derive(Debug, Clone)]
pub struct LocalStore {
    root: PathBuf,
}

impl LocalStore {
    /// Opens (creating if needed) the store rooted at `root`.
    pub async fn new(root: impl Into<PathBuf>) -> Result<Self, StorageError> {
        let root = root.into();
        fs::create_dir_all(&root)
            .await
            .map_err(|e| io_error("create root directory", &root, e))?;
        // Absolute, so `describe` is unambiguous in logs.
        let root = fs::canonicalize(&root)
            .await
            .map_err(|e| io_error("resolve root directory", &root, e))?;
        Ok(Self { root })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn path_for(&self, key: &BlobKey) -> PathBuf {
        let mut path = self.root.clone();
        let mut segments = key.segments().peekable();
        while let Some(segment) = segments.next() {
            if segments.peek().is_some() {
                path.push(segment);
            } else {
                path.push(format!("{segment}{DATA_SUFFIX}"));
            }
        }
        path
    }
}

#[async_trait]
impl BlobStore for LocalStore {
    async fn put(&self, key: &BlobKey, bytes: Bytes, content_type: &str) -> Result<(), StorageError> {
        check_content_type(content_type)?;
        let path = self.path_for(key);
        let dir = path.parent().expect("a blob path is below the root");
        fs::create_dir_all(dir)
            .await
            .map_err(|e| io_error("create directory for", dir, e))?;

        let temp = TempFile(dir.join(format!("{TEMP_PREFIX}{}", uuid::Uuid::new_v4().simple())));
        let write = async {
            let mut file = fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&temp.0)
                .await?;
            file.write_all(MAGIC).await?;
            file.write_all(content_type.as_bytes()).await?;
            file.write_all(b"\n").await?;
            file.write_all(&bytes).await?;
            // Without this a crash after the rename could leave an empty file
            // under the new name on filesystems that delay allocation.
            file.sync_all().await?;
            fs::rename(&temp.0, &path).await
        };
        write.await.map_err(|e| io_error("write", &path, e))?;
        temp.disarm();
        sync_dir(dir).await;
        Ok(())
    }

    async fn get(&self, key: &BlobKey) -> Result<Option<Blob>, StorageError> {
        let path = self.path_for(key);
        let raw = match fs::read(&path).await {
            Ok(raw) => Bytes::from(raw),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io_error("read", &path, e)),
        };
        parse(raw)
            .map(Some)
            .ok_or_else(|| StorageError::Other(format!("local store: {} is not a blob file", path.display())))
    }

    async fn delete(&self, key: &BlobKey) -> Result<(), StorageError> {
        let path = self.path_for(key);
        match fs::remove_file(&path).await {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(io_error("delete", &path, e)),
        }
    }

    async fn exists(&self, key: &BlobKey) -> Result<bool, StorageError> {
        let path = self.path_for(key);
        match fs::metadata(&path).await {
            Ok(meta) => Ok(meta.is_file()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(io_error("inspect", &path, e)),
        }
    }

    /// Writes and removes a probe file: a root that exists but was remounted
    /// read-only, or lost its permissions, must fail readiness too.
    async fn health(&self) -> Result<(), StorageError> {
        let probe = TempFile(self.root.join(format!("~health-{}", uuid::Uuid::new_v4().simple())));
        fs::write(&probe.0, b"ok")
            .await
            .map_err(|e| io_error("write a probe file in", &self.root, e))?;
        fs::remove_file(&probe.0)
            .await
            .map_err(|e| io_error("remove a probe file in", &self.root, e))?;
        probe.disarm();
        Ok(())
    }

    fn describe(&self) -> String {
        format!("local:{}", self.root.display())
    }
}

fn parse(raw: Bytes) -> Option<Blob> {
    let rest = raw.strip_prefix(MAGIC)?;
    let newline = rest.iter().position(|&b| b == b'\n')?;
    let content_type = std::str::from_utf8(&rest[..newline]).ok()?.to_owned();
    let start = MAGIC.len() + newline + 1;
    Some(Blob {
        bytes: raw.slice(start..),
        content_type,
    })
}

/// Makes the rename itself durable. Best effort: some platforms cannot open a
/// directory for syncing, and the blob is already visible either way.
async fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = fs::File::open(dir).await {
        let _ = handle.sync_all().await;
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Removes its file when dropped, so a failed or cancelled write leaves
/// nothing half-written behind.
struct TempFile(PathBuf);

impl TempFile {
    fn disarm(self) {
        std::mem::forget(self);
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn io_error(action: &str, path: &Path, err: io::Error) -> StorageError {
    StorageError::Other(format!("local store: cannot {action} {}: {err}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn store() -> (tempfile::TempDir, LocalStore) {
        let dir = tempfile::tempdir().unwrap();
        let store = LocalStore::new(dir.path().join("files")).await.unwrap();
        (dir, store)
    }

    fn names_under(dir: &Path) -> Vec<String> {
        let mut names = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().into_string().unwrap();
            if entry.file_type().unwrap().is_dir() {
                names.extend(names_under(&entry.path()).into_iter().map(|n| format!("{name}/{n}")));
            } else {
                names.push(name);
            }
        }
        names.sort();
        names
    }

    #[tokio::test]
    async fn creates_a_missing_root_and_describes_it_absolutely() {
        let (dir, store) = store().await;
        assert!(dir.path().join("files").is_dir());
        assert!(store.describe().starts_with("local:/"), "{}", store.describe());
    }

    #[tokio::test]
    async fn keeps_one_file_per_blob_and_no_temporary_files() {
        let (_dir, store) = store().await;
        let key = BlobKey::new("coops/42/logo.png").unwrap();
        store.put(&key, Bytes::from_static(b"one"), "image/png").await.unwrap();
        store.put(&key, Bytes::from_static(b"two"), "image/png").await.unwrap();
        store.health().await.unwrap();
        assert_eq!(names_under(store.root()), ["coops/42/logo.png~blob"]);
    }

    #[tokio::test]
    async fn a_rejected_put_leaves_nothing_behind() {
        let (_dir, store) = store().await;
        let key = BlobKey::new("a/b").unwrap();
        let err = store.put(&key, Bytes::from_static(b"x"), "text/plain\nX: y").await;
        assert!(matches!(err, Err(StorageError::InvalidContentType(_))), "{err:?}");
        assert!(names_under(store.root()).is_empty());
    }

    #[tokio::test]
    async fn a_file_that_is_not_a_blob_is_reported_not_misread() {
        let (_dir, store) = store().await;
        std::fs::write(store.root().join("stray~blob"), b"no header").unwrap();
        let err = store.get(&BlobKey::new("stray").unwrap()).await;
        assert!(matches!(err, Err(StorageError::Other(_))), "{err:?}");
    }

    #[tokio::test]
    async fn health_fails_when_the_root_is_gone() {
        let (_dir, store) = store().await;
        std::fs::remove_dir(store.root()).unwrap();
        std::fs::write(store.root(), b"a file where the directory was").unwrap();
        assert!(store.health().await.is_err());
    }
}
