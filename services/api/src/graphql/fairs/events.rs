//! Trade fairs, connection conferences and safe-produce markets: the events
//! themselves. Applications are in `applications`, meetings and
//! reports in `meetings`.

use async_graphql::connection::Connection;
use async_graphql::{ComplexObject, Context, Enum, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use coopbridge_domain::entities::{fair_event, fair_zone};
use coopbridge_domain::fairs::{application_reads, events};

use crate::graphql::catalog::producers::Producer;
use crate::graphql::context::{actor, db, loaders, parse_id};
use crate::graphql::errors::{QueryResultExt, UserError, payload_errors};
use crate::graphql::fairs::applications::{Application, ApplicationStatus};
use crate::graphql::pagination::{connection, page_request};
use crate::graphql::places::Province;

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

#[ComplexObject]
impl EventZone {
    /// Booths held by confirmed exhibitors.
    async fn booths_confirmed(&self, ctx: &Context<'_>) -> async_graphql::Result<i32> {
        let counts = loaders(ctx).event_counts.load_one(self.model.event_id).await?;
        Ok(counts
            .and_then(|c| {
                c.per_zone
                    .iter()
                    .find(|(z, _)| *z == Some(self.model.id))
                    .map(|(_, n)| *n)
            })
            .unwrap_or(0) as i32)
    }
}

/// Where organizers download the exhibitor list. Send the same
/// `Authorization: Bearer <token>` header as for GraphQL.
#[derive(SimpleObject)]
pub struct EventExportUrls {
    /// `GET` it: CSV (UTF-8 with BOM, opens in Excel with diacritics intact).
    pub exhibitors_csv: String,
    /// `GET` it: an Excel workbook (.xlsx).
    pub exhibitors_xlsx: String,
}

/// A confirmed exhibitor, as the public sees it.
#[derive(SimpleObject)]
pub struct Exhibitor {
    pub producer: Producer,
    pub zone_id: Option<ID>,
    pub booths: i32,
}

#[ComplexObject]
impl Event {
    async fn province(&self, ctx: &Context<'_>) -> Option<Province> {
        crate::graphql::places::province(ctx, self.model.province_code)
    }

    /// Its zones, in the order the organizer gave them (empty: one shared pool).
    async fn zones(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<EventZone>> {
        let zones = loaders(ctx).event_zones.load_one(self.model.id).await?;
        Ok(zones.unwrap_or_default().into_iter().map(EventZone::from).collect())
    }

    /// Booths held by confirmed exhibitors.
    async fn booths_confirmed(&self, ctx: &Context<'_>) -> async_graphql::Result<i32> {
        let counts = loaders(ctx).event_counts.load_one(self.model.id).await?;
        Ok(counts.map_or(0, |c| c.confirmed_booths) as i32)
    }

    /// Booths still free (over all zones).
    async fn booths_available(&self, ctx: &Context<'_>) -> async_graphql::Result<i32> {
        Ok(self.model.booth_capacity - self.booths_confirmed(ctx).await?)
    }

    /// Exhibitors checked in at the entrance so far.
    async fn attendance(&self, ctx: &Context<'_>) -> async_graphql::Result<i32> {
        let counts = loaders(ctx).event_counts.load_one(self.model.id).await?;
        Ok(counts.map_or(0, |c| c.checked_in) as i32)
    }

    /// True while applications are accepted (published, and now between
    /// `registrationOpensAt` and `registrationClosesAt`).
    async fn registration_open(&self) -> bool {
        let now = Utc::now();
        self.model.status == coopbridge_domain::entities::fair_enums::EventStatus::Published
            && now >= self.model.registration_opens_at
            && now < self.model.registration_closes_at
    }

    /// Confirmed exhibitors, in application order. Public.
    #[graphql(complexity = "10 * child_complexity + 1")]
    async fn exhibitors(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Exhibitor>> {
        let rows = application_reads::exhibitors(db(ctx), self.model.id)
            .await
            .or_query_error()?;
        Ok(rows
            .into_iter()
            .map(|(a, p)| Exhibitor {
                producer: p.into(),
                zone_id: a.zone_id.map(|z| ID(z.to_string())),
                booths: a.booths,
            })
            .collect())
    }

    /// The event as an iCalendar file (`GET`, public once published), e.g.
    /// `/events/7/calendar.ics`. All upcoming events: `/events/calendar.ics`.
    async fn ical_url(&self) -> String {
        format!("/events/{}/calendar.ics", self.model.id)
    }

    /// Exhibitor list downloads; null unless you run this event.
    async fn export_urls(&self, ctx: &Context<'_>) -> Option<EventExportUrls> {
        events::may_manage(actor(ctx), &self.model).then(|| EventExportUrls {
            exhibitors_csv: format!("/events/{}/exhibitors.csv", self.model.id),
            exhibitors_xlsx: format!("/events/{}/exhibitors.xlsx", self.model.id),
        })
    }

    /// Every application, in application order (= waitlist order). The
    /// event's organizers only.
    #[graphql(complexity = "first.unwrap_or(20).max(1) as usize * child_complexity + 1")]
    async fn applications(
        &self,
        ctx: &Context<'_>,
        status: Option<ApplicationStatus>,
        #[graphql(desc = "Page size, 1 to 100 (default 20).")] first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, Application>> {
        events::find_event_for_management(db(ctx), actor(ctx), self.model.id)
            .await
            .or_query_error()?;
        let page = page_request(first, after).or_query_error()?;
        let rows = application_reads::list_for_event(db(ctx), self.model.id, status.map(Into::into), page)
            .await
            .or_query_error()?;
        let event = self.model.clone();
        Ok(connection(
            rows,
            |a| coopbridge_domain::pagination::CursorKey::id(a.id),
            |a| Application::new(a, event.clone()),
        ))
    }
}

/// Filters for `events`; all given conditions must hold.
#[derive(InputObject, Default)]
pub struct EventFilter {
    /// Venue's official province code.
    pub province_code: Option<i32>,
    pub kind: Option<EventKind>,
    /// true: only events that have not ended.
    #[graphql(default)]
    pub upcoming: bool,
    pub starts_from: Option<DateTime<Utc>>,
    pub starts_before: Option<DateTime<Utc>>,
    /// One organizing body's events; its organizers also see its drafts.
    pub organizer_id: Option<ID>,
}

#[derive(Default)]
pub struct EventQuery;

#[Object]
impl EventQuery {
    /// Published events (and your own drafts with `organizerId`), soonest first.
    #[graphql(complexity = "first.unwrap_or(20).max(1) as usize * child_complexity + 1")]
    async fn events(
        &self,
        ctx: &Context<'_>,
        #[graphql(default)] filter: EventFilter,
        #[graphql(desc = "Page size, 1 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last event of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<Connection<String, Event>> {
        let page = page_request(first, after).or_query_error()?;
        let organizer_id = filter
            .organizer_id
            .as_ref()
            .map(|id| parse_id("organizerId", id))
            .transpose()
            .or_query_error()?;
        let domain = events::EventFilter {
            province_code: filter.province_code,
            kind: filter.kind.map(Into::into),
            upcoming: filter.upcoming,
            starts_from: filter.starts_from,
            starts_before: filter.starts_before,
            organizer_id,
        };
        let rows = events::list_events(db(ctx), actor(ctx), &domain, page)
            .await
            .or_query_error()?;
        Ok(connection(rows, events::cursor_key, Event::from))
    }

    /// One event; null when none has the id or it is a draft you do not run.
    async fn event(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Event>> {
        let Ok(id) = parse_id("id", &id) else { return Ok(None) };
        Ok(events::find_visible_event(db(ctx), actor(ctx), id)
            .await
            .or_query_error()?
            .map(Event::from))
    }
}

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

/// Result of the event mutations.
#[derive(SimpleObject, Default)]
pub struct EventPayload {
    pub event: Option<Event>,
    /// Empty on success; otherwise nothing was written.
    pub errors: Vec<UserError>,
}

fn payload(result: coopbridge_domain::Result<fair_event::Model>) -> async_graphql::Result<EventPayload> {
    match result {
        Ok(e) => Ok(EventPayload {
            event: Some(e.into()),
            errors: vec![],
        }),
        Err(e) => Ok(EventPayload {
            errors: payload_errors(e)?,
            ..Default::default()
        }),
    }
}

#[derive(Default)]
pub struct EventMutation;

#[Object]
impl EventMutation {
    /// Creates an event (a draft unless `publish`). Organizers of the
    /// organizing body, and admins.
    async fn create_event(&self, ctx: &Context<'_>, input: CreateEventInput) -> async_graphql::Result<EventPayload> {
        let result = async {
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
        }
        .await;
        payload(result)
    }

    /// Makes a draft public. Repeating it changes nothing. The organizing
    /// body's organizers and admins; to anyone else another body's draft is
    /// `NOT_FOUND` on `id`, exactly like an event that does not exist.
    async fn publish_event(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<EventPayload> {
        let result = async { events::publish_event(db(ctx), actor(ctx), parse_id("id", &id)?).await }.await;
        payload(result)
    }
}
