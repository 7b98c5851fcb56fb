//! Meilisearch only: a full rebuild does not first re-index the index it replaces.
//!
//! Opening an index whose settings differ enqueues an update that re-indexes every document
//! (26 s on the benchmark set); a rebuild builds a fresh index with the wanted settings and
//! swaps it in, so the update enqueued on the old one is canceled instead of waited behind.

use std::time::{Duration, Instant};

use meilisearch_sdk::tasks::TasksSearchQuery;

use crate::meili_pending::{Drifted, bulk};
use crate::support::{fixture, ids, strings, text};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rebuild_cancels_the_settings_update_of_the_index_it_replaces() {
    let Some(drifted) = Drifted::new("rebuild_settings").await else {
        eprintln!("MEILI_URL unset: skipped");
        return;
    };
    let (uid, client) = (drifted.uid.clone(), &drifted.client);
    // Keep the queue busy, so the settings fix is still queued when the rebuild starts.
    let busy = drifted
        .open(&format!("{uid}_busy"), Duration::from_secs(30))
        .await
        .unwrap();
    let mut busy_rebuild = busy.rebuild().await.unwrap();
    busy_rebuild.add(bulk(40_000)).await.unwrap();

    let reopened = drifted.open(&uid, Duration::from_secs(30)).await.unwrap();
    let pending = drifted.queued(&uid, "settingsUpdate").await.results;
    let settings_fix = pending.first().expect("opening enqueued a settings fix").get_uid();

    let mut rebuild = reopened.rebuild().await.unwrap();
    // The SDK cannot read a canceled task: wait until it is neither queued nor running, then
    // check it did not run (neither succeeded nor failed), so it was canceled.
    let started = Instant::now();
    let count = |statuses: &'static [&'static str]| async move {
        let mut query = TasksSearchQuery::new(client);
        query.with_uids([&settings_fix]).with_statuses(statuses.iter().copied());
        client.get_tasks_with(&query).await.unwrap().total
    };
    while count(&["enqueued", "processing"]).await > 0 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the settings fix is still queued"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        count(&["succeeded", "failed"]).await,
        0,
        "the replaced index's settings update was canceled, not run"
    );

    rebuild.add(fixture()).await.unwrap();
    rebuild.finish().await.unwrap();
    let rules = client.index(&uid).get_ranking_rules().await.unwrap();
    assert!(
        rules.len() > 2,
        "the swapped-in index has the wanted settings: {rules:?}"
    );
    assert_eq!(
        ids(&reopened, &text("mat ong tuyen hoa")).await,
        strings(&["product:1"])
    );
    drop(busy_rebuild);
    for index in [format!("{uid}_busy"), format!("{uid}_busy_rebuild"), uid] {
        client.delete_index(index).await.unwrap();
    }
}
