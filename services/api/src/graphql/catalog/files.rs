//! Uploaded files and the upload mutation (GraphQL multipart request spec).

use async_graphql::{Context, ID, Object, SimpleObject, Upload};
use coopbridge_domain::catalog::files::{self as domain_files, Upload as DomainUpload};
use coopbridge_domain::entities::stored_file;

use crate::graphql::catalog::enums::FilePurpose;
use crate::graphql::context::{actor, blob_store, db, parse_id};
use crate::graphql::payload::{payload, payload_type};

/// A stored image or document, served at `url` (content-addressed: new bytes
/// get a new URL). The URL answers `410 Gone` once an admin purged the file;
/// evidence of withdrawn certificates answers `404` to the public.
#[derive(SimpleObject, Clone)]
pub struct StoredFile {
    pub id: ID,
    /// Path on this server, e.g. `/files/12/product_image/3f…a9.jpg`.
    pub url: String,
    /// The type found in the bytes (never the one the uploader claimed).
    pub content_type: String,
    pub byte_size: i64,
    /// The name it was uploaded under.
    pub file_name: String,
    pub purpose: FilePurpose,
}

impl From<stored_file::Model> for StoredFile {
    fn from(m: stored_file::Model) -> Self {
        Self {
            id: ID(m.id.to_string()),
            url: format!("/files/{}", m.storage_key),
            content_type: m.content_type,
            byte_size: m.byte_size,
            file_name: m.original_name,
            purpose: m.purpose.into(),
        }
    }
}

payload_type! {
    /// Result of `uploadFile`.
    UploadFilePayload {
        /// Attach it by id: `logoFileId`, `imageFileIds`, `evidenceFileId`, `imageFileId`.
        file: StoredFile,
        /// `INVALID_FORMAT` on `file` when the bytes are not an accepted type or
        /// disagree with the declared type; `OUT_OF_RANGE` when too large;
        /// `NOT_FOUND` on `organizationId` when the organization does not exist.
        errors
    }
}

#[derive(Default)]
pub struct FileMutation;

#[Object]
impl FileMutation {
    /// Uploads a file for an organization (multipart request). Members of the
    /// organization, organizers of its province (or of a national body) and
    /// admins only. `NOT_FOUND` on `organizationId` when there is no such
    /// organization; a refused upload stores nothing.
    async fn upload_file(
        &self,
        ctx: &Context<'_>,
        organization_id: ID,
        purpose: FilePurpose,
        file: Upload,
    ) -> async_graphql::Result<UploadFilePayload> {
        payload(async {
            let organization_id = parse_id("organizationId", &organization_id)?;
            let value = file.value(ctx).map_err(|e| {
                coopbridge_domain::Error::field("file", coopbridge_domain::ErrorCode::Required, e.to_string())
            })?;
            let upload = DomainUpload {
                organization_id,
                purpose: purpose.into(),
                file_name: value.filename,
                declared_content_type: value.content_type,
                bytes: value.content,
            };
            domain_files::store_upload(db(ctx), blob_store(ctx), actor(ctx), upload).await
        })
        .await
    }
}
