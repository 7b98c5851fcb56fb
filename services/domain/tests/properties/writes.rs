//! Validations that live inside writes, through the domain functions on a
//! temporary SQLite database: a valid input is stored clean (NFC, trimmed);
//! each kind of invalid input is refused with the right code naming the right
//! field, and the refused write leaves every table as it was.

use chrono::{Duration, Utc};
use coopbridge_domain::accounts::{self, NewAccount};
use coopbridge_domain::authz::{Actor, Role};
use coopbridge_domain::catalog::products::{self, ProductFields};
use coopbridge_domain::entities::catalog_enums::ProductCategory;
use coopbridge_domain::entities::fair_enums::EventKind;
use coopbridge_domain::entities::organization::OrganizationKind;
use coopbridge_domain::fairs::events::{self, EventFields, ZoneFields};
use coopbridge_domain::text::clean;
use coopbridge_domain::{ErrorCode, Result};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use sea_orm::DatabaseConnection;
use unicode_normalization::is_nfc;

use crate::support::{PROVINCE, TestDb, member, organization, refusal, runtime};
use crate::text_and_contacts::vietnamese_text;

pub(crate) const TABLES: &[&str] = &[
    "account",
    "membership",
    "organization",
    "producer",
    "product",
    "product_image",
    "fair_event",
    "fair_zone",
    "buyer_profile",
    "buyer_contact",
    "purchase_request",
    "search_outbox",
];

/// Row counts of every table a refused write could touch.
pub(crate) async fn counts(db: &TestDb) -> Vec<i64> {
    let mut all = Vec::new();
    for table in TABLES {
        all.push(db.count(table).await);
    }
    all
}

