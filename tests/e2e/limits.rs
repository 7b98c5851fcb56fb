//! Malformed, over-deep, over-complex, over-aliased and oversized requests,
//! fragment abuse and repeated password checks: each gets its own code, no
//! stack trace, and the server stays up.

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

/// `{ __typename }` and `links` unused fragments, each spreading the next.
fn unused_fragment_chain(links: usize) -> String {
    let mut text = String::from("{ __typename } ");
    for i in 0..links {
        text += &format!("fragment f{i} on Query{{...f{}}} ", i + 1);
    }
    text + &format!("fragment f{links} on Query{{__typename}}")
}

/// async-graphql's validation recursed once per link over every fragment:
/// one anonymous request of 200 KB overflowed the stack and aborted the process.
async fn a_long_chain_of_unused_fragments_is_refused_and_the_server_stays_up(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let chain = unused_fragment_chain(6_000);
    assert!(chain.len() < 250_000);
    let started = std::time::Instant::now();
    let body = app.graphql(None, &chain, json!({})).await;
    eprintln!("refused 6000 unused fragments in {:?}", started.elapsed());
    assert_eq!(first_code(&body), "QUERY_TOO_COMPLEX", "{body}");
    let body = app.graphql(None, "{ province(code: 1) { name } }", json!({})).await;
    assert_eq!(
        body["data"]["province"]["name"], "Thành phố Hà Nội",
        "server still answers"
    );
}

async fn fragment_chains_cycles_and_unused_fragments_get_their_codes(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    // Fewer fragments than the limit, but spread 20 deep.
    let mut chain = String::from("{ ...f0 } ");
    for i in 0..20 {
        chain += &format!("fragment f{i} on Query {{ ...f{} }} ", i + 1);
    }
    chain += "fragment f20 on Query { __typename }";
    let body = app.graphql(None, &chain, json!({})).await;
    assert_eq!(first_code(&body), "QUERY_TOO_DEEP", "{body}");

    // Each fragment spreading the next twice: 2^11 copies from 12 fragments.
    let mut tree = String::from("{ ...t0 } ");
    for i in 0..11 {
        tree += &format!(
            "fragment t{i} on Query {{ ...t{n} ...t{n} province(code: 1) {{ name }} }} ",
            n = i + 1
        );
    }
    tree += "fragment t11 on Query { province(code: 1) { name } }";
    let body = app.graphql(None, &tree, json!({})).await;
    assert_eq!(first_code(&body), "QUERY_TOO_COMPLEX", "{body}");

    let unused = "{ __typename } fragment lonely on Query { __typename }";
    let body = app.graphql(None, unused, json!({})).await;
    assert_eq!(first_code(&body), "GRAPHQL_VALIDATION_FAILED", "{body}");
    assert!(
        body["errors"][0]["message"].as_str().unwrap().contains("lonely"),
        "{body}"
    );

    let cycle = "{ ...a } fragment a on Query { province(code: 1) { name } ...b } fragment b on Query { ...a }";
    let body = app.graphql(None, cycle, json!({})).await;
    assert_eq!(first_code(&body), "GRAPHQL_VALIDATION_FAILED", "{body}");

    // Fragments used the ordinary way still work.
    let used = "{ ...p ... on Query { ...p } } fragment p on Query { province(code: 1) { name } }";
    let body = app.graphql(None, used, json!({})).await;
    assert_eq!(body["data"]["province"]["name"], "Thành phố Hà Nội", "{body}");

    let db = coopbridge_e2e::TestDb::new(kind).await;
    let app = TestApp::spawn_with(db, &[("COOPBRIDGE_GRAPHQL_MAX_FRAGMENTS", "1")]).await;
    let two = "{ ...a ...b } fragment a on Query { __typename } fragment b on Query { __typename }";
    let body = app.graphql(None, two, json!({})).await;
    assert_eq!(first_code(&body), "QUERY_TOO_COMPLEX", "{body}");
}

/// Thirty aliased `changePassword` calls in one request were thirty password
/// guesses that no per-request limit saw.
async fn one_request_checks_at_most_one_password(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let token = app.admin_token().await;
    let guesses: String = (0..30)
        .map(|i| {
            format!(
                "g{i}: changePassword(input: {{currentPassword: \"guess-{i}\", newPassword: \"a new long password {i}\"}}) {{ errors {{ code }} }} "
            )
        })
        .collect();
    let hidden = "mutation { signIn(input: {email: \"a@example.vn\", password: \"guess one\"}) { token } ...more } \
                  fragment more on Mutation { ... on Mutation { signIn(input: {email: \"a@example.vn\", password: \"guess two\"}) { token } } }";
    for document in [format!("mutation {{ {guesses} }}"), hidden.to_owned()] {
        let body = app.graphql(Some(&token), &document, json!({})).await;
        assert_eq!(first_code(&body), "QUERY_TOO_MANY_PASSWORD_CHECKS", "{body}");
        assert!(body.get("data").is_none_or(Value::is_null), "nothing ran: {body}");
    }
    // One check per request still works.
    let body = app
        .graphql(
            None,
            "mutation { signIn(input: {email: \"a@example.vn\", password: \"guess one\"}) { token errors { code } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        body["data"]["signIn"]["errors"][0]["code"], "INVALID_CREDENTIALS",
        "{body}"
    );
}

coopbridge_e2e::on_both_databases!(
    each_rejected_document_gets_its_own_code_and_the_server_stays_up,
    limits_are_configurable,
    a_long_chain_of_unused_fragments_is_refused_and_the_server_stays_up,
    fragment_chains_cycles_and_unused_fragments_get_their_codes,
    one_request_checks_at_most_one_password,
);
