//! The KPI provinces report: cooperative participations in fairs.

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter};

use super::local_day_start;
use crate::authz::{Action, Actor};
use crate::entities::fair_enums::{ApplicationStatus, EventStatus};
use crate::entities::{fair_application as application, fair_event, producer};
use crate::error::{Error, ErrorCode, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvinceParticipation {
    /// The cooperatives' province (not the venue's).
    pub province_code: i32,
    /// Confirmed (cooperative, event) pairs.
    pub participations: u64,
    /// Distinct cooperatives among them.
    pub cooperatives: u64,
    /// Distinct events they exhibited at.
    pub events: u64,
}

/// Participations of cooperatives in published events starting between
/// `from` and `to` (calendar days in Vietnam, both included), per the
/// cooperatives' province, largest first.
pub async fn participations_by_province(
    db: &impl ConnectionTrait,
    actor: &Actor,
    from: NaiveDate,
    to: NaiveDate,
    province_code: Option<i32>,
) -> Result<Vec<ProvinceParticipation>> {
    actor.authorize(Action::ReadFairReports)?;
    if to < from {
        return Err(Error::field(
            "to",
            ErrorCode::OutOfRange,
            "the period must end on or after it starts",
        ));
    }
    let end = local_day_start(to.succ_opt().unwrap_or(to));
    let events = fair_event::Entity::find()
        .filter(
            Condition::all()
                .add(fair_event::Column::Status.eq(EventStatus::Published))
                .add(fair_event::Column::StartsAt.gte(local_day_start(from)))
                .add(fair_event::Column::StartsAt.lt(end)),
        )
        .all(db)
        .await?;
    let event_ids: Vec<i32> = events.iter().map(|e| e.id).collect();
    let apps = application::Entity::find()
        .filter(
            Condition::all()
                .add(application::Column::EventId.is_in(event_ids))
                .add(application::Column::Status.eq(ApplicationStatus::Confirmed)),
        )
        .all(db)
        .await?;
    let producers = producer::Entity::find()
        .filter(producer::Column::Id.is_in(apps.iter().map(|a| a.producer_id)))
        .all(db)
        .await?;
    let mut by_province: std::collections::BTreeMap<i32, (u64, Vec<i32>, Vec<i32>)> = Default::default();
    for app in &apps {
        let Some(p) = producers.iter().find(|p| p.id == app.producer_id) else {
            continue;
        };
        if province_code.is_some_and(|code| code != p.province_code) {
            continue;
        }
        let entry = by_province.entry(p.province_code).or_default();
        entry.0 += 1;
        entry.1.push(p.id);
        entry.2.push(app.event_id);
    }
    let mut rows: Vec<ProvinceParticipation> = by_province
        .into_iter()
        .map(|(code, (n, mut coops, mut evs))| {
            coops.sort_unstable();
            coops.dedup();
            evs.sort_unstable();
            evs.dedup();
            ProvinceParticipation {
                province_code: code,
                participations: n,
                cooperatives: coops.len() as u64,
                events: evs.len() as u64,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.participations
            .cmp(&a.participations)
            .then(a.province_code.cmp(&b.province_code))
    });
    Ok(rows)
}
