//! Applications to exhibit: apply, withdraw, organizers' decisions, and the
//! waitlist's automatic promotion. See the module docs of `fairs` for the rules.
//!
//! Longer than our usual files on purpose: this is the application state
//! machine, and every transition takes the same event lock and re-checks
//! the same booth counts, so reading (and proving, in the property tests of
//! `tests/properties/fair_machine.rs`) all of it in one place is what keeps
//! the waitlist from ever overtaking or overbooking.

use chrono::Utc;
use rand::Rng;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};

use super::{events, local_display};
use crate::authz::{Action, Actor};
use crate::catalog::validation as check;
use crate::entities::fair_enums::ApplicationStatus;
use crate::entities::{
    fair_application as application, fair_application_history as history, fair_application_product, fair_event,
    fair_zone, producer, product,
};
use crate::error::{Error, ErrorCode, Result, ResultExt, Validator};

#[derive(Debug, Clone)]
pub struct ApplicationFields {
    pub event_id: i32,
    pub producer_id: i32,
    /// Required when the event has zones.
    pub zone_id: Option<i32>,
    pub booths: i32,
    pub product_ids: Vec<i32>,
    pub notes: String,
}

/// What a booking step leaves: the application as written and its event as
/// read under the lock, so that callers show both without reading again.
#[derive(Debug, Clone)]
pub struct Booked {
    pub application: application::Model,
    pub event: fair_event::Model,
}

/// Where an application's booths come from: one zone, or the whole event.
#[derive(Debug, Clone, Copy)]
struct Pool {
    event_id: i32,
    zone_id: Option<i32>,
    capacity: i32,
}

impl Pool {
    async fn of(db: &impl ConnectionTrait, event: &fair_event::Model, zone_id: Option<i32>) -> Result<Pool> {
        let capacity = match zone_id {
            None => event.booth_capacity,
            Some(id) => fair_zone::Entity::find_by_id(id).one(db).await?.map_or(0, |z| z.booths),
        };
        Ok(Pool {
            event_id: event.id,
            zone_id,
            capacity,
        })
    }

    /// Confirmed and waitlisted applications of the pool, in application order.
    async fn holders(&self, db: &impl ConnectionTrait) -> Result<Vec<application::Model>> {
        let zone = match self.zone_id {
            Some(id) => application::Column::ZoneId.eq(id),
            None => application::Column::ZoneId.is_null(),
        };
        Ok(application::Entity::find()
            .filter(
                Condition::all()
                    .add(application::Column::EventId.eq(self.event_id))
                    .add(zone)
                    .add(
                        application::Column::Status
                            .is_in([ApplicationStatus::Confirmed, ApplicationStatus::Waitlisted]),
                    ),
            )
            .order_by_asc(application::Column::Id)
            .all(db)
            .await?)
    }
}

fn free_booths(pool: &Pool, holders: &[application::Model]) -> i32 {
    let used: i32 = holders
        .iter()
        .filter(|a| a.status == ApplicationStatus::Confirmed)
        .map(|a| a.booths)
        .sum();
    pool.capacity - used
}

