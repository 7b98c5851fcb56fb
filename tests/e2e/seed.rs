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
    every_part_of_the_model_is_filled(&app).await;

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

const DEMO_PROFILES: &str = "{ producers(first: 20) { nodes {
    name verificationStatus logo { url contentType } photos { url }
    certificates { scheme organicStandard ocopStars current evidence { url contentType } }
    brandLabels { kind image { url } products { name } }
    products(first: 10) { nodes { name harvestMonths images { url contentType } } } } } }";

/// Logos, gallery photos, product images, label images and evidence files
/// are all there (drawn samples), served from /files, and an organic
/// certificate with its standard exists (on the fictional cooperative only).
async fn every_part_of_the_model_is_filled(app: &TestApp) {
    let body = app.graphql(None, DEMO_PROFILES, json!({})).await;
    let producers = body["data"]["producers"]["nodes"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"));
    assert_eq!(producers.len(), 13, "{body}");
    let mut file_urls = vec![];
    for p in producers {
        assert_eq!(p["logo"]["contentType"], "image/png", "{p}");
        file_urls.push(p["logo"]["url"].as_str().unwrap().to_owned());
        assert!(!p["photos"].as_array().unwrap().is_empty(), "{p}");
        for product in p["products"]["nodes"].as_array().unwrap() {
            assert_eq!(product["images"][0]["contentType"], "image/jpeg", "{product}");
            file_urls.push(product["images"][0]["url"].as_str().unwrap().to_owned());
        }
        for cert in p["certificates"].as_array().unwrap() {
            assert_eq!(cert["evidence"]["contentType"], "application/pdf", "{cert}");
            file_urls.push(cert["evidence"]["url"].as_str().unwrap().to_owned());
        }
        for label in p["brandLabels"].as_array().unwrap() {
            assert!(label["image"]["url"].is_string(), "{label}");
            assert!(!label["products"].as_array().unwrap().is_empty(), "{label}");
        }
    }
    let organic: Vec<_> = producers
        .iter()
        .flat_map(|p| p["certificates"].as_array().unwrap().iter().map(move |c| (p, c)))
        .filter(|(_, c)| c["scheme"] == "ORGANIC")
        .collect();
    assert_eq!(organic.len(), 1, "exactly one (fictional) organic certificate");
    let (holder, cert) = organic[0];
    assert_eq!(cert["organicStandard"], "TCVN 11041-2:2017");
    assert!(holder["name"].as_str().unwrap().contains("Minh Họa"), "{holder}");
    assert_eq!(
        holder["verificationStatus"], "UNVERIFIED",
        "fictional data is never shown as verified"
    );
    let schemes: std::collections::HashSet<_> = producers
        .iter()
        .flat_map(|p| p["certificates"].as_array().unwrap().iter())
        .map(|c| c["scheme"].as_str().unwrap().to_owned())
        .collect();
    for scheme in ["VIET_GAP", "GLOBAL_GAP", "OCOP", "ORGANIC", "OTHER"] {
        assert!(schemes.contains(scheme), "{scheme} missing from {schemes:?}");
    }

    let http = reqwest::Client::new();
    for url in file_urls.iter().step_by(7) {
        let response = http.get(app.url(url)).send().await.unwrap();
        assert_eq!(response.status(), 200, "{url}");
        let bytes = response.bytes().await.unwrap();
        assert!(bytes.len() > 1000, "{url} is {} bytes", bytes.len());
    }
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
