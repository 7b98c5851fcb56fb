use sea_orm::entity::prelude::*;

/// A share of an event's booths (a hall, or a quota such as one province's).
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "fair_zone")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub event_id: i32,
    pub name: String,
    pub booths: i32,
    /// When set, only cooperatives of this province may book here.
    pub province_code: Option<i32>,
    pub position: i32,
}

impl ActiveModelBehavior for ActiveModel {}
