//! `coopbridge backup` and `coopbridge restore`: a consistent copy of the
//! database and files while `serve` runs, and a verified restore into an
//! empty place, search index rebuilt.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context as _;
use clap::Args;
use coopbridge_backup::{BackupRequest, RestoreRequest};

use super::progress::StageProgress;
use crate::config::{DataArgs, LogFormat, SearchArgs};
use crate::startup;

#[derive(Debug, Args)]
pub struct BackupArgs {
    #[command(flatten)]
    pub data: DataArgs,

    /// Where to write the backup: a new or empty directory, or a file name
    /// ending in `.tar`.
    #[arg(long)]
    pub to: PathBuf,

    /// With files on S3, copy their bytes into the backup too; by default
    /// they stay in the bucket and the backup lists them with checksums.
    #[arg(long)]
    pub copy_files: bool,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    #[command(flatten)]
    pub data: DataArgs,

    #[command(flatten)]
    pub search: SearchArgs,

    /// The backup: a directory or `.tar` file written by `coopbridge backup`.
    #[arg(long)]
    pub from: PathBuf,
}

pub async fn backup(args: BackupArgs) -> anyhow::Result<()> {
    crate::telemetry::init(LogFormat::Text);
    let started = Instant::now();
    let store = startup::open_blob_store(&args.data).await?;
    let copy_files = args.copy_files || args.data.storage.s3_config().is_none();
    let url = args.data.effective_database_url();
    let progress = StageProgress::default();
    let request = BackupRequest {
        database_url: &url,
        store: store.as_ref(),
        copy_files,
        to: &args.to,
    };
    let manifest = coopbridge_backup::take(request, &progress).await?;
    progress.finish();
    let rows: u64 = manifest.tables.iter().map(|t| t.rows).sum();
    let file_bytes: u64 = manifest.files.entries.iter().map(|f| f.bytes).sum();
    println!(
        "backup written to {} in {:.1} s: {} database ({:.1} MB, schema {}), {} tables, {} rows, {} files ({:.1} MB, {})",
        args.to.display(),
        started.elapsed().as_secs_f64(),
        manifest.database.backend,
        megabytes(manifest.database.bytes),
        manifest.schema_version(),
        manifest.tables.len(),
        rows,
        manifest.files.entries.len(),
        megabytes(file_bytes),
        if manifest.files.copied {
            "copied"
        } else {
            "listed with checksums; the bytes stay in the bucket"
        },
    );
    Ok(())
}

pub async fn restore(args: RestoreArgs) -> anyhow::Result<()> {
    crate::telemetry::init(LogFormat::Text);
    let started = Instant::now();
    if args.data.storage.s3_config().is_none() {
        let files = args.data.data_dir.join("files");
        let has_files = std::fs::read_dir(&files)
            .map(|mut d| d.next().is_some())
            .unwrap_or(false);
        anyhow::ensure!(
            !has_files,
            "{} already holds files: restore only into an empty data directory",
            files.display()
        );
    }
    std::fs::create_dir_all(&args.data.data_dir)
        .with_context(|| format!("COOPBRIDGE_DATA_DIR: cannot create {}", args.data.data_dir.display()))?;
    let store = startup::open_blob_store(&args.data).await?;
    let url = args.data.effective_database_url();
    let progress = StageProgress::default();
    let request = RestoreRequest {
        from: &args.from,
        database_url: &url,
        store: store.as_ref(),
    };
    let report = coopbridge_backup::restore(request, &progress).await?;
    progress.finish();
    let manifest = &report.manifest;
    println!(
        "restored the backup of {} (coopbridge {}, schema {}): every table's rows and every file match its manifest",
        manifest.created_at.format("%Y-%m-%d %H:%M:%S UTC"),
        manifest.coopbridge_version,
        manifest.schema_version(),
    );
    if !report.migrated.is_empty() {
        println!("migrated to the current schema: {}", report.migrated.join(", "));
    }
    println!("{:<32} {:>10} {:>10}", "table", "rows", "in backup");
    for (table, rows) in &report.tables {
        let in_backup = manifest
            .tables
            .iter()
            .find(|t| &t.name == table)
            .map(|t| t.rows.to_string());
        println!(
            "{table:<32} {rows:>10} {:>10}",
            in_backup.unwrap_or_else(|| "-".to_owned())
        );
    }
    println!(
        "{} files restored ({})",
        manifest.files.entries_to_put().len(),
        if manifest.files.copied {
            "copied back into the store"
        } else {
            "listed only: checked in the bucket"
        }
    );
    let db = startup::open_database(&args.data).await?;
    super::search::rebuild_index(&db, &args.search, &args.data)
        .await
        .context("the data is restored, but the search index could not be rebuilt: run `coopbridge reindex`")?;
    println!("restore finished in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

fn megabytes(bytes: u64) -> f64 {
    bytes as f64 / 1_000_000.0
}
