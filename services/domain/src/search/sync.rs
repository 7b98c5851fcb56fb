//! Applying outbox rows to the index (the worker) and rebuilding it (reindex).
//!
//! A row is deleted only after the engine has taken its documents, in a
//! later statement than the read, and by id: a change committed while a
//! round runs has its own row and is applied in the next round. When the
//! engine fails, the round's rows stay, with a growing back-off.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use coopbridge_search::{SearchError, SearchIndex};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Statement, TransactionTrait,
};
use tokio::sync::watch;

use super::{documents, outbox};
use crate::entities::{fair_event, producer};
use crate::error::{Error, Result};

impl From<SearchError> for Error {
    fn from(error: SearchError) -> Self {
        match error {
            SearchError::InvalidRequest { field, message } => {
                Error::field(field, crate::error::ErrorCode::InvalidFormat, message)
            }
            SearchError::Unavailable(message) => Error::Unavailable(format!("search engine: {message}")),
            SearchError::Internal(message) => Error::Internal(format!("search engine: {message}")),
        }
    }
}

/// What one worker round did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RoundOutcome {
    /// Outbox rows applied and removed.
    pub applied: usize,
    /// Outbox rows kept for a later attempt because the engine failed.
    pub postponed: usize,
}

/// One round: takes up to `batch` due rows, rebuilds the producers they name
/// and hands the documents to the engine.
pub async fn apply_due(db: &DatabaseConnection, index: &dyn SearchIndex, batch: u64) -> Result<RoundOutcome> {
    if db.get_database_backend() == DbBackend::Postgres {
        // Several replicas may run a worker: one round at a time, so an older
        // read never overwrites a newer one in the index.
        let txn = db.begin_with_options(crate::database::WRITE).await?;
        let locked = txn
            .query_one_raw(Statement::from_string(
                DbBackend::Postgres,
                "SELECT pg_try_advisory_xact_lock(724310) AS locked",
            ))
            .await?
            .map(|row| row.try_get::<bool>("", "locked"))
            .transpose()?
            .unwrap_or(false);
        if !locked {
            return Ok(RoundOutcome::default());
        }
        let outcome = round(&txn, index, batch).await?;
        txn.commit().await?;
        Ok(outcome)
    } else {
        // SQLite: one process owns the database; no long transaction, so
        // catalog writes are never blocked by the engine being slow.
        round(db, index, batch).await
    }
}

