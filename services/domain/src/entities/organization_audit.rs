use sea_orm::entity::prelude::*;

/// One audited change of an organization's data: who (an account outside the
/// organization, or the operator when null), what, and the data before and after.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "organization_audit")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub organization_id: i32,
    pub actor_account_id: Option<i32>,
    /// The domain action, e.g. `update_producer`, `verify_certificate`.
    pub action: String,
    pub before: Option<Json>,
    pub after: Option<Json>,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
