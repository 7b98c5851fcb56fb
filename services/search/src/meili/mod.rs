//! The Meilisearch engine (meilisearch-sdk), for deployments that scale search out.
//!
//! Opening never waits for a Meilisearch task: it creates the index if missing and sends only
//! the settings that differ from the wanted ones (see [`settings`]), then returns; searches
//! work meanwhile (on the old settings until Meilisearch has applied the new). The request
//! timeout bounds each search call alone. Writes (the search worker's) wait for their task,
//! with a longer bound of their own. A full rebuild fills a fresh index and swaps it in
//! (see [`MeiliRebuild`]).
//!
//! How it differs from the tantivy engine:
//! - Meilisearch document ids only allow `[A-Za-z0-9_-]`, so the primary key is `key`, an
//!   escaped form of `id` (`product:42` → `product_3A42`); `id` is stored alongside.
//! - Diacritics: Meilisearch folds Vietnamese marks itself; exact-diacritics-first comes from
//!   a Telex spelling of the marked words and a partitioned query (see [`search`], [`marks`]).
//! - Typos follow Meilisearch's rule: one typo from 5 characters, two from 9 (tantivy: one).
//! - Ranking is Meilisearch's bucket sort (words, typo, proximity, attribute, sort, exactness),
//!   then `boost:desc`; the boost breaks ties instead of multiplying a score.
//! - `total` is exact up to `pagination.maxTotalHits` (set to 200,000); facet counts are
//!   limited to `maxValuesPerFacet` values per facet.
//! - Scores are Meilisearch's ranking score (0..=1); highlights use the shared highlighter.

use std::time::Duration;

use async_trait::async_trait;
use meilisearch_sdk::client::{Client, SwapIndexes};
use meilisearch_sdk::errors::{Error as MeiliError, ErrorCode};
use meilisearch_sdk::indexes::Index;
use meilisearch_sdk::task_info::TaskInfo;
use meilisearch_sdk::tasks::{Task, TasksCancelQuery};

use self::docs::{MeiliDocument, to_meili};
use self::query::meili_key;

use crate::{
    DocumentKind, Rebuild, SearchDocument, SearchError, SearchIndex, SearchRequest, SearchResponse, Suggestion,
};

mod docs;
mod marks;
pub(crate) mod query;
mod search;
mod settings;

/// How long a write waits for its task (queued behind others, e.g. a settings update that
/// re-indexes everything); independent of the request timeout, which bounds searches.
const TASK_WAIT: Duration = Duration::from_secs(120);
/// How long a rebuild waits for Meilisearch to finish indexing what it was sent.
const REBUILD_WAIT: Duration = Duration::from_secs(30 * 60);
/// Documents per payload a rebuild sends (about 5 MB of JSON). Measured on the benchmark
/// set: 800, 5,000 and 20,000 all take 27–28 s, as Meilisearch batches whatever is queued.
const REBUILD_BATCH: usize = 5_000;
/// How long one rebuild payload may take to upload to a busy Meilisearch.
const UPLOAD_WAIT: Duration = Duration::from_secs(120);

/// The Meilisearch engine.
#[derive(Clone)]
pub struct MeiliIndex {
    client: Client,
    index: Index,
    uid: String,
    timeout: Duration,
    /// The settings update [`MeiliIndex::open`] enqueued, if the index's settings differed.
    settings_task: Option<u32>,
}

fn map_error(e: MeiliError) -> SearchError {
    match e {
        MeiliError::HttpError(e) => SearchError::Unavailable(e.to_string()),
        MeiliError::Timeout => SearchError::Unavailable("Meilisearch task timed out".into()),
        MeiliError::MeilisearchCommunication(e) => SearchError::Unavailable(e.to_string()),
        // Only while the index's creation task is still queued.
        MeiliError::Meilisearch(e) if e.error_code == ErrorCode::IndexNotFound => {
            SearchError::Unavailable(format!("the index is being created: {}", e.error_message))
        }
        other => SearchError::Internal(other.to_string()),
    }
}

