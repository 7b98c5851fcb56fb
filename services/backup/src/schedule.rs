//! Scheduled backups inside `serve`: one `.tar` every period into a
//! directory, the newest few kept, the outcome logged and kept for `/readyz`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, Utc};
use coopbridge_storage::BlobStore;
use serde::Serialize;

use crate::{BackupError, BackupRequest, Quiet};

const PREFIX: &str = "coopbridge-";
const NAME_TIME: &str = "%Y%m%dT%H%M%SZ";
/// A failed backup is tried again after at most this long.
const RETRY_AFTER: Duration = Duration::from_secs(3600);

#[derive(Debug, Clone)]
pub struct Schedule {
    pub dir: PathBuf,
    pub every: Duration,
    /// Backups to keep, newest first (at least 1).
    pub keep: usize,
    pub database_url: String,
    pub copy_files: bool,
}

/// The last outcomes, as `/readyz` shows them.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Status {
    pub every: String,
    pub last_success_at: Option<DateTime<Utc>>,
    pub last_file: Option<String>,
    pub last_failure_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
}

impl Status {
    /// Whether the most recent attempt failed.
    pub fn failing(&self) -> bool {
        match (self.last_failure_at, self.last_success_at) {
            (Some(failed), Some(ok)) => failed > ok,
            (Some(_), None) => true,
            _ => false,
        }
    }
}

pub type SharedStatus = Arc<Mutex<Status>>;

/// Runs the schedule until the task is dropped with the server.
pub fn spawn(schedule: Schedule, store: Arc<dyn BlobStore>) -> (SharedStatus, tokio::task::JoinHandle<()>) {
    let status = Arc::new(Mutex::new(Status {
        every: humantime::format_duration(schedule.every).to_string(),
        ..Status::default()
    }));
    let task = tokio::spawn(run(schedule, store, status.clone()));
    (status, task)
}

async fn run(schedule: Schedule, store: Arc<dyn BlobStore>, status: SharedStatus) {
    if let Err(e) = std::fs::create_dir_all(&schedule.dir) {
        tracing::error!(dir = %schedule.dir.display(), error = %e, "COOPBRIDGE_BACKUP_DIR: cannot create the backup directory");
    }
    remove_leftovers(&schedule.dir);
    let mut wait = match newest(&schedule.dir) {
        Some(taken) => (taken + schedule.every)
            .signed_duration_since(Utc::now())
            .to_std()
            .unwrap_or_default(),
        None => Duration::ZERO,
    };
    loop {
        tokio::time::sleep(wait).await;
        let name = format!("{PREFIX}{}.tar", Utc::now().format(NAME_TIME));
        let path = schedule.dir.join(&name);
        let started = std::time::Instant::now();
        // Copying files and packing the archive read and write files without
        // yielding: on a blocking thread, so requests keep the runtime's workers.
        let (runtime, url, store, copy_files, to) = (
            tokio::runtime::Handle::current(),
            schedule.database_url.clone(),
            store.clone(),
            schedule.copy_files,
            path.clone(),
        );
        let outcome = tokio::task::spawn_blocking(move || {
            let request = BackupRequest {
                database_url: &url,
                store: store.as_ref(),
                copy_files,
                to: &to,
            };
            runtime.block_on(crate::take(request, &Quiet))
        })
        .await
        .unwrap_or_else(|e| Err(BackupError::Failed(anyhow::anyhow!("the backup task stopped: {e}"))));
        let mut now = status.lock().expect("backup status lock");
        match outcome {
            Ok(manifest) => {
                tracing::info!(file = %path.display(), tables = manifest.tables.len(),
                    files = manifest.files.entries.len(), seconds = started.elapsed().as_secs_f64(),
                    "scheduled backup written");
                now.last_success_at = Some(Utc::now());
                now.last_file = Some(name);
                drop(now);
                prune(&schedule.dir, schedule.keep.max(1));
                wait = schedule.every;
            }
            Err(e) => {
                tracing::error!(dir = %schedule.dir.display(), error = %e, "scheduled backup failed");
                now.last_failure_at = Some(Utc::now());
                now.last_error = Some(e.to_string());
                wait = schedule.every.min(RETRY_AFTER);
            }
        }
    }
}

/// Scheduled backups in `dir`, oldest first (their names sort by time).
fn backups(dir: &Path) -> Vec<(DateTime<Utc>, PathBuf)> {
    let mut found: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let stamp = name.strip_prefix(PREFIX)?.strip_suffix(".tar")?;
            let taken = NaiveDateTime::parse_from_str(stamp, NAME_TIME).ok()?.and_utc();
            Some((taken, entry.path()))
        })
        .collect();
    found.sort();
    found
}

fn newest(dir: &Path) -> Option<DateTime<Utc>> {
    backups(dir).last().map(|(taken, _)| *taken)
}

fn prune(dir: &Path, keep: usize) {
    let all = backups(dir);
    let surplus = all.len().saturating_sub(keep);
    for (_, path) in all.into_iter().take(surplus) {
        match std::fs::remove_file(&path) {
            Ok(()) => tracing::info!(file = %path.display(), "old backup removed"),
            Err(e) => tracing::warn!(file = %path.display(), error = %e, "cannot remove an old backup"),
        }
    }
}

/// Work left by a backup the process did not live to finish.
fn remove_leftovers(dir: &Path) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(".coopbridge-backup-") {
            std::fs::remove_dir_all(entry.path()).ok();
        } else if name.starts_with(PREFIX) && name.ends_with(".tar.partial") {
            std::fs::remove_file(entry.path()).ok();
        }
    }
}
