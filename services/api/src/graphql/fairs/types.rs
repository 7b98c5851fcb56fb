//! The fair objects that events and applications show of each other —
//! `Event`, `EventZone`, `Application` and their enums — as thin wrappers of
//! the domain rows. Their fields that need a resolver live beside their
//! queries (`events`, `applications`), so neither of those depends on the other.

use async_graphql::{Context, Enum, ID, SimpleObject};
use chrono::{DateTime, Utc};
use coopbridge_domain::entities::{fair_application, fair_event, fair_zone};
use coopbridge_domain::fairs::application_reads;
use coopbridge_domain::fairs::booking::Booked;

use crate::graphql::context::actor;

/// What kind of event.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "coopbridge_domain::entities::fair_enums::EventKind")]
pub enum EventKind {
    /// Hội chợ xúc tiến thương mại: a trade-promotion fair with booths.
    TradeFair,
    /// Hội nghị kết nối cung cầu: buyers meet exhibiting cooperatives.
    ConnectionConference,
    /// Phiên chợ nông sản an toàn: a safe-produce market day.
    SafeProduceMarket,
}

/// Drafts are seen only by the event's organizers; published events by everyone.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "coopbridge_domain::entities::fair_enums::EventStatus")]
pub enum EventStatus {
    Draft,
    Published,
}

/// A trade fair, connection conference or market. Times are instants
/// (RFC 3339); deadlines are enforced by the server, and shown to people in
/// Vietnam's time (UTC+7).
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Event {
    pub id: ID,
    pub kind: EventKind,
    pub status: EventStatus,
    pub title: String,
    pub description: String,
    /// Where, e.g. "Trung tâm Hội chợ Triển lãm tỉnh".
    pub venue_name: String,
    pub street: String,
    /// The organizing body running it.
    pub organizer_id: ID,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub registration_opens_at: DateTime<Utc>,
    /// Applications are refused from this instant on.
    pub registration_closes_at: DateTime<Utc>,
    /// Total booths (the zones' sum when it has zones).
    pub booth_capacity: i32,
    /// Booth fee in VND (0 when free).
    pub fee_vnd: i64,
    /// True: applications wait for an organizer's decision. False: they are
    /// confirmed while booths remain and waitlisted after.
    pub requires_approval: bool,
    pub published_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    #[graphql(skip)]
    pub model: fair_event::Model,
}

impl From<fair_event::Model> for Event {
    fn from(m: fair_event::Model) -> Self {
        Self {
            id: ID(m.id.to_string()),
            kind: m.kind.into(),
            status: m.status.into(),
            title: m.title.clone(),
            description: m.description.clone(),
            venue_name: m.venue_name.clone(),
            street: m.street.clone(),
            organizer_id: ID(m.organizer_id.to_string()),
            starts_at: m.starts_at,
            ends_at: m.ends_at,
            registration_opens_at: m.registration_opens_at,
            registration_closes_at: m.registration_closes_at,
            booth_capacity: m.booth_capacity,
            fee_vnd: m.fee_vnd,
            requires_approval: m.requires_approval,
            published_at: m.published_at,
            created_at: m.created_at,
            model: m,
        }
    }
}

/// A share of an event's booths: a hall, or a quota such as one province's.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct EventZone {
    pub id: ID,
    pub name: String,
    pub booths: i32,
    /// When set, only cooperatives of this province may book here.
    pub province_code: Option<i32>,
    #[graphql(skip)]
    pub model: fair_zone::Model,
}

impl From<fair_zone::Model> for EventZone {
    fn from(m: fair_zone::Model) -> Self {
        Self {
            id: ID(m.id.to_string()),
            name: m.name.clone(),
            booths: m.booths,
            province_code: m.province_code,
            model: m,
        }
    }
}

/// Where an application stands.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "coopbridge_domain::entities::fair_enums::ApplicationStatus")]
pub enum ApplicationStatus {
    /// Waiting for an organizer's decision (events with approval).
    Pending,
    /// Has its booths.
    Confirmed,
    /// In line for booths; moves up automatically, in application order, as booths free up.
    Waitlisted,
    /// Refused by an organizer; `reason` says why.
    Rejected,
    /// Withdrawn by the cooperative; its booths went to the waitlist.
    Withdrawn,
}

/// A cooperative's application to exhibit.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Application {
    pub id: ID,
    pub booths: i32,
    pub status: ApplicationStatus,
    /// Why it was rejected or waitlisted, when an organizer said.
    pub reason: Option<String>,
    /// When the exhibitor was checked in at the entrance.
    pub checked_in_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[graphql(skip)]
    pub model: fair_application::Model,
    #[graphql(skip)]
    pub event: fair_event::Model,
}

impl Application {
    pub fn new(model: fair_application::Model, event: fair_event::Model) -> Self {
        Self {
            id: ID(model.id.to_string()),
            booths: model.booths,
            status: model.status.into(),
            reason: model.reason.clone(),
            checked_in_at: model.checked_in_at,
            created_at: model.created_at,
            updated_at: model.updated_at,
            model,
            event,
        }
    }

    /// Whether the caller sees its code, notes and history.
    pub fn visible_to_caller(&self, ctx: &Context<'_>) -> bool {
        application_reads::may_see(actor(ctx), &self.event, &self.model)
    }
}

impl From<Booked> for Application {
    fn from(booked: Booked) -> Self {
        Self::new(booked.application, booked.event)
    }
}