impl MeiliIndex {
    /// Connects, enqueues the index's creation if missing and any settings that differ; waits
    /// for neither (see the module docs).
    pub async fn open(
        url: &str,
        api_key: Option<&str>,
        index: &str,
        timeout: Duration,
    ) -> Result<MeiliIndex, SearchError> {
        let client = Client::new(url, api_key).map_err(map_error)?;
        let mut this = MeiliIndex {
            index: client.index(index),
            uid: index.to_string(),
            client,
            timeout,
            settings_task: None,
        };
        this.health().await?;
        let wanted = docs::settings();
        let current = tokio::time::timeout(this.timeout, this.index.get_settings())
            .await
            .map_err(|_| this.timed_out())?;
        let update = match current {
            Ok(current) => settings::missing(&current, &wanted),
            Err(MeiliError::Meilisearch(e)) if e.error_code == ErrorCode::IndexNotFound => {
                this.call(this.client.create_index(index, Some("key"))).await?;
                Some(wanted)
            }
            Err(e) => return Err(map_error(e)),
        };
        if let Some(update) = update {
            let task = this.call(this.index.set_settings(&update)).await?;
            tracing::info!(
                index,
                task = task.task_uid,
                "Meilisearch index settings differ; update enqueued"
            );
            this.settings_task = Some(task.task_uid);
        }
        Ok(this)
    }

    fn timed_out(&self) -> SearchError {
        SearchError::Unavailable(format!("Meilisearch did not answer within {:?}", self.timeout))
    }

    /// Runs one request with the request timeout.
    async fn call<T>(&self, future: impl Future<Output = Result<T, MeiliError>>) -> Result<T, SearchError> {
        match tokio::time::timeout(self.timeout, future).await {
            Ok(result) => result.map_err(map_error),
            Err(_) => Err(self.timed_out()),
        }
    }

    /// Like [`Self::call`] for reads of the index, but `None` while its creation task is
    /// still queued behind others: the index holds nothing yet, which is an answer, not an outage.
    async fn read<T>(&self, future: impl Future<Output = Result<T, MeiliError>>) -> Result<Option<T>, SearchError> {
        match tokio::time::timeout(self.timeout, future).await {
            Ok(Err(MeiliError::Meilisearch(e))) if e.error_code == ErrorCode::IndexNotFound => Ok(None),
            Ok(result) => result.map(Some).map_err(map_error),
            Err(_) => Err(self.timed_out()),
        }
    }

    /// Waits up to `limit` for a task to finish; a failed task is an error.
    async fn wait(&self, task: &TaskInfo, limit: Duration) -> Result<(), SearchError> {
        let waiting = self
            .client
            .wait_for_task(task, Some(Duration::from_millis(25)), Some(limit));
        let done = match tokio::time::timeout(limit + self.timeout, waiting).await {
            Ok(done) => done.map_err(map_error)?,
            Err(_) => {
                return Err(SearchError::Unavailable(format!(
                    "Meilisearch task not done within {limit:?}"
                )));
            }
        };
        match done {
            Task::Failed { content } => Err(SearchError::Internal(format!(
                "{:?}: {}",
                content.error.error_code, content.error.error_message
            ))),
            _ => Ok(()),
        }
    }
}

