use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "commune")]
pub struct Model {
    /// Official code after the 2025 reform.
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: i32,
    pub province_code: i32,
    pub name: String,
    pub codename: String,
    /// "xã", "phường" or "đặc khu".
    pub kind: String,
    #[sea_orm(belongs_to, from = "province_code", to = "code")]
    pub province: BelongsTo<super::province::Entity>,
}

impl ActiveModelBehavior for ActiveModel {}
