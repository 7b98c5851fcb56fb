//! The event object of trade fairs, connection conferences and safe-produce
//! markets: its zones, booking counts, exhibitors and downloads. The `events`
//! and `event` queries are in `event_queries`, the mutations in
//! `event_mutations`, applications in `applications`, meetings and reports
//! in `meetings`.

use async_graphql::connection::Connection;
use async_graphql::{ComplexObject, Context, ID, SimpleObject};
use chrono::Utc;
use coopbridge_domain::fairs::{application_reads, events};
use coopbridge_domain::pagination::CursorKey;

use crate::graphql::catalog::producers::Producer;
use crate::graphql::context::{actor, db, loaders};
use crate::graphql::errors::QueryResultExt;
use crate::graphql::fairs::types::{Application, ApplicationStatus, Event, EventZone};
use crate::graphql::pagination::{connection, page_request};
use crate::graphql::places::Province;

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
            |a| CursorKey::id(a.id),
            |a| Application::new(a, event.clone()),
        ))
    }
}
