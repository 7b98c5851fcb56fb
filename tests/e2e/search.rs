//! Supplier search through the real server, on both engines (tantivy and the
//! real Meilisearch): Vietnamese with and without diacritics, facets, filters,
//! distance, suggestions, paging and bad input; catalog writes reaching the
//! index through the outbox. Outages are in `search_outage`.

use std::time::Duration;

use coopbridge_e2e::{DbKind, Engine, TestApp, TestDb, env_refs, run_cli};
use serde_json::{Value, json};

pub(crate) const SEARCH: &str =
    "query($q: String!, $kinds: [SearchKind!], $f: SearchFilterInput, $sort: SearchSort, $first: Int, $after: String) {
  search(query: $q, kinds: $kinds, filter: $f, sort: $sort, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor kind score distanceKm highlight
      node { __typename
        ... on Product { id name producer { name } }
        ... on Producer { id name verificationStatus }
        ... on BrandLabel { id name } } } } }";

/// A server on a database with the demo data, once the index has caught up.
async fn demo_app(kind: DbKind, engine: Engine) -> TestApp {
    let db = TestDb::new(kind).await;
    let data_dir = db.data_dir.path().to_string_lossy().into_owned();
    let seeded = run_cli(
        &["seed", "--demo"],
        &[
            ("DATABASE_URL", db.url.as_str()),
            ("COOPBRIDGE_DATA_DIR", data_dir.as_str()),
        ],
        None,
    )
    .await;
    assert!(seeded.status.success(), "{}", seeded.stderr);
    let app = TestApp::spawn_with(db, &env_refs(&engine.env())).await;
    wait_until_indexed(&app).await;
    app
}

/// A server on a fresh database with the given engine.
pub(crate) async fn app_on(kind: DbKind, engine: Engine) -> TestApp {
    TestApp::spawn_with(TestDb::new(kind).await, &env_refs(&engine.env())).await
}

pub(crate) async fn search_status(app: &TestApp) -> Value {
    let body = app
        .graphql(
            None,
            "{ searchStatus { engine documentCount pendingChanges } }",
            json!({}),
        )
        .await;
    body["data"]["searchStatus"].clone()
}

pub(crate) async fn wait_until_indexed(app: &TestApp) {
    for _ in 0..300 {
        let status = search_status(app).await;
        if status["pendingChanges"] == 0 && status["documentCount"].as_u64().unwrap_or(0) > 0 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "the index did not catch up: {}\n{}",
        search_status(app).await,
        app.logs()
    );
}

pub(crate) async fn search(app: &TestApp, vars: Value) -> Value {
    let body = app.graphql(None, SEARCH, vars).await;
    assert!(body["errors"].is_null(), "{body}");
    body["data"]["search"].clone()
}

