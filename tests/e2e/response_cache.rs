//! The response cache: an anonymous query's answer is replayed to identical
//! requests without touching the database, and a write through the server
//! makes it stale at once. Signed-in callers and failed answers always run.

use coopbridge_e2e::{DbKind, TestApp, TestDb};
use serde_json::{Value, json};

const PAGE: &str = "query Page($slug: String!) { producerBySlug(slug: $slug) {
    name province { name } products(first: 50) { nodes { name } } } }";

/// POSTs exactly `body`; returns the `x-cache` header, the JSON answer and
/// the SQL statements the request cost.
pub(crate) async fn post(app: &TestApp, token: Option<&str>, body: &Value) -> (Option<String>, Value, u64) {
    let before = app.sql_statements().await;
    let mut request = app.client.post(app.url("/graphql")).json(body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("POST /graphql");
    assert_eq!(response.status(), 200);
    let cache = response
        .headers()
        .get("x-cache")
        .map(|v| v.to_str().unwrap().to_owned());
    let answer: Value = response.json().await.expect("JSON answer");
    (cache, answer, app.sql_statements().await - before)
}

fn product_names(answer: &Value) -> Vec<String> {
    answer["data"]["producerBySlug"]["products"]["nodes"]
        .as_array()
        .unwrap_or_else(|| panic!("{answer}"))
        .iter()
        .map(|n| n["name"].as_str().unwrap().to_owned())
        .collect()
}

async fn anonymous_pages_are_replayed_until_a_write(kind: DbKind) {
    let app = TestApp::spawn_with(TestDb::new(kind).await, &[("COOPBRIDGE_SEED_DEMO", "true")]).await;
    let member = app.sign_in("quyetthang@example.vn", "demo-coopbridge").await;
    let me = app
        .graphql(Some(&member), "{ me { organizations { id } } }", json!({}))
        .await;
    let producer_id = me["data"]["me"]["organizations"][0]["id"].clone();
    let producer = app
        .graphql(
            None,
            "query($id: ID!) { producer(id: $id) { slug } }",
            json!({ "id": producer_id }),
        )
        .await;
    let slug = producer["data"]["producer"]["slug"].clone();
    assert!(slug.is_string(), "{producer}");
    let page = json!({ "query": PAGE, "variables": { "slug": slug } });

    let (cache, first, cost) = post(&app, None, &page).await;
    assert_eq!(cache.as_deref(), Some("MISS"));
    assert!(cost > 0, "the first answer is computed");
    let (cache, again, cost) = post(&app, None, &page).await;
    assert_eq!(cache.as_deref(), Some("HIT"));
    assert_eq!(cost, 0, "a replayed answer costs no SQL");
    assert_eq!(again, first);

    // Signed-in callers may see more (contacts, drafts): never replayed.
    let (cache, _, cost) = post(&app, Some(&member), &page).await;
    assert_eq!(cache, None);
    assert!(cost > 0);

    // The cooperative adds a product: the very next anonymous view shows it.
    let created = app
        .graphql(
            Some(&member),
            "mutation($p: ID!, $i: ProductInput!) { createProduct(producerId: $p, input: $i) { errors { code } } }",
            json!({ "p": producer_id, "i": { "name": "Mật ong bạc hà hộp quà", "category": "HONEY", "unit": "hộp" } }),
        )
        .await;
    assert_eq!(created["data"]["createProduct"]["errors"], json!([]), "{created}");
    let (cache, after, _) = post(&app, None, &page).await;
    assert_eq!(cache.as_deref(), Some("MISS"));
    assert!(
        product_names(&after).contains(&"Mật ong bạc hà hộp quà".to_owned()),
        "{after}"
    );
    assert!(!product_names(&first).contains(&"Mật ong bạc hà hộp quà".to_owned()));

    // Answers with errors are not kept: each attempt runs again.
    let broken = json!({ "query": "{ producerBySlug(slug: 7) { name } }" });
    for _ in 0..2 {
        let (cache, answer, _) = post(&app, None, &broken).await;
        assert_eq!(cache, None, "{answer}");
        assert!(answer["errors"].is_array(), "{answer}");
    }
}

async fn the_cache_can_be_turned_off(kind: DbKind) {
    let app = TestApp::spawn_with(
        TestDb::new(kind).await,
        &[
            ("COOPBRIDGE_SEED_DEMO", "true"),
            ("COOPBRIDGE_RESPONSE_CACHE_SECONDS", "0"),
        ],
    )
    .await;
    let query = json!({ "query": "{ products(first: 5) { nodes { name } } }" });
    for _ in 0..2 {
        let (cache, answer, cost) = post(&app, None, &query).await;
        assert_eq!(cache, None, "{answer}");
        assert!(cost > 0);
    }
}

coopbridge_e2e::on_both_databases!(anonymous_pages_are_replayed_until_a_write, the_cache_can_be_turned_off);
