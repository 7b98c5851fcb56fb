//! What happens on the synthetic catalog: published fairs and conferences
//! with zones and applications, and buyers' inquiries in every status. Dates
//! are fixed (same seed, same rows): four events in five are upcoming, their
//! registration open from 2026 until two weeks before they start (mid-2027 at
//! the earliest); the fifth took place in 2025. Inquiries are in
//! `synthetic_inquiries`.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, TimeZone, Utc};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, seq::index};
use sea_orm::{ActiveValue::NotSet, ConnectionTrait, EntityTrait, Set};

use super::synthetic_people::{MEMBER_ACCOUNTS, Party};
use coopbridge_domain::entities::fair_enums::{ApplicationStatus, EventKind, EventStatus};
use coopbridge_domain::entities::{
    fair_application as application, fair_application_history as history, fair_event, fair_zone,
};
use coopbridge_domain::error::Result;
use coopbridge_domain::search::outbox;

#[derive(Debug, Default, Clone, Copy)]
pub struct EventReport {
    pub events: u64,
    pub zones: u64,
    pub applications: u64,
}

struct Plan {
    event: fair_event::ActiveModel,
    past: bool,
    approval: bool,
    /// (name, booths, reserved province)
    zones: Vec<(String, i32, Option<i32>)>,
}

fn plan_event(rng: &mut StdRng, n: u32, organizer: &Party, province_name: &str) -> Plan {
    let past = n % 5 == 4;
    let kind = *[
        EventKind::TradeFair,
        EventKind::TradeFair,
        EventKind::ConnectionConference,
        EventKind::SafeProduceMarket,
    ]
    .choose(rng)
    .unwrap();
    let title = match kind {
        EventKind::TradeFair => format!("Hội chợ xúc tiến thương mại nông sản {province_name} lần {n}"),
        EventKind::ConnectionConference => format!("Hội nghị kết nối cung cầu nông sản {province_name} số {n}"),
        EventKind::SafeProduceMarket => format!("Phiên chợ nông sản an toàn {province_name} số {n}"),
    };
    let day = |y, m, d| Utc.with_ymd_and_hms(y, m, d, 1, 0, 0).unwrap();
    let starts_at = if past {
        day(2025, 1, 10) + Duration::days(rng.random_range(0..330))
    } else {
        day(2027, 6, 1) + Duration::days(rng.random_range(0..900))
    };
    let opens = if past {
        starts_at - Duration::days(60)
    } else {
        day(2026, 1, 1) + Duration::days(rng.random_range(0..200))
    };
    let zones: Vec<(String, i32, Option<i32>)> = if rng.random_bool(0.6) {
        (0..rng.random_range(2..=4))
            .map(|z| {
                let reserved = (z == 0 && rng.random_bool(0.3)).then_some(organizer.province_code);
                (
                    format!("Khu {}", ["A", "B", "C", "D"][z]),
                    rng.random_range(10..=60),
                    reserved,
                )
            })
            .collect()
    } else {
        vec![]
    };
    let capacity = if zones.is_empty() {
        rng.random_range(20..=200)
    } else {
        zones.iter().map(|z| z.1).sum()
    };
    let approval = rng.random_bool(0.3);
    let draft = !past && rng.random_ratio(1, 20);
    let created = opens - Duration::days(10);
    let event = fair_event::ActiveModel {
        id: NotSet,
        organizer_id: Set(organizer.organization_id),
        kind: Set(kind),
        title: Set(title),
        description: Set("Sự kiện tổng hợp (không có thật) cho thử tải.".to_owned()),
        venue_name: Set(format!("Trung tâm Hội chợ Triển lãm {province_name}")),
        street: Set(String::new()),
        province_code: Set(organizer.province_code),
        starts_at: Set(starts_at),
        ends_at: Set(starts_at + Duration::days(rng.random_range(1..5))),
        registration_opens_at: Set(opens),
        registration_closes_at: Set(starts_at - Duration::days(14)),
        booth_capacity: Set(capacity),
        fee_vnd: Set(rng.random_range(0..5) * 500_000),
        requires_approval: Set(approval),
        status: Set(if draft {
            EventStatus::Draft
        } else {
            EventStatus::Published
        }),
        lock_seq: Set(0),
        created_by: Set(Some(organizer.account_id)),
        published_at: Set((!draft).then_some(created)),
        created_at: Set(created),
        updated_at: Set(created),
    };
    Plan {
        event,
        past,
        approval,
        zones,
    }
}

fn check_in_code(rng: &mut StdRng, taken: &mut HashSet<String>) -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    loop {
        let code: String = (0..8)
            .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
            .collect();
        if taken.insert(code.clone()) {
            return code;
        }
    }
}

