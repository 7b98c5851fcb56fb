//! "What do you hold about me?": one JSON document with everything the
//! platform keeps that is about, or was written by, one account. It is built
//! here (not in the API) so the document and its format version live next to
//! the tables they read.
//!
//! Secrets stay out: no password hash, no token hash. Rows are written with
//! their column names (as in the audit record), so a new column shows up in
//! the copy without anyone remembering to add it.

use chrono::Utc;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use crate::audit::snapshot;
use crate::authz::Actor;
use crate::entities::{
    account, auth_token, fair_application_history, inquiry, inquiry_message, inquiry_status_change, linkage_agreement,
    membership, organization, organization_audit, purchase_offer, purchase_request, stored_file,
};
use crate::error::{Error, Result};

/// Bumped when a key is renamed or removed (adding keys keeps the version).
pub const FORMAT_VERSION: u32 = 1;
/// `format` of the document, so a reader knows what it holds.
pub const FORMAT: &str = "coopbridge.personal-data";

/// The signed-in account's personal data as a JSON document.
pub async fn my_personal_data(db: &impl ConnectionTrait, actor: &Actor) -> Result<Value> {
    let me = actor.require_account()?;
    personal_data(db, me.account_id).await
}

/// Everything held about account `id`. Callers authorize.
async fn personal_data(db: &impl ConnectionTrait, id: i32) -> Result<Value> {
    let account = account::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::Unauthenticated)?;
    let memberships = membership::Entity::find()
        .filter(membership::Column::AccountId.eq(id))
        .find_also_related(organization::Entity)
        .order_by_asc(membership::Column::OrganizationId)
        .all(db)
        .await?;
    let tokens = auth_token::Entity::find()
        .filter(auth_token::Column::AccountId.eq(id))
        .order_by_asc(auth_token::Column::Id)
        .all(db)
        .await?;
    Ok(json!({
        "format": FORMAT,
        "formatVersion": FORMAT_VERSION,
        "generatedAt": Utc::now(),
        "account": {
            "id": account.id,
            "email": account.email,
            "displayName": account.display_name,
            "role": sea_orm::ActiveEnum::to_value(&account.role),
            "createdAt": account.created_at,
            "updatedAt": account.updated_at,
            "lastSignInAt": account.last_sign_in_at,
            "disabledAt": account.disabled_at,
        },
        "memberships": memberships.iter().map(|(m, o)| json!({
            "organizationId": m.organization_id,
            "organizationName": o.as_ref().map(|o| o.name.clone()),
            "organizationKind": o.as_ref().map(|o| sea_orm::ActiveEnum::to_value(&o.kind)),
            "since": m.created_at,
        })).collect::<Vec<_>>(),
        "signIns": tokens.iter().map(|t| json!({
            "createdAt": t.created_at,
            "expiresAt": t.expires_at,
            "revokedAt": t.revoked_at,
            "lastUsedAt": t.last_used_at,
        })).collect::<Vec<_>>(),
        "inquiriesStarted": rows(inquiry::Entity::find()
            .filter(inquiry::Column::CreatedBy.eq(id))
            .order_by_asc(inquiry::Column::Id).all(db).await?),
        "inquiryMessages": rows(inquiry_message::Entity::find()
            .filter(inquiry_message::Column::AuthorAccountId.eq(id))
            .order_by_asc(inquiry_message::Column::Id).all(db).await?),
        "inquiryStatusChanges": rows(inquiry_status_change::Entity::find()
            .filter(inquiry_status_change::Column::ChangedBy.eq(id))
            .order_by_asc(inquiry_status_change::Column::Id).all(db).await?),
        "purchaseRequests": rows(purchase_request::Entity::find()
            .filter(purchase_request::Column::CreatedBy.eq(id))
            .order_by_asc(purchase_request::Column::Id).all(db).await?),
        "purchaseOffers": rows(purchase_offer::Entity::find()
            .filter(purchase_offer::Column::CreatedBy.eq(id))
            .order_by_asc(purchase_offer::Column::Id).all(db).await?),
        "linkageAgreementsRecorded": rows(linkage_agreement::Entity::find()
            .filter(linkage_agreement::Column::CreatedBy.eq(id))
            .order_by_asc(linkage_agreement::Column::Id).all(db).await?),
        "linkageAgreementsConfirmed": rows(linkage_agreement::Entity::find()
            .filter(linkage_agreement::Column::ConfirmedBy.eq(id))
            .order_by_asc(linkage_agreement::Column::Id).all(db).await?),
        "fairApplicationHistory": rows(fair_application_history::Entity::find()
            .filter(fair_application_history::Column::ActorAccountId.eq(id))
            .order_by_asc(fair_application_history::Column::Id).all(db).await?),
        "filesUploaded": stored_file::Entity::find()
            .filter(stored_file::Column::CreatedBy.eq(id))
            .order_by_asc(stored_file::Column::Id).all(db).await?
            .iter().map(|f| json!({
                "id": f.id,
                "organizationId": f.organization_id,
                "originalName": f.original_name,
                "contentType": f.content_type,
                "byteSize": f.byte_size,
                "createdAt": f.created_at,
            })).collect::<Vec<_>>(),
        "auditEntries": rows(organization_audit::Entity::find()
            .filter(organization_audit::Column::ActorAccountId.eq(id))
            .order_by_asc(organization_audit::Column::Id).all(db).await?),
    }))
}

fn rows<M: sea_orm::ModelTrait>(models: Vec<M>) -> Vec<Value> {
    models.iter().map(snapshot).collect()
}
