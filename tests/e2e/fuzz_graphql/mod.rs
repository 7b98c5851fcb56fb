//! Fuzz-style requests against the real server: malformed bodies, wrong
//! content types, oversized and deeply nested documents, alias floods,
//! fragment cycles, huge lists, batches, wrong variables and random
//! operations from the real schema. The server must never panic, must answer
//! every request with JSON carrying `data` or errors with a known
//! `extensions.code`, and must keep serving afterwards.
//!
//! The generator is seeded: a failure prints the seed; rerun it with
//! `COOPBRIDGE_FUZZ_SEED=<seed>`.

mod cases;
use cases::{document_cases, transport_cases};
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
