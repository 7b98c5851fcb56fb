use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "producer_photo")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub producer_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub file_id: i32,
    pub position: i32,
    #[sea_orm(belongs_to, from = "file_id", to = "id")]
    pub file: BelongsTo<super::stored_file::Entity>,
}

impl ActiveModelBehavior for ActiveModel {}
