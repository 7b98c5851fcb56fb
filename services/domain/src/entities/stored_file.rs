use sea_orm::entity::prelude::*;

use super::catalog_enums::FilePurpose;

/// An uploaded file; its bytes live in the blob store under `storage_key`.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stored_file")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organization_id: Option<i32>,
    /// Content-addressed (`<org>/<purpose>/<sha256>.<ext>`), so a URL never changes meaning.
    #[sea_orm(unique)]
    pub storage_key: String,
    pub content_type: String,
    pub byte_size: i64,
    pub sha256: String,
    pub original_name: String,
    pub purpose: FilePurpose,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    /// Set when an admin purged the bytes; the URL then answers 410 Gone.
    pub purged_at: Option<DateTimeUtc>,
    /// The admin's account id.
    pub purged_by: Option<i32>,
    pub purge_reason: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
