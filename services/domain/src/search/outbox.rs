//! The search outbox. A catalog write calls [`enqueue_producer`] inside its
//! own transaction, so the change and the note to reindex it commit together
//! or not at all. The worker (see `sync`) deletes a row only after the engine
//! has taken the documents it stands for.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, IntoIden, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::entities::{fair_event, producer, search_outbox};
use crate::error::Result;

/// The subject kind for a producer and everything it lists.
pub const PRODUCER: &str = "producer";

/// The subject kind for a published event (fair, conference, market); stored
/// as "fair", the name outbox rows were written with before the rename.
pub const EVENT: &str = "fair";

/// Notes that an event was published or changed.
pub async fn enqueue_event(db: &impl ConnectionTrait, event_id: i32) -> Result<()> {
    enqueue(db, EVENT, event_id).await
}

/// Notes that a producer (its profile, products, certificates or labels) changed.
pub async fn enqueue_producer(db: &impl ConnectionTrait, producer_id: i32) -> Result<()> {
    enqueue(db, PRODUCER, producer_id).await
}

async fn enqueue(db: &impl ConnectionTrait, kind: &str, id: i32) -> Result<()> {
    pending(kind, id).insert(db).await?;
    Ok(())
}

/// A new outbox row for `kind` (`PRODUCER` or `EVENT`) `id`, due now; bulk
/// loaders insert many at once.
pub fn pending(kind: &str, id: i32) -> search_outbox::ActiveModel {
    search_outbox::ActiveModel {
        subject_kind: Set(kind.to_owned()),
        subject_id: Set(id),
        enqueued_at: Set(Utc::now()),
        attempts: Set(0),
        next_attempt_at: Set(None),
        last_error: Set(None),
        ..Default::default()
    }
}

/// Notes every producer and every event at once (two `INSERT … SELECT`
/// statements), so that a full rebuild interrupted half-way is finished by
/// the worker instead of leaving the index silently incomplete.
pub async fn enqueue_all(db: &impl ConnectionTrait) -> Result<()> {
    let now = Utc::now();
    for (kind, table, id) in [
        (PRODUCER, producer::Entity.into_iden(), producer::Column::Id.into_iden()),
        (
            EVENT,
            fair_event::Entity.into_iden(),
            fair_event::Column::Id.into_iden(),
        ),
    ] {
        let select = Query::select()
            .expr(Expr::val(kind))
            .column(id)
            .expr(Expr::val(now))
            .expr(Expr::val(0))
            .from(table)
            .to_owned();
        let insert = Query::insert()
            .into_table(search_outbox::Entity)
            .columns([
                search_outbox::Column::SubjectKind,
                search_outbox::Column::SubjectId,
                search_outbox::Column::EnqueuedAt,
                search_outbox::Column::Attempts,
            ])
            .select_from(select)
            .map_err(|e| crate::error::Error::Internal(e.to_string()))?
            .to_owned();
        db.execute(&insert).await?;
    }
    Ok(())
}

/// Rows whose turn has come, oldest first.
pub async fn due(db: &impl ConnectionTrait, now: DateTime<Utc>, limit: u64) -> Result<Vec<search_outbox::Model>> {
    Ok(search_outbox::Entity::find()
        .filter(
            Condition::any()
                .add(search_outbox::Column::NextAttemptAt.is_null())
                .add(search_outbox::Column::NextAttemptAt.lte(now)),
        )
        .order_by_asc(search_outbox::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

/// Removes rows the engine has taken.
pub async fn remove(db: &impl ConnectionTrait, ids: &[i64]) -> Result<()> {
    search_outbox::Entity::delete_many()
        .filter(search_outbox::Column::Id.is_in(ids.iter().copied()))
        .exec(db)
        .await?;
    Ok(())
}

/// Delay before the next attempt after `attempts` failures: 1 s, 2 s, 4 s…
/// capped at one minute, so a long outage costs one try a minute.
pub fn backoff(attempts: i32) -> Duration {
    Duration::seconds(std::cmp::min(1i64 << attempts.clamp(0, 6), 60))
}

/// Keeps failed rows, counting the attempt and scheduling the next one.
pub async fn postpone(db: &impl ConnectionTrait, rows: &[search_outbox::Model], error: &str) -> Result<()> {
    let now = Utc::now();
    let message: String = error.chars().take(1000).collect();
    for row in rows {
        let attempts = row.attempts.saturating_add(1);
        search_outbox::Entity::update_many()
            .col_expr(search_outbox::Column::Attempts, Expr::val(attempts))
            .col_expr(search_outbox::Column::NextAttemptAt, Expr::val(now + backoff(attempts)))
            .col_expr(search_outbox::Column::LastError, Expr::val(message.clone()))
            .filter(search_outbox::Column::Id.eq(row.id))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// How many changes are waiting, and the oldest one's age (for /metrics and readiness).
pub async fn backlog(db: &impl ConnectionTrait) -> Result<(u64, Option<DateTime<Utc>>)> {
    let count = search_outbox::Entity::find().count(db).await?;
    let oldest = search_outbox::Entity::find()
        .order_by_asc(search_outbox::Column::Id)
        .one(db)
        .await?
        .map(|row| row.enqueued_at);
    Ok((count, oldest))
}

/// The highest row id now (a reindex clears rows up to it once done).
pub async fn last_id(db: &impl ConnectionTrait) -> Result<Option<i64>> {
    Ok(search_outbox::Entity::find()
        .order_by_desc(search_outbox::Column::Id)
        .one(db)
        .await?
        .map(|row| row.id))
}

/// Removes every row up to `id` (after a full reindex has covered them).
pub async fn remove_up_to(db: &impl ConnectionTrait, id: i64) -> Result<()> {
    search_outbox::Entity::delete_many()
        .filter(Expr::col(search_outbox::Column::Id).lte(id))
        .exec(db)
        .await?;
    Ok(())
}
