//! PostgreSQL stopped and started while requests flow: requests fail cleanly
//! and within a bound (`UNAVAILABLE`, never a hang, a panic or `INTERNAL`),
//! `/readyz` says 503 while `/healthz` stays 200, and the same server process
//! serves reads and writes again once the database is back.
//!
//! The test stops a cluster of its own (`.ci/run` creates it on port 5433),
//! never the shared one: COOPBRIDGE_TEST_PG_OUTAGE_CLUSTER ("15 faults", as
//! `pg_ctlcluster` takes it) and COOPBRIDGE_TEST_PG_OUTAGE_URL (an admin URL
//! on that cluster).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use coopbridge_e2e::{TestApp, TestDb};
use serde_json::{Value, json};

const CLUSTER_VAR: &str = "COOPBRIDGE_TEST_PG_OUTAGE_CLUSTER";
const URL_VAR: &str = "COOPBRIDGE_TEST_PG_OUTAGE_URL";
/// The pool's acquire timeout (5 s) plus slack for a loaded machine.
const BOUND: Duration = Duration::from_secs(9);

/// The cluster and its admin URL; skips locally, fails under CI, when unset.
fn outage_cluster() -> Option<(String, String)> {
    match (std::env::var(CLUSTER_VAR), std::env::var(URL_VAR)) {
        (Ok(cluster), Ok(url)) => Some((cluster, url)),
        _ => {
            assert!(
                std::env::var_os("CI").is_none(),
                "{CLUSTER_VAR} and {URL_VAR} are not set: CI must run the outage test (see .ci/run)"
            );
            eprintln!("SKIPPED: set {CLUSTER_VAR} and {URL_VAR} (see .ci/run) to run the database outage test");
            None
        }
    }
}

fn pg_ctlcluster(cluster: &str, action: &[&str]) -> bool {
    let mut command = std::process::Command::new("pg_ctlcluster");
    command.args(cluster.split_whitespace()).args(action);
    command.status().is_ok_and(|s| s.success())
}

/// Starts the cluster again if the test stops half-way, for the next run.
struct StartOnDrop(String);

impl Drop for StartOnDrop {
    fn drop(&mut self) {
        if !pg_ctlcluster(&self.0, &["status"]) {
            pg_ctlcluster(&self.0, &["start"]);
        }
    }
}

#[derive(Debug)]
enum Outcome {
    Ok(Option<String>),
    Refused(String),
    Broken(String),
}

struct Sample {
    at: Instant,
    took: Duration,
    write: bool,
    outcome: Outcome,
}

const READ: &str = "query($id: ID!) { producer(id: $id) { name } provinces(first: 2) { edges { node { name } } } }";
const WRITE: &str = "mutation($p: ID!, $i: ProductInput!) { createProduct(producerId: $p, input: $i) {
    product { id } errors { code field message } } }";

async fn request(client: &reqwest::Client, base: &str, token: &str, query: &str, variables: Value) -> Outcome {
    let response = client
        .post(format!("{base}/graphql"))
        .bearer_auth(token)
        .json(&json!({ "query": query, "variables": variables }))
        .send()
        .await;
    let response = match response {
        Ok(response) => response,
        Err(e) => return Outcome::Broken(format!("no answer: {e}")),
    };
    let status = response.status().as_u16();
    let Ok(body) = response.json::<Value>().await else {
        return Outcome::Broken(format!("HTTP {status} without a JSON body"));
    };
    if let Some(code) = body["errors"][0]["extensions"]["code"].as_str() {
        return Outcome::Refused(code.to_owned());
    }
    if let Some(code) = body["data"]["createProduct"]["errors"][0]["code"].as_str() {
        return Outcome::Refused(code.to_owned());
    }
    if body["errors"].is_null() && !body["data"].is_null() {
        let id = body["data"]["createProduct"]["product"]["id"]
            .as_str()
            .map(str::to_owned);
        return Outcome::Ok(id);
    }
    Outcome::Broken(format!("HTTP {status}: {body}"))
}

