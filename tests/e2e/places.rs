//! Provinces and communes of the 2025 reform, through GraphQL.

use coopbridge_e2e::{DbKind, TestApp};
use serde_json::{Value, json};

const PROVINCES: &str = "query($after: String) { provinces(first: 10, after: $after) {
    edges { cursor node { code name } } pageInfo { hasNextPage endCursor } } }";

async fn all_34_provinces_come_in_cursor_pages_without_gaps(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let mut after = Value::Null;
    let mut codes = Vec::new();
    loop {
        let body = app.graphql(None, PROVINCES, json!({ "after": after })).await;
        let page = &body["data"]["provinces"];
        codes.extend(
            page["edges"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["node"]["code"].as_i64().unwrap()),
        );
        if !page["pageInfo"]["hasNextPage"].as_bool().unwrap() {
            break;
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
    assert_eq!(codes.len(), 34);
    let mut sorted = codes.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted, codes, "pages must be in code order with no repeats");
    assert_eq!(codes[0], 1);
}

async fn communes_are_found_by_name_with_or_without_diacritics(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let query = "query($q: String!) { communes(nameContains: $q, first: 5) {
        edges { node { code name kind province { code name } } } } }";
    for needle in ["Tuyên Hóa", "tuyen hoa", "TUYEN HOA"] {
        let body = app.graphql(None, query, json!({ "q": needle })).await;
        let edges = body["data"]["communes"]["edges"].as_array().unwrap();
        let node = &edges
            .iter()
            .find(|e| e["node"]["code"] == 18997)
            .unwrap_or_else(|| panic!("{needle}: {body}"))["node"];
        assert_eq!(node["name"], "Xã Tuyên Hóa");
        assert_eq!(node["province"]["name"], "Quảng Trị");
    }
}

async fn a_province_lists_its_own_communes_only(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let body = app
        .graphql(
            None,
            "{ province(code: 4) { name communes(first: 100) { edges { node { code province { code } } } pageInfo { hasNextPage } } } }",
            json!({}),
        )
        .await;
    let province = &body["data"]["province"];
    assert_eq!(province["name"], "Cao Bằng");
    let edges = province["communes"]["edges"].as_array().unwrap();
    assert!(!edges.is_empty());
    assert!(edges.iter().all(|e| e["node"]["province"]["code"] == 4));
    assert!(edges.iter().any(|e| e["node"]["code"] == 1561), "Xã Hạ Lang missing");
    let missing = app
        .graphql(
            None,
            "{ province(code: 999) { name } commune(code: -1) { name } }",
            json!({}),
        )
        .await;
    assert_eq!(missing["data"], json!({ "province": null, "commune": null }));
}

async fn a_page_over_the_cap_or_a_forged_cursor_is_refused_naming_the_argument(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let body = app
        .graphql(None, "{ provinces(first: 101) { edges { node { code } } } }", json!({}))
        .await;
    let error = &body["errors"][0];
    assert_eq!(error["extensions"]["code"], "OUT_OF_RANGE", "{body}");
    assert_eq!(error["extensions"]["field"], "first");
    let body = app
        .graphql(
            None,
            "{ provinces(after: \"garbage\") { edges { node { code } } } }",
            json!({}),
        )
        .await;
    assert_eq!(body["errors"][0]["extensions"]["field"], "after", "{body}");
}

coopbridge_e2e::on_both_databases!(
    all_34_provinces_come_in_cursor_pages_without_gaps,
    communes_are_found_by_name_with_or_without_diacritics,
    a_province_lists_its_own_communes_only,
    a_page_over_the_cap_or_a_forged_cursor_is_refused_naming_the_argument,
);
