//! SIGKILL in the middle of work: (a) the server while many catalog writes
//! are in flight, (b) `coopbridge reindex` half-way through rebuilding the
//! index. After a restart the database is consistent, every write that was
//! confirmed is there, and the index catches up to exactly the database.

use std::process::Stdio;
use std::time::Duration;

use coopbridge_e2e::{DbKind, TestApp, TestDb, coopbridge_binary, run_cli};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, BufReader};

async fn search_status(app: &TestApp) -> Value {
    let body = app
        .graphql(None, "{ searchStatus { documentCount pendingChanges } }", json!({}))
        .await;
    body["data"]["searchStatus"].clone()
}

/// Waits until the outbox is empty and returns the index's document count.
async fn caught_up(app: &TestApp) -> u64 {
    for _ in 0..600 {
        let status = search_status(app).await;
        if status["pendingChanges"] == 0 {
            return status["documentCount"].as_u64().expect("document count");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "the index did not catch up: {}\n{}",
        search_status(app).await,
        app.logs()
    );
}

async fn total_found(app: &TestApp, query: &str, kind: &str) -> i64 {
    let body = app
        .graphql(
            None,
            "query($q: String!, $k: [SearchKind!]) { search(query: $q, kinds: $k, first: 1) { totalCount } }",
            json!({ "q": query, "k": [kind] }),
        )
        .await;
    body["data"]["search"]["totalCount"]
        .as_i64()
        .unwrap_or_else(|| panic!("{body}"))
}

async fn post(client: &reqwest::Client, base: &str, token: &str, query: &str, variables: Value) -> Option<Value> {
    let response = client
        .post(format!("{base}/graphql"))
        .bearer_auth(token)
        .json(&json!({ "query": query, "variables": variables }))
        .send()
        .await
        .ok()?;
    response.json().await.ok()
}

/// One writer: a producer, then a product for it, again and again; returns
/// the producer and product ids the server confirmed. Stops at the first
/// request without an answer (the server was killed).
async fn writer(base: String, token: String, w: usize) -> (Vec<String>, Vec<String>) {
    let client = reqwest::Client::new();
    let (mut producers, mut products) = (Vec::new(), Vec::new());
    for i in 0.. {
        let Some(body) = post(
            &client,
            &base,
            &token,
            "mutation($i: ProducerInput!) { createProducer(input: $i) { producer { id } errors { code } } }",
            json!({ "i": { "kind": "COOPERATIVE", "name": format!("HTX Nấm hương Bắc Hà số {w}x{i}"), "provinceCode": 15 } }),
        )
        .await
        else {
            break;
        };
        let Some(producer) = body["data"]["createProducer"]["producer"]["id"].as_str() else {
            panic!("write refused: {body}");
        };
        producers.push(producer.to_owned());
        let Some(body) = post(
            &client,
            &base,
            &token,
            "mutation($p: ID!, $i: ProductInput!) { createProduct(producerId: $p, input: $i) { product { id } errors { code } } }",
            json!({ "p": producer, "i": { "name": format!("Nấm hương rừng khô lô {w}x{i}"), "category": "MUSHROOMS", "unit": "kg" } }),
        )
        .await
        else {
            break;
        };
        let Some(product) = body["data"]["createProduct"]["product"]["id"].as_str() else {
            panic!("write refused: {body}");
        };
        products.push(product.to_owned());
    }
    (producers, products)
}

async fn a_server_killed_during_concurrent_writes_loses_no_confirmed_write(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let admin = app.admin_token().await;
    let writers: Vec<_> = (0..6)
        .map(|w| tokio::spawn(writer(app.base.clone(), admin.clone(), w)))
        .collect();
    // Kill once a good number of writes went through, with more in flight.
    for _ in 0..300 {
        if app.db.count_rows("product").await >= 60 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let app = app.sigkill_and_restart(&[]).await;
    let (mut producer_ids, mut product_ids) = (Vec::new(), Vec::new());
    for writer in writers {
        let (producers, products) = writer.await.unwrap();
        producer_ids.extend(producers);
        product_ids.extend(products);
    }
    assert!(
        product_ids.len() >= 50,
        "only {} products before the kill",
        product_ids.len()
    );

    // Every confirmed write is there.
    for (field, ids) in [("producer", &producer_ids), ("product", &product_ids)] {
        for id in ids {
            let query = format!("query($id: ID!) {{ {field}(id: $id) {{ id }} }}");
            let body = app.graphql(Some(&admin), &query, json!({ "id": id })).await;
            assert_eq!(
                body["data"][field]["id"],
                json!(id),
                "confirmed {field} {id} is missing: {body}"
            );
        }
    }
    // The database is consistent: no product without its producer, and the
    // index (fed only through the outbox written in the same transactions)
    // holds exactly the committed rows.
    let producers = app.db.count_rows("producer").await;
    let products = app.db.count_rows("product").await;
    let orphans = app
        .db
        .count_rows("product WHERE producer_id NOT IN (SELECT id FROM producer)")
        .await;
    assert_eq!(orphans, 0);
    let documents = caught_up(&app).await;
    assert_eq!(documents as i64, producers + products, "index vs database");
    assert_eq!(total_found(&app, "nam huong rung kho", "PRODUCT").await, products);
    assert_eq!(total_found(&app, "HTX nấm hương Bắc Hà", "PRODUCER").await, producers);
    assert!(!app.logs().contains("panicked"), "{}", app.logs());
}

/// Runs `coopbridge reindex` and SIGKILLs it once its progress shows that it
/// has cleared the index and written a first chunk.
async fn kill_reindex_half_way(db: &TestDb) {
    let mut child = tokio::process::Command::new(coopbridge_binary())
        .arg("reindex")
        .env_remove("COOPBRIDGE_CONFIG")
        .env_remove("MEILI_URL") // tantivy, whatever the CI exports
        .env("DATABASE_URL", &db.url)
        .env("COOPBRIDGE_DATA_DIR", db.data_dir.path())
        .env("RUST_LOG", "info")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("start coopbridge reindex");
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let mut seen = String::new();
    let started = tokio::time::timeout(Duration::from_secs(60), async {
        while let Ok(Some(line)) = lines.next_line().await {
            seen.push_str(&line);
            seen.push('\n');
            if line.contains("reindexing producers") {
                return true;
            }
        }
        false
    })
    .await;
    assert!(matches!(started, Ok(true)), "reindex showed no progress:\n{seen}");
    child.start_kill().expect("SIGKILL reindex");
    let status = child.wait().await.unwrap();
    assert!(!status.success(), "reindex finished before it could be killed:\n{seen}");
}

async fn reindex(db: &TestDb) -> u64 {
    let data_dir = db.data_dir.path().to_string_lossy().into_owned();
    let out = run_cli(
        &["reindex"],
        &[
            ("DATABASE_URL", db.url.as_str()),
            ("COOPBRIDGE_DATA_DIR", data_dir.as_str()),
        ],
        None,
    )
    .await;
    assert!(out.status.success(), "{}\n{}", out.stdout, out.stderr);
    // "reindexed N producers into D documents in …"
    out.stdout
        .split_whitespace()
        .skip_while(|w| *w != "into")
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no document count in {:?}", out.stdout))
}

async fn a_killed_reindex_is_finished_by_the_server_or_the_next_reindex(kind: DbKind) {
    let db = TestDb::new(kind).await;
    let data_dir = db.data_dir.path().to_string_lossy().into_owned();
    let env = [
        ("DATABASE_URL", db.url.as_str()),
        ("COOPBRIDGE_DATA_DIR", data_dir.as_str()),
    ];
    let seeded = run_cli(
        &["seed", "--synthetic", "--producers", "2000", "--products", "4000"],
        &env,
        None,
    )
    .await;
    assert!(seeded.status.success(), "{}", seeded.stderr);
    // A complete index to start from, so the kill leaves a cleared, partly rebuilt one.
    let expected = reindex(&db).await;
    assert!(expected >= 6000, "{expected} documents");
    kill_reindex_half_way(&db).await;

    // The server alone brings the index back to exactly the database.
    let mut app = TestApp::spawn_with(db, &[]).await;
    assert_eq!(caught_up(&app).await, expected, "after the server caught up");
    assert!(!app.logs().contains("panicked"), "{}", app.logs());
    app.send_sigterm();
    app.wait_exit().await;
    let db = app.db;

    // Killed again, then simply rerun: the same documents.
    kill_reindex_half_way(&db).await;
    assert_eq!(reindex(&db).await, expected);
    let app = TestApp::spawn_with(db, &[]).await;
    assert_eq!(caught_up(&app).await, expected, "after a second reindex");
}

coopbridge_e2e::on_both_databases!(
    a_server_killed_during_concurrent_writes_loses_no_confirmed_write,
    a_killed_reindex_is_finished_by_the_server_or_the_next_reindex,
);
