//! The steps every catalog write shares: the gate on the producer an input
//! names, loading the row being changed, and the end of the write (audit
//! row, search outbox note, commit) so the three never drift apart.

use sea_orm::{ConnectionTrait, EntityTrait, PrimaryKeyTrait, TransactionSession};
use serde_json::Value;

use crate::audit;
use crate::authz::Actor;
use crate::entities::producer;
use crate::error::{Error, ErrorCode, Result};

/// Checks that `actor` may edit the catalog of the producer an input names
/// in `producerId`, and returns its profile: a missing organization or
/// profile is `NotFound` on that field.
pub(super) async fn authorize_producer_field(
    db: &impl ConnectionTrait,
    actor: &Actor,
    producer_id: i32,
) -> Result<producer::Model> {
    audit::authorize_edit_of(db, actor, producer_id, "producerId").await?;
    producer::Entity::find_by_id(producer_id)
        .one(db)
        .await?
        .ok_or_else(|| Error::field("producerId", ErrorCode::NotFound, "no such producer"))
}

/// Row `id` of `E`, or `NotFound` naming `entity`.
pub(super) async fn load<E>(db: &impl ConnectionTrait, id: i32, entity: &'static str) -> Result<E::Model>
where
    E: EntityTrait,
    <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<i32>,
{
    E::find_by_id(id).one(db).await?.ok_or(Error::NotFound { entity })
}

/// Ends a write to producer `producer_id`'s catalog inside its transaction:
/// the audit row when an outsider made it, the note to reindex the
/// producer's family, then the commit; all three or none.
pub(super) async fn commit(
    txn: impl ConnectionTrait + TransactionSession,
    actor: &Actor,
    producer_id: i32,
    action: &str,
    before: Option<Value>,
    after: Option<Value>,
) -> Result<()> {
    audit::record_edit(&txn, actor, producer_id, action, before, after).await?;
    crate::search::outbox::enqueue_producer(&txn, producer_id).await?;
    txn.commit().await?;
    Ok(())
}
