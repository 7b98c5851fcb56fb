//! The organization audit record and the edit gate that feeds it. Organizers
//! and admins may act on organizations they do not belong to; DESIGN.md asks
//! that acting on someone's behalf is always visible, so each such edit (and
//! each verification verdict, and each verification an identity change
//! cleared) leaves a row written in the transaction of the change itself.

use chrono::Utc;
use sea_orm::sea_query::sea_value_to_json_value;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IdenStatic, Iterable, ModelTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde_json::Value;

use crate::authz::{Action, Actor};
use crate::entities::{organization, organization_audit};
use crate::error::{Error, Result};

/// Loads organization `id` and checks that `actor` may edit it, judged on its
/// stored province. `NotFound` when there is none.
pub async fn authorize_edit(db: &impl ConnectionTrait, actor: &Actor, id: i32) -> Result<organization::Model> {
    let org = organization_for(db, actor, id).await?;
    actor.authorize(Action::EditOrganization {
        organization_id: id,
        province_code: org.province_code,
    })?;
    Ok(org)
}

/// Organization `id`, to be authorized by the caller. Anonymous callers are
/// turned away first, so they learn nothing about which ids exist.
async fn organization_for(db: &impl ConnectionTrait, actor: &Actor, id: i32) -> Result<organization::Model> {
    if *actor == Actor::Anonymous {
        return Err(Error::Unauthenticated);
    }
    organization::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound { entity: "organization" })
}

/// [`authorize_edit`] for an organization named by an input field: a missing
/// one is a `NotFound` error on `field`.
pub async fn authorize_edit_of(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
    field: &str,
) -> Result<organization::Model> {
    authorize_edit(db, actor, id).await.map_err(|e| match e {
        Error::NotFound { .. } => Error::field(
            field,
            crate::error::ErrorCode::NotFound,
            format!("no organization has id {id}"),
        ),
        other => other,
    })
}

/// Checks a move of organization `id` from `from` to province `to`: the
/// actor must be allowed in the target province too (an organizer moves a
/// cooperative only between provinces it covers).
pub fn authorize_move(actor: &Actor, id: i32, from: Option<i32>, to: Option<i32>) -> Result<()> {
    if from == to {
        return Ok(());
    }
    actor.authorize(Action::EditOrganization {
        organization_id: id,
        province_code: to,
    })
}

/// Whether `actor` is an account acting on an organization it does not
/// belong to (an organizer or admin acting on its behalf). The operator at the
/// command line (seeding, imports) is not: it owns the database already, and
/// recording every seeded row would bury the edits people make.
pub fn is_outsider(actor: &Actor, organization_id: i32) -> bool {
    match actor {
        Actor::Account(account) => !account.is_member_of(organization_id),
        Actor::System | Actor::Anonymous => false,
    }
}

/// A row as a JSON object, column name → value, for the audit's before/after.
pub fn snapshot<M: ModelTrait>(model: &M) -> Value {
    let columns = <<M::Entity as EntityTrait>::Column as Iterable>::iter();
    Value::Object(
        columns
            .map(|c| (c.as_str().to_owned(), sea_value_to_json_value(&model.get(c))))
            .collect(),
    )
}

/// Appends a row to the audit record, whoever acts.
pub async fn record(
    db: &impl ConnectionTrait,
    actor: &Actor,
    organization_id: i32,
    action: &str,
    before: Option<Value>,
    after: Option<Value>,
) -> Result<()> {
    organization_audit::ActiveModel {
        organization_id: Set(organization_id),
        actor_account_id: Set(actor.signed_in().map(|s| s.account_id)),
        action: Set(action.to_owned()),
        before: Set(before),
        after: Set(after),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Records an edit when `actor` is not a member of the organization; a
/// member's own edits are its own business and are not recorded. Call it
/// inside the edit's transaction.
pub async fn record_edit(
    db: &impl ConnectionTrait,
    actor: &Actor,
    organization_id: i32,
    action: &str,
    before: Option<Value>,
    after: Option<Value>,
) -> Result<()> {
    if is_outsider(actor, organization_id) {
        record(db, actor, organization_id, action, before, after).await?;
    }
    Ok(())
}

/// The audit record of an organization, newest first (up to `limit` rows).
/// Its members, organizers covering its province and admins.
pub async fn audit_of_organization(
    db: &impl ConnectionTrait,
    actor: &Actor,
    organization_id: i32,
    limit: u64,
) -> Result<Vec<organization_audit::Model>> {
    let org = organization_for(db, actor, organization_id).await?;
    actor.authorize(Action::ReadOrganizationAudit {
        organization_id,
        province_code: org.province_code,
    })?;
    Ok(organization_audit::Entity::find()
        .filter(organization_audit::Column::OrganizationId.eq(organization_id))
        .order_by_desc(organization_audit::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}
