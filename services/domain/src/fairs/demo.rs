//! Demo events for `coopbridge seed --demo`: fictional fairs dated relative
//! to the day the seed runs, so they are always upcoming and open.

use chrono::{Duration, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionTrait};
use serde::Deserialize;

use super::booking::{self, ApplicationFields};
use super::events::{self, EventFields, ZoneFields};
use crate::authz::Actor;
use crate::entities::fair_enums::EventKind;
use crate::entities::{organization, producer};
use crate::error::{Error, Result};

#[derive(Debug, Deserialize)]
pub struct DemoEvent {
    pub kind: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Name of a demo organizing body.
    pub organizer: String,
    pub province_code: i32,
    pub venue_name: String,
    #[serde(default)]
    pub street: String,
    pub starts_in_days: i64,
    pub days: i64,
    pub registration_closes_days_before: i64,
    pub booth_capacity: Option<i32>,
    #[serde(default)]
    pub zones: Vec<DemoZone>,
    #[serde(default)]
    pub fee_vnd: i64,
    #[serde(default)]
    pub requires_approval: bool,
    #[serde(default)]
    pub applications: Vec<DemoApplication>,
}

#[derive(Debug, Deserialize)]
pub struct DemoZone {
    pub name: String,
    pub booths: i32,
    pub province_code: Option<i32>,
}

#[derive(Debug, Deserialize)]
pub struct DemoApplication {
    /// Full name of a demo cooperative.
    pub cooperative: String,
    /// Index into the event's zones.
    pub zone: Option<usize>,
    pub booths: i32,
    #[serde(default)]
    pub notes: String,
}

fn kind(code: &str) -> Result<EventKind> {
    match code {
        "trade_fair" => Ok(EventKind::TradeFair),
        "connection_conference" => Ok(EventKind::ConnectionConference),
        "safe_produce_market" => Ok(EventKind::SafeProduceMarket),
        other => Err(Error::Internal(format!("demo data: unknown event kind {other:?}"))),
    }
}

/// Creates the demo events (published, 08:00 in Vietnam on their first day)
/// and their applications; returns how many events it made.
pub async fn seed_events(db: &(impl ConnectionTrait + TransactionTrait), list: &[DemoEvent]) -> Result<usize> {
    let system = Actor::System;
    let today = Utc::now().with_timezone(&super::event_time_zone()).date_naive();
    for e in list {
        let organizer = organization::Entity::find()
            .filter(organization::Column::Name.eq(e.organizer.as_str()))
            .one(db)
            .await?
            .ok_or_else(|| Error::Internal(format!("demo data: no organizer {:?}", e.organizer)))?;
        let first_day = today + Duration::days(e.starts_in_days);
        let starts_at = super::local_day_start(first_day) + Duration::hours(8);
        let ends_at = super::local_day_start(first_day + Duration::days(e.days - 1)) + Duration::hours(17);
        let fields = EventFields {
            organizer_id: Some(organizer.id),
            kind: kind(&e.kind)?,
            title: e.title.clone(),
            description: e.description.clone(),
            venue_name: e.venue_name.clone(),
            street: e.street.clone(),
            province_code: e.province_code,
            starts_at,
            ends_at,
            registration_opens_at: Utc::now() - Duration::days(1),
            registration_closes_at: super::local_day_start(first_day - Duration::days(e.registration_closes_days_before)),
            booth_capacity: e.booth_capacity,
            zones: e
                .zones
                .iter()
                .map(|z| ZoneFields {
                    name: z.name.clone(),
                    booths: z.booths,
                    province_code: z.province_code,
                })
                .collect(),
            fee_vnd: e.fee_vnd,
            requires_approval: e.requires_approval,
            publish: true,
        };
        let (event, zones) = events::create_event(db, &system, fields).await?;
        for a in &e.applications {
            let cooperative = producer::Entity::find()
                .filter(producer::Column::Name.eq(a.cooperative.as_str()))
                .one(db)
                .await?
                .ok_or_else(|| Error::Internal(format!("demo data: no cooperative {:?}", a.cooperative)))?;
            let fields = ApplicationFields {
                event_id: event.id,
                producer_id: cooperative.id,
                zone_id: a.zone.and_then(|i| zones.get(i)).map(|z| z.id),
                booths: a.booths,
                product_ids: vec![],
                notes: a.notes.clone(),
            };
            booking::apply(db, &system, fields).await?;
        }
    }
    Ok(list.len())
}
