//! Verification of producers: an organizer's verdict, and its loss when the
//! producer's identity changes. A badge earned by one legal entity must not
//! carry over to a renamed, re-registered or moved one, so changing kind,
//! name, registration number, tax code or province sends a verified producer
//! back to review. Every verdict and every cleared verification is kept in the
//! organization audit record (who verified, when, with which note).

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set, TransactionSession, TransactionTrait};
use serde_json::{Value, json};

use super::validation as check;
use crate::audit;
use crate::authz::{Action, Actor};
use crate::entities::catalog_enums::VerificationStatus;
use crate::entities::producer;
use crate::error::{Error, ErrorCode, Result};

/// The facts a verification vouches for.
fn identity(p: &producer::Model) -> impl PartialEq + '_ {
    (
        p.kind,
        p.name.as_str(),
        p.registration_number.as_deref(),
        p.tax_code.as_deref(),
        p.province_code,
    )
}

fn verification(p: &producer::Model) -> Value {
    json!({
        "verificationStatus": sea_orm::ActiveEnum::to_value(&p.verification_status),
        "verifiedBy": p.verified_by,
        "verifiedAt": p.verified_at.map(|t| t.to_rfc3339()),
        "verificationNote": p.verification_note,
    })
}

/// After an update from `before` to `after` (inside its transaction): when
/// the identity changed on a verified producer, its verification is cleared
/// and the previous one recorded. Returns the producer as it now stands.
pub(crate) async fn review_identity_change(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    before: &producer::Model,
    after: producer::Model,
) -> Result<producer::Model> {
    if before.verification_status != VerificationStatus::Verified || identity(before) == identity(&after) {
        return Ok(after);
    }
    let mut model: producer::ActiveModel = after.into();
    model.verification_status = Set(VerificationStatus::Unverified);
    model.verified_by = Set(None);
    model.verified_at = Set(None);
    model.verification_note = Set(None);
    let cleared = model.update(txn).await?;
    audit::record(
        txn,
        actor,
        cleared.id,
        "verification_cleared_by_identity_change",
        Some(json!({ "identity": audit::snapshot(before), "verification": verification(before) })),
        Some(json!({ "identity": audit::snapshot(&cleared), "verification": verification(&cleared) })),
    )
    .await?;
    Ok(cleared)
}

/// Records an organizer's verdict on a producer (organizers covering its
/// province, and admins); rejecting needs a `note`.
pub async fn verify_producer(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: i32,
    status: VerificationStatus,
    note: Option<String>,
) -> Result<producer::Model> {
    if *actor == Actor::Anonymous {
        return Err(Error::Unauthenticated);
    }
    let verifier = actor.signed_in().map(|s| s.account_id);
    let _turn = crate::database::write_turn(db).await;
    let txn = db.begin_with_options(crate::database::WRITE).await?;
    let current = producer::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(Error::NotFound { entity: "producer" })?;
    actor.authorize(Action::Verify {
        province_code: Some(current.province_code),
    })?;
    let note = verification_note(status, note)?;
    let before = verification(&current);
    let mut model: producer::ActiveModel = current.into();
    model.verification_status = Set(status);
    model.verified_by = Set(verifier);
    model.verified_at = Set(Some(Utc::now()));
    model.verification_note = Set(note);
    let verified = model.update(&txn).await?;
    audit::record(
        &txn,
        actor,
        id,
        "verify_producer",
        Some(before),
        Some(verification(&verified)),
    )
    .await?;
    crate::search::outbox::enqueue_producer(&txn, id).await?;
    txn.commit().await?;
    Ok(verified)
}

/// The note of a verdict (up to 500 characters, NFC), required when
/// rejecting: the cooperative must learn what to fix.
pub(crate) fn verification_note(status: VerificationStatus, note: Option<String>) -> Result<Option<String>> {
    let note = note
        .map(|n| check::optional_text("note", &n, 500))
        .transpose()
        .map_err(|e| Error::Invalid(vec![e]))?
        .flatten();
    if status == VerificationStatus::Rejected && note.is_none() {
        return Err(Error::field(
            "note",
            ErrorCode::Required,
            "give the reason for rejecting",
        ));
    }
    Ok(note)
}
