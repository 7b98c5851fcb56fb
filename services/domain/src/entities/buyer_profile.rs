use sea_orm::entity::prelude::*;

use super::linkage_enums::BuyerKind;

/// A buyer company's profile; `id` is its organization's id.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "buyer_profile")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i32,
    pub kind: BuyerKind,
    pub tax_code: Option<String>,
    pub province_code: Option<i32>,
    pub commune_code: Option<i32>,
    pub street: String,
    pub description: String,
    /// Category codes joined by ',' (see `ProductCategory`).
    pub categories: String,
    /// Free text, e.g. "5 tấn gạo/tháng".
    pub purchase_volume: String,
    pub website: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
