//! Load driver for `tests/bench/search.sh`: speaks real HTTP/GraphQL to a
//! running `coopbridge serve` and prints one JSON object with client-side
//! latencies (ms) of a fixed set of 200 searches, of 200 `{ __typename }`
//! requests (the HTTP+GraphQL floor, same run) and the searches per second
//! that 16 concurrent clients get.
//!
//! `search_driver --url http://127.0.0.1:PORT/graphql [--seconds 10] [--clients 16]`
//!
//! Every answer is checked (HTTP 200, no `errors`, a `search` object); a
//! failed request in the sequential phases stops the run, so the numbers
//! never measure error responses.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use serde_json::{Value, json};

const HITS: &str = "totalCount
    edges { kind distanceKm highlight
      node { __typename ... on Product { id name } ... on Producer { id name } } }";

const FACETS: &str = "facets {
      provinces { value label count } categories { value label count } schemes { value label count }
      ocopStars { value label count } verified { value label count } kinds { value label count } }";

/// Texts typed by buyers: with and without diacritics, abbreviations, empty (browse).
const TEXTS: &[&str] = &[
    "mat ong",
    "Mật ong",
    "gạo st25",
    "gao ST25",
    "cà phê",
    "ca phe robusta",
    "htx",
    "hợp tác xã",
    "chè",
    "nấm",
    "bưởi",
    "nuoc mam",
    "",
    "xoài cát",
    "mật ong rừng",
    "tieu",
    "thủ công",
    "",
    "rau sạch",
    "dua",
];

const PROVINCES: &[(i32, f64, f64)] = &[
    (1, 21.03, 105.85),
    (79, 10.78, 106.70),
    (44, 17.47, 106.62),
    (68, 11.94, 108.44),
    (92, 10.03, 105.78),
    (46, 16.46, 107.59),
    (12, 22.40, 103.46),
];

const CATEGORIES: &[&str] = &[
    "HONEY",
    "RICE_GRAINS",
    "TEA_COFFEE",
    "FRUIT",
    "SEAFOOD_FISH_SAUCE",
    "VEGETABLES",
];

/// The i-th of the fixed request set: (label, GraphQL body).
fn search_request(i: usize) -> (&'static str, Value) {
    let text = TEXTS[(i * 7) % TEXTS.len()];
    let (code, lat, lon) = PROVINCES[(i / 3) % PROVINCES.len()];
    let category = CATEGORIES[(i / 5) % CATEGORIES.len()];
    let (label, filter, sort, kinds, facets): (&str, Value, Option<&str>, Value, bool) = match i % 10 {
        0 => ("plain", Value::Null, None, Value::Null, false),
        1 => ("province", json!({ "provinceCodes": [code] }), None, Value::Null, false),
        2 => (
            "category",
            json!({ "categories": [category] }),
            None,
            json!(["PRODUCT"]),
            false,
        ),
        3 => (
            "scheme",
            json!({ "schemes": ["VIET_GAP", "OCOP"] }),
            None,
            Value::Null,
            false,
        ),
        4 => (
            "ocop_verified",
            json!({ "minOcopStars": 4, "verified": true }),
            None,
            Value::Null,
            false,
        ),
        5 => ("faceted", Value::Null, None, Value::Null, true),
        6 => (
            "faceted_filtered",
            json!({ "provinceCodes": [code], "schemes": ["VIET_GAP"] }),
            None,
            Value::Null,
            true,
        ),
        7 => (
            "geo_distance",
            json!({ "near": { "latitude": lat, "longitude": lon, "radiusKm": 50.0 } }),
            Some("DISTANCE"),
            Value::Null,
            false,
        ),
        8 => (
            "geo_relevance",
            json!({ "near": { "latitude": lat, "longitude": lon, "radiusKm": 150.0 }, "categories": [category] }),
            None,
            json!(["PRODUCT"]),
            false,
        ),
        _ => (
            "producers_newest",
            json!({ "verified": true }),
            Some("NEWEST"),
            json!(["PRODUCER"]),
            false,
        ),
    };
    let selection = if facets {
        format!("{HITS}\n    {FACETS}")
    } else {
        HITS.to_owned()
    };
    let query = format!(
        "query Bench($q: String!, $kinds: [SearchKind!], $filter: SearchFilterInput, $sort: SearchSort) {{
  search(query: $q, kinds: $kinds, filter: $filter, sort: $sort, first: 20) {{
    {selection}
  }}
}}"
    );
    let body = json!({
        "query": query,
        "variables": { "q": text, "kinds": kinds, "filter": filter, "sort": sort },
    });
    (label, body)
}

fn typename_request() -> Value {
    json!({ "query": "{ __typename }" })
}

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

