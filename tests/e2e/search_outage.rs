//! Search outages through the real server: nothing is lost while the search
//! worker is down, the server is killed, or Meilisearch is stopped while
//! writes continue; the index catches up from the outbox and searches recover
//! without restarting the server.

use coopbridge_e2e::{DbKind, Engine, MeiliServer, TestApp, TestDb, env_refs, meili_env};
use serde_json::json;

use super::search::{SEARCH, a_new_product, error_of, names, search, search_status, wait_until_indexed};

async fn nothing_is_lost_while_the_worker_is_down_or_the_server_is_killed(kind: DbKind, engine: Engine) {
    let env = engine.env();
    let mut no_worker = env_refs(&env);
    no_worker.push(("COOPBRIDGE_SEARCH_WORKER", "false"));
    let app = TestApp::spawn_with(TestDb::new(kind).await, &no_worker).await;
    let admin = app.admin_token().await;
    // Writes succeed with no indexer running; the changes wait in the outbox.
    a_new_product(&app, &admin, "Chè vàng Suối Giàng").await;
    let status = search_status(&app).await;
    assert!(status["pendingChanges"].as_u64().unwrap() >= 2, "{status}");
    let missing = search(&app, json!({ "q": "che vang", "kinds": ["PRODUCT"] })).await;
    assert_eq!(missing["totalCount"], 0);
    assert!(app.db.count_rows("search_outbox").await >= 2);

    // Killed between commit and indexing, restarted with the worker: it catches up.
    let app = app.sigkill_and_restart(&env_refs(&env)).await;
    wait_until_indexed(&app).await;
    let found = search(&app, json!({ "q": "che vang suoi giang", "kinds": ["PRODUCT"] })).await;
    assert_eq!(names(&found), vec!["Chè vàng Suối Giàng"]);
    assert_eq!(app.db.count_rows("search_outbox").await, 0);
}

async fn an_unreachable_meilisearch_refuses_searches_but_not_writes(kind: DbKind) {
    // Port 9 (discard) is closed on loopback: the engine is "down".
    let env = [
        ("MEILI_URL", "http://127.0.0.1:9"),
        ("COOPBRIDGE_SEARCH_TIMEOUT_MS", "500"),
    ];
    let app = TestApp::spawn_with(TestDb::new(kind).await, &env).await;
    let admin = app.admin_token().await;
    a_new_product(&app, &admin, "Chè xanh Thái Nguyên").await;
    let body = app.graphql(None, SEARCH, json!({ "q": "chè" })).await;
    assert_eq!(error_of(&body).0, "UNAVAILABLE", "{body}");
    let status = search_status(&app).await;
    assert_eq!(status["engine"], "meilisearch");
    assert!(status["documentCount"].is_null(), "{status}");
    assert!(
        status["pendingChanges"].as_u64().unwrap() >= 2,
        "kept for later: {status}"
    );
}

async fn a_stopped_meilisearch_catches_up_from_the_outbox_and_searches_recover(kind: DbKind) {
    let Some(mut meili) = MeiliServer::start().await else {
        return;
    };
    let mut env = meili_env(&meili.url(), &meili.key);
    env.push(("COOPBRIDGE_SEARCH_TIMEOUT_MS".into(), "1000".into()));
    let app = TestApp::spawn_with(TestDb::new(kind).await, &env_refs(&env)).await;
    let admin = app.admin_token().await;
    a_new_product(&app, &admin, "Chè vàng Suối Giàng").await;
    wait_until_indexed(&app).await;

    // Meilisearch dies; writes go on (they only add outbox rows), searches say UNAVAILABLE.
    meili.stop().await;
    for name in ["Chè xanh Thái Nguyên", "Chè Shan tuyết Hà Giang"] {
        a_new_product(&app, &admin, name).await;
    }
    let body = app
        .graphql(None, SEARCH, json!({ "q": "che", "kinds": ["PRODUCT"] }))
        .await;
    assert_eq!(error_of(&body).0, "UNAVAILABLE", "{body}");
    assert!(search_status(&app).await["pendingChanges"].as_u64().unwrap() >= 4);

    // Back with the same data: the same server catches up from the outbox, nothing lost.
    meili.restart().await;
    wait_until_indexed(&app).await;
    let found = search(&app, json!({ "q": "che", "kinds": ["PRODUCT"], "first": 10 })).await;
    let mut found = names(&found);
    found.sort();
    assert_eq!(
        found,
        ["Chè Shan tuyết Hà Giang", "Chè vàng Suối Giàng", "Chè xanh Thái Nguyên"],
        "{}",
        app.logs()
    );
    assert_eq!(app.db.count_rows("search_outbox").await, 0);
}

coopbridge_e2e::on_both_engines!(nothing_is_lost_while_the_worker_is_down_or_the_server_is_killed);

coopbridge_e2e::on_both_databases!(
    an_unreachable_meilisearch_refuses_searches_but_not_writes,
    a_stopped_meilisearch_catches_up_from_the_outbox_and_searches_recover,
);
