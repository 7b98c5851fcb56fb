//! Fuzz-style requests against the real server: malformed bodies, wrong
//! content types, oversized and deeply nested documents, alias floods,
//! fragment cycles, huge lists, batches, wrong variables and random
//! operations from the real schema. The server must never panic, must answer
//! every request with JSON carrying `data` or errors with a known
//! `extensions.code`, and must keep serving afterwards.
//!
//! The generator is seeded: a failure prints the seed; rerun it with
//! `COOPBRIDGE_FUZZ_SEED=<seed>`.

mod costly;
mod schema_ops;

use coopbridge_e2e::{DbKind, TestApp};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};

/// Every `extensions.code` the API may answer with: the domain codes
/// (graphql/errors.rs), the request guards (graphql/limits.rs) and the HTTP
/// layer (routes/graphql.rs). `INTERNAL` is absent on purpose: no input may
/// cause one.
const KNOWN_CODES: &[&str] = &[
    "REQUIRED",
    "INVALID_FORMAT",
    "OUT_OF_RANGE",
    "NOT_FOUND",
    "ALREADY_EXISTS",
    "WEAK_PASSWORD",
    "PASSWORD_TOO_SHORT",
    "PASSWORD_TOO_COMMON",
    "INVALID_CREDENTIALS",
    "ACCOUNT_DISABLED",
    "UNAUTHENTICATED",
    "FORBIDDEN",
    "TOKEN_INVALID",
    "TOKEN_EXPIRED",
    "TOKEN_REVOKED",
    "INVALID_STATE",
    "RATE_LIMITED",
    "GRAPHQL_PARSE_FAILED",
    "GRAPHQL_VALIDATION_FAILED",
    "QUERY_TOO_DEEP",
    "QUERY_TOO_COMPLEX",
    "QUERY_TOO_MANY_ALIASES",
    "QUERY_TOO_MANY_PASSWORD_CHECKS",
    "BAD_REQUEST",
    "BODY_TOO_LARGE",
    "UNSUPPORTED_MEDIA_TYPE",
    "REQUEST_TIMEOUT",
    "OVERLOADED",
];

/// The server's default `COOPBRIDGE_MAX_BODY_BYTES`.
const MAX_BODY_BYTES: usize = 262_144;

struct Fuzzer<'a> {
    app: &'a TestApp,
    admin: String,
    rng: StdRng,
    sent: usize,
    failures: Vec<String>,
}

/// One request to send: what it is, its content type, body and bearer token.
struct Case {
    label: String,
    content_type: Option<&'static str>,
    body: Vec<u8>,
    admin: bool,
}

fn json_case(label: impl Into<String>, query: &str, variables: Value) -> Case {
    Case {
        label: label.into(),
        content_type: Some("application/json"),
        body: json!({ "query": query, "variables": variables })
            .to_string()
            .into_bytes(),
        admin: false,
    }
}

impl Fuzzer<'_> {
    async fn send(&mut self, case: Case) {
        self.sent += 1;
        let (size, oversized) = (case.body.len(), case.body.len() > MAX_BODY_BYTES);
        let mut request = self.app.client.post(self.app.url("/graphql")).body(case.body);
        if let Some(content_type) = case.content_type {
            request = request.header("content-type", content_type);
        }
        if case.admin {
            request = request.bearer_auth(&self.admin);
        }
        let label: String = case.label.chars().take(300).collect();
        let started = std::time::Instant::now();
        let sent = request.send().await;
        if started.elapsed() > std::time::Duration::from_secs(2) {
            eprintln!("slow ({:.1} s): {label}", started.elapsed().as_secs_f64());
        }
        let response = match sent {
            Ok(response) => response,
            // Over the limit the server answers 413 without reading the rest
            // and closes the connection: the client may see the reset first.
            Err(_) if oversized => return,
            Err(e) => {
                return self
                    .failures
                    .push(format!("{label} ({size} bytes): no HTTP answer: {e:?}"));
            }
        };
        let status = response.status().as_u16();
        let text = response.text().await.unwrap_or_default();
        if status >= 500 {
            let text: String = text.chars().take(500).collect();
            return self.failures.push(format!("{label}: HTTP {status}: {text}"));
        }
        let body: Value = match serde_json::from_str(&text) {
            Ok(body) => body,
            Err(_) => {
                let text: String = text.chars().take(300).collect();
                return self
                    .failures
                    .push(format!("{label}: HTTP {status}, not JSON: {text:?}"));
            }
        };
        if let Some(problem) = check_body(&body) {
            let shown: String = body.to_string().chars().take(600).collect();
            self.failures
                .push(format!("{label}: HTTP {status}: {problem}: {shown}"));
        }
    }
}