/// One client loop: a read, then a write, until told to stop.
async fn load(
    base: String,
    token: String,
    producer: String,
    worker: usize,
    stop: Arc<AtomicBool>,
    refused: Arc<AtomicUsize>,
) -> Vec<Sample> {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let mut samples = Vec::new();
    let mut i = 0;
    while !stop.load(Ordering::Relaxed) {
        i += 1;
        let write = i % 2 == 0;
        let (query, variables) = if write {
            let name = format!("Rau cải ngọt lô {worker}-{i}");
            (
                WRITE,
                json!({ "p": producer, "i": { "name": name, "category": "VEGETABLES", "unit": "kg" } }),
            )
        } else {
            (READ, json!({ "id": producer }))
        };
        let at = Instant::now();
        let outcome = request(&client, &base, &token, query, variables).await;
        if matches!(outcome, Outcome::Refused(_)) {
            refused.fetch_add(1, Ordering::Relaxed);
        }
        samples.push(Sample {
            at,
            took: at.elapsed(),
            write,
            outcome,
        });
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    samples
}

async fn status_of(app: &TestApp, path: &str) -> u16 {
    match app.client.get(app.url(path)).send().await {
        Ok(response) => response.status().as_u16(),
        Err(_) => 0,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_fail_cleanly_while_postgres_is_down_and_resume_without_a_restart() {
    let Some((cluster, admin_url)) = outage_cluster() else {
        return;
    };
    let _restart = StartOnDrop(cluster.clone());
    let app = TestApp::spawn_with(TestDb::postgres_at(&admin_url).await, &[]).await;
    let admin = app.admin_token().await;
    let producer = app.create_cooperative(&admin, "HTX Rau an toàn Vân Nội", 1).await;

    let stop = Arc::new(AtomicBool::new(false));
    let refused = Arc::new(AtomicUsize::new(0));
    let workers: Vec<_> = (0..3)
        .map(|w| {
            let (base, admin, producer) = (app.base.clone(), admin.clone(), producer.clone());
            tokio::spawn(load(base, admin, producer, w, stop.clone(), refused.clone()))
        })
        .collect();
    tokio::time::sleep(Duration::from_secs(1)).await;

    let stopped_at = Instant::now();
    assert!(pg_ctlcluster(&cluster, &["stop", "-m", "fast"]), "pg_ctlcluster stop");
    let down_at = Instant::now();
    // While it is down: not ready, but alive.
    let mut readyz = 0;
    for _ in 0..20 {
        readyz = status_of(&app, "/readyz").await;
        if readyz == 503 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(readyz, 503, "/readyz while the database is down");
    assert_eq!(
        status_of(&app, "/healthz").await,
        200,
        "/healthz while the database is down"
    );
    // Stay down until requests that started during the outage have been
    // answered (each waits up to the pool's 5 s acquire timeout), at least 6 s
    // and at most 30 s: a fixed pause let a loaded machine answer none in time.
    let refused_before = refused.load(Ordering::Relaxed);
    let down_for = Instant::now();
    while down_for.elapsed() < Duration::from_secs(6)
        || (refused.load(Ordering::Relaxed) <= refused_before + 1 && down_for.elapsed() < Duration::from_secs(30))
    {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    assert!(pg_ctlcluster(&cluster, &["start"]), "pg_ctlcluster start");
    let started_at = Instant::now();
    let mut ready_after = None;
    for _ in 0..150 {
        if status_of(&app, "/readyz").await == 200 {
            ready_after = Some(started_at.elapsed());
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let ready_after = ready_after.expect("/readyz answers 200 within 30 s of the database starting again");
    tokio::time::sleep(Duration::from_secs(2)).await;
    stop.store(true, Ordering::Relaxed);
    let mut samples = Vec::new();
    for worker in workers {
        samples.extend(worker.await.unwrap());
    }

    // Every answer was data or UNAVAILABLE, and none took longer than the bound.
    let broken: Vec<_> = samples
        .iter()
        .filter(|s| {
            !matches!(&s.outcome, Outcome::Ok(_)) && !matches!(&s.outcome, Outcome::Refused(c) if c == "UNAVAILABLE")
        })
        .map(|s| match &s.outcome {
            Outcome::Broken(why) => format!("{why} after {:?}", s.took),
            other => format!("{other:?} after {:?}", s.took),
        })
        .collect();
    assert!(
        broken.is_empty(),
        "unclean failures:\n{}\n{}",
        broken.join("\n"),
        app.logs()
    );
    let slowest = samples.iter().map(|s| s.took).max().unwrap();
    assert!(slowest < BOUND, "a request took {slowest:?}");
    // Requests kept flowing through the outage (every one of them was answered
    // cleanly, checked above). How many were refused rather than waiting out the
    // outage in the pool depends on the machine's load, so it is reported, not
    // asserted: under the full suite a run once saw none refused.
    let during_outage = samples
        .iter()
        .filter(|s| s.at < started_at && s.at + s.took > down_at)
        .count();
    assert!(
        during_outage > 0,
        "no request was in flight while the database was down"
    );
    let refused_while_down = samples
        .iter()
        .filter(|s| s.at >= down_at && s.at < started_at && matches!(s.outcome, Outcome::Refused(_)))
        .count();
    // The same process serves reads and writes again: both succeeded after the restart.
    let resumed = |write: bool| {
        samples
            .iter()
            .any(|s| s.write == write && s.at > started_at + ready_after && matches!(s.outcome, Outcome::Ok(_)))
    };
    assert!(resumed(false) && resumed(true), "reads and writes resume");
    let logs = app.logs();
    assert!(!logs.contains("panicked"), "{logs}");

    // Every write that was answered with an id is in the database, no more.
    let written: Vec<&str> = samples
        .iter()
        .filter_map(|s| match &s.outcome {
            Outcome::Ok(Some(id)) => Some(id.as_str()),
            _ => None,
        })
        .collect();
    let products = app.db.count_rows("product").await;
    assert!(
        products >= written.len() as i64 && products <= (samples.iter().filter(|s| s.write).count() as i64),
        "{products} products, {} confirmed writes",
        written.len()
    );
    let body = app
        .graphql(
            Some(&admin),
            "{ products(first: 1) { edges { node { id } } } }",
            json!({}),
        )
        .await;
    assert!(body["errors"].is_null(), "{body}");
    eprintln!(
        "outage: {} requests, {} refused while down, stop took {:?}, ready {:?} after start, slowest {:?}",
        samples.len(),
        refused_while_down,
        down_at - stopped_at,
        ready_after,
        slowest
    );
}
