//! Opening the database (SQLite or PostgreSQL, chosen by URL) and migrating it.

use std::time::Duration;

use coopbridge_migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr, SqliteTransactionMode, TransactionOptions,
};

/// How the domain opens its transactions: `BEGIN IMMEDIATE` on SQLite (other
/// databases ignore it). A deferred SQLite transaction that reads and then
/// writes fails at once with "database is locked" when another connection
/// wrote in between, whatever the busy timeout: concurrent catalog writes
/// failed with `INTERNAL`. Taking the write lock at `BEGIN` makes them wait
/// their turn instead.
pub const WRITE: TransactionOptions = TransactionOptions {
    isolation_level: None,
    access_mode: None,
    sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
};

/// Which database a URL points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Option<Backend> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }
}

/// Opens a pool. SQLite files are created if missing and run in WAL mode with a
/// busy timeout, so readers never block the writer and concurrent writers wait
/// instead of failing with "database is locked".
pub async fn connect(url: &str, max_connections: u32) -> Result<DatabaseConnection, DbErr> {
    let backend =
        Backend::of_url(url).ok_or_else(|| DbErr::Custom(format!("unsupported database URL scheme in {url:?}")))?;
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(max_connections)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(5))
        // Also the longest a request waits while the database is down (the
        // pool keeps retrying to connect until then): it then fails with
        // `UNAVAILABLE`. A PostgreSQL connection is checked before use, so
        // the pool recovers by itself when the server is back. A SQLite file
        // cannot go away under an open connection, and the check is a round
        // trip to the connection's worker thread before every statement
        // (half of a page's database time), so SQLite skips it.
        .acquire_timeout(Duration::from_secs(5))
        .test_before_acquire(backend == Backend::Postgres)
        // Each statement is logged at `info` under `sqlx::query` (hidden by
        // the default filter; `RUST_LOG=info,sqlx::query=info` shows them).
        .sqlx_logging(true);
    if backend == Backend::Sqlite {
        options.map_sqlx_sqlite_opts(|opts| {
            opts.create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
        });
    }
    Database::connect(options).await
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// Reachability check for `/readyz`.
pub async fn ping(db: &DatabaseConnection) -> Result<(), DbErr> {
    db.execute_unprepared("SELECT 1").await.map(|_| ())
}
