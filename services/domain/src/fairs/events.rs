//! Creating, publishing, finding and listing events.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    TransactionSession, TransactionTrait,
};

use crate::authz::{Action, Actor};
use crate::catalog::validation as check;
use crate::entities::fair_enums::{EventKind, EventStatus};
use crate::entities::organization::{self, OrganizationKind};
use crate::entities::{fair_event, fair_zone};
use crate::error::{Error, ErrorCode, Result, Validator};
use crate::pagination::{CursorKey, Page, PageRequest, SortValue};
use crate::places;

pub const MAX_BOOTHS: i32 = 10_000;

#[derive(Debug, Clone)]
pub struct ZoneFields {
    pub name: String,
    pub booths: i32,
    /// Reserve the zone for cooperatives of this province.
    pub province_code: Option<i32>,
}

#[derive(Debug, Clone)]
pub struct EventFields {
    /// The organizing body; defaults to the organizer's own.
    pub organizer_id: Option<i32>,
    pub kind: EventKind,
    pub title: String,
    pub description: String,
    pub venue_name: String,
    pub street: String,
    pub province_code: i32,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub registration_opens_at: DateTime<Utc>,
    pub registration_closes_at: DateTime<Utc>,
    /// Required without zones; with zones it is their sum.
    pub booth_capacity: Option<i32>,
    pub zones: Vec<ZoneFields>,
    pub fee_vnd: i64,
    pub requires_approval: bool,
    pub publish: bool,
}

fn default_organizer(actor: &Actor) -> Option<i32> {
    actor.signed_in().and_then(|s| s.organization_ids().next())
}

