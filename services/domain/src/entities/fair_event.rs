use sea_orm::entity::prelude::*;

use super::fair_enums::{EventKind, EventStatus};

/// A trade fair, connection conference or safe-produce market.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "fair_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The organizing body running it.
    pub organizer_id: i32,
    pub kind: EventKind,
    pub title: String,
    pub description: String,
    pub venue_name: String,
    pub street: String,
    pub province_code: i32,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    pub registration_opens_at: DateTimeUtc,
    pub registration_closes_at: DateTimeUtc,
    /// Total booths; the sum of the zones' booths when it has zones.
    pub booth_capacity: i32,
    pub fee_vnd: i64,
    pub requires_approval: bool,
    pub status: EventStatus,
    pub lock_seq: i64,
    pub created_by: Option<i32>,
    pub published_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
