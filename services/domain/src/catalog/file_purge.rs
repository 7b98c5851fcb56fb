//! Taking stored files back: an admin purges a file's bytes for good, and
//! the evidence of a withdrawn certificate stops being public.
//!
//! A purge is recorded on the file's row (who, when, why) before the bytes
//! go: from that moment its URL answers 410 Gone, even if removing the bytes
//! fails and has to be retried (a purge of a purged file removes them again).

use chrono::Utc;
use coopbridge_storage::{BlobKey, BlobStore};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::authz::{Action, Actor};
use crate::catalog::validation as check;
use crate::entities::catalog_enums::{FilePurpose, VerificationStatus};
use crate::entities::{certificate, producer, stored_file};
use crate::error::{Error, Result};

/// Who may fetch a file's bytes at `/files/{key}`.
#[derive(Debug, Clone, Copy)]
pub enum FileAccess {
    /// Anyone. `revocable`: the answer may change (evidence), so caches must
    /// ask again rather than keep it.
    Public { revocable: bool },
    /// Only those [`Actor::authorize`] lets through for this action.
    Restricted(Action),
    /// Purged by an admin: 410 Gone.
    Purged,
}

/// Removes the bytes of file `id` from the blob store and records the purge.
/// Admins only; `reason` is required.
pub async fn purge_file(
    db: &impl ConnectionTrait,
    store: &dyn BlobStore,
    actor: &Actor,
    id: i32,
    reason: &str,
) -> Result<stored_file::Model> {
    actor.authorize(Action::PurgeFiles)?;
    let reason = check::required_text("reason", reason, 500).map_err(|e| Error::Invalid(vec![e]))?;
    let file = stored_file::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound { entity: "file" })?;
    let file = if file.purged_at.is_some() {
        file
    } else {
        let _turn = crate::database::write_turn(db).await;
        let mut active: stored_file::ActiveModel = file.into();
        active.purged_at = Set(Some(Utc::now()));
        active.purged_by = Set(actor.signed_in().map(|s| s.account_id));
        active.purge_reason = Set(Some(reason));
        active.update(db).await?
    };
    let key = BlobKey::new(file.storage_key.clone())
        .map_err(|e| Error::Internal(format!("blob key {}: {e}", file.storage_key)))?;
    store
        .delete(&key)
        .await
        .map_err(|e| Error::Unavailable(format!("removing {}: {e}", file.storage_key)))?;
    tracing::warn!(
        file_id = file.id,
        key = file.storage_key,
        purged_by = ?file.purged_by,
        "stored file purged"
    );
    Ok(file)
}

/// Decides who may fetch the file stored under `key`. Evidence is public
/// while a live certificate (not archived, not rejected) shows it, or while
/// no certificate refers to it yet; once every certificate showing it is
/// withdrawn, only the cooperative's members, organizers covering its
/// province and admins may open it.
pub async fn file_access(db: &impl ConnectionTrait, key: &str) -> Result<FileAccess> {
    let Some(file) = crate::catalog::files::find_file_by_key(db, key).await? else {
        // Bytes without a row (written by hand or by an older version): as before.
        return Ok(FileAccess::Public { revocable: false });
    };
    if file.purged_at.is_some() {
        return Ok(FileAccess::Purged);
    }
    if file.purpose != FilePurpose::Evidence {
        return Ok(FileAccess::Public { revocable: false });
    }
    let certificates = certificate::Entity::find()
        .filter(certificate::Column::EvidenceFileId.eq(file.id))
        .all(db)
        .await?;
    let live =
        |c: &certificate::Model| c.archived_at.is_none() && c.verification_status != VerificationStatus::Rejected;
    if certificates.is_empty() || certificates.iter().any(live) {
        return Ok(FileAccess::Public { revocable: true });
    }
    let producer_id = certificates[0].producer_id;
    let province_code = producer::Entity::find_by_id(producer_id)
        .one(db)
        .await?
        .map(|p| p.province_code);
    Ok(FileAccess::Restricted(Action::ReadWithdrawnEvidence {
        organization_id: producer_id,
        province_code,
    }))
}
