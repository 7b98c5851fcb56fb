use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inquiry_message")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub inquiry_id: i32,
    pub author_account_id: Option<i32>,
    pub author_organization_id: i32,
    pub body: String,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
