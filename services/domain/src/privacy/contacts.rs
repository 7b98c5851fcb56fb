//! Removing a contact person for good. Clearing a field in the profile
//! editor removes it from the profile, but copies stay in the audit record
//! (the before/after of edits made by organizers and admins). Removing a
//! contact person here clears the profile's fields and also replaces every
//! copy of their name, phone, email and Zalo in the organization's audit
//! record with "[đã xoá]", in one transaction.
//!
//! Consent itself is recorded where contacts are saved:
//! `catalog::producer_fields` (a cooperative's contact person) and
//! `linkage::buyers` (a buyer company's contacts).

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionSession,
    TransactionTrait,
};
use serde_json::{Value, json};

use crate::audit;
use crate::authz::Actor;
use crate::entities::organization::OrganizationKind;
use crate::entities::{buyer_contact, organization_audit, producer};
use crate::error::{Error, ErrorCode, Result};

/// What replaces a removed person's details in the audit record.
pub const REDACTED: &str = "[đã xoá]";

/// Removes a contact person of organization `organization_id`: a
/// cooperative's contact person (name, phone and email; `position` unused),
/// or a buyer company's contact at `position` (0-based, required). Those who
/// may edit the organization. Returns how many audit rows were redacted.
pub async fn remove_contact_person(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    organization_id: i32,
    position: Option<i32>,
) -> Result<u64> {
    let org = audit::authorize_edit_of(db, actor, organization_id, "organizationId").await?;
    let _turn = crate::database::write_turn(db).await;
    let txn = db.begin_with_options(crate::database::WRITE).await?;
    let removed: Vec<String> = match org.kind {
        OrganizationKind::Cooperative => {
            let profile = producer::Entity::find_by_id(organization_id)
                .one(&txn)
                .await?
                .ok_or_else(|| {
                    Error::field("organizationId", ErrorCode::NotFound, "this cooperative has no profile")
                })?;
            let values = [&profile.contact_person, &profile.phone, &profile.email]
                .into_iter()
                .flatten()
                .cloned()
                .collect();
            let mut active: producer::ActiveModel = profile.into();
            active.contact_person = Set(None);
            active.phone = Set(None);
            active.email = Set(None);
            active.contact_consent_recorded_by = Set(None);
            active.contact_consent_recorded_at = Set(None);
            active.updated_at = Set(Utc::now());
            active.update(&txn).await?;
            crate::search::outbox::enqueue_producer(&txn, organization_id).await?;
            values
        }
        OrganizationKind::BuyerCompany => {
            let position =
                position.ok_or_else(|| Error::field("position", ErrorCode::Required, "say which contact to remove"))?;
            let contacts = buyer_contact::Entity::find()
                .filter(buyer_contact::Column::BuyerId.eq(organization_id))
                .order_by_asc(buyer_contact::Column::Position)
                .all(&txn)
                .await?;
            let index = usize::try_from(position).ok().filter(|i| *i < contacts.len());
            let Some(index) = index else {
                return Err(Error::field(
                    "position",
                    ErrorCode::NotFound,
                    "no contact at this position",
                ));
            };
            let gone = &contacts[index];
            buyer_contact::Entity::delete_by_id(gone.id).exec(&txn).await?;
            // Keep positions 0..n without a gap, in the same order.
            for (new_position, c) in contacts.iter().filter(|c| c.id != gone.id).enumerate() {
                if c.position != new_position as i32 {
                    buyer_contact::Entity::update_many()
                        .col_expr(buyer_contact::Column::Position, Expr::value(new_position as i32))
                        .filter(buyer_contact::Column::Id.eq(c.id))
                        .exec(&txn)
                        .await?;
                }
            }
            [
                Some(&gone.name),
                gone.phone.as_ref(),
                gone.email.as_ref(),
                gone.zalo.as_ref(),
            ]
            .into_iter()
            .flatten()
            .cloned()
            .collect()
        }
        OrganizationKind::OrganizingBody => {
            return Err(Error::field(
                "organizationId",
                ErrorCode::InvalidFormat,
                "organizing bodies list no contact persons",
            ));
        }
    };
    let redacted = redact_audit(&txn, organization_id, &removed).await?;
    // The removal itself is recorded, without the details it removed.
    audit::record_edit(
        &txn,
        actor,
        organization_id,
        "remove_contact_person",
        None,
        Some(json!({ "position": position, "auditRowsRedacted": redacted })),
    )
    .await?;
    txn.commit().await?;
    Ok(redacted)
}

/// Replaces every string in the organization's audit snapshots equal to one
/// of `values` with [`REDACTED`].
async fn redact_audit(db: &impl ConnectionTrait, organization_id: i32, values: &[String]) -> Result<u64> {
    if values.is_empty() {
        return Ok(0);
    }
    let rows = organization_audit::Entity::find()
        .filter(organization_audit::Column::OrganizationId.eq(organization_id))
        .all(db)
        .await?;
    let mut changed = 0;
    for row in rows {
        let (mut before, mut after) = (row.before.clone(), row.after.clone());
        let hit =
            before.as_mut().is_some_and(|v| redact(v, values)) | after.as_mut().is_some_and(|v| redact(v, values));
        if hit {
            let mut active: organization_audit::ActiveModel = row.into();
            active.before = Set(before);
            active.after = Set(after);
            active.update(db).await?;
            changed += 1;
        }
    }
    Ok(changed)
}

fn redact(value: &mut Value, values: &[String]) -> bool {
    match value {
        Value::String(s) if values.iter().any(|v| v == s) => {
            *s = REDACTED.to_owned();
            true
        }
        Value::Array(items) => items.iter_mut().fold(false, |hit, v| redact(v, values) | hit),
        Value::Object(map) => map.values_mut().fold(false, |hit, v| redact(v, values) | hit),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_reaches_nested_copies_and_leaves_the_rest() {
        let mut v = json!({ "contacts": [{ "name": "Chị Lan", "phone": "0912345678", "role": "Thu mua" }],
            "description": "Chị Lan" , "n": 3 });
        assert!(redact(&mut v, &["Chị Lan".into(), "0912345678".into()]));
        assert_eq!(
            v,
            json!({ "contacts": [{ "name": REDACTED, "phone": REDACTED, "role": "Thu mua" }],
                "description": REDACTED, "n": 3 })
        );
        assert!(!redact(&mut v, &["nobody".into()]));
    }
}
