use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "producer_photo")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub producer_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub file_id: i32,
    pub position: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::stored_file::Entity",
        from = "Column::FileId",
        to = "super::stored_file::Column::Id"
    )]
    File,
}

impl Related<super::stored_file::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::File.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
