//! The HTTP layer's own defences, against the real binary: browser security
//! headers on every response, JSON-only GraphQL POSTs (no CSRF-able
//! `text/plain`), metrics kept off the public address, and slow or
//! too many clients cut off instead of holding the server.

use std::time::{Duration, Instant};

use coopbridge_e2e::{DbKind, TestApp, TestDb};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const CSP: &str = "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; \
                   form-action 'self'; frame-ancestors 'none'";

fn assert_security_headers(what: &str, response: &reqwest::Response, hsts: bool) {
    let headers = response.headers();
    let get = |name: &str| headers.get(name).map(|v| v.to_str().unwrap().to_owned());
    assert_eq!(get("content-security-policy").as_deref(), Some(CSP), "{what}");
    assert_eq!(get("x-content-type-options").as_deref(), Some("nosniff"), "{what}");
    assert_eq!(
        get("referrer-policy").as_deref(),
        Some("strict-origin-when-cross-origin"),
        "{what}"
    );
    assert_eq!(get("x-frame-options").as_deref(), Some("DENY"), "{what}");
    assert_eq!(
        get("strict-transport-security").is_some(),
        hsts,
        "{what}: HSTS only for an https public address"
    );
}

async fn every_response_carries_the_security_headers(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let client = &app.client;
    let responses = [
        ("the UI page", client.get(app.url("/")).send().await.unwrap()),
        (
            "a deep UI link",
            client.get(app.url("/search?q=chè")).send().await.unwrap(),
        ),
        ("a script", client.get(app.url("/assets/app.js")).send().await.unwrap()),
        ("the SDL", client.get(app.url("/schema.graphql")).send().await.unwrap()),
        (
            "a missing file",
            client.get(app.url("/files/x/y/z.png")).send().await.unwrap(),
        ),
        (
            "a missing label",
            client.get(app.url("/labels/9/qr.svg")).send().await.unwrap(),
        ),
        ("the probe", client.get(app.url("/healthz")).send().await.unwrap()),
        (
            "a GraphQL answer",
            client
                .post(app.url("/graphql"))
                .json(&json!({ "query": "{ __typename }" }))
                .send()
                .await
                .unwrap(),
        ),
        (
            "a refused token",
            client
                .post(app.url("/graphql"))
                .bearer_auth("nope")
                .json(&json!({ "query": "{ __typename }" }))
                .send()
                .await
                .unwrap(),
        ),
    ];
    for (what, response) in &responses {
        assert_security_headers(what, response, false);
    }

    let db = TestDb::new(kind).await;
    let app = TestApp::spawn_with(db, &[("COOPBRIDGE_PUBLIC_URL", "https://coopbridge.example.vn")]).await;
    let response = app.client.get(app.url("/")).send().await.unwrap();
    assert_security_headers("the UI page over https", &response, true);
}

async fn graphql_posts_must_be_json_or_multipart(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let query = r#"{"query":"{ __typename }"}"#;
    // What a foreign page can POST without a CORS preflight: text/plain,
    // form encoding, or a body without a type.
    for content_type in [Some("text/plain"), Some("application/x-www-form-urlencoded"), None] {
        let mut request = app.client.post(app.url("/graphql")).body(query);
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 415, "{content_type:?}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["errors"][0]["extensions"]["code"], "UNSUPPORTED_MEDIA_TYPE");
    }
    for content_type in [
        "application/json",
        "application/json; charset=utf-8",
        "Application/JSON",
    ] {
        let response = app
            .client
            .post(app.url("/graphql"))
            .header("content-type", content_type)
            .body(query)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{content_type}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["data"]["__typename"], "Query");
    }
}

async fn metrics_are_served_only_with_a_token_or_on_their_own_address(kind: DbKind) {
    // The test servers run with a token: without it, or with another, 401.
    let app = TestApp::spawn(kind).await;
    let metrics = app.client.get(app.url("/metrics"));
    assert_eq!(metrics.send().await.unwrap().status(), 401);
    let wrong = app.client.get(app.url("/metrics")).bearer_auth("guess");
    assert_eq!(wrong.send().await.unwrap().status(), 401);
    assert!(app.sql_statements().await > 0);
    drop(app);

    // Neither a token nor an address: not served at all.
    let db = TestDb::new(kind).await;
    let app = TestApp::spawn_with(db, &[("COOPBRIDGE_METRICS_TOKEN", "")]).await;
    let response = app.client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(response.status(), 404);
    assert!(!response.text().await.unwrap().contains("coopbridge_"));
    drop(app);

    // Their own address: gone from the public one, served there.
    let db = TestDb::new(kind).await;
    let app = TestApp::spawn_with(
        db,
        &[
            ("COOPBRIDGE_METRICS_TOKEN", ""),
            ("COOPBRIDGE_METRICS_ADDR", "127.0.0.1:0"),
        ],
    )
    .await;
    let public = app.client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(public.status(), 404);
    let stdout = app.stdout.lock().unwrap().clone();
    let address = stdout
        .lines()
        .find_map(|l| l.trim().strip_prefix("Metrics:"))
        .unwrap_or_else(|| panic!("no metrics address printed:\n{stdout}"))
        .trim()
        .to_owned();
    let text = app.client.get(&address).send().await.unwrap().text().await.unwrap();
    assert!(text.contains("coopbridge_sql_statements_total"), "{text}");
}

