use sea_orm::entity::prelude::*;

use super::catalog_enums::{ProducerKind, VerificationStatus};

/// The public profile of a cooperative; `id` is its organization's id.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "producer")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i32,
    pub kind: ProducerKind,
    pub name: String,
    #[sea_orm(unique)]
    pub slug: String,
    pub registration_number: Option<String>,
    pub tax_code: Option<String>,
    pub founded_year: Option<i32>,
    pub member_count: Option<i32>,
    pub description: String,
    /// Category codes joined by ',' (see `ProductCategory`).
    pub main_sectors: String,
    pub province_code: i32,
    pub commune_code: Option<i32>,
    pub street: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub contact_person: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    /// Who recorded that the contact person agreed to be listed (null with a
    /// time: the operator).
    pub contact_consent_recorded_by: Option<i32>,
    /// When it was recorded; null: no consent recorded (contacts listed
    /// before consent was asked for).
    pub contact_consent_recorded_at: Option<DateTimeUtc>,
    pub logo_file_id: Option<i32>,
    pub verification_status: VerificationStatus,
    pub verified_by: Option<i32>,
    pub verified_at: Option<DateTimeUtc>,
    pub verification_note: Option<String>,
    pub archived_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    #[sea_orm(has_many)]
    pub products: HasMany<super::product::Entity>,
}

impl ActiveModelBehavior for ActiveModel {}