fn new_check_in_code() -> String {
    // No 0/O or 1/I/L: codes are read aloud and typed at the entrance.
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    let mut rng = rand::rng();
    (0..8)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

async fn record(
    db: &impl ConnectionTrait,
    application_id: i32,
    from: Option<ApplicationStatus>,
    to: ApplicationStatus,
    reason: Option<String>,
    actor: &Actor,
) -> Result<()> {
    history::ActiveModel {
        application_id: Set(application_id),
        from_status: Set(from),
        to_status: Set(to),
        reason: Set(reason),
        actor_account_id: Set(actor.signed_in().map(|s| s.account_id)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

async fn set_status(
    db: &impl ConnectionTrait,
    current: application::Model,
    to: ApplicationStatus,
    reason: Option<String>,
    actor: &Actor,
) -> Result<application::Model> {
    let from = current.status;
    let id = current.id;
    let mut model: application::ActiveModel = current.into();
    model.status = Set(to);
    if reason.is_some() || to == ApplicationStatus::Confirmed {
        model.reason = Set(reason.clone());
    }
    model.updated_at = Set(Utc::now());
    let updated = model.update(db).await?;
    record(db, id, Some(from), to, reason, actor).await?;
    Ok(updated)
}

/// Confirms waitlisted applications of the pool in order while their booths
/// fit; stops at the first that does not (strict order, nobody is skipped).
async fn promote(db: &impl ConnectionTrait, pool: &Pool) -> Result<()> {
    let holders = pool.holders(db).await?;
    let mut free = free_booths(pool, &holders);
    for waiting in holders
        .into_iter()
        .filter(|a| a.status == ApplicationStatus::Waitlisted)
    {
        if waiting.booths > free {
            break;
        }
        free -= waiting.booths;
        set_status(
            db,
            waiting,
            ApplicationStatus::Confirmed,
            Some("booths freed up: moved up from the waitlist".into()),
            &Actor::System,
        )
        .await?;
    }
    Ok(())
}

/// Checks everything that can be checked before taking the lock.
async fn validate(
    db: &impl ConnectionTrait,
    actor: &Actor,
    input: &ApplicationFields,
) -> Result<(fair_event::Model, String)> {
    actor
        .authorize(Action::ExhibitAs {
            producer_id: input.producer_id,
        })
        .map_err(|e| match e {
            Error::Forbidden { .. } => Error::field(
                "producerId",
                ErrorCode::Forbidden,
                "you may apply only for a cooperative you are a member of",
            ),
            other => other,
        })?;
    let mut v = Validator::new();
    let event = events::find_published_event(db, input.event_id).await?;
    let now = Utc::now();
    if now < event.registration_opens_at {
        v.push(
            "eventId",
            ErrorCode::OutOfRange,
            format!("registration opens on {}", local_display(event.registration_opens_at)),
        );
    } else if now >= event.registration_closes_at {
        v.push(
            "eventId",
            ErrorCode::OutOfRange,
            format!("registration closed on {}", local_display(event.registration_closes_at)),
        );
    }
    let producer = producer::Entity::find_by_id(input.producer_id).one(db).await?;
    match &producer {
        Some(p) if p.archived_at.is_none() => {}
        _ => v.push("producerId", ErrorCode::NotFound, "no active cooperative has this id"),
    }
    let zones = events::zones_of_events(db, &[event.id]).await?;
    let capacity = match (zones.is_empty(), input.zone_id) {
        (true, None) => Some(event.booth_capacity),
        (true, Some(_)) => {
            v.push("zoneId", ErrorCode::NotFound, "this event has no zones");
            None
        }
        (false, None) => {
            v.push("zoneId", ErrorCode::Required, "choose a zone of this event");
            None
        }
        (false, Some(id)) => match zones.iter().find(|z| z.id == id) {
            None => {
                v.push("zoneId", ErrorCode::NotFound, "no zone of this event has this id");
                None
            }
            Some(zone) => {
                if let (Some(reserved), Some(p)) = (zone.province_code, &producer)
                    && reserved != p.province_code
                {
                    v.push(
                        "zoneId",
                        ErrorCode::Forbidden,
                        "this zone is reserved for cooperatives of another province",
                    );
                }
                Some(zone.booths)
            }
        },
    };
    if input.booths < 1 {
        v.push("booths", ErrorCode::OutOfRange, "apply for at least one booth");
    } else if let Some(capacity) = capacity
        && input.booths > capacity
    {
        v.push(
            "booths",
            ErrorCode::OutOfRange,
            format!("at most {capacity} booths are available here"),
        );
    }
    if !input.product_ids.is_empty() {
        let found = product::Entity::find()
            .filter(product::Column::Id.is_in(input.product_ids.iter().copied()))
            .all(db)
            .await?;
        let ok = input.product_ids.iter().all(|id| {
            found
                .iter()
                .any(|p| p.id == *id && p.producer_id == input.producer_id && p.archived_at.is_none())
        });
        if !ok {
            v.push(
                "productIds",
                ErrorCode::NotFound,
                "every product must be one of this cooperative's current products",
            );
        }
    }
    let notes = v
        .check(check::long_text("notes", &input.notes, 2000))
        .unwrap_or_default();
    let exists = application::Entity::find()
        .filter(
            Condition::all()
                .add(application::Column::EventId.eq(event.id))
                .add(application::Column::ProducerId.eq(input.producer_id)),
        )
        .one(db)
        .await?
        .is_some();
    if exists {
        v.push(
            "eventId",
            ErrorCode::AlreadyExists,
            "this cooperative has already applied to this event",
        );
    }
    v.finish()?;
    Ok((event, notes))
}

/// Applies to exhibit. Without approval the application is confirmed while
/// its pool has booths and nobody waits before it, and waitlisted otherwise;
/// with approval it is pending.
pub async fn apply(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    input: ApplicationFields,
) -> Result<Booked> {
    let (event, notes) = validate(db, actor, &input).await?;
    let (_turn, txn, event) = super::begin_on_event(db, event.id).await?;
    let pool = Pool::of(&txn, &event, input.zone_id).await?;
    let status = if event.requires_approval {
        ApplicationStatus::Pending
    } else {
        let holders = pool.holders(&txn).await?;
        let someone_waits = holders.iter().any(|a| a.status == ApplicationStatus::Waitlisted);
        if !someone_waits && input.booths <= free_booths(&pool, &holders) {
            ApplicationStatus::Confirmed
        } else {
            ApplicationStatus::Waitlisted
        }
    };
    let now = Utc::now();
    let created = application::ActiveModel {
        event_id: Set(event.id),
        producer_id: Set(input.producer_id),
        zone_id: Set(input.zone_id),
        booths: Set(input.booths),
        notes: Set(notes),
        status: Set(status),
        reason: Set(None),
        check_in_code: Set(new_check_in_code()),
        checked_in_at: Set(None),
        checked_in_by: Set(None),
        applied_by: Set(actor.signed_in().map(|s| s.account_id)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .on_unique_violation("eventId", "this cooperative has already applied to this event")?;
    for product_id in &input.product_ids {
        fair_application_product::ActiveModel {
            application_id: Set(created.id),
            product_id: Set(*product_id),
        }
        .insert(&txn)
        .await?;
    }
    record(&txn, created.id, None, status, None, actor).await?;
    txn.commit().await?;
    Ok(Booked {
        application: created,
        event,
    })
}

async fn load(db: &impl ConnectionTrait, id: i32) -> Result<application::Model> {
    application::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| Error::field("id", ErrorCode::NotFound, format!("no application has id {id}")))
}

/// Withdraws an application; its booths go to the waitlist, in order.
pub async fn withdraw(db: &(impl ConnectionTrait + TransactionTrait), actor: &Actor, id: i32) -> Result<Booked> {
    let current = load(db, id).await?;
    actor.authorize(Action::ExhibitAs {
        producer_id: current.producer_id,
    })?;
    let (_turn, txn, event) = super::begin_on_event(db, current.event_id).await?;
    // Re-read under the lock: a promotion may have changed it meanwhile.
    let current = load(&txn, id).await?;
    if !matches!(
        current.status,
        ApplicationStatus::Pending | ApplicationStatus::Confirmed | ApplicationStatus::Waitlisted
    ) {
        return Err(Error::field(
            "id",
            ErrorCode::OutOfRange,
            "this application is already closed",
        ));
    }
    let pool = Pool::of(&txn, &event, current.zone_id).await?;
    let updated = set_status(&txn, current, ApplicationStatus::Withdrawn, None, actor).await?;
    promote(&txn, &pool).await?;
    txn.commit().await?;
    Ok(Booked {
        application: updated,
        event,
    })
}

#[derive(Debug, Clone)]
pub enum Decision {
    /// Confirm (from pending or waitlisted); needs free booths.
    Approve,
    /// Reject with a reason (from pending, waitlisted or confirmed).
    Reject { reason: String },
    /// Put a pending application on the waitlist.
    Waitlist { reason: Option<String> },
}

/// An organizer's decision on an application.
pub async fn decide(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: i32,
    decision: Decision,
) -> Result<Booked> {
    let current = load(db, id).await?;
    events::find_event_for_management(db, actor, current.event_id)
        .await
        .map_err(|e| match e {
            Error::Invalid(_) => Error::NotFound { entity: "event" },
            other => other,
        })?;
    let reason = match &decision {
        Decision::Reject { reason } => {
            let reason = check::required_text("reason", reason, 500).map_err(|e| Error::Invalid(vec![e]))?;
            Some(reason)
        }
        Decision::Waitlist { reason } => reason
            .as_deref()
            .map(|r| check::optional_text("reason", r, 500))
            .transpose()
            .map_err(|e| Error::Invalid(vec![e]))?
            .flatten(),
        Decision::Approve => None,
    };
    let (_turn, txn, event) = super::begin_on_event(db, current.event_id).await?;
    let current = load(&txn, id).await?;
    let pool = Pool::of(&txn, &event, current.zone_id).await?;
    use ApplicationStatus as S;
    let updated = match (decision, current.status) {
        (Decision::Approve, S::Pending | S::Waitlisted) => {
            let free = free_booths(&pool, &pool.holders(&txn).await?);
            if current.booths > free {
                return Err(Error::field(
                    "id",
                    ErrorCode::OutOfRange,
                    format!("only {free} booths are free; it needs {}", current.booths),
                ));
            }
            set_status(&txn, current, S::Confirmed, None, actor).await?
        }
        (Decision::Reject { .. }, S::Pending | S::Waitlisted | S::Confirmed) => {
            let updated = set_status(&txn, current, S::Rejected, reason, actor).await?;
            // Its booths are free again, or it was the head of the waitlist
            // that the next in line waited behind: either way the line moves.
            promote(&txn, &pool).await?;
            updated
        }
        (Decision::Waitlist { .. }, S::Pending) => set_status(&txn, current, S::Waitlisted, reason, actor).await?,
        (_, status) => {
            return Err(Error::field(
                "id",
                ErrorCode::OutOfRange,
                format!("not possible while the application is {status:?}"),
            ));
        }
    };
    txn.commit().await?;
    Ok(Booked {
        application: updated,
        event,
    })
}
