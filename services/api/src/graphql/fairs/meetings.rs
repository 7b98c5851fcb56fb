//! Buyer meetings at connection conferences, and the participation KPI.

use async_graphql::{ComplexObject, Context, Enum, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use coopbridge_domain::entities::fair_meeting;
use coopbridge_domain::fairs::{events, meetings, reports};

use crate::graphql::catalog::producers::Producer;
use crate::graphql::context::{actor, db, loaders, parse_id};
use crate::graphql::dataloader::load_object;
use crate::graphql::errors::QueryResultExt;
use crate::graphql::payload::{payload, payload_type};
use crate::graphql::places::Province;

#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "coopbridge_domain::entities::fair_enums::MeetingStatus")]
pub enum MeetingStatus {
    /// Asked by the buyer, not yet answered.
    Requested,
    /// Accepted by the cooperative: the slot is booked for both.
    Accepted,
    Declined,
}

/// A meeting between a buyer company and an exhibiting cooperative.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Meeting {
    pub id: ID,
    pub event_id: ID,
    /// The buyer company.
    pub buyer_id: ID,
    pub status: MeetingStatus,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub message: String,
    pub created_at: DateTime<Utc>,
    #[graphql(skip)]
    pub producer_id: i32,
}

impl From<fair_meeting::Model> for Meeting {
    fn from(m: fair_meeting::Model) -> Self {
        Self {
            id: ID(m.id.to_string()),
            event_id: ID(m.event_id.to_string()),
            buyer_id: ID(m.buyer_id.to_string()),
            status: m.status.into(),
            starts_at: m.starts_at,
            ends_at: m.ends_at,
            message: m.message,
            created_at: m.created_at,
            producer_id: m.producer_id,
        }
    }
}

#[ComplexObject]
impl Meeting {
    /// The cooperative met.
    async fn producer(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Producer>> {
        load_object(&loaders(ctx).producers, self.producer_id).await
    }
}

/// Cooperative participations in fairs from one province over a period.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct ProvinceParticipation {
    /// The cooperatives' province (not the venue's).
    pub province_code: i32,
    /// Confirmed (cooperative, event) pairs: the figure provinces report.
    pub participations: i32,
    /// Distinct cooperatives among them.
    pub cooperatives: i32,
    /// Distinct events they exhibited at.
    pub events: i32,
}

#[ComplexObject]
impl ProvinceParticipation {
    async fn province(&self, ctx: &Context<'_>) -> Option<Province> {
        crate::graphql::places::province(ctx, self.province_code)
    }
}

#[derive(Default)]
pub struct MeetingQuery;

#[Object]
impl MeetingQuery {
    /// Meetings at an event: all of them for its organizers, your own
    /// (as buyer or cooperative) for others, soonest first.
    async fn event_meetings(&self, ctx: &Context<'_>, event_id: ID) -> async_graphql::Result<Vec<Meeting>> {
        let Ok(id) = parse_id("eventId", &event_id) else {
            return Ok(vec![]);
        };
        let Some(event) = events::find_visible_event(db(ctx), actor(ctx), id)
            .await
            .or_query_error()?
        else {
            return Ok(vec![]);
        };
        let rows = meetings::meetings_of_event(db(ctx), actor(ctx), &event)
            .await
            .or_query_error()?;
        Ok(rows.into_iter().map(Meeting::from).collect())
    }

    /// The KPI: cooperative participations in published events starting
    /// between `from` and `to` (calendar days in Vietnam, both included), per
    /// the cooperatives' province, largest first. Organizers and admins.
    async fn fair_participations(
        &self,
        ctx: &Context<'_>,
        from: NaiveDate,
        to: NaiveDate,
        #[graphql(desc = "Only cooperatives of this province.")] province_code: Option<i32>,
    ) -> async_graphql::Result<Vec<ProvinceParticipation>> {
        let rows = reports::participations_by_province(db(ctx), actor(ctx), from, to, province_code)
            .await
            .or_query_error()?;
        Ok(rows
            .into_iter()
            .map(|r| ProvinceParticipation {
                province_code: r.province_code,
                participations: r.participations as i32,
                cooperatives: r.cooperatives as i32,
                events: r.events as i32,
            })
            .collect())
    }
}

#[derive(InputObject)]
pub struct RequestMeetingInput {
    /// A published connection conference.
    pub event_id: ID,
    /// Your buyer company; defaults to your own.
    pub buyer_id: Option<ID>,
    /// A cooperative with a confirmed booth at the event.
    pub producer_id: ID,
    /// Within the event.
    pub starts_at: DateTime<Utc>,
    /// After `startsAt`, at most 4 hours later, within the event.
    pub ends_at: DateTime<Utc>,
    /// Up to 2,000 characters.
    #[graphql(default)]
    pub message: String,
}

#[derive(InputObject)]
pub struct AnswerMeetingInput {
    pub id: ID,
    pub accept: bool,
    /// Move the slot when accepting (give both ends); it must not clash with
    /// the buyer's or the cooperative's other accepted meetings.
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
}

payload_type! {
    /// Result of the meeting mutations.
    MeetingPayload { meeting: Meeting }
}

#[derive(Default)]
pub struct MeetingMutation;

#[Object]
impl MeetingMutation {
    /// A buyer asks an exhibiting cooperative for a meeting at a connection conference.
    async fn request_meeting(
        &self,
        ctx: &Context<'_>,
        input: RequestMeetingInput,
    ) -> async_graphql::Result<MeetingPayload> {
        payload(async {
            let request = meetings::MeetingRequest {
                event_id: parse_id("eventId", &input.event_id)?,
                buyer_id: input.buyer_id.as_ref().map(|id| parse_id("buyerId", id)).transpose()?,
                producer_id: parse_id("producerId", &input.producer_id)?,
                starts_at: input.starts_at,
                ends_at: input.ends_at,
                message: input.message,
            };
            meetings::request_meeting(db(ctx), actor(ctx), request).await
        })
        .await
    }

    /// The cooperative accepts (booking the slot) or declines. Its members.
    async fn answer_meeting(
        &self,
        ctx: &Context<'_>,
        input: AnswerMeetingInput,
    ) -> async_graphql::Result<MeetingPayload> {
        payload(async {
            let id = parse_id("id", &input.id)?;
            let slot = match (input.starts_at, input.ends_at) {
                (Some(s), Some(e)) => Some((s, e)),
                (None, None) => None,
                _ => {
                    return Err(coopbridge_domain::Error::field(
                        "endsAt",
                        coopbridge_domain::ErrorCode::Required,
                        "give both startsAt and endsAt to move the slot",
                    ));
                }
            };
            meetings::answer_meeting(db(ctx), actor(ctx), id, input.accept, slot).await
        })
        .await
    }
}
