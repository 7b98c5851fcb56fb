use sea_orm::entity::prelude::*;

use super::linkage_enums::InquiryStatus;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inquiry_status_change")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub inquiry_id: i32,
    /// None for the row recording the inquiry's creation.
    pub from_status: Option<InquiryStatus>,
    pub to_status: InquiryStatus,
    pub changed_by: Option<i32>,
    pub changed_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
