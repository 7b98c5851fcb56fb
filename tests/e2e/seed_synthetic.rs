//! `coopbridge seed --synthetic` with `--events` and `--inquiries`: the data
//! set of the benchmark harness (tests/bench/run.sh).

use coopbridge_e2e::{DbKind, TestApp, TestDb, run_cli};
use serde_json::json;

const ARGS: &[&str] = &[
    "seed",
    "--synthetic",
    "--producers",
    "120",
    "--products",
    "400",
    "--events",
    "12",
    "--inquiries",
    "300",
    "--random-seed",
    "7",
];

async fn seeded(kind: DbKind) -> TestDb {
    let db = TestDb::new(kind).await;
    let data_dir = db.data_dir.path().to_string_lossy().into_owned();
    let env = [
        ("DATABASE_URL", db.url.as_str()),
        ("COOPBRIDGE_DATA_DIR", data_dir.as_str()),
    ];
    let out = run_cli(ARGS, &env, None).await;
    assert!(out.status.success(), "{}", out.stderr);
    assert!(out.stdout.contains("12 events"), "{}", out.stdout);
    assert!(out.stdout.contains("300 inquiries"), "{}", out.stdout);
    db
}

async fn the_synthetic_seed_adds_events_inquiries_and_accounts_a_member_can_register_with(kind: DbKind) {
    let db = seeded(kind).await;
    assert_eq!(db.count_rows("producer").await, 120);
    assert_eq!(db.count_rows("product").await, 400);
    assert_eq!(db.count_rows("fair_event").await, 12);
    assert_eq!(db.count_rows("inquiry").await, 300);
    assert!(
        db.count_rows("inquiry_message").await > 300,
        "replies come with answered inquiries"
    );
    assert!(db.count_rows("fair_application").await > 0);
    assert_eq!(
        db.count_rows("fair_application_history").await,
        db.count_rows("fair_application").await
    );
    let app = TestApp::spawn_with(db, &[]).await;

    // Inquiries come in every status.
    let buyer = app.sign_in("buyer-1@synthetic.example.vn", "demo-coopbridge").await;
    let me = app
        .graphql(Some(&buyer), "{ me { role organizations { kind } } }", json!({}))
        .await;
    assert_eq!(me["data"]["me"]["role"], "BUYER", "{me}");
    assert_eq!(me["data"]["me"]["organizations"][0]["kind"], "BUYER_COMPANY", "{me}");

    // A member of the first producer applies to an event whose registration is open.
    let member = app.sign_in("coop-1@synthetic.example.vn", "demo-coopbridge").await;
    let me = app
        .graphql(Some(&member), "{ me { organizations { id kind } } }", json!({}))
        .await;
    let producer_id = me["data"]["me"]["organizations"][0]["id"].clone();
    assert_eq!(me["data"]["me"]["organizations"][0]["kind"], "COOPERATIVE", "{me}");
    let events = app
        .graphql(
            None,
            "{ events(filter: {upcoming: true}, first: 50) { nodes { id registrationOpen zones { id provinceCode } } } }",
            json!({}),
        )
        .await;
    // With 120 producers, seeded applications may already hold producer 1 at
    // some events: it must get a place at one of the others.
    let open: Vec<_> = events["data"]["events"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["registrationOpen"] == true)
        .cloned()
        .collect();
    assert!(!open.is_empty(), "events with open registration: {events}");
    let mut applied = None;
    for event in &open {
        let zone = event["zones"]
            .as_array()
            .unwrap()
            .iter()
            .find(|z| z["provinceCode"].is_null())
            .map(|z| z["id"].clone());
        let answer = app
            .graphql(
                Some(&member),
                "mutation($input: ApplyToEventInput!) { applyToEvent(input: $input) {
                    application { status } errors { code field } } }",
                json!({ "input": { "eventId": event["id"], "producerId": producer_id, "zoneId": zone, "booths": 1 } }),
            )
            .await;
        let errors = &answer["data"]["applyToEvent"]["errors"];
        if errors == &json!([]) {
            applied = Some(answer);
            break;
        }
        assert_eq!(errors[0]["code"], "ALREADY_EXISTS", "{answer}");
    }
    let answer = applied.expect("the member could apply to some open event");
    assert!(
        answer["data"]["applyToEvent"]["application"]["status"].is_string(),
        "{answer}"
    );

    // Published events reach the search index through the outbox.
    let mut found = json!(null);
    for _ in 0..300 {
        found = app
            .graphql(
                None,
                "{ searchStatus { pendingChanges } search(query: \"\", kinds: [EVENT], first: 5) { totalCount } }",
                json!({}),
            )
            .await;
        if found["data"]["searchStatus"]["pendingChanges"] == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let total = found["data"]["search"]["totalCount"].as_u64().unwrap_or(0);
    assert!((1..=12).contains(&total), "{found}");
}

/// Same seed, same rows: two runs give the same names, events and inquiries.
#[tokio::test]
async fn the_synthetic_seed_is_deterministic() {
    let mut fingerprints = vec![];
    for _ in 0..2 {
        let db = seeded(DbKind::Sqlite).await;
        let conn = db.connect().await;
        use sea_orm::{ConnectionTrait, Statement};
        let row = conn
            .query_one_raw(Statement::from_string(
                conn.get_database_backend(),
                "SELECT (SELECT group_concat(title, '|') FROM fair_event), \
                 (SELECT group_concat(status || cooperative_id || coalesce(product_id, 0), '|') FROM inquiry), \
                 (SELECT group_concat(check_in_code || status, '|') FROM fair_application)",
            ))
            .await
            .unwrap()
            .unwrap();
        let parts: Vec<String> = (0..3).map(|i| row.try_get_by_index::<String>(i).unwrap()).collect();
        fingerprints.push(parts);
    }
    assert_eq!(fingerprints[0], fingerprints[1]);
}

coopbridge_e2e::on_both_databases!(the_synthetic_seed_adds_events_inquiries_and_accounts_a_member_can_register_with,);
