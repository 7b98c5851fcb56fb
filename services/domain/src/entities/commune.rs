use sea_orm::entity::prelude::*;

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
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::province::Entity",
        from = "Column::ProvinceCode",
        to = "super::province::Column::Code"
    )]
    Province,
}

impl Related<super::province::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Province.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
