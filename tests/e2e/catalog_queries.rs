//! Catalog queries on the demo data: filters, sorts with stable paging, and
//! nested pages whose SQL statement count does not grow with the page size.

use coopbridge_e2e::{DbKind, TestApp, TestDb};
use serde_json::{Value, json};

async fn demo_app(kind: DbKind) -> TestApp {
    TestApp::spawn_with(TestDb::new(kind).await, &[("COOPBRIDGE_SEED_DEMO", "true")]).await
}

fn names(body: &Value, list: &str) -> Vec<String> {
    body["data"][list]["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("no {list} in {body}"))
        .iter()
        .map(|e| e["node"]["name"].as_str().unwrap().to_owned())
        .collect()
}

async fn filters_find_the_right_demo_products_and_producers(kind: DbKind) {
    let app = demo_app(kind).await;
    let honey = app
        .graphql(
            None,
            "{ products(filter: { category: HONEY }, first: 50) { edges { node { name category } } } }",
            json!({}),
        )
        .await;
    let honey_names = names(&honey, "products");
    assert!(honey_names.iter().any(|n| n.contains("Tuyên Hóa")), "{honey_names:?}");
    let in_quang_tri = app
        .graphql(None, "{ products(filter: { provinceCode: 44 }, first: 50) { edges { node { name producer { province { code } } } } } }", json!({}))
        .await;
    for edge in in_quang_tri["data"]["products"]["edges"].as_array().unwrap() {
        assert_eq!(edge["node"]["producer"]["province"]["code"], 44);
    }
    let five_star = app
        .graphql(
            None,
            "{ products(filter: { ocopStarsAtLeast: 5 }, first: 50) { edges { node { name certificates { scheme ocopStars current } } } } }",
            json!({}),
        )
        .await;
    let edges = five_star["data"]["products"]["edges"].as_array().unwrap();
    assert!(!edges.is_empty(), "the demo has OCOP 5-star tea");
    for edge in edges {
        let certs = edge["node"]["certificates"].as_array().unwrap();
        assert!(
            certs
                .iter()
                .any(|c| c["scheme"] == "OCOP" && c["ocopStars"] == 5 && c["current"] == true),
            "{edge}"
        );
    }
    let march = app
        .graphql(None, "{ products(filter: { availableInMonth: 3, capacityAtLeast: 100 }, first: 50) { edges { node { harvestMonths monthlyCapacity } } } }", json!({}))
        .await;
    for edge in march["data"]["products"]["edges"].as_array().unwrap() {
        assert!(edge["node"]["harvestMonths"].as_array().unwrap().contains(&json!(3)));
        assert!(edge["node"]["monthlyCapacity"].as_i64().unwrap() >= 100);
    }
    let verified = app
        .graphql(None, "{ producers(filter: { verified: true, certificationScheme: VIET_GAP }, first: 50) { edges { node { name verificationStatus } } } }", json!({}))
        .await;
    let list = verified["data"]["producers"]["edges"].as_array().unwrap();
    assert!(!list.is_empty(), "{verified}");
    assert!(list.iter().all(|e| e["node"]["verificationStatus"] == "VERIFIED"));
    let bad = app
        .graphql(
            None,
            "{ products(filter: { availableInMonth: 13 }) { edges { node { name } } } }",
            json!({}),
        )
        .await;
    assert_eq!(bad["errors"][0]["extensions"]["field"], "availableInMonth");
}

async fn sorted_pages_neither_skip_nor_repeat(kind: DbKind) {
    let app = demo_app(kind).await;
    let query = "query($after: String, $sort: ProductSort!) { products(first: 3, after: $after, sort: $sort) {
        edges { node { id name priceMinVnd } } pageInfo { hasNextPage endCursor } } }";
    for sort in ["PRICE_LOW_TO_HIGH", "NAME", "NEWEST", "CAPACITY_HIGH_TO_LOW"] {
        let mut after = Value::Null;
        let mut seen = Vec::new();
        let mut prices = Vec::new();
        loop {
            let body = app.graphql(None, query, json!({ "after": after, "sort": sort })).await;
            let page = &body["data"]["products"];
            for edge in page["edges"].as_array().unwrap_or_else(|| panic!("{body}")) {
                seen.push(edge["node"]["id"].as_str().unwrap().to_owned());
                prices.push(edge["node"]["priceMinVnd"].as_i64().unwrap_or(i64::MAX));
            }
            if page["pageInfo"]["hasNextPage"] != true {
                break;
            }
            after = page["pageInfo"]["endCursor"].clone();
        }
        let total = app
            .graphql(None, "{ products(first: 100) { edges { node { id } } } }", json!({}))
            .await;
        let all = total["data"]["products"]["edges"].as_array().unwrap().len();
        let mut unique = seen.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(
            (seen.len(), unique.len()),
            (all, all),
            "{sort}: pages skipped or repeated rows"
        );
        if sort == "PRICE_LOW_TO_HIGH" {
            assert!(
                prices.windows(2).all(|w| w[0] <= w[1]),
                "prices not ascending: {prices:?}"
            );
        }
    }
}