/// Runs `cases` generated inputs against one database; `case` returns the
/// write's outcome and the (field, code) the invalid part should be refused with.
pub(crate) fn run<S, F, Fut>(cases: u32, strategy: S, case: F)
where
    S: Strategy,
    F: Fn(DatabaseConnection, Fixture, S::Value) -> Fut,
    Fut: Future<Output = (Result<String>, Option<(&'static str, ErrorCode)>)>,
{
    let rt = runtime();
    let db = rt.block_on(TestDb::sqlite());
    let fx = rt.block_on(fixture(&db));
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&strategy, |input| {
        rt.block_on(async {
            let before = counts(&db).await;
            let (outcome, refusal_expected) = case(db.db.clone(), fx.clone(), input).await;
            match (outcome, refusal_expected) {
                (Ok(stored), None) => {
                    prop_assert!(is_nfc(&stored) && stored == clean(&stored), "stored {:?}", stored);
                }
                (Err(e), Some((field, code))) => {
                    prop_assert_eq!(refusal(&e), (field.to_owned(), code));
                    prop_assert_eq!(counts(&db).await, before, "a refused write changed rows");
                }
                (got, want) => return Err(TestCaseError::fail(format!("got {got:?}, expected refusal {want:?}"))),
            }
            Ok(())
        })
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[derive(Clone)]
pub(crate) struct Fixture {
    pub(crate) coop: i32,
    pub(crate) member: Actor,
    pub(crate) buyer: i32,
    pub(crate) buyer_member: Actor,
    pub(crate) organizer: Actor,
}

pub(crate) async fn fixture(db: &TestDb) -> Fixture {
    let coop = organization(&db.db, OrganizationKind::Cooperative, "HTX Mật ong Tuyên Hóa").await;
    let buyer = organization(&db.db, OrganizationKind::BuyerCompany, "Siêu thị Xanh").await;
    let body = organization(&db.db, OrganizationKind::OrganizingBody, "Liên minh HTX tỉnh").await;
    Fixture {
        coop,
        member: member(&db.db, "htx@example.vn", Role::CooperativeMember, coop).await,
        buyer,
        buyer_member: member(&db.db, "mua@example.vn", Role::Buyer, buyer).await,
        organizer: member(&db.db, "tochuc@example.vn", Role::Organizer, body).await,
    }
}

#[test]
fn products_store_clean_names_and_refuse_each_bad_field() {
    let strategy = (
        vietnamese_text(5),
        0i64..1_000_000,
        0i64..1_000_000,
        prop::collection::vec(1i32..=12, 0..4),
        0usize..8,
    );
    run(64, strategy, |db, fx, (name, a, b, months, fault)| async move {
        let mut fields = ProductFields {
            name: Some(name),
            category: Some(ProductCategory::Honey),
            unit: Some(" lít ".into()),
            price_min_vnd: Some(Some(a.min(b))),
            price_max_vnd: Some(Some(a.max(b))),
            harvest_months: Some(months),
            ..Default::default()
        };
        let expected = match fault {
            0 => {
                fields.name = Some(" \t ".into());
                Some(("name", ErrorCode::Required))
            }
            1 => {
                fields.name = Some("ạ".repeat(201));
                Some(("name", ErrorCode::OutOfRange))
            }
            2 => {
                fields.price_min_vnd = Some(Some(-1 - a));
                Some(("priceMinVnd", ErrorCode::OutOfRange))
            }
            3 if a != b => {
                fields.price_min_vnd = Some(Some(a.max(b)));
                fields.price_max_vnd = Some(Some(a.min(b)));
                Some(("priceMaxVnd", ErrorCode::OutOfRange))
            }
            4 => {
                fields.harvest_months = Some(vec![13]);
                Some(("harvestMonths", ErrorCode::OutOfRange))
            }
            5 => {
                fields.unit = Some(String::new());
                Some(("unit", ErrorCode::Required))
            }
            6 => {
                fields.shelf_life_days = Some(Some(-3));
                Some(("shelfLifeDays", ErrorCode::OutOfRange))
            }
            _ => None,
        };
        let got = products::create_product(&db, &fx.member, fx.coop, fields).await;
        (
            got.map(|p| {
                assert_eq!(p.unit, "lít");
                p.name
            }),
            expected,
        )
    });
}

fn event(fx_title: String, fault: usize) -> (EventFields, Option<(&'static str, ErrorCode)>) {
    let now = Utc::now();
    let mut e = EventFields {
        organizer_id: None,
        kind: EventKind::ConnectionConference,
        title: fx_title,
        description: "Kết nối cung cầu nông sản".into(),
        venue_name: "Trung tâm Hội nghị tỉnh".into(),
        street: String::new(),
        province_code: PROVINCE,
        starts_at: now + Duration::days(10),
        ends_at: now + Duration::days(11),
        registration_opens_at: now,
        registration_closes_at: now + Duration::days(5),
        booth_capacity: Some(20),
        zones: vec![],
        fee_vnd: 500_000,
        requires_approval: false,
        publish: false,
    };
    let expected = match fault {
        0 => {
            e.title = "   ".into();
            Some(("title", ErrorCode::Required))
        }
        1 => {
            e.ends_at = e.starts_at;
            Some(("endsAt", ErrorCode::OutOfRange))
        }
        2 => {
            e.registration_closes_at = e.starts_at + Duration::hours(1);
            Some(("registrationClosesAt", ErrorCode::OutOfRange))
        }
        3 => {
            e.fee_vnd = -1;
            Some(("feeVnd", ErrorCode::OutOfRange))
        }
        4 => {
            e.booth_capacity = Some(0);
            Some(("boothCapacity", ErrorCode::OutOfRange))
        }
        5 => {
            e.booth_capacity = None;
            Some(("boothCapacity", ErrorCode::Required))
        }
        6 => {
            e.province_code = 9999;
            Some(("provinceCode", ErrorCode::NotFound))
        }
        7 => {
            e.booth_capacity = None;
            e.zones = vec![ZoneFields {
                name: "Khu A".into(),
                booths: 0,
                province_code: None,
            }];
            Some(("zones.0.booths", ErrorCode::OutOfRange))
        }
        8 => {
            e.booth_capacity = Some(7);
            e.zones = vec![ZoneFields {
                name: "Khu A".into(),
                booths: 5,
                province_code: None,
            }];
            Some(("boothCapacity", ErrorCode::OutOfRange))
        }
        _ => None,
    };
    (e, expected)
}

#[test]
fn events_store_clean_titles_and_refuse_each_bad_field() {
    run(
        64,
        (vietnamese_text(6), 0usize..11),
        |db, fx, (title, fault)| async move {
            let (input, expected) = event(title, fault);
            let got = events::create_event(&db, &fx.organizer, input).await;
            (got.map(|(e, _)| e.title), expected)
        },
    );
}

#[test]
fn accounts_refuse_each_bad_field_and_keep_emails_unique() {
    let strategy = ("[a-z]{3,10}", 0usize..5);
    run(32, strategy, |db, _fx, (local, fault)| async move {
        let mut input = NewAccount {
            email: format!("{local}@example.vn"),
            password: "mật khẩu đủ dài".into(),
            display_name: format!("  Chị {local} "),
            role: Role::Buyer,
            organization_ids: vec![],
        };
        let expected = match fault {
            0 => {
                input.email = format!("{local}@example");
                ("email", ErrorCode::InvalidFormat)
            }
            1 => {
                input.password = local[..local.len().min(9)].to_owned();
                ("password", ErrorCode::PasswordTooShort)
            }
            2 => {
                input.display_name = "\t".into();
                ("displayName", ErrorCode::Required)
            }
            3 => {
                input.role = Role::Admin;
                input.organization_ids = vec![1];
                ("organizationIds", ErrorCode::InvalidFormat)
            }
            _ => {
                input.email = "HTX@Example.VN".into();
                ("email", ErrorCode::AlreadyExists)
            }
        };
        let got = accounts::create_account(&db, &Actor::System, input).await;
        (got.map(|a| a.display_name), Some(expected))
    });
}
