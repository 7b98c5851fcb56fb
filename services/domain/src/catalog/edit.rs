//! The steps every catalog write shares: the gate on the producer an input
//! names, loading the row being changed, saving or archiving it, and the end
//! of the write (audit row, search outbox note, commit) so they never drift
//! apart between products, certificates, brand labels and producers.

use chrono::Utc;
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ConnectionTrait, EntityName, EntityTrait, IntoActiveModel, PrimaryKeyTrait,
    TransactionSession, TransactionTrait,
};
use serde_json::Value;

use crate::audit;
use crate::authz::Actor;
use crate::entities::{brand_label, certificate, producer, product};
use crate::error::{Error, ErrorCode, Result};

/// A row of a producer's catalog: what the shared steps need to know of it.
/// Its table name names its audit actions (`create_brand_label`…).
pub(super) trait CatalogRow: EntityTrait {
    /// How `NotFound` errors name it.
    const NAME: &'static str;
    const PRODUCER_ID: Self::Column;
    const CREATED_AT: Self::Column;
    const UPDATED_AT: Self::Column;
    const ARCHIVED_AT: Self::Column;
    /// The producer whose catalog holds `row`.
    fn producer_of(row: &Self::Model) -> i32;
}

macro_rules! catalog_row {
    ($($entity:ident: $name:literal, producer in $column:ident / $field:ident;)+) => {$(
        impl CatalogRow for $entity::Entity {
            const NAME: &'static str = $name;
            const PRODUCER_ID: Self::Column = $entity::Column::$column;
            const CREATED_AT: Self::Column = $entity::Column::CreatedAt;
            const UPDATED_AT: Self::Column = $entity::Column::UpdatedAt;
            const ARCHIVED_AT: Self::Column = $entity::Column::ArchivedAt;
            fn producer_of(row: &$entity::Model) -> i32 {
                row.$field
            }
        }
    )+};
}

catalog_row! {
    producer: "producer", producer in Id / id;
    product: "product", producer in ProducerId / producer_id;
    certificate: "certificate", producer in ProducerId / producer_id;
    brand_label: "brand label", producer in ProducerId / producer_id;
}

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

/// Row `id` of `E`, or `NotFound` naming it.
pub(super) async fn load<E>(db: &impl ConnectionTrait, id: i32) -> Result<E::Model>
where
    E: CatalogRow,
    <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<i32>,
{
    E::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound { entity: E::NAME })
}

/// The row to fill for a write: the `current` one, or a new row of
/// producer `producer_id`.
pub(super) fn editable<E>(current: Option<E::Model>, producer_id: i32) -> E::ActiveModel
where
    E: CatalogRow,
    E::Model: IntoActiveModel<E::ActiveModel>,
{
    current.map(IntoActiveModel::into_active_model).unwrap_or_else(|| {
        let mut row = E::ActiveModel::default();
        row.set(E::PRODUCER_ID, producer_id.into());
        row
    })
}

/// Writes `model`, a new row when `current` is None, else the changed
/// `current`; lets `links` replace the row's link rows in the same
/// transaction; ends the write with [`commit`], audited as
/// `create_<table>` or `update_<table>`.
pub(super) async fn save<A, D>(
    db: &D,
    actor: &Actor,
    current: Option<&<A::Entity as EntityTrait>::Model>,
    mut model: A,
    links: impl AsyncFnOnce(&D::Transaction, &<A::Entity as EntityTrait>::Model) -> Result<()>,
) -> Result<<A::Entity as EntityTrait>::Model>
where
    A: ActiveModelTrait + ActiveModelBehavior + Send,
    A::Entity: CatalogRow,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    D: ConnectionTrait + TransactionTrait,
{
    let now = Utc::now();
    if current.is_none() {
        model.set(<A::Entity as CatalogRow>::CREATED_AT, now.into());
    }
    model.set(<A::Entity as CatalogRow>::UPDATED_AT, now.into());
    let _turn = crate::database::write_turn(db).await;
    let txn = db.begin_with_options(crate::database::WRITE).await?;
    let saved = match current {
        None => model.insert(&txn).await?,
        Some(_) => model.update(&txn).await?,
    };
    links(&txn, &saved).await?;
    let verb = if current.is_none() { "create" } else { "update" };
    let action = format!("{verb}_{}", A::Entity::default().table_name());
    let producer_id = <A::Entity as CatalogRow>::producer_of(&saved);
    let (before, after) = (current.map(audit::snapshot), Some(audit::snapshot(&saved)));
    commit(txn, actor, producer_id, &action, before, after).await?;
    Ok(saved)
}

/// Hides row `id` of `E` from every public list (nothing is deleted), if
/// `actor` may edit its producer's catalog; audited as `archive_<table>`.
pub(super) async fn archive<E>(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: i32,
) -> Result<E::Model>
where
    E: CatalogRow,
    <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<i32>,
    E::Model: IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: ActiveModelBehavior + Send,
{
    let current = load::<E>(db, id).await?;
    let producer_id = E::producer_of(&current);
    audit::authorize_edit(db, actor, producer_id).await?;
    let before = Some(audit::snapshot(&current));
    let mut model = current.into_active_model();
    let now = Utc::now();
    model.set(E::ARCHIVED_AT, Some(now).into());
    model.set(E::UPDATED_AT, now.into());
    let _turn = crate::database::write_turn(db).await;
    let txn = db.begin_with_options(crate::database::WRITE).await?;
    let archived = model.update(&txn).await?;
    let after = Some(audit::snapshot(&archived));
    let action = format!("archive_{}", E::default().table_name());
    commit(txn, actor, producer_id, &action, before, after).await?;
    Ok(archived)
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
