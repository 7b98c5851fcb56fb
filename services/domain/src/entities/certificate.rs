use sea_orm::entity::prelude::*;

use super::catalog_enums::{CertificateScope, CertificationScheme, VerificationStatus};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "certificate")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub producer_id: i32,
    pub scheme: CertificationScheme,
    pub organic_standard: Option<String>,
    pub ocop_stars: Option<i32>,
    pub certificate_number: String,
    pub issuer: String,
    pub issued_on: Date,
    pub expires_on: Option<Date>,
    pub scope: CertificateScope,
    pub evidence_file_id: Option<i32>,
    pub verification_status: VerificationStatus,
    pub verified_by: Option<i32>,
    pub verified_at: Option<DateTimeUtc>,
    /// The organizer's reason when rejecting; a remark when verifying.
    pub verification_note: Option<String>,
    pub archived_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
