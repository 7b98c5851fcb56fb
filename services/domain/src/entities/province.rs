use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "province")]
pub struct Model {
    /// Official code after the 2025 reform, e.g. 1 for Hà Nội.
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: i32,
    pub name: String,
    pub codename: String,
    /// "tỉnh" or "thành phố trung ương".
    pub kind: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::commune::Entity")]
    Commune,
}

impl Related<super::commune::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Commune.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
