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

/// This process's writers on SQLite, in arrival order. SQLite has one write
/// lock per file; a connection that finds it taken retries after sleeps of
/// up to 100 ms, so under a burst of writes (a fair's registration opening)
/// some requests kept losing the race: 1.1 s at the 99th percentile for 16
/// concurrent fair registrations. Queueing here instead gives each its turn
/// as soon as the previous transaction ends.
static SQLITE_WRITER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Waits for this process's turn to write, to be held until the write
/// transaction begun next ends: on SQLite, when `db` is the connection pool.
/// `None` (no wait) on PostgreSQL, whose row locks let writers proceed side
/// by side, and inside a transaction, whose outer transaction holds the turn.
pub async fn write_turn<C: ConnectionTrait>(db: &C) -> Option<tokio::sync::MutexGuard<'static, ()>> {
    let is_pool = std::any::type_name::<C>() == std::any::type_name::<DatabaseConnection>();
    if is_pool && db.get_database_backend() == sea_orm::DbBackend::Sqlite {
        Some(SQLITE_WRITER.lock().await)
    } else {
        None
    }
}

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
        .sqlx_logging(false);
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

#[cfg(test)]
mod tests {
    use sea_orm::TransactionTrait;

    use super::*;

    #[tokio::test]
    async fn sqlite_writers_take_turns_and_a_transaction_inside_one_does_not_wait() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("turns.db").display());
        let db = connect(&url, 2).await.unwrap();
        let turn = write_turn(&db).await;
        assert!(turn.is_some(), "the pool takes the process's write turn on SQLite");
        assert!(
            SQLITE_WRITER.try_lock().is_err(),
            "a second writer waits while the turn is held"
        );
        let txn = db.begin_with_options(WRITE).await.unwrap();
        // Code handed a transaction (nested writes) must not wait for the
        // turn its caller holds: that would never end.
        assert!(write_turn(&txn).await.is_none());
        txn.commit().await.unwrap();
        drop(turn);
    }
}
