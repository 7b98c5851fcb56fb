//! Restoring a backup into an empty database and file store: every checksum
//! is verified before anything is written, the database's rows are compared
//! table by table with the manifest, then an older schema is migrated.
//! Rebuilding the search index is the caller's last step.

use std::path::{Path, PathBuf};

use coopbridge_domain::database::{self, Backend};
use coopbridge_migrations::{Migrator, MigratorTrait};
use coopbridge_storage::BlobStore;
use sea_orm::{Database, TransactionTrait};

use crate::database_copy::{self, database_error, sqlite_path, sqlite_read_only_url};
use crate::{BackupError, Manifest, Progress, archive, checksum, files, pg_tools, tables};

#[derive(Clone, Copy)]
pub struct RestoreRequest<'a> {
    /// A backup directory or `.tar` file.
    pub from: &'a Path,
    /// The empty database to restore into.
    pub database_url: &'a str,
    /// The file store to restore into (its emptiness is the caller's check).
    pub store: &'a dyn BlobStore,
}

/// What was restored: the backup's manifest, and each table's rows after
/// migrating.
pub struct RestoreReport {
    pub manifest: Manifest,
    pub tables: Vec<(String, u64)>,
    /// Migrations applied on top of the backup's schema.
    pub migrated: Vec<String>,
}

pub async fn restore(request: RestoreRequest<'_>, progress: &dyn Progress) -> Result<RestoreReport, BackupError> {
    let unpacked;
    let dir: &Path = if archive::is_archive(request.from) {
        let parent = request
            .from
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        unpacked = tempfile::Builder::new()
            .prefix(".coopbridge-restore-")
            .tempdir_in(parent)
            .or_else(|_| tempfile::tempdir())
            .map_err(|e| checksum::io_error(parent, e))?;
        progress.stage("unpacking", 0);
        archive::unpack(request.from, unpacked.path())?;
        unpacked.path()
    } else {
        request.from
    };
    let manifest = Manifest::read(dir)?;
    check_schema(&manifest)?;
    let backend = Backend::of_url(request.database_url)
        .ok_or_else(|| BackupError::Failed(anyhow::anyhow!("DATABASE_URL: unsupported database URL")))?;
    let expected = match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    if manifest.database.backend != expected {
        return Err(BackupError::Corrupt(format!(
            "this backup holds a {} database and DATABASE_URL points at {expected}: restore it into the same kind",
            manifest.database.backend
        )));
    }
    progress.stage("checking the database copy", 0);
    let dump = dir.join(&manifest.database.file);
    let (bytes, sha256) = checksum::file(&dump)
        .map_err(|_| BackupError::Corrupt(format!("{} is missing from the backup", manifest.database.file)))?;
    if bytes != manifest.database.bytes || sha256 != manifest.database.sha256 {
        return Err(BackupError::Corrupt(format!(
            "{} does not match its checksum in the manifest",
            manifest.database.file
        )));
    }
    files::verify(
        dir,
        &manifest.files.entries,
        manifest.files.copied,
        request.store,
        progress,
    )
    .await?;

    match backend {
        Backend::Sqlite => restore_sqlite(&manifest, &dump, request, dir, progress).await?,
        Backend::Postgres => restore_postgres(&manifest, &dump, request, dir, progress).await?,
    }

    progress.stage("migrating", 0);
    let db = database::connect(request.database_url, 2)
        .await
        .map_err(database_error)?;
    let before = tables::applied_migrations(&db).await.map_err(database_error)?;
    database::migrate(&db).await.map_err(database_error)?;
    let after = tables::applied_migrations(&db).await.map_err(database_error)?;
    let counted = tables::count_rows(&db).await.map_err(database_error)?;
    db.close().await.ok();
    Ok(RestoreReport {
        manifest,
        tables: counted,
        migrated: after.into_iter().filter(|m| !before.contains(m)).collect(),
    })
}

/// Refuses a backup that has migrations this build does not know.
fn check_schema(manifest: &Manifest) -> Result<(), BackupError> {
    let known: Vec<String> = Migrator::migrations().iter().map(|m| m.name().to_owned()).collect();
    if manifest.migrations.iter().any(|m| !known.contains(m)) {
        return Err(BackupError::NewerSchema {
            backup: manifest.schema_version().to_owned(),
            known: known.last().cloned().unwrap_or_default(),
            version: manifest.coopbridge_version.clone(),
        });
    }
    Ok(())
}

