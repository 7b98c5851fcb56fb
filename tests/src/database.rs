//! A fresh, empty database per test, on SQLite or PostgreSQL.

use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use tempfile::TempDir;

/// The admin URL of the PostgreSQL server the tests may use; `.ci/run` sets it.
pub const POSTGRES_URL_VAR: &str = "COOPBRIDGE_TEST_POSTGRES_URL";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbKind {
    Sqlite,
    Postgres,
}

impl DbKind {
    /// Whether this database can be tested here. PostgreSQL needs
    /// COOPBRIDGE_TEST_POSTGRES_URL; under CI its absence fails the test
    /// instead of skipping it.
    pub fn available(self) -> bool {
        match self {
            DbKind::Sqlite => true,
            DbKind::Postgres => {
                if std::env::var_os(POSTGRES_URL_VAR).is_some() {
                    return true;
                }
                assert!(
                    std::env::var_os("CI").is_none(),
                    "{POSTGRES_URL_VAR} is not set: CI must test PostgreSQL (see .ci/run)"
                );
                eprintln!("SKIPPED on PostgreSQL: set {POSTGRES_URL_VAR} (see .ci/run) to run it");
                false
            }
        }
    }
}

pub struct TestDb {
    pub kind: DbKind,
    pub url: String,
    /// The data directory handed to the server (SQLite file, index, files).
    pub data_dir: TempDir,
    /// (database name, admin URL) of a PostgreSQL test database, dropped at the end.
    postgres_name: Option<(String, String)>,
}

impl TestDb {
    pub async fn new(kind: DbKind) -> TestDb {
        match kind {
            DbKind::Sqlite => {
                let data_dir = tempfile::Builder::new()
                    .prefix("coopbridge-test-")
                    .tempdir()
                    .expect("temp dir");
                let url = format!("sqlite://{}?mode=rwc", data_dir.path().join("coopbridge.db").display());
                TestDb {
                    kind,
                    url,
                    data_dir,
                    postgres_name: None,
                }
            }
            DbKind::Postgres => {
                let admin = std::env::var(POSTGRES_URL_VAR).expect("checked by DbKind::available");
                Self::postgres_at(&admin).await
            }
        }
    }

    /// A fresh database on the PostgreSQL server behind `admin` (a URL with
    /// the right to create databases), such as the outage test's own cluster.
    pub async fn postgres_at(admin: &str) -> TestDb {
        let data_dir = tempfile::Builder::new()
            .prefix("coopbridge-test-")
            .tempdir()
            .expect("temp dir");
        let name = format!("coopbridge_test_{}", uuid::Uuid::new_v4().simple());
        let conn = Database::connect(admin)
            .await
            .expect("connect to the PostgreSQL admin URL");
        conn.execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
            .await
            .expect("create test database");
        conn.close().await.ok();
        let url = replace_database_name(admin, &name);
        TestDb {
            kind: DbKind::Postgres,
            url,
            data_dir,
            postgres_name: Some((name, admin.to_owned())),
        }
    }

    /// A direct connection, for checks the API does not expose (row counts) and
    /// for setting up states such as expired tokens.
    pub async fn connect(&self) -> DatabaseConnection {
        Database::connect(&self.url)
            .await
            .expect("connect to the test database")
    }

    /// The same database for another server (a replica), with a data
    /// directory of its own; the database is dropped with `self`, not with it.
    pub fn shared(&self) -> TestDb {
        TestDb {
            kind: self.kind,
            url: self.url.clone(),
            data_dir: tempfile::Builder::new()
                .prefix("coopbridge-replica-")
                .tempdir()
                .expect("temp dir"),
            postgres_name: None,
        }
    }

    /// Rows in a table, to prove that refused writes left nothing behind.
    pub async fn count_rows(&self, table: &str) -> i64 {
        let conn = self.connect().await;
        let sql = format!("SELECT COUNT(*) AS n FROM {table}");
        let statement = sea_orm::Statement::from_string(conn.get_database_backend(), sql);
        let row = conn
            .query_one_raw(statement)
            .await
            .expect("count rows")
            .expect("one row");
        row.try_get("", "n").expect("a count")
    }
}

fn replace_database_name(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
    let prefix = base.rsplit_once('/').map_or(base, |(p, _)| p);
    match query {
        Some(q) => format!("{prefix}/{name}?{q}"),
        None => format!("{prefix}/{name}"),
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some((name, admin)) = self.postgres_name.take() else {
            return;
        };
        // Drop runs inside the test's runtime; use a thread with its own.
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .ok()?;
            runtime.block_on(async {
                let conn = Database::connect(&admin).await.ok()?;
                conn.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                    .await
                    .ok()?;
                conn.close().await.ok()
            })
        })
        .join();
    }
}
