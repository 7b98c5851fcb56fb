use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "product_image")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub product_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub file_id: i32,
    pub position: i32,
    #[sea_orm(belongs_to, from = "file_id", to = "id")]
    pub file: BelongsTo<super::stored_file::Entity>,
}

impl ActiveModelBehavior for ActiveModel {}