/// `None` when the body carries data or only errors with known codes.
fn check_body(body: &Value) -> Option<String> {
    match body.get("errors") {
        Some(Value::Array(errors)) if !errors.is_empty() => {
            for error in errors {
                let code = error["extensions"]["code"].as_str();
                match code {
                    Some(code) if KNOWN_CODES.contains(&code) => {}
                    Some(code) => return Some(format!("unknown code {code}")),
                    None => return Some("an error without extensions.code".into()),
                }
            }
            None
        }
        Some(other) if !other.is_null() => Some("`errors` is not a list".into()),
        _ if body.get("data").is_some_and(|d| !d.is_null()) => None,
        _ => Some("neither data nor errors".into()),
    }
}

fn nested(depth: usize, open: &str, inner: &str, close: &str) -> String {
    format!("{}{inner}{}", open.repeat(depth), close.repeat(depth))
}

/// Requests that are broken before GraphQL even starts.
fn transport_cases(rng: &mut StdRng) -> Vec<Case> {
    let raw = |label: &str, content_type: Option<&'static str>, body: &[u8]| Case {
        label: label.into(),
        content_type,
        body: body.to_vec(),
        admin: false,
    };
    let mut cases = vec![
        raw("empty body", Some("application/json"), b""),
        raw("empty body, no content type", None, b""),
        raw(
            "truncated JSON",
            Some("application/json"),
            b"{\"query\": \"{ __typename",
        ),
        raw("JSON number", Some("application/json"), b"42"),
        raw("JSON string", Some("application/json"), b"\"{ __typename }\""),
        raw("query is a number", Some("application/json"), b"{\"query\": 5}"),
        raw(
            "variables is a string",
            Some("application/json"),
            b"{\"query\": \"{ __typename }\", \"variables\": \"x\"}",
        ),
        raw("no query", Some("application/json"), b"{\"variables\": {}}"),
        raw(
            "lone surrogate escape",
            Some("application/json"),
            b"{\"query\": \"{ __typename \\ud800 }\"}",
        ),
        raw(
            "invalid UTF-8",
            Some("application/json"),
            b"{\"query\": \"{ __typename \xff\xfe }\"}",
        ),
        raw(
            "batch",
            Some("application/json"),
            b"[{\"query\": \"{ __typename }\"}, {\"query\": \"{ __typename }\"}]",
        ),
        raw("empty batch", Some("application/json"), b"[]"),
        raw("text/plain", Some("text/plain"), b"{ __typename }"),
        raw("xml", Some("application/xml"), b"<query>{ __typename }</query>"),
        raw(
            "form",
            Some("application/x-www-form-urlencoded"),
            b"query=%7B__typename%7D",
        ),
        raw(
            "multipart without boundary",
            Some("multipart/form-data"),
            b"--x\r\n\r\n",
        ),
        raw(
            "multipart garbage",
            Some("multipart/form-data; boundary=x"),
            b"--x\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n{bad\r\n--x--\r\n",
        ),
        raw(
            "deeply nested JSON",
            Some("application/json"),
            nested(5000, "[", "1", "]").as_bytes(),
        ),
        raw("oversized body", Some("application/json"), &vec![b' '; 1_200_000]),
    ];
    for i in 0..20 {
        let len = rng.random_range(0..300);
        let bytes: Vec<u8> = (0..len).map(|_| rng.random()).collect();
        let content_type = [Some("application/json"), None, Some("text/plain")]
            .choose(rng)
            .copied()
            .flatten();
        cases.push(Case {
            label: format!("random bytes #{i}"),
            content_type,
            body: bytes,
            admin: false,
        });
    }
    cases
}

