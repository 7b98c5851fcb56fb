//! `manifest.json`: what a backup holds, written last so that a backup with a
//! manifest is a complete one. Restores trust nothing the manifest does not
//! vouch for with a checksum.

use std::path::Path;

use anyhow::Context as _;
use serde::{Deserialize, Serialize};

use crate::BackupError;

/// The manifest's own layout version; a restore refuses any other.
pub const FORMAT: u32 = 1;
pub const MANIFEST_FILE: &str = "manifest.json";
/// Where copied files go inside a backup, under their storage keys.
pub const FILES_DIR: &str = "files";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Manifest {
    pub format: u32,
    /// The `coopbridge` version that wrote the backup.
    pub coopbridge_version: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub database: DatabaseDump,
    /// Migrations applied to the database when it was copied, oldest first:
    /// the last one is the backup's schema version.
    pub migrations: Vec<String>,
    /// Every table in the copy, by name.
    pub tables: Vec<TableDigest>,
    pub files: FileSet,
}

/// The database copy: an SQLite file or a `pg_dump` archive.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct DatabaseDump {
    /// `sqlite` or `postgres`.
    pub backend: String,
    /// File name inside the backup.
    pub file: String,
    pub bytes: u64,
    pub sha256: String,
}

/// A table's row count and a checksum of its rows (each row rendered as text
/// by the database, sorted), so a restore proves it holds the same rows.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct TableDigest {
    pub name: String,
    pub rows: u64,
    pub sha256: String,
}

/// The stored files the database refers to (purged ones excluded).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct FileSet {
    /// Where they were stored (`local:…` or `s3://…`), for the reader.
    pub store: String,
    /// Whether the bytes are in the backup (`files/<key>`), or only listed
    /// with their checksums because they stay in an S3 bucket.
    pub copied: bool,
    pub entries: Vec<FileEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct FileEntry {
    pub key: String,
    pub content_type: String,
    pub bytes: u64,
    pub sha256: String,
}

impl FileSet {
    /// The files a restore puts into the store: all of them when their bytes
    /// are in the backup, none when they are only listed.
    pub fn entries_to_put(&self) -> Vec<FileEntry> {
        if self.copied { self.entries.clone() } else { Vec::new() }
    }
}

impl Manifest {
    /// The schema version: the last migration applied.
    pub fn schema_version(&self) -> &str {
        self.migrations.last().map_or("(none)", String::as_str)
    }

    pub fn write(&self, dir: &Path) -> anyhow::Result<()> {
        let json = serde_json::to_vec_pretty(self)?;
        let partial = dir.join(format!("{MANIFEST_FILE}.partial"));
        std::fs::write(&partial, json).with_context(|| format!("cannot write {}", partial.display()))?;
        std::fs::rename(&partial, dir.join(MANIFEST_FILE))?;
        Ok(())
    }

    pub fn read(dir: &Path) -> Result<Manifest, BackupError> {
        let path = dir.join(MANIFEST_FILE);
        let bytes = std::fs::read(&path).map_err(|e| {
            BackupError::Corrupt(format!(
                "{} is missing or unreadable ({e}): not a complete Coopbridge backup",
                path.display()
            ))
        })?;
        let manifest: Manifest = serde_json::from_slice(&bytes)
            .map_err(|e| BackupError::Corrupt(format!("{} is not a valid manifest: {e}", path.display())))?;
        if manifest.format != FORMAT {
            return Err(BackupError::Corrupt(format!(
                "the backup's manifest format is {}, this coopbridge reads format {FORMAT}",
                manifest.format
            )));
        }
        Ok(manifest)
    }
}
