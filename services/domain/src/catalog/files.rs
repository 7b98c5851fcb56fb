//! Uploaded files: logos, product images, label images and certificate
//! evidence. Bytes go to the blob store under a content-addressed key; the
//! database keeps who owns the file and what it really is (sniffed, never
//! trusted from the file name or the declared type).

use bytes::Bytes;
use chrono::Utc;
use coopbridge_storage::{BlobKey, BlobStore, FileKind, UploadError, check_upload};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionSession, TransactionTrait,
};
use sha2::{Digest, Sha256};

use crate::authz::Actor;
use crate::entities::catalog_enums::FilePurpose;
use crate::entities::stored_file;
use crate::error::{Error, ErrorCode, FieldError, Result};

pub const MAX_IMAGE_BYTES: usize = 5 * 1024 * 1024;
pub const MAX_EVIDENCE_BYTES: usize = 10 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct Upload {
    pub organization_id: i32,
    pub purpose: FilePurpose,
    pub file_name: String,
    pub declared_content_type: Option<String>,
    pub bytes: Bytes,
}

fn accepted(purpose: FilePurpose) -> (&'static [FileKind], usize) {
    match purpose {
        FilePurpose::Logo | FilePurpose::Photo | FilePurpose::ProductImage | FilePurpose::LabelImage => {
            (&[FileKind::Jpeg, FileKind::Png, FileKind::Webp], MAX_IMAGE_BYTES)
        }
        FilePurpose::Evidence => (
            &[FileKind::Pdf, FileKind::Jpeg, FileKind::Png, FileKind::Webp],
            MAX_EVIDENCE_BYTES,
        ),
    }
}

fn upload_error(error: UploadError) -> Error {
    let code = match error {
        UploadError::Empty => ErrorCode::Required,
        UploadError::TooLarge { .. } => ErrorCode::OutOfRange,
        UploadError::UnsupportedType { .. } | UploadError::TypeMismatch { .. } => ErrorCode::InvalidFormat,
    };
    Error::field("file", code, error.to_string())
}

/// Stores an upload for an organization. The same bytes uploaded twice give the same file.
/// The organization must exist and be the caller's to edit before a byte is
/// stored: a refused upload leaves neither a blob nor a row behind.
pub async fn store_upload(
    db: &(impl ConnectionTrait + TransactionTrait),
    store: &dyn BlobStore,
    actor: &Actor,
    upload: Upload,
) -> Result<stored_file::Model> {
    crate::audit::authorize_edit_of(db, actor, upload.organization_id, "organizationId").await?;
    let (kinds, max) = accepted(upload.purpose);
    let kind =
        check_upload(&upload.bytes, upload.declared_content_type.as_deref(), kinds, max).map_err(upload_error)?;
    let sha256 = hex::encode(Sha256::digest(&upload.bytes));
    // The purpose is part of the key: the same picture used as a logo and as
    // a product photo is two files, each listed where it belongs.
    let purpose: String = sea_orm::ActiveEnum::to_value(&upload.purpose);
    let key = format!("{}/{}/{}.{}", upload.organization_id, purpose, sha256, kind.extension());
    if let Some(existing) = stored_file::Entity::find()
        .filter(stored_file::Column::StorageKey.eq(&key))
        .one(db)
        .await?
    {
        // The same bytes again after an admin purged them: they stay gone.
        if existing.purged_at.is_some() {
            return Err(Error::field(
                "file",
                ErrorCode::InvalidState,
                "an administrator removed this file; it cannot be uploaded again",
            ));
        }
        return Ok(existing);
    }
    let blob_key = BlobKey::new(key.clone()).map_err(|e| Error::Internal(format!("blob key {key}: {e}")))?;
    store
        .put(&blob_key, upload.bytes.clone(), kind.content_type())
        .await
        .map_err(|e| Error::Internal(format!("storing {key}: {e}")))?;
    // The browser names the file, not the person: controls are dropped
    // rather than refused.
    let name = crate::text::clean(&upload.file_name)
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect::<String>();
    let record = stored_file::ActiveModel {
        organization_id: Set(Some(upload.organization_id)),
        storage_key: Set(key),
        content_type: Set(kind.content_type().to_owned()),
        byte_size: Set(upload.bytes.len() as i64),
        sha256: Set(sha256),
        original_name: Set(name),
        purpose: Set(upload.purpose),
        created_by: Set(actor.signed_in().map(|s| s.account_id)),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    let error = match insert_record(db, actor, record).await {
        Ok(saved) => return Ok(saved),
        Err(e) => e,
    };
    // The same bytes uploaded at the same moment: the other upload's row stands.
    if let Ok(Some(existing)) = find_file_by_key(db, blob_key.as_ref()).await {
        return Ok(existing);
    }
    // No row points at the blob: take it back rather than serve an orphan.
    if let Err(cleanup) = store.delete(&blob_key).await {
        tracing::warn!(key = %blob_key, error = %cleanup, "could not remove the blob of a failed upload");
    }
    Err(error)
}

/// The file row and its audit row, in one transaction.
async fn insert_record(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    record: stored_file::ActiveModel,
) -> Result<stored_file::Model> {
    let _turn = crate::database::write_turn(db).await;
    let txn = db.begin_with_options(crate::database::WRITE).await?;
    let saved = record.insert(&txn).await?;
    if let Some(org) = saved.organization_id {
        let after = Some(crate::audit::snapshot(&saved));
        crate::audit::record_edit(&txn, actor, org, "upload_file", None, after).await?;
    }
    txn.commit().await?;
    Ok(saved)
}

/// A file may be attached only by the organization that uploaded it.
pub async fn check_owned_file(
    db: &impl ConnectionTrait,
    field: &str,
    file_id: i32,
    organization_id: i32,
) -> Result<Result<stored_file::Model, FieldError>> {
    Ok(match stored_file::Entity::find_by_id(file_id).one(db).await? {
        None => Err(FieldError::new(
            field,
            ErrorCode::NotFound,
            format!("no file has id {file_id}"),
        )),
        Some(f) if f.organization_id != Some(organization_id) => Err(FieldError::new(
            field,
            ErrorCode::Forbidden,
            format!("file {file_id} belongs to another organization"),
        )),
        Some(f) => Ok(f),
    })
}

pub async fn files_by_ids(db: &impl ConnectionTrait, ids: &[i32]) -> Result<Vec<stored_file::Model>> {
    Ok(stored_file::Entity::find()
        .filter(stored_file::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?)
}

pub async fn find_file_by_key(db: &impl ConnectionTrait, key: &str) -> Result<Option<stored_file::Model>> {
    Ok(stored_file::Entity::find()
        .filter(stored_file::Column::StorageKey.eq(key))
        .one(db)
        .await?)
}
