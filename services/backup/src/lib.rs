//! Backups of a running Coopbridge and restores that prove what they
//! restored.
//!
//! A backup is a directory (or the same packed as one `.tar`) holding a
//! consistent copy of the database ([`database_copy`]), the stored files the
//! copy refers to ([`files`]) and a [`manifest::Manifest`] written last: the
//! schema version, every table's row count and row checksum, every file's
//! checksum. The search index is not in it: a restore rebuilds it.
//!
//! Like the search and storage crates this knows nothing of HTTP; the
//! `coopbridge backup` / `restore` commands and the scheduled backups in
//! `serve` drive it.

pub mod archive;
mod checksum;
pub mod database_copy;
pub mod files;
pub mod manifest;
mod pg_tools;
mod restore;
pub mod schedule;
pub mod tables;
mod take;

pub use manifest::Manifest;
pub use restore::{RestoreReport, RestoreRequest, restore};
pub use take::{BackupRequest, take};

/// Why a backup or restore stopped. Refusals say what to do instead.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The backup was written by a newer Coopbridge, whose schema this one
    /// does not know.
    #[error(
        "this backup's schema ({backup}) is newer than this coopbridge knows (up to {known}): \
         restore it with coopbridge {version} or newer"
    )]
    NewerSchema {
        backup: String,
        known: String,
        version: String,
    },
    /// The place to restore into already holds data.
    #[error("{0}")]
    NotEmpty(String),
    /// The backup is incomplete, damaged or not a backup.
    #[error("{0}")]
    Corrupt(String),
    /// An outside tool (`pg_dump`, `pg_restore`) is needed and missing.
    #[error("{0}")]
    ToolMissing(String),
    #[error("{0:#}")]
    Failed(#[from] anyhow::Error),
}

/// Where a long backup or restore is, for a progress bar or a log line.
pub trait Progress: Send + Sync {
    /// A new stage begins with `total` steps (0 when unknown).
    fn stage(&self, name: &str, total: u64);
    /// `done` steps of the current stage are finished.
    fn advance(&self, done: u64);
}

/// Reports nothing (scheduled backups log their outcome instead).
pub struct Quiet;

impl Progress for Quiet {
    fn stage(&self, _: &str, _: u64) {}
    fn advance(&self, _: u64) {}
}