pub(crate) fn names(result: &Value) -> Vec<String> {
    result["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["name"].as_str().unwrap().to_owned())
        .collect()
}

pub(crate) fn error_of(body: &Value) -> (String, Option<String>) {
    let e = &body["errors"][0]["extensions"];
    (
        e["code"].as_str().unwrap_or_else(|| panic!("{body}")).to_owned(),
        e["field"].as_str().map(str::to_owned),
    )
}

async fn a_buyer_finds_suppliers_in_vietnamese_with_or_without_diacritics(kind: DbKind, engine: Engine) {
    let app = demo_app(kind, engine).await;
    assert_eq!(search_status(&app).await["engine"], engine.name());

    let folded = search(&app, json!({ "q": "mat ong tuyen hoa", "kinds": ["PRODUCT"] })).await;
    assert_eq!(names(&folded)[0], "Mật ong Tuyên Hóa", "{folded}");
    assert!(
        folded["edges"][0]["highlight"].as_str().unwrap().contains("<mark>"),
        "{folded}"
    );
    let exact = search(&app, json!({ "q": "Mật ong Tuyên Hóa", "kinds": ["PRODUCT"] })).await;
    assert_eq!(names(&exact)[0], "Mật ong Tuyên Hóa");
    // Decomposed Unicode (NFD), as some keyboards and macOS send it.
    let nfd = search(&app, json!({ "q": "Ma\u{0306}\u{0323}t ong", "kinds": ["PRODUCT"] })).await;
    assert!(names(&nfd).iter().any(|n| n == "Mật ong Tuyên Hóa"), "{nfd}");

    let specialty = search(&app, json!({ "q": "dac san", "kinds": ["PRODUCER"] })).await;
    assert!(names(&specialty).iter().any(|n| n.contains("Hảo Đạt")), "{specialty}");
    // "HTX" and "hợp tác xã" are the same words.
    let short = search(&app, json!({ "q": "HTX Quyết Thắng", "kinds": ["PRODUCER"] })).await;
    let long = search(&app, json!({ "q": "hợp tác xã quyết thắng", "kinds": ["PRODUCER"] })).await;
    assert!(names(&short)[0].contains("Quyết Thắng"), "{short}");
    assert!(names(&long)[0].contains("Quyết Thắng"), "{long}");

    let suggestions = app
        .graphql(
            None,
            "{ searchSuggestions(prefix: \"mat o\", first: 5) { text kind id } }",
            json!({}),
        )
        .await;
    let texts: Vec<&str> = suggestions["data"]["searchSuggestions"]
        .as_array()
        .unwrap_or_else(|| panic!("{suggestions}"))
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert!(texts.iter().any(|t| t.starts_with("Mật ong")), "{suggestions}");
}

async fn facets_filters_distance_and_paging_agree(kind: DbKind, engine: Engine) {
    let app = demo_app(kind, engine).await;
    let body = app
        .graphql(
            None,
            "{ search(kinds: [PRODUCT], first: 5) { totalCount
                facets { provinces { value label count } categories { value label count }
                         schemes { value label count } verified { value count } } } }",
            json!({}),
        )
        .await;
    let result = &body["data"]["search"];
    let total = result["totalCount"].as_u64().unwrap_or_else(|| panic!("{body}"));
    assert_eq!(total, 22, "every demo product is listed: {body}");
    let provinces = result["facets"]["provinces"].as_array().unwrap();
    let sum: u64 = provinces.iter().map(|p| p["count"].as_u64().unwrap()).sum();
    assert_eq!(sum, total, "each product has one province: {body}");
    let quang_tri = provinces.iter().find(|p| p["value"] == "44").expect("Quảng Trị facet");
    assert_eq!(quang_tri["label"], "Quảng Trị");
    let honey = result["facets"]["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["value"] == "HONEY")
        .unwrap_or_else(|| panic!("{body}"));
    assert_eq!(honey["label"], "Mật ong");

    // The facet counts are what the filter returns.
    let filtered = search(
        &app,
        json!({ "q": "", "kinds": ["PRODUCT"], "f": { "categories": ["HONEY"] } }),
    )
    .await;
    assert_eq!(filtered["totalCount"], honey["count"], "{filtered}");
    let ocop4 = search(
        &app,
        json!({ "q": "", "kinds": ["PRODUCT"], "f": { "schemes": ["OCOP"], "minOcopStars": 4 } }),
    )
    .await;
    let ocop_names = names(&ocop4);
    assert!(ocop_names.iter().any(|n| n.contains("Đinh Tân Cương")), "{ocop4}");
    assert!(
        !ocop_names.iter().any(|n| n.contains("cá cơm truyền thống")),
        "3 stars only: {ocop4}"
    );

    // 60 km around Tuyên Hóa: the honey cooperative, nearest first, with distances.
    let near = json!({ "latitude": 17.95, "longitude": 106.0, "radiusKm": 60.0 });
    let around = search(
        &app,
        json!({ "q": "", "kinds": ["PRODUCER"], "f": { "near": near }, "sort": "DISTANCE" }),
    )
    .await;
    assert!(names(&around)[0].contains("Quyết Thắng"), "{around}");
    let distances: Vec<f64> = around["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["distanceKm"].as_f64().unwrap())
        .collect();
    assert!(distances.windows(2).all(|w| w[0] <= w[1]) && distances.iter().all(|d| *d <= 60.0));

    // Pages of 5 walk every product once.
    let mut seen = vec![];
    let mut after = Value::Null;
    loop {
        let page = search(
            &app,
            json!({ "q": "", "kinds": ["PRODUCT"], "first": 5, "after": after }),
        )
        .await;
        seen.extend(names(&page));
        if page["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!((seen.len(), unique.len()), (22, 22), "{seen:?}");
}

async fn bad_search_input_gets_typed_errors_and_never_a_panic(kind: DbKind, engine: Engine) {
    let app = demo_app(kind, engine).await;
    let cases = [
        (json!({ "q": "mật ong", "first": 101 }), "OUT_OF_RANGE", "first"),
        (json!({ "q": "", "sort": "DISTANCE" }), "REQUIRED", "sort"),
        (
            json!({ "q": "", "f": { "near": { "latitude": 123.0, "longitude": 106.0, "radiusKm": 5.0 } } }),
            "INVALID_FORMAT",
            "filter.near",
        ),
        (
            json!({ "q": "", "f": { "availableInMonth": 13 } }),
            "OUT_OF_RANGE",
            "filter.availableInMonth",
        ),
        (json!({ "q": "", "after": "not-a-cursor" }), "INVALID_FORMAT", "after"),
    ];
    for (vars, code, field) in cases {
        let body = app.graphql(None, SEARCH, vars.clone()).await;
        assert_eq!(
            error_of(&body),
            (code.to_owned(), Some(field.to_owned())),
            "{vars}: {body}"
        );
    }
    // A 10,000-character query and an unknown province are sane, empty or not.
    let long = "mật ong ".repeat(1250);
    let body = app.graphql(None, SEARCH, json!({ "q": long })).await;
    assert!(body["errors"].is_null(), "{body}");
    let nowhere = search(&app, json!({ "q": "", "f": { "provinceCodes": [999] } })).await;
    assert_eq!(nowhere["totalCount"], 0);
    assert!(
        app.client
            .get(app.url("/healthz"))
            .send()
            .await
            .unwrap()
            .status()
            .is_success()
    );
}

pub(crate) const CREATE_PRODUCT: &str =
    "mutation($p: ID!, $i: ProductInput!) { createProduct(producerId: $p, input: $i) {
    product { id } errors { code field message } } }";

pub(crate) async fn a_new_product(app: &TestApp, admin: &str, name: &str) -> (String, String) {
    let producer = app.create_cooperative(admin, "HTX Chè Shan tuyết Suối Giàng", 15).await;
    let body = app
        .graphql(
            Some(admin),
            CREATE_PRODUCT,
            json!({ "p": producer, "i": { "name": name, "category": "TEA_COFFEE", "unit": "kg" } }),
        )
        .await;
    let product = body["data"]["createProduct"]["product"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{body}"))
        .to_owned();
    (producer, product)
}

async fn catalog_changes_reach_search_and_archived_products_leave(kind: DbKind, engine: Engine) {
    let app = app_on(kind, engine).await;
    let admin = app.admin_token().await;
    let (_, product) = a_new_product(&app, &admin, "Chè Shan tuyết cổ thụ").await;
    wait_until_indexed(&app).await;
    let found = search(&app, json!({ "q": "che shan tuyet", "kinds": ["PRODUCT"] })).await;
    assert_eq!(names(&found), vec!["Chè Shan tuyết cổ thụ"]);

    let body = app
        .graphql(
            Some(&admin),
            "mutation($id: ID!) { archiveProduct(id: $id) { errors { code } } }",
            json!({ "id": product }),
        )
        .await;
    assert_eq!(body["data"]["archiveProduct"]["errors"], json!([]), "{body}");
    wait_until_indexed(&app).await;
    let gone = search(&app, json!({ "q": "che shan tuyet", "kinds": ["PRODUCT"] })).await;
    assert_eq!(gone["totalCount"], 0, "{gone}");
}

async fn published_events_are_found_and_drafts_are_not(kind: DbKind, engine: Engine) {
    use super::fairs::{create_event, event_input, fair};
    let app = app_on(kind, engine).await;
    let f = fair(&app).await;
    let draft = create_event(
        &app,
        &f.organizer,
        event_input("Hội chợ nông sản an toàn Quảng Trị", Some(40)),
    )
    .await;
    create_event(
        &app,
        &f.organizer,
        event_input("Hội chợ hàng nháp chưa công bố", Some(10)),
    )
    .await;
    let body = app
        .graphql(
            Some(&f.organizer),
            "mutation($id: ID!) { publishEvent(id: $id) { errors { code } } }",
            json!({ "id": draft["id"] }),
        )
        .await;
    assert_eq!(body["data"]["publishEvent"]["errors"], json!([]), "{body}");
    wait_until_indexed(&app).await;
    let query = "query($q: String!) { search(query: $q, kinds: [EVENT]) { totalCount
        edges { kind node { __typename ... on Event { id title } } } } }";
    let found = app
        .graphql(None, query, json!({ "q": "hoi cho nong san quang tri" }))
        .await;
    let edges = found["data"]["search"]["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("{found}"));
    assert_eq!(edges.len(), 1, "only the published event: {found}");
    assert_eq!(edges[0]["node"]["title"], "Hội chợ nông sản an toàn Quảng Trị");
    assert_eq!(edges[0]["kind"], "EVENT");
    let draft_search = app.graphql(None, query, json!({ "q": "hàng nháp" })).await;
    assert_eq!(draft_search["data"]["search"]["totalCount"], 0, "{draft_search}");
}

coopbridge_e2e::on_both_engines!(
    published_events_are_found_and_drafts_are_not,
    a_buyer_finds_suppliers_in_vietnamese_with_or_without_diacritics,
    facets_filters_distance_and_paging_agree,
    bad_search_input_gets_typed_errors_and_never_a_panic,
    catalog_changes_reach_search_and_archived_products_leave,
);
