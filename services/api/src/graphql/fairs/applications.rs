//! Applications to exhibit: apply, withdraw, organizers' decisions, check-in.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use coopbridge_domain::authz::Action;
use coopbridge_domain::entities::{fair_application, fair_application_history};
use coopbridge_domain::fairs::checkin::{self, CheckIn};
use coopbridge_domain::fairs::{application_reads, booking, events};

use crate::graphql::catalog::producers::Producer;
use crate::graphql::catalog::products::Product;
use crate::graphql::context::{actor, db, loaders, parse_id};
use crate::graphql::dataloader::load_objects;
use crate::graphql::errors::QueryResultExt;
use crate::graphql::fairs::types::{Application, ApplicationStatus, Event, EventZone};
use crate::graphql::payload::{payload, payload_type};

/// One status change: from what to what, when, by whom (null for the
/// automatic waitlist promotion) and why.
#[derive(SimpleObject)]
pub struct ApplicationStatusChange {
    /// Null for the first entry (the application itself).
    pub from_status: Option<ApplicationStatus>,
    pub to_status: ApplicationStatus,
    pub reason: Option<String>,
    /// The account that made the change; null when the system did.
    pub by_account_id: Option<ID>,
    pub at: DateTime<Utc>,
}

impl From<fair_application_history::Model> for ApplicationStatusChange {
    fn from(m: fair_application_history::Model) -> Self {
        Self {
            from_status: m.from_status.map(Into::into),
            to_status: m.to_status.into(),
            reason: m.reason,
            by_account_id: m.actor_account_id.map(|id| ID(id.to_string())),
            at: m.created_at,
        }
    }
}

#[ComplexObject]
impl Application {
    async fn event(&self) -> Event {
        self.event.clone().into()
    }

