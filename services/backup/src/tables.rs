//! Row counts and row checksums of every table, computed the same way on the
//! live copy and on a restore, so the two can be compared table by table.
//!
//! Each row is rendered as text by the database itself (`row::text` on
//! PostgreSQL, `quote()` of every column on SQLite), the texts are sorted and
//! hashed. The digest does not depend on row order or on our entity types, so
//! it also works on a backup of an older schema.

use sea_orm::{ConnectionTrait, DbBackend, Statement};
use sha2::{Digest, Sha256};

use crate::manifest::TableDigest;

/// The tables of the connection's database (its current schema on
/// PostgreSQL), sorted by name.
pub async fn table_names<C: ConnectionTrait>(db: &C) -> Result<Vec<String>, sea_orm::DbErr> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Sqlite => {
            "SELECT name AS name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        }
        _ => "SELECT tablename::text AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename",
    };
    let rows = db.query_all_raw(Statement::from_string(backend, sql)).await?;
    rows.iter().map(|row| row.try_get::<String>("", "name")).collect()
}

/// Count and checksum of every table. On PostgreSQL, `db` must be a
/// transaction: the rendering settings (time zone, date style…) are fixed
/// for it, so a server configured differently renders the same rows alike.
pub async fn digest_tables<C: ConnectionTrait>(db: &C) -> Result<Vec<TableDigest>, sea_orm::DbErr> {
    if db.get_database_backend() == DbBackend::Postgres {
        db.execute_unprepared(
            "SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL IntervalStyle = 'postgres'; \
             SET LOCAL extra_float_digits = 3; SET LOCAL bytea_output = 'hex'",
        )
        .await?;
    }
    let mut digests = Vec::new();
    for name in table_names(db).await? {
        digests.push(digest_table(db, &name).await?);
    }
    Ok(digests)
}

async fn digest_table<C: ConnectionTrait>(db: &C, table: &str) -> Result<TableDigest, sea_orm::DbErr> {
    let backend = db.get_database_backend();
    let quoted = quote_identifier(table);
    let sql = match backend {
        DbBackend::Sqlite => {
            let columns = db
                .query_all_raw(Statement::from_sql_and_values(
                    backend,
                    "SELECT name AS name FROM pragma_table_info(?) ORDER BY cid",
                    [table.into()],
                ))
                .await?;
            let mut rendered = Vec::with_capacity(columns.len());
            for column in &columns {
                let column: String = column.try_get("", "name")?;
                rendered.push(format!("quote({})", quote_identifier(&column)));
            }
            format!("SELECT {} AS row_text FROM {quoted}", rendered.join(" || ',' || "))
        }
        _ => format!("SELECT t::text AS row_text FROM {quoted} t"),
    };
    let rows = db.query_all_raw(Statement::from_string(backend, sql)).await?;
    let mut texts = Vec::with_capacity(rows.len());
    for row in &rows {
        texts.push(row.try_get::<String>("", "row_text")?);
    }
    texts.sort_unstable();
    let mut hasher = Sha256::new();
    for text in &texts {
        hasher.update(text.as_bytes());
        hasher.update(b"\n");
    }
    Ok(TableDigest {
        name: table.to_owned(),
        rows: texts.len() as u64,
        sha256: hex::encode(hasher.finalize()),
    })
}

/// Rows per table, by name: what a restore prints once it has migrated
/// (the rows themselves were compared before, with [`digest_tables`]).
pub async fn count_rows<C: ConnectionTrait>(db: &C) -> Result<Vec<(String, u64)>, sea_orm::DbErr> {
    let backend = db.get_database_backend();
    let mut counts = Vec::new();
    for name in table_names(db).await? {
        let sql = format!("SELECT COUNT(*) AS n FROM {}", quote_identifier(&name));
        let row = db.query_one_raw(Statement::from_string(backend, sql)).await?;
        let rows = row.map(|r| r.try_get::<i64>("", "n")).transpose()?.unwrap_or(0);
        counts.push((name, rows.max(0) as u64));
    }
    Ok(counts)
}

/// `"name"`, with inner quotes doubled (same rule on both databases).
fn quote_identifier(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The migrations recorded as applied, oldest first; empty when the
/// database was never migrated.
pub async fn applied_migrations<C: ConnectionTrait>(db: &C) -> Result<Vec<String>, sea_orm::DbErr> {
    if !table_names(db).await?.iter().any(|t| t == "seaql_migrations") {
        return Ok(Vec::new());
    }
    let backend = db.get_database_backend();
    let rows = db
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT version AS version FROM seaql_migrations ORDER BY version",
        ))
        .await?;
    rows.iter().map(|row| row.try_get::<String>("", "version")).collect()
}
