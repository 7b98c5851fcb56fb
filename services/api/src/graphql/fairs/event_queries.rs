//! The event queries: `events` (published ones, filtered, soonest first)
//! and `event` by id.

use async_graphql::connection::Connection;
use async_graphql::{Context, ID, InputObject, Object};
use chrono::{DateTime, Utc};
use coopbridge_domain::fairs::events;

use crate::graphql::context::{actor, db, parse_id};
use crate::graphql::errors::QueryResultExt;
use crate::graphql::fairs::types::{Event, EventKind};
use crate::graphql::pagination::{connection, page_request};

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