/// `ADDR` of `http://ADDR`.
fn host_of(app: &TestApp) -> String {
    app.base.trim_start_matches("http://").to_owned()
}

/// Sends `bytes` one at a time every `pause` until the server closes the
/// connection or `give_up` passes; returns how long the connection lived.
async fn drip(stream: &mut TcpStream, bytes: impl Iterator<Item = u8>, pause: Duration, give_up: Duration) -> Duration {
    let started = Instant::now();
    let mut buffer = [0u8; 1024];
    for byte in bytes {
        if started.elapsed() > give_up || stream.write_all(&[byte]).await.is_err() {
            break;
        }
        // Closed (EOF or reset) or answered (a 408): either way the server is done with us.
        match tokio::time::timeout(pause, stream.read(&mut buffer)).await {
            Ok(Ok(0) | Err(_)) => break,
            Ok(Ok(_)) => {
                let mut rest = Vec::new();
                let _ = tokio::time::timeout(Duration::from_secs(2), stream.read_to_end(&mut rest)).await;
                break;
            }
            Err(_) => {}
        }
    }
    started.elapsed()
}

async fn slow_clients_are_cut_off(kind: DbKind) {
    let db = TestDb::new(kind).await;
    let app = TestApp::spawn_with(
        db,
        &[
            ("COOPBRIDGE_HEADER_READ_TIMEOUT_SECS", "2"),
            ("COOPBRIDGE_BODY_READ_TIMEOUT_SECS", "2"),
        ],
    )
    .await;
    let host = host_of(&app);

    // Headers a byte at a time, never finished (slowloris).
    let mut stream = TcpStream::connect(&host).await.unwrap();
    let head = format!("GET /healthz HTTP/1.1\r\nHost: {host}\r\nX-Pad: ");
    let bytes = head.into_bytes().into_iter().chain(std::iter::repeat(b'a'));
    let lived = drip(&mut stream, bytes, Duration::from_millis(200), Duration::from_secs(15)).await;
    assert!(
        lived < Duration::from_secs(5),
        "slow headers held the connection {lived:?}"
    );

    // Too few bytes to tell HTTP/1 from HTTP/2 (the HTTP/2 preface, cut
    // short), then silence: closed too.
    let mut stream = TcpStream::connect(&host).await.unwrap();
    stream.write_all(b"PRI * HTTP/2.0\r\n").await.unwrap();
    let started = Instant::now();
    let mut buffer = [0u8; 64];
    let read = tokio::time::timeout(Duration::from_secs(15), stream.read(&mut buffer)).await;
    assert!(read.is_ok(), "a silent connection stayed open 15 s");
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());

    // A body a byte at a time: answered 408 REQUEST_TIMEOUT and closed.
    let mut stream = TcpStream::connect(&host).await.unwrap();
    let head = format!(
        "POST /graphql HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let started = Instant::now();
    let (mut reader, mut writer) = stream.into_split();
    let dripping = tokio::spawn(async move {
        while writer.write_all(b" ").await.is_ok() {
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    });
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(15), reader.read_to_end(&mut answer)).await;
    let lived = started.elapsed();
    dripping.abort();
    assert!(read.is_ok(), "a slow body held the connection for 15 s");
    assert!(
        lived < Duration::from_secs(5),
        "a slow body held the connection {lived:?}"
    );
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("REQUEST_TIMEOUT"), "{answer}");

    let health = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 200, "still serving");
}

async fn requests_over_the_concurrency_cap_get_503_and_slow_ones_408(kind: DbKind) {
    let db = TestDb::new(kind).await;
    let app = TestApp::spawn_with(
        db,
        &[
            ("COOPBRIDGE_MAX_CONCURRENT_REQUESTS", "1"),
            ("COOPBRIDGE_REQUEST_TIMEOUT_SECS", "3"),
        ],
    )
    .await;
    let host = host_of(&app);
    // One request in flight: its body is still on the way.
    let mut stream = TcpStream::connect(&host).await.unwrap();
    let body = r#"{"query":"{ __typename }"}"#;
    let head = format!(
        "POST /graphql HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{}",
        body.len(),
        &body[..5]
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let started = Instant::now();
    tokio::time::sleep(Duration::from_millis(300)).await;

    let response = app
        .client
        .post(app.url("/graphql"))
        .json(&json!({ "query": "{ __typename }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 503);
    assert_eq!(response.headers()["retry-after"], "1");
    assert_security_headers("the 503", &response, false);
    let refused: Value = response.json().await.unwrap();
    assert_eq!(refused["errors"][0]["extensions"]["code"], "OVERLOADED");
    // The liveness probe is never refused for load.
    let health = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 200);

    // The whole-request timeout ends the stalled request…
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(15), stream.read_to_end(&mut answer)).await;
    assert!(read.is_ok(), "the stalled request was never ended");
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("REQUEST_TIMEOUT"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(6), "{:?}", started.elapsed());

    // …and frees its slot.
    let body = app.graphql(None, "{ __typename }", json!({})).await;
    assert_eq!(body["data"]["__typename"], "Query");
}

coopbridge_e2e::on_both_databases!(
    every_response_carries_the_security_headers,
    graphql_posts_must_be_json_or_multipart,
    metrics_are_served_only_with_a_token_or_on_their_own_address,
    slow_clients_are_cut_off,
    requests_over_the_concurrency_cap_get_503_and_slow_ones_408,
);
