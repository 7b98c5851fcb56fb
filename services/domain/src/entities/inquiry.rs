use sea_orm::entity::prelude::*;

use super::linkage_enums::InquiryStatus;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inquiry")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub buyer_id: i32,
    pub cooperative_id: i32,
    pub product_id: Option<i32>,
    pub purchase_request_id: Option<i32>,
    pub subject: String,
    pub status: InquiryStatus,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub first_replied_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
