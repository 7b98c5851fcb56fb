use sea_orm::entity::prelude::*;

use super::catalog_enums::ProductCategory;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "product")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub producer_id: i32,
    pub name: String,
    pub category: ProductCategory,
    pub description: String,
    /// Unit of sale and of the quantities below, e.g. "kg", "lít", "con".
    pub unit: String,
    pub price_min_vnd: Option<i64>,
    pub price_max_vnd: Option<i64>,
    pub min_order_quantity: Option<i64>,
    pub monthly_capacity: Option<i64>,
    /// Bit n-1 set when month n is a harvest month; 0 when unknown.
    pub harvest_months: i32,
    pub shelf_life_days: Option<i32>,
    pub packaging: String,
    pub available: bool,
    pub archived_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    #[sea_orm(belongs_to, from = "producer_id", to = "id", on_delete = "Cascade")]
    pub producer: BelongsTo<super::producer::Entity>,
}

impl ActiveModelBehavior for ActiveModel {}
