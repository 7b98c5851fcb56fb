use sea_orm::entity::prelude::*;

use super::fair_enums::MeetingStatus;

/// A buyer's meeting with an exhibiting cooperative at a connection conference.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "fair_meeting")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub event_id: i32,
    /// The buyer company.
    pub buyer_id: i32,
    pub producer_id: i32,
    pub requested_by: Option<i32>,
    pub message: String,
    pub status: MeetingStatus,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    pub answered_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