/// Sends one request and checks the answer; returns the `data` object.
async fn send(client: &reqwest::Client, url: &str, body: &Value) -> anyhow::Result<Value> {
    let response = client.post(url).json(body).send().await.context("request")?;
    let status = response.status();
    let answer: Value = response.json().await.context("JSON answer")?;
    if !status.is_success() || answer.get("errors").is_some() {
        bail!("HTTP {status}: {answer}");
    }
    Ok(answer["data"].clone())
}

fn percentiles(mut ms: Vec<f64>) -> Value {
    ms.sort_by(f64::total_cmp);
    let at = |p: f64| {
        let rank = ((p / 100.0) * ms.len() as f64).ceil() as usize;
        let v = ms[rank.clamp(1, ms.len()) - 1];
        (v * 100.0).round() / 100.0
    };
    json!({ "p50": at(50.0), "p95": at(95.0), "p99": at(99.0), "max": at(100.0) })
}

async fn wait_until_indexed(client: &reqwest::Client, url: &str) -> anyhow::Result<()> {
    let body = json!({ "query": "{ searchStatus { pendingChanges documentCount } }" });
    let deadline = Instant::now() + Duration::from_secs(600);
    loop {
        if let Ok(data) = send(client, url, &body).await
            && data["searchStatus"]["pendingChanges"] == 0
        {
            return Ok(());
        }
        if Instant::now() > deadline {
            bail!("search index still has pending changes after 10 minutes");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn sequential(client: &reqwest::Client, url: &str, bodies: &[Value]) -> anyhow::Result<Vec<f64>> {
    let mut ms = Vec::with_capacity(bodies.len());
    for body in bodies {
        let started = Instant::now();
        send(client, url, body).await?;
        ms.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    Ok(ms)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let url = arg("--url").context("--url http://HOST:PORT/graphql")?;
    let seconds: u64 = arg("--seconds").map_or(Ok(10), |s| s.parse()).context("--seconds")?;
    let clients: usize = arg("--clients").map_or(Ok(16), |s| s.parse()).context("--clients")?;
    let client = reqwest::Client::builder().timeout(Duration::from_secs(30)).build()?;
    wait_until_indexed(&client, &url).await?;

    let requests: Vec<(&str, Value)> = (0..200).map(search_request).collect();
    let bodies: Vec<Value> = requests.iter().map(|(_, b)| b.clone()).collect();
    // Every request must find something, or the set measures nothing.
    let mut empty = Vec::new();
    for (i, (label, body)) in requests.iter().enumerate() {
        let data = send(&client, &url, body)
            .await
            .with_context(|| format!("request {i} ({label})"))?;
        if data["search"]["totalCount"].as_u64().unwrap_or(0) == 0 {
            empty.push(i);
        }
    }
    let typename: Vec<Value> = (0..200).map(|_| typename_request()).collect();
    sequential(&client, &url, &typename[..20]).await?;

    // Measured phases (the loop above was the warm-up).
    let search_ms = sequential(&client, &url, &bodies).await?;
    let typename_ms = sequential(&client, &url, &typename).await?;
    let mut by_label: std::collections::BTreeMap<&str, Vec<f64>> = Default::default();
    for ((label, _), ms) in requests.iter().zip(&search_ms) {
        by_label.entry(label).or_default().push(*ms);
    }

    // Concurrent phase: `clients` connections, each cycling through the set.
    let bodies = Arc::new(bodies);
    let done = Arc::new(AtomicU64::new(0));
    let failed = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..clients {
        let (bodies, done, failed, stop, url) =
            (bodies.clone(), done.clone(), failed.clone(), stop.clone(), url.clone());
        let client = reqwest::Client::builder().timeout(Duration::from_secs(30)).build()?;
        tasks.push(tokio::spawn(async move {
            let mut i = c * 13;
            while !stop.load(Ordering::Relaxed) {
                match send(&client, &url, &bodies[i % bodies.len()]).await {
                    Ok(_) => done.fetch_add(1, Ordering::Relaxed),
                    Err(_) => failed.fetch_add(1, Ordering::Relaxed),
                };
                i += 1;
            }
        }));
    }
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    stop.store(true, Ordering::Relaxed);
    for task in tasks {
        task.await?;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let completed = done.load(Ordering::Relaxed);

    let result = json!({
        "search_http_ms": percentiles(search_ms),
        "typename_http_ms": percentiles(typename_ms),
        "search_http_ms_by_kind": by_label
            .into_iter()
            .map(|(label, ms)| (label.to_owned(), percentiles(ms)))
            .collect::<serde_json::Map<_, _>>(),
        "queries_without_results": empty.len(),
        "search_rps": ((completed as f64 / elapsed) * 10.0).round() / 10.0,
        "concurrent_clients": clients,
        "concurrent_seconds": (elapsed * 10.0).round() / 10.0,
        "concurrent_requests": completed,
        "concurrent_errors": failed.load(Ordering::Relaxed),
    });
    println!("{result}");
    Ok(())
}
