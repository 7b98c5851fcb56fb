use sea_orm::entity::prelude::*;

use super::linkage_enums::AgreementStatus;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "linkage_agreement")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub buyer_id: i32,
    pub cooperative_id: i32,
    pub inquiry_id: Option<i32>,
    pub volume: String,
    pub price_terms: String,
    pub starts_on: Date,
    pub ends_on: Date,
    pub status: AgreementStatus,
    pub created_by: Option<i32>,
    /// The party (buyer company or cooperative) whose member recorded it;
    /// None when an organizer or admin recorded it, or for agreements older
    /// than confirmations.
    pub proposed_by_organization_id: Option<i32>,
    /// The account that confirmed it for the other side; None until confirmed.
    pub confirmed_by: Option<i32>,
    /// When it was confirmed; only confirmed agreements count in the KPI.
    pub confirmed_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
