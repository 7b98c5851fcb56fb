//! Builds the application on a bound listener (port 0 works, for tests) and
//! runs it until SIGTERM or Ctrl-C, letting requests in flight finish.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use axum::Router;
use coopbridge_domain::database;
use coopbridge_search::SearchIndex;
use coopbridge_storage::BlobStore;
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;

use crate::config::{DataArgs, ServeArgs};
use crate::graphql::{self, ApiSettings, Limits};
use crate::routes::response_cache::ResponseCache;
use crate::routes::{self, AppState};

/// Opens (creating if needed) and migrates the configured database.
pub async fn open_database(data: &DataArgs) -> anyhow::Result<DatabaseConnection> {
    std::fs::create_dir_all(&data.data_dir)
        .with_context(|| format!("COOPBRIDGE_DATA_DIR: cannot create {}", data.data_dir.display()))?;
    let url = data.effective_database_url();
    let mut db = database::connect(&url, data.db_max_connections)
        .await
        .with_context(|| {
            format!(
                "DATABASE_URL: cannot connect to {}",
                crate::config::mask_url_password(&url)
            )
        })?;
    database::migrate(&db).await.context("migrating the database failed")?;
    crate::routes::metrics::count_statements(&mut db);
    Ok(db)
}

/// The file store: S3 when `COOPBRIDGE_S3_BUCKET` is set, else `<data dir>/files`.
pub async fn open_blob_store(data: &DataArgs) -> anyhow::Result<Arc<dyn BlobStore>> {
    let store = coopbridge_storage::open(data.storage.s3_config(), &data.data_dir)
        .await
        .context("COOPBRIDGE_S3_BUCKET / S3_ENDPOINT: cannot open the file store")?;
    tracing::info!(store = store.describe(), "file store ready");
    Ok(store)
}

pub struct Application {
    listener: TcpListener,
    router: Router,
    /// `/metrics` on its own address (`COOPBRIDGE_METRICS_ADDR`).
    metrics: Option<(TcpListener, Router)>,
    header_read_timeout: Duration,
    shutdown_timeout: Duration,
    worker: Option<SearchWorker>,
}

