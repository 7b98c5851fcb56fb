//! Meetings at connection conferences: a buyer asks, the exhibiting
//! cooperative accepts, and the slot must not clash for either of them.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};

use super::{events, local_display};
use crate::authz::{Action, Actor, Role};
use crate::catalog::validation as check;
use crate::entities::fair_enums::{ApplicationStatus, EventKind, MeetingStatus};
use crate::entities::{fair_application as application, fair_event, fair_meeting as meeting};
use crate::error::{Error, ErrorCode, Result, Validator};

#[derive(Debug, Clone)]
pub struct MeetingRequest {
    pub event_id: i32,
    /// The buyer company; defaults to the buyer's own.
    pub buyer_id: Option<i32>,
    pub producer_id: i32,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub message: String,
}

fn check_slot(v: &mut Validator, event: &fair_event::Model, starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) {
    if ends_at <= starts_at {
        v.push("endsAt", ErrorCode::OutOfRange, "the meeting must end after it starts");
    } else if starts_at < event.starts_at || ends_at > event.ends_at {
        v.push(
            "startsAt",
            ErrorCode::OutOfRange,
            format!(
                "the slot must lie within the event, {} to {}",
                local_display(event.starts_at),
                local_display(event.ends_at)
            ),
        );
    } else if ends_at - starts_at > chrono::Duration::hours(4) {
        v.push("endsAt", ErrorCode::OutOfRange, "a meeting lasts at most 4 hours");
    }
}

pub async fn request_meeting(
    db: &impl ConnectionTrait,
    actor: &Actor,
    input: MeetingRequest,
) -> Result<meeting::Model> {
    let account = actor.require_account()?;
    let own = (account.role == Role::Buyer)
        .then(|| account.organization_ids().next())
        .flatten();
    let Some(buyer_id) = input.buyer_id.or(own) else {
        return Err(Error::field(
            "buyerId",
            ErrorCode::Forbidden,
            "only a buyer company's accounts ask for meetings",
        ));
    };
    actor.authorize(Action::MeetAsBuyer { buyer_id }).map_err(|_| {
        Error::field(
            "buyerId",
            ErrorCode::Forbidden,
            "only the buyer's own accounts ask for meetings",
        )
    })?;
    let mut v = Validator::new();
    let event = events::find_published_event(db, input.event_id).await?;
    if event.kind != EventKind::ConnectionConference {
        v.push(
            "eventId",
            ErrorCode::InvalidFormat,
            "meetings are arranged only at connection conferences",
        );
    }
    let exhibiting = application::Entity::find()
        .filter(
            Condition::all()
                .add(application::Column::EventId.eq(event.id))
                .add(application::Column::ProducerId.eq(input.producer_id))
                .add(application::Column::Status.eq(ApplicationStatus::Confirmed)),
        )
        .one(db)
        .await?
        .is_some();
    if !exhibiting {
        v.push(
            "producerId",
            ErrorCode::NotFound,
            "this cooperative does not exhibit at the event",
        );
    }
    check_slot(&mut v, &event, input.starts_at, input.ends_at);
    let message = v
        .check(check::long_text("message", &input.message, 2000))
        .unwrap_or_default();
    v.finish()?;
    let now = Utc::now();
    Ok(meeting::ActiveModel {
        event_id: Set(event.id),
        buyer_id: Set(buyer_id),
        producer_id: Set(input.producer_id),
        requested_by: Set(Some(account.account_id)),
        message: Set(message),
        status: Set(MeetingStatus::Requested),
        starts_at: Set(input.starts_at),
        ends_at: Set(input.ends_at),
        answered_by: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// The cooperative accepts (optionally moving the slot) or declines.
pub async fn answer_meeting(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: i32,
    accept: bool,
    new_slot: Option<(DateTime<Utc>, DateTime<Utc>)>,
) -> Result<meeting::Model> {
    let current = meeting::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| Error::field("id", ErrorCode::NotFound, format!("no meeting has id {id}")))?;
    actor.authorize(Action::ExhibitAs {
        producer_id: current.producer_id,
    })?;
    // One event lock serializes answers, so two acceptances cannot both take a slot.
    let (_turn, txn, event) = super::begin_on_event(db, current.event_id).await?;
    let current = meeting::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(Error::NotFound { entity: "meeting" })?;
    if current.status != MeetingStatus::Requested {
        return Err(Error::field(
            "id",
            ErrorCode::OutOfRange,
            "this meeting was already answered",
        ));
    }
    let (starts_at, ends_at) = new_slot.unwrap_or((current.starts_at, current.ends_at));
    if accept {
        let mut v = Validator::new();
        check_slot(&mut v, &event, starts_at, ends_at);
        v.finish()?;
        let clash = meeting::Entity::find()
            .filter(
                Condition::all()
                    .add(meeting::Column::EventId.eq(event.id))
                    .add(meeting::Column::Status.eq(MeetingStatus::Accepted))
                    .add(meeting::Column::Id.ne(current.id))
                    .add(
                        Condition::any()
                            .add(meeting::Column::BuyerId.eq(current.buyer_id))
                            .add(meeting::Column::ProducerId.eq(current.producer_id)),
                    )
                    .add(meeting::Column::StartsAt.lt(ends_at))
                    .add(meeting::Column::EndsAt.gt(starts_at)),
            )
            .one(&txn)
            .await?;
        if let Some(other) = clash {
            return Err(Error::field(
                "startsAt",
                ErrorCode::AlreadyExists,
                format!(
                    "clashes with another meeting from {} to {}",
                    local_display(other.starts_at),
                    local_display(other.ends_at)
                ),
            ));
        }
    }
    let mut model: meeting::ActiveModel = current.into();
    model.status = Set(if accept {
        MeetingStatus::Accepted
    } else {
        MeetingStatus::Declined
    });
    model.starts_at = Set(starts_at);
    model.ends_at = Set(ends_at);
    model.answered_by = Set(actor.signed_in().map(|s| s.account_id));
    model.updated_at = Set(Utc::now());
    let updated = model.update(&txn).await?;
    txn.commit().await?;
    Ok(updated)
}

/// The meetings of an event the actor takes part in (all of them for its organizers).
pub async fn meetings_of_event(
    db: &impl ConnectionTrait,
    actor: &Actor,
    event: &fair_event::Model,
) -> Result<Vec<meeting::Model>> {
    let mut cond = Condition::all().add(meeting::Column::EventId.eq(event.id));
    if !events::may_manage(actor, event) {
        let Some(account) = actor.signed_in() else {
            return Ok(vec![]);
        };
        let mine = account.organization_ids();
        cond = cond.add(
            Condition::any()
                .add(meeting::Column::BuyerId.is_in(mine.clone()))
                .add(meeting::Column::ProducerId.is_in(mine)),
        );
    }
    Ok(meeting::Entity::find()
        .filter(cond)
        .order_by_asc(meeting::Column::StartsAt)
        .order_by_asc(meeting::Column::Id)
        .all(db)
        .await?)
}