/// Documents that parse (or nearly) but are hostile or wrong.
fn document_cases(rng: &mut StdRng) -> Vec<Case> {
    let aliases: String = (0..3000).map(|i| format!("a{i}: __typename ")).collect();
    let mut cases = vec![
        json_case(
            "deep selection",
            &nested(3000, "{ province(code: 1) ", "name", " }"),
            json!({}),
        ),
        json_case("deep braces", &nested(20_000, "{", "", "}"), json!({})),
        json_case(
            "deep list literal",
            &format!(
                "{{ provinces(first: {}) {{ edges {{ node {{ code }} }} }} }}",
                nested(3000, "[", "1", "]")
            ),
            json!({}),
        ),
        json_case(
            "deep object literal",
            &format!(
                "{{ provinces(first: {}) {{ edges {{ node {{ code }} }} }} }}",
                nested(3000, "{a: ", "1", "}")
            ),
            json!({}),
        ),
        json_case(
            "nested variables",
            "query($v: Int) { provinces(first: $v) { edges { node { code } } } }",
            json!({ "v": serde_json::from_str::<Value>(&nested(100, "[", "1", "]")).unwrap() }),
        ),
        json_case("3000 aliases", &format!("{{ {aliases} }}"), json!({})),
        json_case(
            "fragment cycle",
            "fragment A on Query { ...B } fragment B on Query { ...A } { ...A }",
            json!({}),
        ),
        json_case(
            "self fragment",
            "fragment A on Query { __typename ...A } { ...A }",
            json!({}),
        ),
        json_case(
            "fragment fan-out",
            &format!(
                "{} {{ ...F0 }}",
                (0..40)
                    .map(|i| format!(
                        "fragment F{i} on Query {{ ...F{} ...F{} province(code: 1) {{ name }} }} ",
                        i + 1,
                        i + 1
                    ))
                    .collect::<String>()
                    + "fragment F40 on Query { __typename }"
            ),
            json!({}),
        ),
        json_case("unknown field", "{ noSuchField }", json!({})),
        json_case("unknown operation name", "query A { __typename }", json!({})),
        json_case("two anonymous operations", "{ __typename } { __typename }", json!({})),
        json_case("subscription", "subscription { __typename }", json!({})),
        json_case("unknown directive", "{ __typename @nope }", json!({})),
        json_case(
            "huge list argument",
            &format!(
                "{{ search(query: \"chè\", kinds: [{}]) {{ totalCount }} }}",
                vec!["PRODUCT"; 50_000].join(",")
            ),
            json!({}),
        ),
        json_case(
            "huge list variable",
            "query($f: SearchFilterInput) { search(query: \"chè\", filter: $f) { totalCount } }",
            json!({ "f": { "provinceCodes": vec![1; 50_000] } }),
        ),
        json_case(
            "overflowing int",
            "{ provinces(first: 99999999999999999999) { edges { node { code } } } }",
            json!({}),
        ),
        json_case(
            "overflowing int variable",
            "query($f: Int) { provinces(first: $f) { edges { node { code } } } }",
            json!({ "f": 9_223_372_036_854_775_807_i64 }),
        ),
        json_case(
            "float for int",
            "query($f: Int) { provinces(first: $f) { edges { node { code } } } }",
            json!({ "f": 1.5 }),
        ),
        json_case(
            "string for int",
            "query($f: Int) { provinces(first: $f) { edges { node { code } } } }",
            json!({ "f": "10" }),
        ),
        json_case(
            "undeclared variable",
            "{ provinces(first: $f) { edges { node { code } } } }",
            json!({ "f": 1 }),
        ),
        json_case(
            "missing required variable",
            "query($c: Int!) { province(code: $c) { name } }",
            json!({}),
        ),
        json_case(
            "null for required variable",
            "query($c: Int!) { province(code: $c) { name } }",
            json!({ "c": null }),
        ),
        json_case(
            "variable of unknown type",
            "query($c: Nope) { __typename }",
            json!({ "c": 1 }),
        ),
        json_case(
            "huge string argument",
            &format!(
                "{{ provinces(nameContains: \"{}\") {{ edges {{ node {{ code }} }} }} }}",
                "ă".repeat(400_000)
            ),
            json!({}),
        ),
        json_case(
            "NFD text",
            "query($q: String) { provinces(nameContains: $q) { edges { node { code } } } }",
            json!({ "q": "Ha\u{0300} Nô\u{0323}i" }),
        ),
        json_case(
            "introspection",
            "{ __schema { types { name fields { name } } } }",
            json!({}),
        ),
    ];
    for i in 0..30 {
        let len = rng.random_range(1..200);
        let tokens = [
            "{",
            "}",
            "(",
            ")",
            "[",
            "]",
            ":",
            "$",
            "...",
            "@",
            "\"",
            "query",
            "mutation",
            "fragment",
            "on",
            "province",
            "code",
            "1",
            "name",
            "!",
            "=",
            "#",
            "\n",
            "__typename",
        ];
        let text: String = (0..len)
            .map(|_| *tokens.choose(rng).unwrap())
            .collect::<Vec<_>>()
            .join(" ");
        cases.push(json_case(format!("random tokens #{i}: {text}"), &text, json!({})));
    }
    cases
}

