//! Documents built to be expensive rather than wrong: fragment chains and
//! trees (linear, fanned out, unused), deep values inline and in variables,
//! thousands of fields, arguments, directives, variables and operations,
//! huge strings and numbers, each as large as the body limit allows. No such
//! document may crash the server or take long to refuse: each must get a
//! coded answer, the server must answer its probe afterwards, and the time to
//! refuse is printed (the aim is under 100 ms; the assertion is a generous
//! bound that still catches a quadratic or exponential path).

use std::time::{Duration, Instant};

use coopbridge_e2e::{DbKind, TestApp};
use serde_json::{Value, json};

use super::cases::nested;
use super::{MAX_BODY_BYTES, check_body};

/// Room for the JSON envelope around a generated document.
const BUDGET: usize = MAX_BODY_BYTES - 4096;

/// The assertion's bound per request: far above the 100 ms aim, far below
/// what a quadratic path over a 1 MB document costs.
const MAX_TIME: Duration = Duration::from_secs(1);

/// `count` copies of `make(i)`, as many as fit in `budget` bytes.
fn repeat_within(budget: usize, make: impl Fn(usize) -> String) -> String {
    let mut out = String::new();
    for i in 0.. {
        let piece = make(i);
        if out.len() + piece.len() > budget {
            break;
        }
        out += &piece;
    }
    out
}

/// `fragment f{i} on Query { ...f{i+1} × fan_out }` for `links` links; the
/// operation spreads `f0` when `used`.
fn fragment_chain(links: usize, fan_out: usize, used: bool) -> String {
    let mut text = String::from(if used { "{ ...f0 } " } else { "{ __typename } " });
    for i in 0..links {
        text += &format!(
            "fragment f{i} on Query{{{}}} ",
            format!("...f{} ", i + 1).repeat(fan_out)
        );
    }
    text + &format!("fragment f{links} on Query{{__typename}}")
}

/// Each fragment spreads every later one: a small document, an exponential expansion.
fn fragment_mesh(count: usize) -> String {
    let mut text = String::from("{ ...m0 } ");
    for i in 0..count {
        let spreads: String = (i + 1..count).map(|j| format!("...m{j} ")).collect();
        text += &format!("fragment m{i} on Query{{__typename {spreads}}} ");
    }
    text
}

/// (label, query, variables) of every generated document.
fn documents() -> Vec<(String, String, Value)> {
    let mut docs: Vec<(String, String, Value)> = Vec::new();
    let mut add = |label: &str, query: String, variables: Value| docs.push((label.to_owned(), query, variables));

    for links in [100, 3_500, 6_000] {
        add(
            &format!("unused fragment chain of {links}"),
            fragment_chain(links, 1, false),
            json!({}),
        );
        add(
            &format!("used fragment chain of {links}"),
            fragment_chain(links, 1, true),
            json!({}),
        );
    }
    add(
        "fragment tree, fan-out 2, 30 deep",
        fragment_chain(30, 2, true),
        json!({}),
    );
    add(
        "fragment tree, fan-out 2, 40 deep",
        fragment_chain(40, 2, true),
        json!({}),
    );
    add(
        "fragment tree, fan-out 50, 11 deep",
        fragment_chain(11, 50, true),
        json!({}),
    );
    add(
        "fragment tree, fan-out 2, 12 deep",
        fragment_chain(12, 2, true),
        json!({}),
    );
    add("fragment mesh of 90", fragment_mesh(90), json!({}));
    add(
        "fragment cycle through a field",
        "{ ...a } fragment a on Query { province(code: 1) { name } ...b } fragment b on Query { ...a }".into(),
        json!({}),
    );
    add(
        "fields spread by many unused fragments",
        repeat_within(BUDGET, |i| format!("fragment u{i} on Query{{__typename}} ")) + "{ __typename }",
        json!({}),
    );

    add(
        "deep list literal",
        format!(
            "{{ provinces(first: {}) {{ totalCount }} }}",
            nested(100_000, "[", "1", "]")
        ),
        json!({}),
    );
    add(
        "deep object literal",
        format!(
            "{{ provinces(first: {}) {{ totalCount }} }}",
            nested(50_000, "{a:", "1", "}")
        ),
        json!({}),
    );
    add(
        "deep inline fragments",
        nested(12_000, "{ ... on Query ", "__typename", " }"),
        json!({}),
    );
    for depth in [100, 127, 128, 129, 300, 100_000] {
        let deep: Value = serde_json::from_str(&nested(depth.min(120), "[", "1", "]")).unwrap();
        let variables = if depth <= 120 {
            json!({ "v": deep })
        } else {
            // Built as text: serde_json refuses to build (or parse) such depth.
            Value::String(format!("RAW:{}", nested(depth, "[", "1", "]")))
        };
        add(
            &format!("list nested {depth} deep in variables"),
            "query($v: [Int]) { __typename }".into(),
            variables,
        );
    }
    add(
        "object nested 35000 deep in variables",
        "query($v: SearchFilterInput) { __typename }".into(),
        Value::String(format!("RAW:{}", nested(35_000, "{\"a\":", "1", "}"))),
    );
    let wide: serde_json::Map<String, Value> = (0..15_000).map(|i| (format!("k{i}"), json!(i))).collect();
    add(
        "variables object with 15000 keys",
        "query($f: SearchFilterInput) { search(query: \"chè\", filter: $f) { totalCount } }".into(),
        json!({ "f": wide }),
    );

    add(
        "100000 fields",
        format!("{{ {} }}", repeat_within(BUDGET, |_| "__typename ".into())),
        json!({}),
    );
    add(
        "the same object field thousands of times",
        format!(
            "{{ {} }}",
            repeat_within(BUDGET, |_| "province(code: 1) { name } ".into())
        ),
        json!({}),
    );
    add(
        "thousands of arguments",
        format!("{{ __typename({}) }}", repeat_within(BUDGET, |i| format!("a{i}: 1 "))),
        json!({}),
    );
    add(
        "thousands of the same argument",
        format!(
            "{{ province({}) {{ name }} }}",
            repeat_within(BUDGET, |_| "code: 1 ".into())
        ),
        json!({}),
    );
    add(
        "thousands of directives",
        format!(
            "{{ __typename {} }}",
            repeat_within(BUDGET, |_| "@skip(if: false) ".into())
        ),
        json!({}),
    );
    add(
        "thousands of variable definitions",
        format!(
            "query({}) {{ __typename }}",
            repeat_within(BUDGET, |i| format!("$v{i}: Int "))
        ),
        json!({}),
    );
    add(
        "thousands of uses of one variable",
        format!(
            "query($c: Int) {{ {} }}",
            repeat_within(BUDGET, |_| "province(code: $c) { name } ".into())
        ),
        json!({ "c": 1 }),
    );
    add(
        "thousands of operations",
        repeat_within(BUDGET, |i| format!("query q{i} {{ __typename }} ")),
        json!({}),
    );
    add(
        "thousands of inline fragments",
        format!(
            "{{ {} }}",
            repeat_within(BUDGET, |_| "... on Query { __typename } ".into())
        ),
        json!({}),
    );
    add(
        "huge list argument",
        format!(
            "{{ search(query: \"chè\", kinds: [{}]) {{ totalCount }} }}",
            repeat_within(BUDGET, |_| "PRODUCT,".into())
        ),
        json!({}),
    );
    add(
        "huge string",
        format!(
            "{{ provinces(nameContains: \"{}\") {{ totalCount }} }}",
            "ă".repeat(BUDGET / 2 - 100)
        ),
        json!({}),
    );
    add(
        "huge block string",
        format!(
            "{{ provinces(nameContains: \"\"\"{}\"\"\") {{ totalCount }} }}",
            "\\\"\"\" ".repeat(BUDGET / 12)
        ),
        json!({}),
    );
    add(
        "huge integer",
        format!("{{ provinces(first: {}) {{ totalCount }} }}", "9".repeat(BUDGET - 100)),
        json!({}),
    );
    add(
        "huge float",
        format!(
            "{{ provinces(first: 1.{}e999999) {{ totalCount }} }}",
            "9".repeat(BUDGET - 100)
        ),
        json!({}),
    );
    add("huge name", format!("{{ {} }}", "a".repeat(BUDGET - 10)), json!({}));
    add(
        "huge comment",
        format!("{{ __typename }} #{}", "x".repeat(BUDGET - 30)),
        json!({}),
    );
    docs
}

