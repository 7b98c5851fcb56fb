//! Check-in at the entrance, by the code each confirmed exhibitor received.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

use super::events;
use crate::authz::Actor;
use crate::entities::fair_enums::ApplicationStatus;
use crate::entities::{fair_application as application, fair_event};
use crate::error::{Error, ErrorCode, Result};

#[derive(Debug, Clone)]
pub struct CheckIn {
    pub application: application::Model,
    /// Its event, as read to authorize the check-in.
    pub event: fair_event::Model,
    /// False when the code had been checked in before (nothing changed).
    pub first_time: bool,
    /// Exhibitors checked in at the event so far.
    pub attendance: u64,
}

/// Checks an exhibitor in. Repeating it changes nothing and says so.
pub async fn check_in(db: &impl ConnectionTrait, actor: &Actor, event_id: i32, code: &str) -> Result<CheckIn> {
    let event = events::find_event_for_management(db, actor, event_id)
        .await
        .map_err(|e| match e {
            Error::Invalid(_) => Error::field("eventId", ErrorCode::NotFound, "no event has this id"),
            other => other,
        })?;
    let code = code.trim().to_uppercase();
    let found = application::Entity::find()
        .filter(
            Condition::all()
                .add(application::Column::EventId.eq(event.id))
                .add(application::Column::CheckInCode.eq(code.as_str())),
        )
        .one(db)
        .await?
        .ok_or_else(|| Error::field("code", ErrorCode::NotFound, "no exhibitor of this event has this code"))?;
    if found.status != ApplicationStatus::Confirmed {
        return Err(Error::field(
            "code",
            ErrorCode::OutOfRange,
            "this application is not confirmed",
        ));
    }
    // The condition on checked_in_at makes concurrent scans of one code count once.
    let turn = crate::database::write_turn(db).await;
    let updated = application::Entity::update_many()
        .col_expr(application::Column::CheckedInAt, Expr::value(Utc::now()))
        .col_expr(
            application::Column::CheckedInBy,
            Expr::value(actor.signed_in().map(|s| s.account_id)),
        )
        .filter(
            Condition::all()
                .add(application::Column::Id.eq(found.id))
                .add(application::Column::CheckedInAt.is_null()),
        )
        .exec(db)
        .await?;
    drop(turn);
    let application = application::Entity::find_by_id(found.id)
        .one(db)
        .await?
        .ok_or(Error::NotFound { entity: "application" })?;
    Ok(CheckIn {
        application,
        first_time: updated.rows_affected == 1,
        attendance: attendance(db, event.id).await?,
        event,
    })
}

pub async fn attendance(db: &impl ConnectionTrait, event_id: i32) -> Result<u64> {
    Ok(application::Entity::find()
        .filter(
            Condition::all()
                .add(application::Column::EventId.eq(event_id))
                .add(application::Column::CheckedInAt.is_not_null()),
        )
        .count(db)
        .await?)
}
