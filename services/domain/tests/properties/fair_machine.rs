//! The registration state machine against a reference model: random
//! sequences of apply / withdraw / approve / reject / waitlist / check-in by
//! four cooperatives on a small event (approval on or off, with or without
//! zones). Each result must match the model, and after every step the
//! database must hold the model's statuses and the booking invariants.

use chrono::{Duration, Utc};
use coopbridge_domain::authz::{Actor, Role};
use coopbridge_domain::entities::fair_application as application;
use coopbridge_domain::entities::fair_enums::{ApplicationStatus as S, EventKind};
use coopbridge_domain::entities::organization::OrganizationKind;
use coopbridge_domain::fairs::booking::{self, ApplicationFields, Decision};
use coopbridge_domain::fairs::checkin;
use coopbridge_domain::fairs::events::{self, EventFields, ZoneFields};
use coopbridge_domain::{Error, ErrorCode};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::support::{PROVINCE, TestDb, member, organization, refusal, runtime};

use crate::fair_model::{COOPS, Model, ModelApp, Op, Outcome, Setup, op, setup};

struct World {
    db: TestDb,
    organizer: Actor,
    coops: Vec<(i32, Actor)>,
}

async fn world(db: TestDb) -> World {
    let body = organization(&db.db, OrganizationKind::OrganizingBody, "Hội Nông dân tỉnh Quảng Trị").await;
    let organizer = member(&db.db, "to-chuc@example.vn", Role::Organizer, body).await;
    let mut coops = Vec::new();
    for i in 0..COOPS {
        let id = organization(
            &db.db,
            OrganizationKind::Cooperative,
            &format!("HTX Nông nghiệp số {i}"),
        )
        .await;
        coops.push((
            id,
            member(&db.db, &format!("htx{i}@example.vn"), Role::CooperativeMember, id).await,
        ));
    }
    World { db, organizer, coops }
}

fn refused(e: Error) -> (String, ErrorCode) {
    refusal(&e)
}