/// The search worker running beside the server, stopped with it.
struct SearchWorker {
    stop: tokio::sync::watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

/// Outbox rows per worker round.
pub const SEARCH_BATCH: u64 = 500;
/// How often an idle worker looks for new outbox rows.
pub const SEARCH_IDLE: Duration = Duration::from_millis(200);

fn spawn_search_worker(
    db: DatabaseConnection,
    index: Arc<dyn SearchIndex>,
    response_cache: Option<Arc<ResponseCache>>,
) -> SearchWorker {
    let (stop, stopped) = tokio::sync::watch::channel(false);
    // Search answers kept by the response cache are stale once the index changed.
    let on_applied = move || {
        if let Some(cache) = &response_cache {
            cache.changed();
        }
    };
    let task = tokio::spawn(coopbridge_domain::search::run_worker(
        db,
        index,
        SEARCH_BATCH,
        SEARCH_IDLE,
        stopped,
        on_applied,
    ));
    SearchWorker { stop, task }
}

impl Application {
    pub async fn build(args: &ServeArgs, db: DatabaseConnection) -> anyhow::Result<Self> {
        let store = open_blob_store(&args.data).await?;
        let index = crate::search_engine::open(args.search.engine_config(&args.data.data_dir)).await?;
        tracing::info!(engine = args.search.describe(), "search ready");
        let response_cache = ResponseCache::new(
            Duration::from_secs(args.response_cache_seconds),
            args.response_cache_mb * 1024 * 1024,
        );
        if let Some(cache) = &response_cache {
            routes::cache_peers::connect(cache, &args.data.effective_database_url());
        }
        let worker = if args.search_worker {
            // Its own small pool: the worker's polling stays out of the
            // request pool and out of `coopbridge_sql_statements_total`.
            let worker_db = database::connect(&args.data.effective_database_url(), 2)
                .await
                .context("DATABASE_URL: cannot connect the search worker")?;
            Some(spawn_search_worker(worker_db, index.clone(), response_cache.clone()))
        } else {
            None
        };
        let rate_limits = std::sync::Arc::new(
            crate::rate_limit::RateLimits::new(
                args.sign_in_per_minute,
                args.sign_in_per_ip_per_minute,
                args.inquiries_per_hour,
            )
            .shared_through(&db),
        );
        let sweeper = std::sync::Arc::downgrade(&rate_limits);
        tokio::spawn(async move {
            let mut every = tokio::time::interval(Duration::from_secs(600));
            loop {
                every.tick().await;
                match sweeper.upgrade() {
                    Some(limits) => limits.retain_recent().await,
                    None => break,
                }
            }
        });
        // Deletes expired tokens and idle rate-limit counters (periods in `domain::retention`),
        // on a connection of its own like the search worker's: out of the request pool's count.
        let retention_db = database::connect(&args.data.effective_database_url(), 1)
            .await
            .context("DATABASE_URL: cannot connect the retention job")?;
        tokio::spawn(coopbridge_domain::retention::run_daily(retention_db));
        let settings = ApiSettings {
            token_ttl: chrono::Duration::hours(args.token_ttl_hours.into()),
            rate_limits,
        };
        let limits = Limits {
            max_depth: args.graphql_max_depth as usize,
            max_complexity: args.graphql_max_complexity as usize,
            max_aliases: args.graphql_max_aliases as usize,
            max_fragments: args.graphql_max_fragments as usize,
        };
        let services = graphql::Services {
            db: db.clone(),
            store: store.clone(),
            search: index,
        };
        let schema = graphql::build_schema(Some(services), settings, limits);
        let places = coopbridge_domain::places::PlaceDirectory::load(&db)
            .await
            .context("cannot read the provinces and communes")?;
        let places = Arc::new(places);
        let backup_status = args.backup.backup_dir.clone().map(|dir| {
            let schedule = coopbridge_backup::schedule::Schedule {
                dir,
                every: args.backup.backup_every,
                keep: args.backup.backup_keep as usize,
                database_url: args.data.effective_database_url(),
                copy_files: args.data.storage.s3_config().is_none(),
            };
            coopbridge_backup::schedule::spawn(schedule, store.clone()).0
        });
        let state = AppState {
            db,
            schema,
            store,
            max_upload_bytes: args.max_upload_bytes as usize,
            max_body_bytes: args.max_body_bytes as usize,
            body_read_timeout: args.http.body_read_timeout(),
            dataloader_delay: std::time::Duration::from_micros(args.dataloader_delay_us),
            trust_forwarded_for: args.trust_forwarded_for,
            public_url: args.public_url.clone(),
            response_cache,
            places,
            backup_status,
        };
        let router = routes::router(state, &args.frontend_dir(), &args.http);
        let listener = TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("COOPBRIDGE_ADDR: cannot listen on {}", args.addr))?;
        let metrics = match args.http.metrics_addr {
            Some(addr) => {
                let listener = TcpListener::bind(addr)
                    .await
                    .with_context(|| format!("COOPBRIDGE_METRICS_ADDR: cannot listen on {addr}"))?;
                Some((listener, routes::metrics::router(args.http.metrics_token())))
            }
            None => None,
        };
        Ok(Self {
            listener,
            router,
            metrics,
            header_read_timeout: args.http.header_read_timeout(),
            shutdown_timeout: Duration::from_secs(args.shutdown_timeout_secs),
            worker,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().expect("bound listener has an address")
    }

    /// Where `/metrics` is served when it has its own address.
    pub fn metrics_addr(&self) -> Option<SocketAddr> {
        self.metrics
            .as_ref()
            .map(|(listener, _)| listener.local_addr().expect("bound listener has an address"))
    }

    /// Serves until SIGTERM/Ctrl-C; then stops accepting, lets requests in
    /// flight finish (up to the shutdown timeout) and returns.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
        let stopped = |mut rx: tokio::sync::watch::Receiver<bool>| async move {
            let _ = rx.wait_for(|stopped| *stopped).await;
        };
        if let Some((listener, router)) = self.metrics {
            tokio::spawn(crate::http_server::serve(
                listener,
                router,
                self.header_read_timeout,
                stopped(stop_rx.clone()),
            ));
        }
        let server = crate::http_server::serve(
            self.listener,
            self.router,
            self.header_read_timeout,
            stopped(stop_rx.clone()),
        );
        tokio::spawn(async move {
            shutdown_signal().await;
            tracing::info!("shutting down: finishing requests in flight");
            let _ = stop_tx.send(true);
        });
        let deadline = async {
            stopped(stop_rx).await;
            tokio::time::sleep(self.shutdown_timeout).await;
        };
        tokio::select! {
            () = server => {}
            () = deadline => tracing::warn!("shutdown timeout reached; dropping remaining requests"),
        }
        if let Some(worker) = self.worker {
            let _ = worker.stop.send(true);
            let _ = worker.task.await;
        }
        tracing::info!("stopped");
        Ok(())
    }
}

pub(crate) async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