/// The copy goes in under a temporary name, is compared with the manifest,
/// and only then takes the database's name.
async fn restore_sqlite(
    manifest: &Manifest,
    dump: &Path,
    request: RestoreRequest<'_>,
    dir: &Path,
    progress: &dyn Progress,
) -> Result<(), BackupError> {
    let target = sqlite_path(request.database_url);
    if target.exists() && std::fs::metadata(&target).map(|m| m.len() > 0).unwrap_or(true) {
        let db = Database::connect(sqlite_read_only_url(&target))
            .await
            .map_err(database_error)?;
        let empty = database_copy::is_empty(&db).await?;
        db.close().await.ok();
        if !empty {
            return Err(not_empty(&target.display().to_string()));
        }
    }
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(|e| checksum::io_error(parent, e))?;
    }
    let staged = PathBuf::from(format!("{}.restoring", target.display()));
    std::fs::copy(dump, &staged).map_err(|e| checksum::io_error(&staged, e))?;
    let compared = async {
        let db = Database::connect(sqlite_read_only_url(&staged))
            .await
            .map_err(database_error)?;
        let compared = compare_rows(&db, manifest).await;
        db.close().await.ok();
        compared?;
        files::put_back(dir, &manifest.files.entries_to_put(), request.store, progress).await
    }
    .await;
    if let Err(e) = compared {
        std::fs::remove_file(&staged).ok();
        return Err(e);
    }
    // A write-ahead log left by the empty file must not be replayed onto the copy.
    for suffix in ["-wal", "-shm"] {
        std::fs::remove_file(format!("{}{suffix}", target.display())).ok();
    }
    std::fs::rename(&staged, &target).map_err(|e| checksum::io_error(&target, e))?;
    Ok(())
}

/// `pg_restore` in one transaction (all or nothing), then the rows are
/// compared with the manifest.
async fn restore_postgres(
    manifest: &Manifest,
    dump: &Path,
    request: RestoreRequest<'_>,
    dir: &Path,
    progress: &dyn Progress,
) -> Result<(), BackupError> {
    let pg_restore = pg_tools::find("pg_restore")?;
    let db = Database::connect(request.database_url).await.map_err(database_error)?;
    if !database_copy::is_empty(&db).await? {
        db.close().await.ok();
        return Err(not_empty("the database DATABASE_URL points at"));
    }
    let entries = manifest.files.entries_to_put();
    files::put_back(dir, &entries, request.store, progress).await?;
    progress.stage("restoring the database", 0);
    let mut command = pg_tools::command(&pg_restore, request.database_url)?;
    command
        .args([
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
        ])
        .arg(dump);
    if let Err(e) = pg_tools::run(command, "pg_restore").await {
        files::remove(&entries, request.store).await;
        db.close().await.ok();
        return Err(e);
    }
    let compared = compare_rows(&db, manifest).await;
    db.close().await.ok();
    compared
}

fn not_empty(what: &str) -> BackupError {
    BackupError::NotEmpty(format!(
        "{what} already holds data: restore only into an empty data directory or database"
    ))
}

/// Every table's rows, as restored, against the manifest.
async fn compare_rows(db: &sea_orm::DatabaseConnection, manifest: &Manifest) -> Result<(), BackupError> {
    let txn = db.begin().await.map_err(database_error)?;
    let restored = tables::digest_tables(&txn).await.map_err(database_error)?;
    txn.commit().await.ok();
    for expected in &manifest.tables {
        match restored.iter().find(|t| t.name == expected.name) {
            Some(found) if found == expected => {}
            Some(found) => {
                return Err(BackupError::Corrupt(format!(
                    "table {} restored {} rows that differ from the {} rows the manifest lists",
                    expected.name, found.rows, expected.rows
                )));
            }
            None => {
                return Err(BackupError::Corrupt(format!(
                    "table {} was not restored",
                    expected.name
                )));
            }
        }
    }
    Ok(())
}
