//! The HTTP server: probes, request ids in logs, masked config, graceful shutdown.

use std::io::{Read, Write};
use std::time::Duration;

use coopbridge_e2e::{DbKind, TestApp};

async fn healthz_and_readyz_answer_when_the_database_is_reachable(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let health = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 200);
    assert_eq!(health.json::<serde_json::Value>().await.unwrap()["status"], "ok");
    let ready = app.client.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), 200);
    assert_eq!(ready.json::<serde_json::Value>().await.unwrap()["database"], "ok");
}

async fn every_log_line_of_a_request_carries_its_request_id(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    // A refused sign-in logs from inside the resolver, not only from the HTTP layer.
    let response = app
        .client
        .post(app.url("/graphql"))
        .json(&serde_json::json!({
            "query": "mutation { signIn(input: {email: \"nobody@example.vn\", password: \"wrong password\"}) { token } }"
        }))
        .send()
        .await
        .unwrap();
    let request_id = response.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert!(!request_id.is_empty());
    tokio::time::sleep(Duration::from_millis(300)).await;
    let logs = app.logs();
    let lines: Vec<&str> = logs.lines().filter(|l| l.contains(&request_id)).collect();
    assert!(
        lines.iter().any(|l| l.contains("INVALID_CREDENTIALS")),
        "resolver log lacks the id:\n{logs}"
    );
    assert!(
        lines.iter().any(|l| l.contains("finished processing request")),
        "access log lacks the id:\n{logs}"
    );
    // A caller-supplied id is kept, so a whole chain of services can be traced.
    let response = app
        .client
        .get(app.url("/healthz"))
        .header("x-request-id", "trace-from-the-load-balancer")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["x-request-id"], "trace-from-the-load-balancer");
}

async fn the_effective_configuration_is_logged_with_secrets_masked(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let logs = app.logs();
    let start = logs
        .lines()
        .find(|l| l.contains("starting coopbridge"))
        .expect("start-up line");
    for key in ["addr=", "data_dir=", "database_url=", "graphql_max_depth="] {
        assert!(start.contains(key), "{key} missing from: {start}");
    }
    if kind == DbKind::Postgres {
        let password = app
            .db
            .url
            .split_once("://")
            .unwrap()
            .1
            .split_once('@')
            .unwrap()
            .0
            .split_once(':')
            .unwrap()
            .1;
        assert!(!logs.contains(&format!(":{password}@")), "password leaked into logs");
        assert!(start.contains(":***@"), "{start}");
    }
}

coopbridge_e2e::on_both_databases!(
    healthz_and_readyz_answer_when_the_database_is_reachable,
    every_log_line_of_a_request_carries_its_request_id,
    the_effective_configuration_is_logged_with_secrets_masked,
);

/// SIGTERM while a request's body is still arriving: the server stops
/// accepting new connections but answers the request in flight, then exits 0.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_lets_the_request_in_flight_finish_then_exits_cleanly() {
    let mut app = TestApp::spawn(DbKind::Sqlite).await;
    let addr = app.base.trim_start_matches("http://").to_owned();
    let body = r#"{"query":"{ provinces(first: 2) { edges { node { name } } } }"}"#;
    let (half, rest) = body.split_at(body.len() / 2);
    let head = format!(
        "POST /graphql HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let mut stream = std::net::TcpStream::connect(&addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(half.as_bytes()).unwrap();
    stream.flush().unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;

    app.send_sigterm();
    tokio::time::sleep(Duration::from_millis(500)).await;
    // New connections are refused once shutdown began.
    assert!(
        reqwest::Client::new()
            .get(app.url("/healthz"))
            .timeout(Duration::from_secs(2))
            .send()
            .await
            .is_err()
    );

    stream.write_all(rest.as_bytes()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(
        response.starts_with("HTTP/1.1 200"),
        "in-flight request was not answered: {response}"
    );
    assert!(response.contains("Thành phố Hà Nội"), "{response}");
    let status = app.wait_exit().await;
    assert!(status.success(), "exit status {status:?}");
}
