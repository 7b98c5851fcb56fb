//! `coopbridge seed --demo` and the offer to seed an empty database.

use coopbridge_e2e::{DbKind, TestApp, TestDb, run_cli};
use serde_json::json;

async fn the_demo_seed_loads_real_cooperatives_once_and_its_accounts_sign_in(kind: DbKind) {
    let db = TestDb::new(kind).await;
    let data_dir = db.data_dir.path().to_string_lossy().into_owned();
    let env = [
        ("DATABASE_URL", db.url.as_str()),
        ("COOPBRIDGE_DATA_DIR", data_dir.as_str()),
    ];
    let first = run_cli(&["seed", "--demo"], &env, None).await;
    assert!(first.status.success(), "{}", first.stderr);
    assert!(first.stdout.contains("admin@example.vn"), "{}", first.stdout);
    let again = run_cli(&["seed", "--demo"], &env, None).await;
    assert!(again.status.success());
    assert!(again.stdout.contains("already loaded"), "{}", again.stdout);

    let app = TestApp::spawn_with(db, &[]).await;
    let body = app
        .graphql(
            None,
            "{ organizations(kind: COOPERATIVE, first: 100) { edges { node { name province { name } } } } }",
            json!({}),
        )
        .await;
    let names: Vec<String> = body["data"]["organizations"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["name"].as_str().unwrap().to_owned())
        .collect();
    for expected in ["Quyết Thắng", "Ái Nghĩa", "Phú Khê"] {
        assert!(
            names.iter().any(|n| n.contains(expected)),
            "{expected} missing from {names:?}"
        );
    }
    let admin = app.sign_in("admin@example.vn", "demo-coopbridge").await;
    let body = app
        .graphql(
            Some(&admin),
            "{ accounts(first: 100) { edges { node { email } } } }",
            json!({}),
        )
        .await;
    let emails = body["data"]["accounts"]["edges"].as_array().unwrap();
    assert!(emails.len() > 5);
    assert!(
        emails
            .iter()
            .all(|e| e["node"]["email"].as_str().unwrap().ends_with("@example.vn")),
        "demo contacts must be fictional: {body}"
    );
}

async fn serve_seeds_an_empty_database_when_asked_by_configuration(kind: DbKind) {
    let db = TestDb::new(kind).await;
    let app = TestApp::spawn_with(db, &[("COOPBRIDGE_SEED_DEMO", "true")]).await;
    app.sign_in("admin@example.vn", "demo-coopbridge").await;
}

#[tokio::test]
async fn serve_on_an_empty_database_says_how_to_load_the_demo_data() {
    let app = TestApp::spawn(DbKind::Sqlite).await;
    assert!(app.logs().contains("seed --demo"), "{}", app.logs());
}

coopbridge_e2e::on_both_databases!(
    the_demo_seed_loads_real_cooperatives_once_and_its_accounts_sign_in,
    serve_seeds_an_empty_database_when_asked_by_configuration,
);