/// Events with zones and applications. Applications come from producers
/// without a synthetic member account when there are enough of them, so that
/// a load test's members can still apply anywhere.
pub async fn events(
    db: &impl ConnectionTrait,
    rng: &mut StdRng,
    count: u32,
    organizers: &[Party],
    province_names: &HashMap<i32, String>,
    producers: &[(i32, i32)],
) -> Result<EventReport> {
    let mut report = EventReport::default();
    if count == 0 || organizers.is_empty() || producers.is_empty() {
        return Ok(report);
    }
    let applicants = if producers.len() > 2 * MEMBER_ACCOUNTS {
        &producers[MEMBER_ACCOUNTS..]
    } else {
        producers
    };
    let plans: Vec<Plan> = (1..=count)
        .map(|n| {
            let organizer = organizers.choose(rng).unwrap();
            let name = province_names.get(&organizer.province_code).map_or("", String::as_str);
            plan_event(rng, n, organizer, name)
        })
        .collect();
    let mut event_ids = vec![];
    for chunk in plans.chunks(500) {
        let rows = chunk.iter().map(|p| p.event.clone());
        event_ids.extend(
            fair_event::Entity::insert_many(rows)
                .exec_with_returning_keys(db)
                .await?,
        );
    }
    let mut taken_codes = HashSet::new();
    let mut outbox_rows = vec![];
    for (event_id, plan) in event_ids.into_iter().zip(&plans) {
        report.events += 1;
        let zone_rows = plan
            .zones
            .iter()
            .enumerate()
            .map(|(i, (name, booths, reserved))| fair_zone::ActiveModel {
                id: NotSet,
                event_id: Set(event_id),
                name: Set(name.clone()),
                booths: Set(*booths),
                province_code: Set(*reserved),
                position: Set(i as i32),
            });
        // Pools: (zone id, booths, reserved province); one pool without zones.
        let pools: Vec<(Option<i32>, i32, Option<i32>)> = if plan.zones.is_empty() {
            vec![(None, *plan.event.booth_capacity.as_ref(), None)]
        } else {
            let ids = fair_zone::Entity::insert_many(zone_rows)
                .exec_with_returning_keys(db)
                .await?;
            report.zones += ids.len() as u64;
            ids.into_iter()
                .zip(&plan.zones)
                .map(|(id, (_, booths, reserved))| (Some(id), *booths, *reserved))
                .collect()
        };
        if *plan.event.status.as_ref() == EventStatus::Draft {
            continue;
        }
        outbox_rows.push(outbox::pending(outbox::EVENT, event_id));
        let capacity = *plan.event.booth_capacity.as_ref() as usize;
        let how_many = rng.random_range(0..=(capacity / 2).min(40)).min(applicants.len());
        let opens = *plan.event.registration_opens_at.as_ref();
        let mut used: HashMap<Option<i32>, i32> = HashMap::new();
        let mut apps = vec![];
        for (k, pick) in index::sample(rng, applicants.len(), how_many).into_iter().enumerate() {
            let (producer_id, province) = applicants[pick];
            let open_pools: Vec<_> = pools
                .iter()
                .filter(|(_, _, reserved)| reserved.is_none_or(|r| r == province))
                .collect();
            let Some(&&(zone_id, booths_in_pool, _)) = open_pools.choose(rng) else {
                continue;
            };
            let booths = rng.random_range(1..=2);
            let taken = used.entry(zone_id).or_default();
            let fits = *taken + booths <= booths_in_pool;
            let status = match rng.random_range(0..100) {
                0..5 => ApplicationStatus::Withdrawn,
                5..12 if plan.approval => ApplicationStatus::Rejected,
                12..50 if plan.approval && !plan.past => ApplicationStatus::Pending,
                _ if fits => ApplicationStatus::Confirmed,
                _ => ApplicationStatus::Waitlisted,
            };
            if status == ApplicationStatus::Confirmed {
                *taken += booths;
            }
            let at = opens + Duration::hours(k as i64 * 7 + 1);
            let checked_in = plan.past && status == ApplicationStatus::Confirmed && rng.random_bool(0.7);
            apps.push(application::ActiveModel {
                id: NotSet,
                event_id: Set(event_id),
                producer_id: Set(producer_id),
                zone_id: Set(zone_id),
                booths: Set(booths),
                notes: Set(String::new()),
                status: Set(status),
                reason: Set((status == ApplicationStatus::Rejected).then(|| "Hồ sơ chưa đủ giấy tờ".to_owned())),
                check_in_code: Set(check_in_code(rng, &mut taken_codes)),
                checked_in_at: Set(checked_in.then(|| *plan.event.starts_at.as_ref())),
                checked_in_by: Set(None),
                applied_by: Set(None),
                created_at: Set(at),
                updated_at: Set(at),
            });
        }
        if apps.is_empty() {
            continue;
        }
        let statuses: Vec<(ApplicationStatus, DateTime<Utc>)> = apps
            .iter()
            .map(|a| (*a.status.as_ref(), *a.created_at.as_ref()))
            .collect();
        let ids = application::Entity::insert_many(apps)
            .exec_with_returning_keys(db)
            .await?;
        report.applications += ids.len() as u64;
        let rows = ids
            .into_iter()
            .zip(statuses)
            .map(|(id, (status, at))| history::ActiveModel {
                id: NotSet,
                application_id: Set(id),
                from_status: Set(None),
                to_status: Set(status),
                reason: Set(None),
                actor_account_id: Set(None),
                created_at: Set(at),
            });
        history::Entity::insert_many(rows).exec_without_returning(db).await?;
    }
    crate::insert_chunked(db, &outbox_rows).await?;
    Ok(report)
}
