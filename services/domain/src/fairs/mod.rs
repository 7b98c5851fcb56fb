//! Trade fairs, connection conferences and safe-produce markets: events with
//! booth zones, exhibitor applications, the waitlist, check-in, buyer meetings
//! and the participation counts provinces report.
//!
//! Booking rules (enforced in [`booking`]):
//! - Every change to an event's bookings runs in one transaction that first
//!   locks the event row (PostgreSQL: `SELECT … FOR UPDATE`; SQLite: a write to
//!   the row as the transaction's first statement, which takes the database's
//!   write lock), so counts are never read stale and booths are never oversold.
//! - Booths are counted per pool: each zone is a pool; an event without zones
//!   is one pool.
//! - The waitlist is served in strict application order: when booths free up,
//!   the first waitlisted application is confirmed if its booths fit, then the
//!   next, and promotion stops at the first one that does not fit. A new
//!   application never overtakes the waitlist: while anyone waits in its pool,
//!   it waits too.

pub mod application_reads;
pub mod booking;
pub mod checkin;
pub mod events;
pub mod exports;
pub mod meetings;
pub mod reports;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QuerySelect, TransactionTrait};

use crate::entities::fair_event;
use crate::error::{Error, Result};

/// Asia/Ho_Chi_Minh: UTC+7 all year (Vietnam has no daylight saving time).
pub fn event_time_zone() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset")
}

/// Formats an instant as the organizers read it: `01/12/2026 17:00 (UTC+7)`.
pub fn local_display(at: DateTime<Utc>) -> String {
    at.with_timezone(&event_time_zone())
        .format("%d/%m/%Y %H:%M (UTC+7)")
        .to_string()
}

/// The instant a calendar day starts in Vietnam.
pub fn local_day_start(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(0, 0, 0)
        .expect("midnight exists")
        .and_local_timezone(event_time_zone())
        .single()
        .expect("fixed offsets are unambiguous")
        .with_timezone(&Utc)
}

/// Starts a write to event `id`'s bookings: the process's write turn (SQLite),
/// a transaction, and the event row locked in it, read fresh.
pub(crate) async fn begin_on_event<D: ConnectionTrait + TransactionTrait>(
    db: &D,
    id: i32,
) -> Result<(
    Option<tokio::sync::MutexGuard<'static, ()>>,
    D::Transaction,
    fair_event::Model,
)> {
    let turn = crate::database::write_turn(db).await;
    let txn = db.begin_with_options(crate::database::WRITE).await?;
    let event = lock_event(&txn, id).await?.ok_or(Error::NotFound { entity: "event" })?;
    Ok((turn, txn, event))
}

/// Locks the event row for the rest of the transaction and returns it fresh.
pub(crate) async fn lock_event(txn: &impl ConnectionTrait, id: i32) -> Result<Option<fair_event::Model>> {
    if txn.get_database_backend() == DbBackend::Postgres {
        return Ok(fair_event::Entity::find_by_id(id).lock_exclusive().one(txn).await?);
    }
    // SQLite has no row locks. Making the first statement a write takes the
    // database's write lock now (waiting out the busy timeout) instead of
    // failing with SQLITE_BUSY when a read transaction tries to upgrade later.
    fair_event::Entity::update_many()
        .col_expr(
            fair_event::Column::LockSeq,
            Expr::col(fair_event::Column::LockSeq).add(1),
        )
        .filter(fair_event::Column::Id.eq(id))
        .exec(txn)
        .await?;
    Ok(fair_event::Entity::find_by_id(id).one(txn).await?)
}
