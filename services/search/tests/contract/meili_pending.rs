//! Meilisearch only: opening the index and searching never wait for its task queue.
//!
//! A settings update or a large document batch keeps Meilisearch busy for seconds on a big
//! index; a replica starting meanwhile must answer searches at once, from the index as it is
//! (an index still being created answers empty).

use std::sync::Arc;
use std::time::{Duration, Instant};

use coopbridge_search::{SearchConfig, SearchDocument, SearchError, SearchIndex};
use meilisearch_sdk::client::Client;
use meilisearch_sdk::tasks::{TasksResults, TasksSearchQuery};

use crate::support::{Engine, fixture, ids, strings, text};

/// What the queue tests start from: the fixture indexed in `coopbridge_test_{test}_{pid}`,
/// whose ranking rules then drifted (another version, a hand edit), so the next open of that
/// index enqueues a settings fix.
pub(crate) struct Drifted {
    pub(crate) engine: Engine,
    pub(crate) uid: String,
    pub(crate) client: Client,
    url: String,
    key: Option<String>,
}

impl Drifted {
    /// `None` when MEILI_URL is unset.
    pub(crate) async fn new(test: &str) -> Option<Drifted> {
        let engine = crate::support::meilisearch(test).await?;
        let (url, key) = crate::support::meili_env()?;
        engine.index.upsert(fixture()).await.unwrap();
        let uid = format!("coopbridge_test_{test}_{}", std::process::id());
        let client = Client::new(&url, key.as_deref()).unwrap();
        let drift = client.index(&uid).set_ranking_rules(["words", "typo"]).await.unwrap();
        client
            .wait_for_task(drift, None, Some(Duration::from_secs(30)))
            .await
            .unwrap();
        Some(Drifted {
            engine,
            uid,
            client,
            url,
            key,
        })
    }

    /// Opens `index` on the same server, as a starting replica would.
    pub(crate) async fn open(&self, index: &str, timeout: Duration) -> Result<Arc<dyn SearchIndex>, SearchError> {
        coopbridge_search::open(SearchConfig::Meilisearch {
            url: self.url.clone(),
            api_key: self.key.clone(),
            index: index.to_owned(),
            timeout,
        })
        .await
    }

    /// The tasks of type `kind` on `index` still enqueued or processing.
    pub(crate) async fn queued(&self, index: &str, kind: &str) -> TasksResults {
        let mut query = TasksSearchQuery::new(&self.client);
        query
            .with_index_uids([index])
            .with_types([kind])
            .with_statuses(["enqueued", "processing"]);
        self.client.get_tasks_with(&query).await.unwrap()
    }
}

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
    let Some(drifted) = Drifted::new("pending").await else {
        eprintln!("MEILI_URL unset: skipped");
        return;
    };
    let (uid, client) = (&drifted.uid, &drifted.client);
    // Keep the queue busy: a rebuild's documents are enqueued and not awaited.
    let mut rebuild = drifted.engine.index.rebuild().await.unwrap();
    rebuild.add(bulk(40_000)).await.unwrap();

    let started = Instant::now();
    let reopened = drifted
        .open(uid, Duration::from_secs(2))
        .await
        .expect("opening does not wait for the queue");
    assert_eq!(
        ids(&reopened, &text("mat ong tuyen hoa")).await,
        strings(&["product:1"])
    );
    let elapsed = started.elapsed();

    let pending = drifted.queued(uid, "settingsUpdate").await;
    assert!(
        pending.total >= 1,
        "the settings fix is enqueued and still pending after the search ({elapsed:?})"
    );
    assert!(elapsed < Duration::from_secs(2), "open + search took {elapsed:?}");

    // A new deployment's index, whose creation waits behind the same work: it holds nothing
    // yet, so searches and counts answer empty instead of "unavailable".
    let fresh_uid = format!("{uid}_fresh");
    let fresh = drifted
        .open(&fresh_uid, Duration::from_secs(2))
        .await
        .expect("opening a new index does not wait for its creation");
    assert!(ids(&fresh, &text("mat ong")).await.is_empty());
    assert_eq!(fresh.document_count().await.unwrap(), 0);
    assert!(
        drifted.queued(&fresh_uid, "indexCreation").await.total >= 1,
        "the new index's creation was still queued while it was searched"
    );
    drop(rebuild);
    client.delete_index(&fresh_uid).await.unwrap();
    client.delete_index(format!("{uid}_rebuild")).await.unwrap();
}
