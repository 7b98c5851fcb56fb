use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "purchase_offer")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub purchase_request_id: i32,
    pub cooperative_id: i32,
    pub product_id: Option<i32>,
    pub quantity: i64,
    pub price_vnd: Option<i64>,
    pub message: String,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
