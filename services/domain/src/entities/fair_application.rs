use sea_orm::entity::prelude::*;

use super::fair_enums::ApplicationStatus;

/// A cooperative's application to exhibit at an event. Its id is its place
/// in line: the waitlist is served in id order.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "fair_application")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub event_id: i32,
    pub producer_id: i32,
    pub zone_id: Option<i32>,
    pub booths: i32,
    pub notes: String,
    pub status: ApplicationStatus,
    /// Why it was rejected or waitlisted, when an organizer said.
    pub reason: Option<String>,
    #[sea_orm(unique)]
    pub check_in_code: String,
    pub checked_in_at: Option<DateTimeUtc>,
    pub checked_in_by: Option<i32>,
    pub applied_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
