//! Malformed, over-deep, over-complex, over-aliased and oversized requests:
//! each gets its own code, no stack trace, and the server stays up.

use coopbridge_e2e::{DbKind, TestApp};
use serde_json::{Value, json};

fn first_code(body: &Value) -> &str {
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or_else(|| panic!("no error code in {body}"))
}

fn assert_no_internals(body: &Value) {
    let text = body.to_string();
    for leak in ["panicked", "src/", ".rs:", "sqlx", "SqliteError", "stack backtrace"] {
        assert!(!text.contains(leak), "response leaks internals ({leak}): {text}");
    }
}

async fn each_rejected_document_gets_its_own_code_and_the_server_stays_up(kind: DbKind) {
    let app = TestApp::spawn(kind).await;

    let body = app.graphql(None, "{ provinces(first: 2 { edges }", json!({})).await;
    assert_eq!(first_code(&body), "GRAPHQL_PARSE_FAILED");
    assert_no_internals(&body);

    // Commune → province → communes → … nests past the default depth of 12.
    let mut deep = String::from("code");
    for _ in 0..4 {
        deep = format!("province {{ communes(first: 1) {{ edges {{ node {{ {deep} }} }} }} }}");
    }
    let body = app
        .graphql(None, &format!("{{ commune(code: 1561) {{ {deep} }} }}"), json!({}))
        .await;
    assert_eq!(first_code(&body), "QUERY_TOO_DEEP", "{body}");

    let complex = "{ provinces(first: 100) { edges { node { communes(first: 100) { edges { node {
        province { communes(first: 100) { edges { node { code name } } } } } } } } } } }";
    let body = app.graphql(None, complex, json!({})).await;
    assert_eq!(first_code(&body), "QUERY_TOO_COMPLEX", "{body}");

    let aliases: String = (0..31)
        .map(|i| format!("a{i}: province(code: 1) {{ name }} "))
        .collect();
    let body = app.graphql(None, &format!("{{ {aliases} }}"), json!({})).await;
    assert_eq!(first_code(&body), "QUERY_TOO_MANY_ALIASES", "{body}");

    let body = app.graphql(None, "{ noSuchField }", json!({})).await;
    assert_eq!(first_code(&body), "GRAPHQL_VALIDATION_FAILED");

    let huge = format!(
        "{{ provinces(nameContains: \"{}\") {{ edges {{ node {{ code }} }} }} }}",
        "x".repeat(1_100_000)
    );
    let (status, body) = app.post_graphql(None, &huge, json!({})).await;
    assert_eq!(status, 413);
    assert_eq!(first_code(&body), "BODY_TOO_LARGE");

    let response = app
        .client
        .post(app.url("/graphql"))
        .header("content-type", "application/json")
        .body("{ this is not json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(first_code(&body), "BAD_REQUEST");
    assert_no_internals(&body);

    let body = app.graphql(None, "{ province(code: 1) { name } }", json!({})).await;
    assert_eq!(
        body["data"]["province"]["name"], "Thành phố Hà Nội",
        "server still answers"
    );
}

async fn limits_are_configurable(kind: DbKind) {
    let db = coopbridge_e2e::TestDb::new(kind).await;
    let app = TestApp::spawn_with(
        db,
        &[
            ("COOPBRIDGE_GRAPHQL_MAX_ALIASES", "1"),
            ("COOPBRIDGE_MAX_BODY_BYTES", "2048"),
        ],
    )
    .await;
    let body = app
        .graphql(
            None,
            "{ a: province(code: 1) { name } b: province(code: 4) { name } }",
            json!({}),
        )
        .await;
    assert_eq!(first_code(&body), "QUERY_TOO_MANY_ALIASES");
    let (status, _) = app
        .post_graphql(None, &format!("{{ __typename }} # {}", "x".repeat(3000)), json!({}))
        .await;
    assert_eq!(status, 413);
}

coopbridge_e2e::on_both_databases!(
    each_rejected_document_gets_its_own_code_and_the_server_stays_up,
    limits_are_configurable,
);
