//! DataLoaders of fairs: a page of events with zones and booking counts, or
//! of applications with their events, costs the same number of statements
//! whatever its size. Each is one domain batch read (see `graphql::dataloader`).

use coopbridge_domain::entities::{fair_event, fair_zone, product};
use coopbridge_domain::fairs::{application_reads, events};
use coopbridge_domain::loads;

use crate::graphql::dataloader::batch_loader;

batch_loader! {
    /// Events by id, drafts included: resolvers decide what the caller sees.
    EventLoader(i32) -> fair_event::Model = loads::events_by_ids, one_by |e| e.id
}

batch_loader! {
    /// An event's zones in the organizer's order.
    EventZonesLoader(i32) -> Vec<fair_zone::Model> = events::zones_of_events, many_by |z| (z.event_id, z)
}

batch_loader! {
    /// Booths confirmed and exhibitors checked in, per event.
    EventCountsLoader(i32) -> application_reads::EventCounts = application_reads::booking_counts, one_by |c| c.event_id
}

batch_loader! {
    /// The products an application exhibits, by product id.
    ApplicationProductsLoader(i32) -> Vec<product::Model> = loads::products_of_applications, pairs
}