    async fn producer(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Producer>> {
        Ok(loaders(ctx)
            .producers
            .load_one(self.model.producer_id)
            .await?
            .map(Producer::from))
    }

    async fn zone(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<EventZone>> {
        let Some(zone_id) = self.model.zone_id else {
            return Ok(None);
        };
        let zones = loaders(ctx).event_zones.load_one(self.model.event_id).await?;
        Ok(zones
            .unwrap_or_default()
            .into_iter()
            .find(|z| z.id == zone_id)
            .map(EventZone::from))
    }

    /// 1 for the first in line; null unless waitlisted.
    async fn waitlist_position(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<i32>> {
        Ok(application_reads::waitlist_position(db(ctx), &self.model)
            .await
            .or_query_error()?
            .map(|n| n as i32))
    }

    /// Notes to the organizers; null unless you are the cooperative or run the event.
    async fn notes(&self, ctx: &Context<'_>) -> Option<String> {
        self.visible_to_caller(ctx).then(|| self.model.notes.clone())
    }

    /// The code shown at the entrance; null unless you are the cooperative or run the event.
    async fn check_in_code(&self, ctx: &Context<'_>) -> Option<String> {
        self.visible_to_caller(ctx).then(|| self.model.check_in_code.clone())
    }

    /// The products it exhibits.
    async fn products(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Product>> {
        load_objects(&loaders(ctx).application_products, self.model.id).await
    }

    /// Every status change, oldest first; empty unless you are the cooperative or run the event.
    async fn history(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ApplicationStatusChange>> {
        if !self.visible_to_caller(ctx) {
            return Ok(vec![]);
        }
        let rows = application_reads::history_of(db(ctx), self.model.id)
            .await
            .or_query_error()?;
        Ok(rows.into_iter().map(Into::into).collect())
    }
}

async fn with_event(ctx: &Context<'_>, model: fair_application::Model) -> coopbridge_domain::Result<Application> {
    let event = events::find_event(db(ctx), model.event_id).await?;
    Ok(Application::new(model, event))
}

#[derive(Default)]
pub struct ApplicationQuery;

#[Object]
impl ApplicationQuery {
    /// One application; null unless you are its cooperative or run its event.
    async fn application(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Application>> {
        let Ok(id) = parse_id("id", &id) else { return Ok(None) };
        let Some(model) = application_reads::find(db(ctx), id).await.or_query_error()? else {
            return Ok(None);
        };
        let app = with_event(ctx, model).await.or_query_error()?;
        Ok(app.visible_to_caller(ctx).then_some(app))
    }

    /// A cooperative's applications, newest first (up to 200). Its members and admins.
    async fn cooperative_applications(
        &self,
        ctx: &Context<'_>,
        producer_id: ID,
    ) -> async_graphql::Result<Vec<Application>> {
        let producer_id = parse_id("producerId", &producer_id).or_query_error()?;
        actor(ctx)
            .authorize(Action::ExhibitAs { producer_id })
            .or_query_error()?;
        let rows = application_reads::list_for_producer(db(ctx), producer_id)
            .await
            .or_query_error()?;
        let events = loaders(ctx).events.load_many(rows.iter().map(|r| r.event_id)).await?;
        rows.into_iter()
            .map(|row| {
                let event = events.get(&row.event_id).cloned();
                let event = event.ok_or(coopbridge_domain::Error::NotFound { entity: "event" });
                Ok(Application::new(row, event.or_query_error()?))
            })
            .collect()
    }
}

#[derive(InputObject)]
pub struct ApplyToEventInput {
    pub event_id: ID,
    /// The cooperative applying; you must be one of its members.
    pub producer_id: ID,
    /// Required when the event has zones.
    pub zone_id: Option<ID>,
    /// At least 1, at most what the zone (or event) holds.
    pub booths: i32,
    /// The cooperative's products to exhibit.
    #[graphql(default)]
    pub product_ids: Vec<ID>,
    /// Up to 2,000 characters.
    #[graphql(default)]
    pub notes: String,
}

payload_type! {
    /// Result of the application mutations.
    ApplicationPayload { application: Application }
}

payload_type! {
    /// Result of `checkInExhibitor`.
    CheckInPayload from done: CheckIn {
        application: Option<Application> = Some(Application::new(done.application, done.event)),
        /// False when this code had already been checked in (nothing changed).
        first_check_in: bool = done.first_time,
        /// Exhibitors checked in at the event so far.
        attendance: i32 = done.attendance as i32,
    }
}

/// An organizer's decision on one application, as the mutations' answer.
async fn decide(ctx: &Context<'_>, id: &ID, decision: booking::Decision) -> async_graphql::Result<ApplicationPayload> {
    payload(async { booking::decide(db(ctx), actor(ctx), parse_id("id", id)?, decision).await }).await
}

#[derive(Default)]
pub struct ApplicationMutation;

#[Object]
impl ApplicationMutation {
    /// Applies to exhibit, for a cooperative you are a member of, while
    /// registration is open (server time, Asia/Ho_Chi_Minh deadlines).
    async fn apply_to_event(
        &self,
        ctx: &Context<'_>,
        input: ApplyToEventInput,
    ) -> async_graphql::Result<ApplicationPayload> {
        payload(async {
            let fields = booking::ApplicationFields {
                event_id: parse_id("eventId", &input.event_id)?,
                producer_id: parse_id("producerId", &input.producer_id)?,
                zone_id: input.zone_id.as_ref().map(|id| parse_id("zoneId", id)).transpose()?,
                booths: input.booths,
                product_ids: input
                    .product_ids
                    .iter()
                    .map(|id| parse_id("productIds", id))
                    .collect::<Result<_, _>>()?,
                notes: input.notes,
            };
            booking::apply(db(ctx), actor(ctx), fields).await
        })
        .await
    }

    /// Withdraws an application; freed booths go to the waitlist in order.
    async fn withdraw_application(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<ApplicationPayload> {
        payload(async { booking::withdraw(db(ctx), actor(ctx), parse_id("id", &id)?).await }).await
    }

    /// Confirms a pending or waitlisted application, if its booths are free. The event's organizers.
    async fn approve_application(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<ApplicationPayload> {
        decide(ctx, &id, booking::Decision::Approve).await
    }

    /// Rejects an application, saying why. The event's organizers.
    async fn reject_application(
        &self,
        ctx: &Context<'_>,
        id: ID,
        #[graphql(desc = "Shown to the cooperative; up to 500 characters.")] reason: String,
    ) -> async_graphql::Result<ApplicationPayload> {
        decide(ctx, &id, booking::Decision::Reject { reason }).await
    }

    /// Puts a pending application on the waitlist. The event's organizers.
    async fn waitlist_application(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reason: Option<String>,
    ) -> async_graphql::Result<ApplicationPayload> {
        decide(ctx, &id, booking::Decision::Waitlist { reason }).await
    }

    /// Checks a confirmed exhibitor in by its code. Repeating it is harmless.
    /// The event's organizers.
    async fn check_in_exhibitor(
        &self,
        ctx: &Context<'_>,
        event_id: ID,
        code: String,
    ) -> async_graphql::Result<CheckInPayload> {
        payload(async { checkin::check_in(db(ctx), actor(ctx), parse_id("eventId", &event_id)?, &code).await }).await
    }
}
