use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "certificate_product")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub certificate_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub product_id: i32,
}

impl ActiveModelBehavior for ActiveModel {}