/// The request body: the document and its variables, or raw variables text.
fn body_of(query: &str, variables: &Value) -> Vec<u8> {
    match variables.as_str().and_then(|v| v.strip_prefix("RAW:")) {
        Some(raw) => format!("{{\"query\": {}, \"variables\": {{\"v\": {raw}}}}}", json!(query)).into_bytes(),
        None => json!({ "query": query, "variables": variables })
            .to_string()
            .into_bytes(),
    }
}

async fn costly_documents_are_refused_quickly_and_never_crash_the_server(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let mut failures = Vec::new();
    let mut report = Vec::new();
    for (label, query, variables) in documents() {
        let body = body_of(&query, &variables);
        let size = body.len();
        if size > MAX_BODY_BYTES {
            failures.push(format!("{label}: generated {size} bytes, over the body limit"));
            continue;
        }
        let started = Instant::now();
        let sent = app
            .client
            .post(app.url("/graphql"))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await;
        let answer = match sent {
            Ok(response) => {
                let status = response.status().as_u16();
                (status, response.text().await.unwrap_or_default())
            }
            Err(e) => {
                failures.push(format!("{label} ({size} bytes): no answer: {e}"));
                (0, String::new())
            }
        };
        let elapsed = started.elapsed();
        let (status, text) = answer;
        let parsed: Option<Value> = serde_json::from_str(&text).ok();
        let code = parsed
            .as_ref()
            .and_then(|b| b["errors"][0]["extensions"]["code"].as_str().map(str::to_owned))
            .unwrap_or_else(|| "-".into());
        report.push(format!(
            "{:>7.1} ms  {status}  {code:<32} {size:>8} B  {label}",
            elapsed.as_secs_f64() * 1000.0
        ));
        if status != 0 {
            match &parsed {
                None => failures.push(format!("{label}: HTTP {status}, not JSON: {:.200}", text)),
                Some(_) if status >= 500 => failures.push(format!("{label}: HTTP {status}: {text:.300}")),
                Some(body) => {
                    if let Some(problem) = check_body(body) {
                        failures.push(format!("{label}: {problem}: {:.300}", body.to_string()));
                    }
                }
            }
        }
        if elapsed > MAX_TIME {
            failures.push(format!("{label}: took {elapsed:?} (bound {MAX_TIME:?})"));
        }
        let alive = app
            .client
            .get(app.url("/healthz"))
            .timeout(Duration::from_secs(5))
            .send()
            .await
            .map(|r| r.status().as_u16());
        if !matches!(alive, Ok(200)) {
            failures.push(format!("{label}: the server is gone afterwards ({alive:?})"));
            break;
        }
    }
    eprintln!("time to answer each costly document:\n{}", report.join("\n"));
    let logs = app.logs();
    assert!(!logs.contains("panicked") && !logs.contains("overflow"), "{logs:.4000}");
    assert!(failures.is_empty(), "{}\n\n{}", failures.join("\n"), report.join("\n"));
}

coopbridge_e2e::on_both_databases!(costly_documents_are_refused_quickly_and_never_crash_the_server);
