//! The event mutations: `createEvent` and `publishEvent`.

use async_graphql::{Context, ID, InputObject, Object};
use chrono::{DateTime, Utc};
use coopbridge_domain::fairs::events;

use crate::graphql::context::{actor, db, parse_id};
use crate::graphql::fairs::types::{Event, EventKind};
use crate::graphql::payload::{payload, payload_type};

#[derive(InputObject)]
pub struct EventZoneInput {
    /// Up to 120 characters, e.g. "Khu A – sản phẩm OCOP".
    pub name: String,
    pub booths: i32,
    /// Reserve the zone for cooperatives of this province.
    pub province_code: Option<i32>,
}

#[derive(InputObject)]
pub struct CreateEventInput {
    /// The organizing body; defaults to your own.
    pub organizer_id: Option<ID>,
    pub kind: EventKind,
    /// Up to 200 characters.
    pub title: String,
    #[graphql(default)]
    pub description: String,
    pub venue_name: String,
    #[graphql(default)]
    pub street: String,
    /// Official province code of the venue.
    pub province_code: i32,
    /// With an offset, e.g. `2026-12-18T08:00:00+07:00`.
    pub starts_at: DateTime<Utc>,
    /// Must be after `startsAt`.
    pub ends_at: DateTime<Utc>,
    pub registration_opens_at: DateTime<Utc>,
    /// After `registrationOpensAt`, no later than `startsAt`.
    pub registration_closes_at: DateTime<Utc>,
    /// 1 to 10,000; required without zones, the zones' sum otherwise.
    pub booth_capacity: Option<i32>,
    #[graphql(default)]
    pub zones: Vec<EventZoneInput>,
    #[graphql(default)]
    pub fee_vnd: i64,
    #[graphql(default)]
    pub requires_approval: bool,
    /// Publish at once (default: keep as a draft).
    #[graphql(default)]
    pub publish: bool,
}

payload_type! {
    /// Result of the event mutations.
    EventPayload { event: Event }
}

#[derive(Default)]
pub struct EventMutation;

#[Object]
impl EventMutation {
    /// Creates an event (a draft unless `publish`). Organizers of the
    /// organizing body, and admins.
    async fn create_event(&self, ctx: &Context<'_>, input: CreateEventInput) -> async_graphql::Result<EventPayload> {
        payload(async {
            let organizer_id = input
                .organizer_id
                .as_ref()
                .map(|id| parse_id("organizerId", id))
                .transpose()?;
            let fields = events::EventFields {
                organizer_id,
                kind: input.kind.into(),
                title: input.title,
                description: input.description,
                venue_name: input.venue_name,
                street: input.street,
                province_code: input.province_code,
                starts_at: input.starts_at,
                ends_at: input.ends_at,
                registration_opens_at: input.registration_opens_at,
                registration_closes_at: input.registration_closes_at,
                booth_capacity: input.booth_capacity,
                zones: input
                    .zones
                    .into_iter()
                    .map(|z| events::ZoneFields {
                        name: z.name,
                        booths: z.booths,
                        province_code: z.province_code,
                    })
                    .collect(),
                fee_vnd: input.fee_vnd,
                requires_approval: input.requires_approval,
                publish: input.publish,
            };
            events::create_event(db(ctx), actor(ctx), fields).await.map(|(e, _)| e)
        })
        .await
    }

    /// Makes a draft public. Repeating it changes nothing. The organizing
    /// body's organizers and admins; to anyone else another body's draft is
    /// `NOT_FOUND` on `id`, exactly like an event that does not exist.
    async fn publish_event(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<EventPayload> {
        payload(async { events::publish_event(db(ctx), actor(ctx), parse_id("id", &id)?).await }).await
    }
}