async fn run_case(w: &World, setup: Setup, ops: Vec<Op>) -> Result<(), TestCaseError> {
    let db = &w.db.db;
    let now = Utc::now();
    let (event, zones) = events::create_event(
        db,
        &w.organizer,
        EventFields {
            organizer_id: None,
            kind: EventKind::TradeFair,
            title: "Hội chợ nông sản an toàn".into(),
            description: String::new(),
            venue_name: "Nhà văn hóa tỉnh".into(),
            street: String::new(),
            province_code: PROVINCE,
            starts_at: now + Duration::days(10),
            ends_at: now + Duration::days(12),
            registration_opens_at: now - Duration::days(1),
            registration_closes_at: now + Duration::days(5),
            booth_capacity: setup.zones.is_empty().then_some(setup.capacity),
            zones: setup
                .zones
                .iter()
                .enumerate()
                .map(|(i, b)| ZoneFields {
                    name: format!("Khu {i}"),
                    booths: *b,
                    province_code: None,
                })
                .collect(),
            fee_vnd: 0,
            requires_approval: setup.requires_approval,
            publish: true,
        },
    )
    .await
    .map_err(|e| TestCaseError::fail(format!("create event: {e}")))?;
    let mut model = Model {
        setup: setup.clone(),
        apps: Vec::new(),
    };
    let pools = if zones.is_empty() { 1 } else { zones.len() };
    for (step, op) in ops.into_iter().enumerate() {
        let pick = |ix: &usize, model: &Model| (!model.apps.is_empty()).then(|| ix % model.apps.len());
        let context = format!("step {step}: {op:?}");
        match op {
            Op::Apply { coop, zone, booths } => {
                let pool = zone % pools;
                let got = booking::apply(
                    db,
                    &w.coops[coop].1,
                    ApplicationFields {
                        event_id: event.id,
                        producer_id: w.coops[coop].0,
                        zone_id: zones.get(pool).map(|z| z.id),
                        booths,
                        product_ids: vec![],
                        notes: "  Mật ong\u{0323} rừng  ".into(),
                    },
                )
                .await
                .map(|booked| booked.application);
                let expected = model.apply(coop, pool, booths);
                match (got, expected) {
                    (Ok(app), Ok(status)) => {
                        prop_assert_eq!(app.status, status, "{}", context);
                        prop_assert!(unicode_normalization::is_nfc(&app.notes) && app.notes == app.notes.trim());
                        model.apps.push(ModelApp {
                            id: app.id,
                            coop,
                            pool,
                            booths,
                            status,
                            checked_in: false,
                            code: app.check_in_code,
                            changes: 1,
                        });
                    }
                    (Err(e), Err(want)) => prop_assert_eq!(refused(e), want, "{}", context),
                    (got, want) => prop_assert!(
                        false,
                        "{}: got {:?}, model says {:?}",
                        context,
                        got.map(|a| a.status),
                        want
                    ),
                }
            }
            Op::WithdrawAsStranger { app } => {
                let Some(i) = pick(&app, &model) else { continue };
                let stranger = &w.coops[(model.apps[i].coop + 1) % COOPS].1;
                let got = booking::withdraw(db, stranger, model.apps[i].id).await;
                prop_assert!(matches!(got, Err(Error::Forbidden { .. })), "{}: {:?}", context, got);
            }
            Op::Withdraw { app }
            | Op::Approve { app }
            | Op::Reject { app }
            | Op::Waitlist { app }
            | Op::CheckIn { app }
                if model.apps.is_empty() =>
            {
                let _ = app;
                continue;
            }
            Op::Withdraw { app } => {
                let i = pick(&app, &model).unwrap();
                let got = booking::withdraw(db, &w.coops[model.apps[i].coop].1, model.apps[i].id).await;
                compare(got.map(|_| ()), model.withdraw(i), &context)?;
            }
            Op::Approve { app } => {
                let i = pick(&app, &model).unwrap();
                let got = booking::decide(db, &w.organizer, model.apps[i].id, Decision::Approve).await;
                compare(got.map(|_| ()), model.approve(i), &context)?;
            }
            Op::Reject { app } => {
                let i = pick(&app, &model).unwrap();
                let reason = Decision::Reject {
                    reason: "Hồ sơ chưa đủ".into(),
                };
                let got = booking::decide(db, &w.organizer, model.apps[i].id, reason).await;
                compare(got.map(|_| ()), model.reject(i), &context)?;
            }
            Op::Waitlist { app } => {
                let i = pick(&app, &model).unwrap();
                let got =
                    booking::decide(db, &w.organizer, model.apps[i].id, Decision::Waitlist { reason: None }).await;
                compare(got.map(|_| ()), model.waitlist(i), &context)?;
            }
            Op::CheckIn { app } => {
                let i = pick(&app, &model).unwrap();
                let code = model.apps[i].code.to_lowercase();
                let got = checkin::check_in(db, &w.organizer, event.id, &format!(" {code} ")).await;
                match (got, model.check_in(i)) {
                    (Ok(c), Ok(first)) => prop_assert_eq!(c.first_time, first, "{}", context),
                    (Err(e), Err(want)) => prop_assert_eq!(refused(e), want, "{}", context),
                    (got, want) => prop_assert!(
                        false,
                        "{}: got {:?}, model says {:?}",
                        context,
                        got.map(|c| c.first_time),
                        want
                    ),
                }
            }
        }
        check_invariants(w, &model, event.id, &context).await?;
    }
    Ok(())
}

fn compare(got: Result<(), Error>, want: Outcome, context: &str) -> Result<(), TestCaseError> {
    match (got, want) {
        (Ok(()), Ok(())) => Ok(()),
        (Err(e), Err(want)) => {
            prop_assert_eq!(refused(e), want, "{}", context);
            Ok(())
        }
        (got, want) => Err(TestCaseError::fail(format!(
            "{context}: got {got:?}, model says {want:?}"
        ))),
    }
}