async fn round(db: &impl ConnectionTrait, index: &dyn SearchIndex, batch: u64) -> Result<RoundOutcome> {
    let rows = outbox::due(db, Utc::now(), batch).await?;
    if rows.is_empty() {
        return Ok(RoundOutcome::default());
    }
    let ids_of = |kind: &str| {
        let mut ids: Vec<i32> = rows
            .iter()
            .filter(|r| r.subject_kind == kind)
            .map(|r| r.subject_id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let mut docs = documents::family_documents(db, &ids_of(outbox::PRODUCER)).await?;
    let fairs = documents::event_documents(db, &ids_of(outbox::EVENT)).await?;
    docs.upserts.extend(fairs.upserts);
    docs.deletes.extend(fairs.deletes);
    let applied = async {
        if !docs.deletes.is_empty() {
            index.delete(docs.deletes).await?;
        }
        if !docs.upserts.is_empty() {
            index.upsert(docs.upserts).await?;
        }
        Ok::<_, SearchError>(())
    }
    .await;
    match applied {
        Ok(()) => {
            let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
            let _turn = crate::database::write_turn(db).await;
            outbox::remove(db, &ids).await?;
            Ok(RoundOutcome {
                applied: rows.len(),
                postponed: 0,
            })
        }
        Err(error) => {
            tracing::warn!(%error, rows = rows.len(), "search engine refused a batch; will retry");
            let _turn = crate::database::write_turn(db).await;
            outbox::postpone(db, &rows, &error.to_string()).await?;
            Ok(RoundOutcome {
                applied: 0,
                postponed: rows.len(),
            })
        }
    }
}

/// Runs rounds until `shutdown` turns true: straight on while there is a
/// backlog, every `idle` otherwise (which also picks up writes made by other
/// processes, such as `coopbridge seed`). `on_applied` runs after each round
/// that changed the index.
pub async fn run_worker(
    db: DatabaseConnection,
    index: Arc<dyn SearchIndex>,
    batch: u64,
    idle: Duration,
    mut shutdown: watch::Receiver<bool>,
    on_applied: impl Fn() + Send + 'static,
) {
    tracing::info!(engine = index.engine(), "search worker started");
    while !*shutdown.borrow() {
        let round = apply_due(&db, index.as_ref(), batch).await;
        if round.as_ref().is_ok_and(|outcome| outcome.applied > 0) {
            on_applied();
        }
        let pause = match round {
            Ok(outcome) if outcome.applied as u64 == batch => Duration::ZERO,
            Ok(outcome) => {
                if outcome.applied > 0 {
                    tracing::debug!(rows = outcome.applied, "search index updated");
                }
                idle
            }
            Err(error) => {
                tracing::error!(%error, "search worker round failed; retrying");
                idle.max(Duration::from_secs(1))
            }
        };
        if !pause.is_zero() {
            tokio::select! {
                _ = tokio::time::sleep(pause) => {}
                _ = shutdown.changed() => {}
            }
        }
    }
    tracing::info!("search worker stopped");
}

#[derive(Debug, Default, Clone)]
pub struct ReindexReport {
    pub producers: u64,
    pub documents: u64,
}

/// Rebuilds the index from the database, producer by producer, calling
/// `progress(done, total)` after each chunk. Outbox rows that existed when it
/// started are covered and removed; later ones are left for the worker.
///
/// The documents go through [`SearchIndex::rebuild`] (Meilisearch: a fresh
/// index swapped in at the end). Before starting it notes every producer and
/// event in the outbox: if the run is killed half-way, the worker (or the
/// next reindex) rebuilds the rest. On PostgreSQL it holds the worker's lock
/// throughout, so no replica's worker writes into the index being replaced
/// (changes made meanwhile wait in the outbox and are applied after the swap).
pub async fn reindex(
    db: &DatabaseConnection,
    index: &dyn SearchIndex,
    chunk: u64,
    mut progress: impl FnMut(u64, u64),
) -> Result<ReindexReport> {
    let worker_lock = if db.get_database_backend() == DbBackend::Postgres {
        let txn = db.begin().await?;
        txn.execute_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock(724310)",
        ))
        .await?;
        Some(txn)
    } else {
        None
    };
    outbox::enqueue_all(db).await?;
    let high_water = outbox::last_id(db).await?;
    let mut rebuild = index.rebuild().await?;
    let total = producer::Entity::find().count(db).await?;
    let mut report = ReindexReport::default();
    let mut after = 0;
    loop {
        let ids: Vec<i32> = producer::Entity::find()
            .select_only()
            .column(producer::Column::Id)
            .filter(producer::Column::Id.gt(after))
            .order_by_asc(producer::Column::Id)
            .limit(chunk)
            .into_tuple()
            .all(db)
            .await?;
        let Some(&last) = ids.last() else { break };
        after = last;
        let docs = documents::family_documents(db, &ids).await?;
        report.documents += docs.upserts.len() as u64;
        rebuild.add(docs.upserts).await?;
        report.producers += ids.len() as u64;
        progress(report.producers, total);
    }
    let event_ids: Vec<i32> = fair_event::Entity::find()
        .select_only()
        .column(fair_event::Column::Id)
        .order_by_asc(fair_event::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    for ids in event_ids.chunks(chunk as usize) {
        let docs = documents::event_documents(db, ids).await?;
        report.documents += docs.upserts.len() as u64;
        rebuild.add(docs.upserts).await?;
    }
    rebuild.finish().await?;
    if let Some(id) = high_water {
        outbox::remove_up_to(db, id).await?;
    }
    if let Some(txn) = worker_lock {
        txn.commit().await?;
    }
    Ok(report)
}

/// Pending changes (for `searchStatus` and /metrics).
pub async fn backlog(db: &impl ConnectionTrait) -> Result<(u64, Option<chrono::DateTime<Utc>>)> {
    outbox::backlog(db).await
}
