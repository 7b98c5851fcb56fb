//! Meilisearch only: opening the index and searching never wait for its task queue.
//!
//! A settings update or a large document batch keeps Meilisearch busy for seconds on a big
//! index; a replica starting meanwhile must answer searches at once, from the index as it is
//! (an index still being created answers empty).

use std::time::{Duration, Instant};

use coopbridge_search::{SearchConfig, SearchDocument};
use meilisearch_sdk::client::Client;
use meilisearch_sdk::tasks::TasksSearchQuery;

use crate::support::{fixture, ids, strings, text};

/// Enough documents to keep this machine's Meilisearch busy for a few seconds.
pub(crate) fn bulk(n: usize) -> Vec<SearchDocument> {
    let template = fixture().remove(1);
    (0..n)
        .map(|i| SearchDocument {
            id: format!("product:{}", 100_000 + i),
            title: format!("Thịt trâu gác bếp số {i}"),
            text: format!("Lô hàng {i} từ Điện Biên, đóng gói hút chân không"),
            ..template.clone()
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_answers_while_a_settings_task_is_pending() {
    let Some(engine) = crate::support::meilisearch("pending").await else {
        eprintln!("MEILI_URL unset: skipped");
        return;
    };
    let (url, key) = crate::support::meili_env().unwrap();
    engine.index.upsert(fixture()).await.unwrap();
    let uid = format!("coopbridge_test_pending_{}", std::process::id());
    let client = Client::new(&url, key.as_deref()).unwrap();
    // Settings drifted (another version, a hand edit): the next start must fix them.
    let drift = client.index(&uid).set_ranking_rules(["words", "typo"]).await.unwrap();
    client
        .wait_for_task(drift, None, Some(Duration::from_secs(30)))
        .await
        .unwrap();
    // Keep the queue busy: a rebuild's documents are enqueued and not awaited.
    let mut rebuild = engine.index.rebuild().await.unwrap();
    rebuild.add(bulk(40_000)).await.unwrap();

    let started = Instant::now();
    let reopened = coopbridge_search::open(SearchConfig::Meilisearch {
        url: url.clone(),
        api_key: key.clone(),
        index: uid.clone(),
        timeout: Duration::from_secs(2),
    })
    .await
    .expect("opening does not wait for the queue");
    assert_eq!(
        ids(&reopened, &text("mat ong tuyen hoa")).await,
        strings(&["product:1"])
    );
    let elapsed = started.elapsed();

    let mut query = TasksSearchQuery::new(&client);
    query
        .with_index_uids([uid.as_str()])
        .with_types(["settingsUpdate"])
        .with_statuses(["enqueued", "processing"]);
    let pending = client.get_tasks_with(&query).await.unwrap();
    assert!(
        pending.total >= 1,
        "the settings fix is enqueued and still pending after the search ({elapsed:?})"
    );
    assert!(elapsed < Duration::from_secs(2), "open + search took {elapsed:?}");

    // A new deployment's index, whose creation waits behind the same work: it holds nothing
    // yet, so searches and counts answer empty instead of "unavailable".
    let fresh_uid = format!("{uid}_fresh");
    let fresh = coopbridge_search::open(SearchConfig::Meilisearch {
        url: url.clone(),
        api_key: key.clone(),
        index: fresh_uid.clone(),
        timeout: Duration::from_secs(2),
    })
    .await
    .expect("opening a new index does not wait for its creation");
    assert!(ids(&fresh, &text("mat ong")).await.is_empty());
    assert_eq!(fresh.document_count().await.unwrap(), 0);
    let mut query = TasksSearchQuery::new(&client);
    query
        .with_index_uids([fresh_uid.as_str()])
        .with_types(["indexCreation"])
        .with_statuses(["enqueued", "processing"]);
    assert!(
        client.get_tasks_with(&query).await.unwrap().total >= 1,
        "the new index's creation was still queued while it was searched"
    );
    drop(rebuild);
    client.delete_index(&fresh_uid).await.unwrap();
    client.delete_index(format!("{uid}_rebuild")).await.unwrap();
}