async fn random_operations(fuzzer: &mut Fuzzer<'_>, schema: &schema_ops::Schema, count: usize) {
    let queries = schema.root_fields("Query");
    let mutations = schema.root_fields("Mutation");
    for _ in 0..count {
        let mutation = fuzzer.rng.random_bool(0.6);
        let admin = fuzzer.rng.random_bool(0.5);
        let field = if mutation {
            let mut field = mutations.choose(&mut fuzzer.rng).unwrap();
            // Keep the admin's token valid for the rest of the run.
            while admin && matches!(field.name(), "signOut" | "changePassword") {
                field = mutations.choose(&mut fuzzer.rng).unwrap();
            }
            field.clone()
        } else {
            queries.choose(&mut fuzzer.rng).unwrap().clone()
        };
        let keyword = if mutation { "mutation" } else { "query" };
        let (query, variables, name) = schema.operation(&mut fuzzer.rng, keyword, &field);
        let label = format!("random {keyword} {name} (admin: {admin}): {query} {variables}");
        let mut case = json_case(label, &query, variables);
        case.admin = admin;
        fuzzer.send(case).await;
    }
}

async fn hostile_and_random_requests_get_typed_errors_and_never_a_panic(kind: DbKind) {
    let seed = std::env::var("COOPBRIDGE_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x00C0_0B41_D6E5_u64);
    let app = TestApp::spawn(kind).await;
    let admin = app.admin_token().await;
    let mut fuzzer = Fuzzer {
        app: &app,
        admin,
        rng: StdRng::seed_from_u64(seed),
        sent: 0,
        failures: Vec::new(),
    };
    for case in transport_cases(&mut fuzzer.rng) {
        fuzzer.send(case).await;
    }
    for case in document_cases(&mut fuzzer.rng) {
        fuzzer.send(case).await;
    }
    let schema = schema_ops::Schema::load();
    random_operations(&mut fuzzer, &schema, 250).await;
    let (sent, failures) = (fuzzer.sent, fuzzer.failures);

    let logs = app.logs();
    assert!(!logs.contains("panicked"), "the server panicked (seed {seed}):\n{logs}");
    let tail: String = logs
        .chars()
        .rev()
        .take(4000)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {sent} requests were not answered with data or a typed error (seed {seed}; rerun with \
         COOPBRIDGE_FUZZ_SEED={seed}):\n{}\n--- end of the server log:\n{tail}",
        failures.len(),
        failures.join("\n")
    );
    // Still up, still right.
    let health = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 200);
    let body = app.graphql(None, "{ province(code: 1) { name } }", json!({})).await;
    assert_eq!(body["data"]["province"]["name"], "Thành phố Hà Nội", "{body}");
}

coopbridge_e2e::on_both_databases!(hostile_and_random_requests_get_typed_errors_and_never_a_panic);
