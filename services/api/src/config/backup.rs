//! Scheduled backups in `serve`: where, how often, how many to keep.

use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

#[derive(Debug, Clone, Args)]
pub struct BackupScheduleArgs {
    /// Write a backup (`coopbridge-<time>.tar`, the same as `coopbridge backup`
    /// makes) into this directory every COOPBRIDGE_BACKUP_EVERY; unset means
    /// no scheduled backups. In a scaled-out deployment set it on one replica.
    #[arg(long, env = "COOPBRIDGE_BACKUP_DIR")]
    pub backup_dir: Option<PathBuf>,

    /// How often to back up, e.g. `1day`, `6h`, `30min`.
    #[arg(long, env = "COOPBRIDGE_BACKUP_EVERY", default_value = "1day", value_parser = parse_period)]
    pub backup_every: Duration,

    /// How many scheduled backups to keep; older ones are deleted.
    #[arg(long, env = "COOPBRIDGE_BACKUP_KEEP", default_value_t = 7,
          value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub backup_keep: u32,
}

fn parse_period(value: &str) -> Result<Duration, String> {
    let period = humantime::parse_duration(value).map_err(|e| format!("{e} (write e.g. 1day, 6h, 30min)"))?;
    if period < Duration::from_secs(1) {
        return Err("must be at least 1s".to_owned());
    }
    Ok(period)
}

impl BackupScheduleArgs {
    pub fn describe(&self) -> Vec<(&'static str, String)> {
        match &self.backup_dir {
            Some(dir) => vec![
                ("backup_dir", dir.display().to_string()),
                (
                    "backup_every",
                    humantime::format_duration(self.backup_every).to_string(),
                ),
                ("backup_keep", self.backup_keep.to_string()),
            ],
            None => vec![("backup_dir", "-".to_owned())],
        }
    }
}