async fn check_invariants(w: &World, model: &Model, event_id: i32, context: &str) -> Result<(), TestCaseError> {
    let db = &w.db.db;
    let rows = application::Entity::find()
        .filter(application::Column::EventId.eq(event_id))
        .order_by_asc(application::Column::Id)
        .all(db)
        .await
        .unwrap();
    prop_assert_eq!(rows.len(), model.apps.len(), "{}", context);
    for (row, app) in rows.iter().zip(&model.apps) {
        prop_assert_eq!((row.id, row.status), (app.id, app.status), "{}", context);
        prop_assert_eq!(
            row.checked_in_at.is_some(),
            app.checked_in,
            "{}: check-in of {}",
            context,
            row.id
        );
        let history = booking_history(w, row.id).await;
        prop_assert_eq!(history.len(), app.changes, "{}: history of {}", context, row.id);
        // A withdrawn or rejected application never comes back.
        if let Some(pos) = history.iter().position(|s| matches!(s, S::Withdrawn | S::Rejected)) {
            prop_assert_eq!(pos, history.len() - 1, "{}: {:?}", context, history);
        }
    }
    let pools = if model.setup.zones.is_empty() {
        1
    } else {
        model.setup.zones.len()
    };
    for pool in 0..pools {
        // Booths are never oversold.
        prop_assert!(model.free(pool) >= 0, "{}: pool {} oversold", context, pool);
        let used: i32 = rows
            .iter()
            .zip(&model.apps)
            .filter(|(r, a)| a.pool == pool && r.status == S::Confirmed)
            .map(|(r, _)| r.booths)
            .sum();
        prop_assert!(
            used <= model.capacity(pool),
            "{}: pool {} holds {} booths",
            context,
            pool,
            used
        );
        // Without approval, nobody waits while the first in line would fit.
        if !model.setup.requires_approval
            && let Some(first) = model.apps.iter().find(|a| a.pool == pool && a.status == S::Waitlisted)
        {
            prop_assert!(
                first.booths > model.free(pool),
                "{}: {} waits though booths are free",
                context,
                first.id
            );
        }
    }
    Ok(())
}

async fn booking_history(w: &World, application_id: i32) -> Vec<S> {
    coopbridge_domain::fairs::application_reads::history_of(&w.db.db, application_id)
        .await
        .unwrap()
        .into_iter()
        .map(|h| h.to_status)
        .collect()
}

fn run_machine(postgres: bool, cases: u32) {
    let rt = runtime();
    let db = if postgres {
        match rt.block_on(TestDb::postgres()) {
            Some(db) => db,
            None => {
                return eprintln!(
                    "SKIPPED on PostgreSQL: set {} to run it",
                    crate::support::POSTGRES_URL_VAR
                );
            }
        }
    } else {
        rt.block_on(TestDb::sqlite())
    };
    let w = rt.block_on(world(db));
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = (setup(), prop::collection::vec(op(), 1..30));
    let result = runner.run(&strategy, |(setup, ops)| rt.block_on(run_case(&w, setup, ops)));
    let name = w.db.name;
    rt.block_on(w.db.drop_database());
    if let Err(e) = result {
        panic!("registration state machine on {name}: {e}");
    }
}

#[test]
fn registration_state_machine_matches_the_model_on_sqlite() {
    run_machine(false, 96);
}

#[test]
fn registration_state_machine_matches_the_model_on_postgres() {
    run_machine(true, 48);
}

/// Found by the state machine: rejecting the waitlisted application at the
/// head of the line left the next one waiting although its booths were free.
#[test]
fn rejecting_the_head_of_the_waitlist_moves_the_line() {
    let rt = runtime();
    let w = rt.block_on(async { world(TestDb::sqlite().await).await });
    let setup = Setup {
        requires_approval: false,
        zones: vec![],
        capacity: 3,
    };
    let ops = vec![
        Op::Apply {
            coop: 0,
            zone: 0,
            booths: 2,
        }, // confirmed, 1 booth left
        Op::Apply {
            coop: 1,
            zone: 0,
            booths: 2,
        }, // waitlisted: does not fit
        Op::Apply {
            coop: 2,
            zone: 0,
            booths: 1,
        }, // waitlisted behind it
        Op::Reject { app: 1 }, // the third now fits and is confirmed
    ];
    if let Err(e) = rt.block_on(run_case(&w, setup, ops)) {
        panic!("{e}");
    }
}