const NESTED: &str = "query($first: Int!) { products(first: $first) { edges { node {
    name images { url }
    producer { name province { name } commune { name } logo { url } ocopStars
        certificates { scheme current } brandLabels { name } }
    certificates { scheme ocopStars current products { name } evidence { url } }
    brandLabels { name products { name } } } } } }";

async fn a_nested_product_page_costs_the_same_statements_whatever_its_size(kind: DbKind) {
    // A long loader delay makes batching deterministic on a loaded 2-core CI
    // machine; the default (0: until the next timer tick) trades a little batching for latency.
    let db = TestDb::new(kind).await;
    let app = TestApp::spawn_with(
        db,
        &[
            ("COOPBRIDGE_SEED_DEMO", "true"),
            ("COOPBRIDGE_DATALOADER_DELAY_US", "100000"),
        ],
    )
    .await;
    // Bring the catalog to 50 products: the demo's 20 and 30 more honey jars.
    let member = app.sign_in("quyetthang@example.vn", "demo-coopbridge").await;
    let me = app
        .graphql(Some(&member), "{ me { organizations { id } } }", json!({}))
        .await;
    let producer_id = me["data"]["me"]["organizations"][0]["id"].clone();
    for n in 0..30 {
        let body = app
            .graphql(
                Some(&member),
                "mutation($p: ID!, $i: ProductInput!) { createProduct(producerId: $p, input: $i) { errors { code } } }",
                json!({ "p": producer_id, "i": { "name": format!("Mật ong hộp quà {n}"), "category": "HONEY", "unit": "hộp" } }),
            )
            .await;
        assert_eq!(body["data"]["createProduct"]["errors"], json!([]), "{body}");
    }
    let mut costs = Vec::new();
    for first in [5, 50] {
        let before = app.sql_statements().await;
        let body = app.graphql(None, NESTED, json!({ "first": first })).await;
        assert!(body.get("errors").is_none(), "{body}");
        assert_eq!(
            body["data"]["products"]["edges"].as_array().unwrap().len(),
            first as usize
        );
        costs.push(app.sql_statements().await - before);
    }
    // One statement per list level and key type (two for link tables), so the
    // ceiling is fixed by the query's shape: 16 here. Without batching, 50
    // products would cost well over 50 × 6 statements. Pages with fewer
    // certificates or labels cost less, never more.
    println!("SQL statements: 5 products {}, 50 products {}", costs[0], costs[1]);
    assert!(costs[0] <= costs[1], "{costs:?}");
    assert!(
        costs[1] <= 16,
        "a nested page of 50 should cost at most 16 statements, took {}",
        costs[1]
    );
}

coopbridge_e2e::on_both_databases!(
    filters_find_the_right_demo_products_and_producers,
    sorted_pages_neither_skip_nor_repeat,
    a_nested_product_page_costs_the_same_statements_whatever_its_size,
);
