use sea_orm::entity::prelude::*;

use super::linkage_enums::AgreementStatus;

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
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