#[async_trait]
impl SearchIndex for MeiliIndex {
    fn engine(&self) -> &'static str {
        "meilisearch"
    }

    async fn upsert(&self, docs: Vec<SearchDocument>) -> Result<(), SearchError> {
        if docs.is_empty() {
            return Ok(());
        }
        let payload: Vec<MeiliDocument<'_>> = docs.iter().map(to_meili).collect();
        let task = self.call(self.index.add_or_replace(&payload, Some("key"))).await?;
        self.wait(&task, TASK_WAIT).await
    }

    async fn delete(&self, ids: Vec<String>) -> Result<(), SearchError> {
        if ids.is_empty() {
            return Ok(());
        }
        let keys: Vec<String> = ids.iter().map(|id| meili_key(id)).collect();
        let task = self.call(self.index.delete_documents(&keys)).await?;
        self.wait(&task, TASK_WAIT).await
    }

    async fn search(&self, request: &SearchRequest) -> Result<SearchResponse, SearchError> {
        self.run_search(request).await
    }

    async fn suggest(
        &self,
        prefix: &str,
        kinds: &[DocumentKind],
        limit: usize,
    ) -> Result<Vec<Suggestion>, SearchError> {
        self.run_suggest(prefix, kinds, limit).await
    }

    async fn clear(&self) -> Result<(), SearchError> {
        let task = self.call(self.index.delete_all_documents()).await?;
        self.wait(&task, TASK_WAIT).await
    }

    async fn rebuild(&self) -> Result<Box<dyn Rebuild + '_>, SearchError> {
        let next = format!("{}_rebuild", self.uid);
        // The index being replaced needs no settings update of its own: re-indexing it for the
        // one enqueued at open (26 s on the benchmark set) would hold up the rebuild's documents
        // queued behind it. Meilisearch runs cancelations ahead of the queue. Should the rebuild
        // fail, the old index keeps its old settings until the next start enqueues the update.
        if let Some(uid) = self.settings_task {
            let mut query = TasksCancelQuery::new(&self.client);
            query.with_uids([&uid]);
            self.call(self.client.cancel_tasks_with(&query)).await?;
        }
        // A killed earlier rebuild may have left its index: start from nothing. Tasks run
        // in order, so none of these needs waiting for.
        self.call(self.client.delete_index(&next)).await?;
        self.call(self.client.create_index(&next, Some("key"))).await?;
        let index = self.client.index(&next);
        self.call(index.set_settings(&docs::settings())).await?;
        Ok(Box::new(MeiliRebuild {
            live: self,
            index,
            pending: Vec::new(),
            tasks: Vec::new(),
        }))
    }

    async fn document_count(&self) -> Result<u64, SearchError> {
        let stats = self.read(self.index.get_stats()).await?;
        Ok(stats.map_or(0, |stats| stats.number_of_documents as u64))
    }

    async fn health(&self) -> Result<(), SearchError> {
        self.call(self.client.health()).await.map(|_| ())
    }
}

/// A rebuild into `<index>_rebuild`, settings first (so documents are indexed once, with
/// them). Documents are gathered into payloads of [`REBUILD_BATCH`] and enqueued; their
/// indexing tasks are awaited only at the end (Meilisearch batches the queued ones while
/// the next are read), then the two indexes are swapped atomically and the old one dropped.
///
/// Uploading in the background while the next documents are read was measured and gained
/// nothing (26.2 s against 26.4 s on the benchmark set, 2 cores: both sides are CPU-bound),
/// so each payload is enqueued before `add` returns.
struct MeiliRebuild<'a> {
    live: &'a MeiliIndex,
    index: Index,
    pending: Vec<SearchDocument>,
    tasks: Vec<TaskInfo>,
}

impl MeiliRebuild<'_> {
    /// Enqueues the gathered documents.
    async fn send(&mut self) -> Result<(), SearchError> {
        let docs = std::mem::take(&mut self.pending);
        let payload: Vec<MeiliDocument<'_>> = docs.iter().map(to_meili).collect();
        let task = match tokio::time::timeout(UPLOAD_WAIT, self.index.add_or_replace(&payload, Some("key"))).await {
            Ok(task) => task.map_err(map_error)?,
            Err(_) => {
                return Err(SearchError::Unavailable(format!(
                    "Meilisearch did not take a rebuild payload within {UPLOAD_WAIT:?}"
                )));
            }
        };
        self.tasks.push(task);
        Ok(())
    }
}

#[async_trait]
impl Rebuild for MeiliRebuild<'_> {
    async fn add(&mut self, docs: Vec<SearchDocument>) -> Result<(), SearchError> {
        self.pending.extend(docs);
        if self.pending.len() >= REBUILD_BATCH {
            self.send().await?;
        }
        Ok(())
    }

    async fn finish(mut self: Box<Self>) -> Result<(), SearchError> {
        if !self.pending.is_empty() {
            self.send().await?;
        }
        tracing::info!(
            tasks = self.tasks.len(),
            "waiting for Meilisearch to index the rebuilt documents"
        );
        for task in &self.tasks {
            self.live.wait(task, REBUILD_WAIT).await?;
        }
        let swap = SwapIndexes {
            indexes: (self.live.uid.clone(), self.index.uid.clone()),
            rename: None,
        };
        let task = self.live.call(self.live.client.swap_indexes([&swap])).await?;
        self.live.wait(&task, TASK_WAIT).await?;
        // The old documents now live under the rebuild's name.
        self.live.call(self.live.client.delete_index(&self.index.uid)).await?;
        Ok(())
    }
}
