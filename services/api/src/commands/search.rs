//! Commands around search: `reindex`, `worker` and `seed --synthetic`.

use std::time::{Duration, Instant};

use clap::Args;
use coopbridge_domain::search;
use coopbridge_seed::synthetic::{self, SyntheticParams};

use super::progress::progress_bar;
use super::seed::SeedArgs;
use crate::config::{DataArgs, LogFormat, SearchArgs};
use crate::startup::{self, SEARCH_BATCH, SEARCH_IDLE};

#[derive(Debug, Args)]
pub struct ReindexArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub search: SearchArgs,
}

#[derive(Debug, Args)]
pub struct WorkerArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub search: SearchArgs,
}

pub async fn reindex(args: ReindexArgs) -> anyhow::Result<()> {
    crate::telemetry::init(LogFormat::Text);
    let db = startup::open_database(&args.data).await?;
    rebuild_index(&db, &args.search, &args.data).await
}

/// Rebuilds the configured search index from the database, with progress.
pub async fn rebuild_index(
    db: &sea_orm::DatabaseConnection,
    search_args: &SearchArgs,
    data: &DataArgs,
) -> anyhow::Result<()> {
    let index = crate::search_engine::open(search_args.engine_config(&data.data_dir)).await?;
    let started = Instant::now();
    let bar = progress_bar(0, "producers");
    // Without a terminal the bar is hidden: log progress about every tenth.
    let mut logged = None;
    let report = search::reindex(db, index.as_ref(), 200, |done, total| {
        bar.set_length(total);
        bar.set_position(done);
        if bar.is_hidden() && logged.is_none_or(|last| done == total || done >= last + total.div_ceil(10)) {
            tracing::info!(done, total, "reindexing producers");
            logged = Some(done);
        }
        if done == total {
            // Meilisearch indexes what it was sent after this; the rebuild waits for it.
            bar.set_message("sent; the engine is finishing");
        }
    })
    .await?;
    bar.finish();
    println!(
        "reindexed {} producers into {} documents in {:.1} s ({})",
        report.producers,
        report.documents,
        started.elapsed().as_secs_f64(),
        search_args.describe()
    );
    Ok(())
}

pub async fn worker(args: WorkerArgs) -> anyhow::Result<()> {
    crate::telemetry::init(LogFormat::Text);
    let db = startup::open_database(&args.data).await?;
    let index = crate::search_engine::open(args.search.engine_config(&args.data.data_dir)).await?;
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let task = tokio::spawn(search::run_worker(db, index, SEARCH_BATCH, SEARCH_IDLE, stopped, || {}));
    startup::shutdown_signal().await;
    let _ = stop.send(true);
    tokio::time::timeout(Duration::from_secs(30), task).await.ok();
    Ok(())
}

pub async fn seed_synthetic(args: SeedArgs) -> anyhow::Result<()> {
    crate::telemetry::init(LogFormat::Text);
    let db = startup::open_database(&args.data).await?;
    let params = SyntheticParams {
        producers: args.producers,
        products: args.products,
        events: args.events,
        inquiries: args.inquiries,
        seed: args.random_seed,
    };
    let started = Instant::now();
    let bar = progress_bar(u64::from(params.producers), "producers");
    let report = synthetic::seed_synthetic(&db, params, |done, _| bar.set_position(done)).await?;
    bar.finish();
    println!(
        "loaded synthetic data: {} producers, {} products, {} certificates, {} accounts, {} buyers, \
         {} events ({} zones, {} applications), {} inquiries in {:.1} s; \
         the search worker indexes them (or run `coopbridge reindex`)",
        report.producers,
        report.products,
        report.certificates,
        report.accounts,
        report.buyers,
        report.events,
        report.zones,
        report.applications,
        report.inquiries,
        started.elapsed().as_secs_f64()
    );
    println!(
        "accounts (password {}): coop-N@synthetic.example.vn (member of the N-th producer by id, N ≤ {}), \
         buyer-N@…, organizer-N@…",
        coopbridge_seed::DEMO_PASSWORD,
        coopbridge_seed::synthetic_people::MEMBER_ACCOUNTS
    );
    Ok(())
}
