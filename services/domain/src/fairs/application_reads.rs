//! Reading applications: an event's list, a cooperative's own, the public
//! exhibitor list, history and waitlist positions.

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::authz::{Action, Actor};
use crate::entities::fair_enums::ApplicationStatus;
use crate::entities::{
    fair_application as application, fair_application_history as history, fair_application_product, fair_event,
    producer,
};
use crate::error::Result;
use crate::pagination::{Page, PageRequest, page_by_id};
use sea_orm::Order;

/// Who may see an application's details (code, notes, history): the
/// cooperative's members and the event's organizers.
pub fn may_see(actor: &Actor, event: &fair_event::Model, app: &application::Model) -> bool {
    super::events::may_manage(actor, event)
        || actor
            .authorize(Action::ExhibitAs {
                producer_id: app.producer_id,
            })
            .is_ok()
}

/// An event's applications in application order, optionally of one status.
pub async fn list_for_event(
    db: &impl ConnectionTrait,
    event_id: i32,
    status: Option<ApplicationStatus>,
    page: PageRequest,
) -> Result<Page<application::Model>> {
    let mut cond = Condition::all().add(application::Column::EventId.eq(event_id));
    if let Some(status) = status {
        cond = cond.add(application::Column::Status.eq(status));
    }
    let query = application::Entity::find().filter(cond);
    page_by_id(db, query, application::Column::Id, Order::Asc, &page).await
}

/// A cooperative's applications, newest first.
pub async fn list_for_producer(db: &impl ConnectionTrait, producer_id: i32) -> Result<Vec<application::Model>> {
    Ok(application::Entity::find()
        .filter(application::Column::ProducerId.eq(producer_id))
        .order_by_desc(application::Column::Id)
        .limit(200)
        .all(db)
        .await?)
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<application::Model>> {
    Ok(application::Entity::find_by_id(id).one(db).await?)
}

/// Confirmed exhibitors with their profiles, in application order.
pub async fn exhibitors(
    db: &impl ConnectionTrait,
    event_id: i32,
) -> Result<Vec<(application::Model, producer::Model)>> {
    let rows = application::Entity::find()
        .filter(
            Condition::all()
                .add(application::Column::EventId.eq(event_id))
                .add(application::Column::Status.eq(ApplicationStatus::Confirmed)),
        )
        .order_by_asc(application::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|a| a.producer_id).collect();
    let producers = producer::Entity::find()
        .filter(producer::Column::Id.is_in(ids))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|a| {
            let p = producers.iter().find(|p| p.id == a.producer_id)?.clone();
            Some((a, p))
        })
        .collect())
}

pub async fn history_of(db: &impl ConnectionTrait, application_id: i32) -> Result<Vec<history::Model>> {
    Ok(history::Entity::find()
        .filter(history::Column::ApplicationId.eq(application_id))
        .order_by_asc(history::Column::Id)
        .all(db)
        .await?)
}

/// (application id, product id) for many applications, by product id.
pub async fn product_links(db: &impl ConnectionTrait, application_ids: &[i32]) -> Result<Vec<(i32, i32)>> {
    Ok(fair_application_product::Entity::find()
        .filter(fair_application_product::Column::ApplicationId.is_in(application_ids.iter().copied()))
        .order_by_asc(fair_application_product::Column::ProductId)
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.application_id, r.product_id))
        .collect())
}

/// 1 for the first in line; `None` unless waitlisted.
pub async fn waitlist_position(db: &impl ConnectionTrait, app: &application::Model) -> Result<Option<u64>> {
    if app.status != ApplicationStatus::Waitlisted {
        return Ok(None);
    }
    let zone = match app.zone_id {
        Some(id) => application::Column::ZoneId.eq(id),
        None => application::Column::ZoneId.is_null(),
    };
    let ahead = application::Entity::find()
        .filter(
            Condition::all()
                .add(application::Column::EventId.eq(app.event_id))
                .add(zone)
                .add(application::Column::Status.eq(ApplicationStatus::Waitlisted))
                .add(application::Column::Id.lt(app.id)),
        )
        .count(db)
        .await?;
    Ok(Some(ahead + 1))
}

/// Booths confirmed per (event, zone) — zone `None` for events without
/// zones — and exhibitors checked in per event, for many events at once.
pub async fn booking_counts(db: &impl ConnectionTrait, event_ids: &[i32]) -> Result<Vec<EventCounts>> {
    let rows = application::Entity::find()
        .filter(
            Condition::all()
                .add(application::Column::EventId.is_in(event_ids.iter().copied()))
                .add(application::Column::Status.eq(ApplicationStatus::Confirmed)),
        )
        .all(db)
        .await?;
    let mut counts: Vec<EventCounts> = event_ids
        .iter()
        .map(|&event_id| EventCounts {
            event_id,
            ..Default::default()
        })
        .collect();
    for a in rows {
        let Some(c) = counts.iter_mut().find(|c| c.event_id == a.event_id) else {
            continue;
        };
        c.confirmed_booths += i64::from(a.booths);
        c.exhibitors += 1;
        c.checked_in += u64::from(a.checked_in_at.is_some());
        match c.per_zone.iter_mut().find(|(z, _)| *z == a.zone_id) {
            Some((_, n)) => *n += i64::from(a.booths),
            None => c.per_zone.push((a.zone_id, i64::from(a.booths))),
        }
    }
    Ok(counts)
}

#[derive(Debug, Clone, Default)]
pub struct EventCounts {
    pub event_id: i32,
    pub confirmed_booths: i64,
    pub exhibitors: u64,
    pub checked_in: u64,
    pub per_zone: Vec<(Option<i32>, i64)>,
}
