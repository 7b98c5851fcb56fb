use sea_orm::entity::prelude::*;

use super::fair_enums::ApplicationStatus;

/// One status change of an application: who (null for automatic waitlist
/// promotion), when, from what to what, and why.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "fair_application_history")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub application_id: i32,
    pub from_status: Option<ApplicationStatus>,
    pub to_status: ApplicationStatus,
    pub reason: Option<String>,
    pub actor_account_id: Option<i32>,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