pub async fn create_event(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    input: EventFields,
) -> Result<(fair_event::Model, Vec<fair_zone::Model>)> {
    if *actor == Actor::Anonymous {
        return Err(Error::Unauthenticated);
    }
    let mut v = Validator::new();
    let Some(organizer_id) = input.organizer_id.or_else(|| default_organizer(actor)) else {
        return Err(Error::field(
            "organizerId",
            ErrorCode::Required,
            "choose the organizing body",
        ));
    };
    actor.authorize(Action::ManageEvents { organizer_id })?;
    match organization::Entity::find_by_id(organizer_id).one(db).await? {
        Some(o) if o.kind == OrganizationKind::OrganizingBody => {}
        Some(_) => v.push(
            "organizerId",
            ErrorCode::InvalidFormat,
            "only organizing bodies run events",
        ),
        None => v.push(
            "organizerId",
            ErrorCode::NotFound,
            format!("no organization has id {organizer_id}"),
        ),
    }
    let title = v.check(check::required_text("title", &input.title, 200));
    let description = v.check(check::long_text("description", &input.description, 10_000));
    let venue = v.check(check::required_text("venueName", &input.venue_name, 200));
    let street = v.check(check::optional_text("street", &input.street, 300));
    v.check(places::check_province(db, "provinceCode", input.province_code).await?);
    if input.ends_at <= input.starts_at {
        v.push("endsAt", ErrorCode::OutOfRange, "the event must end after it starts");
    }
    if input.registration_closes_at <= input.registration_opens_at {
        v.push(
            "registrationClosesAt",
            ErrorCode::OutOfRange,
            "registration must close after it opens",
        );
    } else if input.registration_closes_at > input.starts_at {
        v.push(
            "registrationClosesAt",
            ErrorCode::OutOfRange,
            "registration must close by the time the event starts",
        );
    }
    if input.fee_vnd < 0 {
        v.push("feeVnd", ErrorCode::OutOfRange, "must not be negative");
    }
    let capacity = if input.zones.is_empty() {
        match input.booth_capacity {
            None => {
                v.push(
                    "boothCapacity",
                    ErrorCode::Required,
                    "give the number of booths or zones",
                );
                0
            }
            Some(n) if !(1..=MAX_BOOTHS).contains(&n) => {
                v.push(
                    "boothCapacity",
                    ErrorCode::OutOfRange,
                    format!("1 to {MAX_BOOTHS} booths"),
                );
                0
            }
            Some(n) => n,
        }
    } else {
        let mut sum = 0i32;
        for (i, zone) in input.zones.iter().enumerate() {
            v.check(check::required_text(&format!("zones.{i}.name"), &zone.name, 120));
            if !(1..=MAX_BOOTHS).contains(&zone.booths) {
                v.push(
                    &format!("zones.{i}.booths"),
                    ErrorCode::OutOfRange,
                    format!("1 to {MAX_BOOTHS} booths"),
                );
            }
            if let Some(code) = zone.province_code {
                v.check(places::check_province(db, &format!("zones.{i}.provinceCode"), code).await?);
            }
            sum = sum.saturating_add(zone.booths.max(0));
        }
        if input.booth_capacity.is_some_and(|n| n != sum) {
            v.push(
                "boothCapacity",
                ErrorCode::OutOfRange,
                format!("the zones hold {sum} booths; leave boothCapacity out or give {sum}"),
            );
        }
        sum
    };
    v.finish()?;

    let now = Utc::now();
    let _turn = crate::database::write_turn(db).await;
    let txn = db.begin_with_options(crate::database::WRITE).await?;
    let event = fair_event::ActiveModel {
        organizer_id: Set(organizer_id),
        kind: Set(input.kind),
        title: Set(title.unwrap_or_default()),
        description: Set(description.unwrap_or_default()),
        venue_name: Set(venue.unwrap_or_default()),
        street: Set(street.flatten().unwrap_or_default()),
        province_code: Set(input.province_code),
        starts_at: Set(input.starts_at),
        ends_at: Set(input.ends_at),
        registration_opens_at: Set(input.registration_opens_at),
        registration_closes_at: Set(input.registration_closes_at),
        booth_capacity: Set(capacity),
        fee_vnd: Set(input.fee_vnd),
        requires_approval: Set(input.requires_approval),
        status: Set(if input.publish {
            EventStatus::Published
        } else {
            EventStatus::Draft
        }),
        lock_seq: Set(0),
        created_by: Set(actor.signed_in().map(|s| s.account_id)),
        published_at: Set(input.publish.then_some(now)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mut zones = Vec::with_capacity(input.zones.len());
    for (position, zone) in input.zones.into_iter().enumerate() {
        let zone = fair_zone::ActiveModel {
            event_id: Set(event.id),
            name: Set(crate::text::clean(&zone.name)),
            booths: Set(zone.booths),
            province_code: Set(zone.province_code),
            position: Set(position as i32),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        zones.push(zone);
    }
    txn.commit().await?;
    Ok((event, zones))
}

/// Published events by id (search results; drafts never show).
pub async fn published_by_ids(db: &impl ConnectionTrait, ids: &[i32]) -> Result<Vec<fair_event::Model>> {
    Ok(fair_event::Entity::find()
        .filter(fair_event::Column::Id.is_in(ids.iter().copied()))
        .filter(fair_event::Column::Status.eq(EventStatus::Published))
        .all(db)
        .await?)
}

/// Makes a draft public.
pub async fn publish_event(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: i32,
) -> Result<fair_event::Model> {
    let event = find_event_for_management(db, actor, id).await?;
    if event.status == EventStatus::Published {
        return Ok(event);
    }
    let now = Utc::now();
    let mut model: fair_event::ActiveModel = event.into();
    model.status = Set(EventStatus::Published);
    model.published_at = Set(Some(now));
    model.updated_at = Set(now);
    // Published events are searchable: the outbox row commits with the change.
    let _turn = crate::database::write_turn(db).await;
    let txn = db.begin_with_options(crate::database::WRITE).await?;
    let published = model.update(&txn).await?;
    crate::search::outbox::enqueue_event(&txn, published.id).await?;
    txn.commit().await?;
    Ok(published)
}

/// The event, if the actor may run it. A missing event and a draft the actor
/// may not see are the same `NotFound` naming `id`, so that nobody learns
/// which drafts other bodies prepare; a published event it may not run is
/// `Forbidden`, its existence being public anyway.
pub async fn find_event_for_management(db: &impl ConnectionTrait, actor: &Actor, id: i32) -> Result<fair_event::Model> {
    if *actor == Actor::Anonymous {
        return Err(Error::Unauthenticated);
    }
    let not_found = || Error::field("id", ErrorCode::NotFound, format!("no event has id {id}"));
    let event = fair_event::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(not_found)?;
    if !may_manage(actor, &event) && event.status != EventStatus::Published {
        return Err(not_found());
    }
    actor.authorize(Action::ManageEvents {
        organizer_id: event.organizer_id,
    })?;
    Ok(event)
}

pub fn may_manage(actor: &Actor, event: &fair_event::Model) -> bool {
    actor
        .authorize(Action::ManageEvents {
            organizer_id: event.organizer_id,
        })
        .is_ok()
}

/// A published event, or a draft its organizers may see; `None` otherwise.
pub async fn find_visible_event(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
) -> Result<Option<fair_event::Model>> {
    let event = fair_event::Entity::find_by_id(id).one(db).await?;
    Ok(event.filter(|e| e.status == EventStatus::Published || may_manage(actor, e)))
}

/// The published event an input names in `eventId`: only published events
/// take applications and meeting requests, so any other is `NotFound` there.
pub async fn find_published_event(db: &impl ConnectionTrait, id: i32) -> Result<fair_event::Model> {
    fair_event::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|e| e.status == EventStatus::Published)
        .ok_or_else(|| Error::field("eventId", ErrorCode::NotFound, "no published event has this id"))
}

pub async fn zones_of_events(db: &impl ConnectionTrait, event_ids: &[i32]) -> Result<Vec<fair_zone::Model>> {
    Ok(fair_zone::Entity::find()
        .filter(fair_zone::Column::EventId.is_in(event_ids.iter().copied()))
        .order_by_asc(fair_zone::Column::EventId)
        .order_by_asc(fair_zone::Column::Position)
        .all(db)
        .await?)
}

#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    pub province_code: Option<i32>,
    pub kind: Option<EventKind>,
    /// Only events that have not ended yet.
    pub upcoming: bool,
    pub starts_from: Option<DateTime<Utc>>,
    pub starts_before: Option<DateTime<Utc>>,
    /// One organizing body's events; its own organizers also see its drafts.
    pub organizer_id: Option<i32>,
}

/// Events by start time (then id), soonest first.
pub async fn list_events(
    db: &impl ConnectionTrait,
    actor: &Actor,
    filter: &EventFilter,
    page: PageRequest,
) -> Result<Page<fair_event::Model>> {
    let mut cond = Condition::all();
    let drafts_visible = filter
        .organizer_id
        .is_some_and(|organizer_id| actor.authorize(Action::ManageEvents { organizer_id }).is_ok());
    if !drafts_visible {
        cond = cond.add(fair_event::Column::Status.eq(EventStatus::Published));
    }
    if let Some(id) = filter.organizer_id {
        cond = cond.add(fair_event::Column::OrganizerId.eq(id));
    }
    if let Some(code) = filter.province_code {
        cond = cond.add(fair_event::Column::ProvinceCode.eq(code));
    }
    if let Some(kind) = filter.kind {
        cond = cond.add(fair_event::Column::Kind.eq(kind));
    }
    if filter.upcoming {
        cond = cond.add(fair_event::Column::EndsAt.gt(Utc::now()));
    }
    if let Some(from) = filter.starts_from {
        cond = cond.add(fair_event::Column::StartsAt.gte(from));
    }
    if let Some(before) = filter.starts_before {
        cond = cond.add(fair_event::Column::StartsAt.lt(before));
    }
    if let Some(after) = &page.after {
        let Some(SortValue::Text(at)) = &after.sort else {
            return Err(Error::field(
                "after",
                ErrorCode::InvalidFormat,
                "not a cursor of this list",
            ));
        };
        let at = DateTime::parse_from_rfc3339(at)
            .map_err(|_| Error::field("after", ErrorCode::InvalidFormat, "not a cursor of this list"))?
            .with_timezone(&Utc);
        cond = cond.add(
            Condition::any().add(fair_event::Column::StartsAt.gt(at)).add(
                Condition::all()
                    .add(fair_event::Column::StartsAt.eq(at))
                    .add(fair_event::Column::Id.gt(after.id as i32)),
            ),
        );
    }
    let rows = fair_event::Entity::find()
        .filter(cond)
        .order_by_asc(fair_event::Column::StartsAt)
        .order_by_asc(fair_event::Column::Id)
        .limit(page.limit())
        .all(db)
        .await?;
    Ok(Page::from_rows(rows, &page))
}

pub fn cursor_key(event: &fair_event::Model) -> CursorKey {
    CursorKey::sorted(event.id, SortValue::Text(event.starts_at.to_rfc3339()))
}

/// Published events that have not ended, soonest first (for the iCal feed).
pub async fn upcoming_published(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<fair_event::Model>> {
    Ok(fair_event::Entity::find()
        .filter(
            Condition::all()
                .add(fair_event::Column::Status.eq(EventStatus::Published))
                .add(fair_event::Column::EndsAt.gt(Utc::now())),
        )
        .order_by_asc(fair_event::Column::StartsAt)
        .order_by_asc(fair_event::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

/// An event by id, whatever its status: for showing the event of an
/// application the caller was already allowed to see.
pub async fn find_event(db: &impl ConnectionTrait, id: i32) -> Result<fair_event::Model> {
    fair_event::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound { entity: "event" })
}
