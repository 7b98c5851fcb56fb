//! The database half of a backup: a consistent copy taken while `serve`
//! writes, and the facts about it (tables, migrations, stored files) read
//! from that same copy, never from the live database a moment later.
//!
//! SQLite: `VACUUM INTO` writes a transactionally consistent copy; the facts
//! are read from the copy. PostgreSQL: a read-only repeatable-read
//! transaction exports its snapshot, `pg_dump --snapshot` dumps exactly it,
//! and the facts are read inside the same transaction.

use std::path::{Path, PathBuf};

use coopbridge_domain::database::Backend;
use sea_orm::{
    AccessMode, ConnectionTrait, Database, DatabaseConnection, DbBackend, IsolationLevel, Statement, TransactionTrait,
};

use crate::manifest::{DatabaseDump, FileEntry, TableDigest};
use crate::{BackupError, checksum, pg_tools, tables};

pub const SQLITE_FILE: &str = "database.sqlite";
pub const POSTGRES_FILE: &str = "database.pgdump";

/// What the copy holds.
pub struct DatabaseCopy {
    pub dump: DatabaseDump,
    pub migrations: Vec<String>,
    pub tables: Vec<TableDigest>,
    /// Stored files the copy refers to (not purged), with the checksums
    /// recorded at upload.
    pub files: Vec<FileEntry>,
}

/// Copies the database at `url` into `dir`.
pub async fn copy(url: &str, dir: &Path) -> Result<DatabaseCopy, BackupError> {
    match Backend::of_url(url) {
        Some(Backend::Sqlite) => copy_sqlite(url, dir).await,
        Some(Backend::Postgres) => copy_postgres(url, dir).await,
        None => Err(BackupError::Failed(anyhow::anyhow!(
            "DATABASE_URL: unsupported database URL"
        ))),
    }
}

/// The file behind an SQLite URL (`sqlite://path?mode=rwc`, `sqlite:path`).
pub fn sqlite_path(url: &str) -> PathBuf {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    PathBuf::from(rest.split('?').next().unwrap_or(rest))
}

/// A URL opening an SQLite file read-only, so reading it never changes its bytes.
pub fn sqlite_read_only_url(path: &Path) -> String {
    format!("sqlite://{}?mode=ro", path.display())
}

async fn copy_sqlite(url: &str, dir: &Path) -> Result<DatabaseCopy, BackupError> {
    let live = sqlite_path(url);
    if !live.is_file() {
        return Err(BackupError::Failed(anyhow::anyhow!(
            "there is no database at {}: check COOPBRIDGE_DATA_DIR / DATABASE_URL",
            live.display()
        )));
    }
    let target = dir.join(SQLITE_FILE);
    let db = Database::connect(sqlite_read_only_url(&live))
        .await
        .map_err(database_error)?;
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Sqlite,
        "VACUUM INTO ?",
        [target.to_string_lossy().into_owned().into()],
    ))
    .await
    .map_err(database_error)?;
    db.close().await.ok();
    let copy = Database::connect(sqlite_read_only_url(&target))
        .await
        .map_err(database_error)?;
    let facts = read_facts(&copy).await;
    copy.close().await.ok();
    let (migrations, tables, files) = facts?;
    Ok(DatabaseCopy {
        dump: dump_entry("sqlite", &target)?,
        migrations,
        tables,
        files,
    })
}

async fn copy_postgres(url: &str, dir: &Path) -> Result<DatabaseCopy, BackupError> {
    let pg_dump = pg_tools::find("pg_dump")?;
    let target = dir.join(POSTGRES_FILE);
    let db = Database::connect(url).await.map_err(database_error)?;
    let snapshot = db
        .begin_with_config(Some(IsolationLevel::RepeatableRead), Some(AccessMode::ReadOnly))
        .await
        .map_err(database_error)?;
    let row = snapshot
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT pg_export_snapshot() AS id",
        ))
        .await
        .map_err(database_error)?
        .ok_or_else(|| BackupError::Failed(anyhow::anyhow!("pg_export_snapshot returned nothing")))?;
    let snapshot_id: String = row.try_get("", "id").map_err(database_error)?;
    let mut command = pg_tools::command(&pg_dump, url)?;
    command
        .arg("--format=custom")
        .arg(format!("--snapshot={snapshot_id}"))
        .arg(format!("--file={}", target.display()));
    // The snapshot stays importable only while its transaction is open: read
    // the facts in it while pg_dump runs, and end it after pg_dump is done.
    let (dumped, facts) = tokio::join!(pg_tools::run(command, "pg_dump"), read_facts(&snapshot));
    snapshot.commit().await.ok();
    db.close().await.ok();
    dumped?;
    let (migrations, tables, files) = facts?;
    Ok(DatabaseCopy {
        dump: dump_entry("postgres", &target)?,
        migrations,
        tables,
        files,
    })
}

type Facts = (Vec<String>, Vec<TableDigest>, Vec<FileEntry>);

async fn read_facts<C: ConnectionTrait>(db: &C) -> Result<Facts, BackupError> {
    let migrations = tables::applied_migrations(db).await.map_err(database_error)?;
    let digests = tables::digest_tables(db).await.map_err(database_error)?;
    let files = if digests.iter().any(|t| t.name == "stored_file") {
        stored_files(db).await?
    } else {
        Vec::new()
    };
    Ok((migrations, digests, files))
}

async fn stored_files<C: ConnectionTrait>(db: &C) -> Result<Vec<FileEntry>, BackupError> {
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT storage_key, content_type, byte_size, sha256 FROM stored_file \
             WHERE purged_at IS NULL ORDER BY id",
        ))
        .await
        .map_err(database_error)?;
    rows.iter()
        .map(|row| {
            Ok(FileEntry {
                key: row.try_get("", "storage_key")?,
                content_type: row.try_get("", "content_type")?,
                bytes: row.try_get::<i64>("", "byte_size")?.max(0) as u64,
                sha256: row.try_get("", "sha256")?,
            })
        })
        .collect::<Result<_, sea_orm::DbErr>>()
        .map_err(database_error)
}

fn dump_entry(backend: &str, path: &Path) -> Result<DatabaseDump, BackupError> {
    let (bytes, sha256) = checksum::file(path)?;
    Ok(DatabaseDump {
        backend: backend.to_owned(),
        file: path.file_name().expect("a file").to_string_lossy().into_owned(),
        bytes,
        sha256,
    })
}

pub(crate) fn database_error(e: sea_orm::DbErr) -> BackupError {
    BackupError::Failed(anyhow::anyhow!("database: {e}"))
}

/// Whether the database at `db` holds no table at all.
pub async fn is_empty(db: &DatabaseConnection) -> Result<bool, BackupError> {
    Ok(tables::table_names(db).await.map_err(database_error)?.is_empty())
}
