use sea_orm::entity::prelude::*;

#[sea_orm::model]
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
    #[sea_orm(has_many)]
    pub communes: HasMany<super::commune::Entity>,
}

impl ActiveModelBehavior for ActiveModel {}
