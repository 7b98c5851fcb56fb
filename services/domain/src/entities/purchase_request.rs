use sea_orm::entity::prelude::*;

use super::catalog_enums::ProductCategory;
use super::linkage_enums::{PurchaseFrequency, PurchaseRequestStatus};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "purchase_request")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub buyer_id: i32,
    pub title: String,
    pub category: ProductCategory,
    pub product_name: String,
    pub quantity: i64,
    pub unit: String,
    pub frequency: PurchaseFrequency,
    pub delivery_province_code: Option<i32>,
    pub window_start: Option<Date>,
    pub window_end: Option<Date>,
    /// Bit set of required certification schemes (`linkage::schemes`).
    pub required_schemes: i32,
    pub target_price_vnd: Option<i64>,
    pub note: String,
    pub status: PurchaseRequestStatus,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
