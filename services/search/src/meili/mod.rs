//! The Meilisearch engine (meilisearch-sdk), for deployments that scale search out.
//!
//! Index settings (searchable, filterable and sortable attributes including `_geo`, synonyms,
//! ranking rules, typo tolerance, pagination cap) are applied at open; Meilisearch treats an
//! unchanged settings update as a no-op, so opening is idempotent. Every write waits for its
//! task with the configured timeout; connection errors and timeouts are [`SearchError::Unavailable`].
//!
//! How it differs from the tantivy engine:
//! - Meilisearch document ids only allow `[A-Za-z0-9_-]`, so the primary key is `key`, an
//!   escaped form of `id` (`product:42` → `product_3A42`); `id` is stored alongside.
//! - Diacritics: each text is indexed twice (as written and folded); Meilisearch's own
//!   normalization decides how an accented query word matches the accented field, so "exact
//!   diacritics first" is only as strong as its `exactness` rule (tantivy scores it explicitly).
//! - Typos follow Meilisearch's rule: one typo from 5 characters, two from 9 (tantivy: one).
//! - Ranking is Meilisearch's bucket sort (words, typo, proximity, attribute, sort, exactness),
//!   then `boost:desc`; the boost breaks ties instead of multiplying a score.
//! - `total` is exact up to `pagination.maxTotalHits` (set to 200,000); facet counts are
//!   limited to `maxValuesPerFacet` values per facet.
//! - Scores are Meilisearch's ranking score (0..=1); highlights use the shared highlighter.

use std::time::Duration;

use async_trait::async_trait;
use meilisearch_sdk::client::Client;
use meilisearch_sdk::errors::{Error as MeiliError, ErrorCode};
use meilisearch_sdk::indexes::Index;
use meilisearch_sdk::search::{MatchingStrategies, Selectors};
use meilisearch_sdk::task_info::TaskInfo;
use meilisearch_sdk::tasks::Task;

use self::docs::{FACETS, MeiliDocument, MeiliHit, settings, to_meili};
use self::query::{build_filter, facets_from, meili_key, sort_for};

use crate::{
    DocumentKind, SearchDocument, SearchError, SearchHit, SearchIndex, SearchRequest, SearchResponse, Suggestion, text,
};

mod docs;
pub(crate) mod query;

/// The Meilisearch engine.
#[derive(Clone)]
pub struct MeiliIndex {
    client: Client,
    index: Index,
    timeout: Duration,
}

fn map_error(e: MeiliError) -> SearchError {
    match e {
        MeiliError::HttpError(e) => SearchError::Unavailable(e.to_string()),
        MeiliError::Timeout => SearchError::Unavailable("Meilisearch task timed out".into()),
        MeiliError::MeilisearchCommunication(e) => SearchError::Unavailable(e.to_string()),
        other => SearchError::Internal(other.to_string()),
    }
}

impl MeiliIndex {
    /// Connects, creates the index if missing and applies the settings (idempotent).
    pub async fn open(
        url: &str,
        api_key: Option<&str>,
        index: &str,
        timeout: Duration,
    ) -> Result<MeiliIndex, SearchError> {
        let client = Client::new(url, api_key).map_err(map_error)?;
        let this = MeiliIndex {
            index: client.index(index),
            client,
            timeout,
        };
        this.health().await?;
        let created = this.call(this.client.create_index(index, Some("key"))).await?;
        match this.wait(created).await {
            Ok(()) => {}
            Err(SearchError::Internal(message)) if message.contains("index_already_exists") => {}
            Err(e) => return Err(e),
        }
        let task = this.call(this.index.set_settings(&settings())).await?;
        this.wait(task).await?;
        Ok(this)
    }

    /// Runs one request with the configured timeout.
    async fn call<T>(&self, future: impl Future<Output = Result<T, MeiliError>>) -> Result<T, SearchError> {
        match tokio::time::timeout(self.timeout, future).await {
            Ok(result) => result.map_err(map_error),
            Err(_) => Err(SearchError::Unavailable(format!(
                "Meilisearch did not answer within {:?}",
                self.timeout
            ))),
        }
    }

    /// Waits for a task to finish; a failed task is an error.
    async fn wait(&self, task: TaskInfo) -> Result<(), SearchError> {
        let done = self
            .call(task.wait_for_completion(&self.client, Some(Duration::from_millis(25)), Some(self.timeout)))
            .await?;
        match done {
            Task::Failed { content } => {
                let code = match content.error.error_code {
                    ErrorCode::IndexAlreadyExists => "index_already_exists".to_string(),
                    other => format!("{other:?}"),
                };
                Err(SearchError::Internal(format!(
                    "{code}: {}",
                    content.error.error_message
                )))
            }
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
        self.wait(task).await
    }

    async fn delete(&self, ids: Vec<String>) -> Result<(), SearchError> {
        if ids.is_empty() {
            return Ok(());
        }
        let keys: Vec<String> = ids.iter().map(|id| meili_key(id)).collect();
        let task = self.call(self.index.delete_documents(&keys)).await?;
        self.wait(task).await
    }

    async fn search(&self, request: &SearchRequest) -> Result<SearchResponse, SearchError> {
        request.validate()?;
        let parsed = text::parse_query(&request.text);
        let query: String = parsed
            .groups
            .iter()
            .flat_map(|g| g.alternatives[0].iter())
            .map(|w| w.exact.clone().unwrap_or_else(|| w.folded.clone()))
            .collect::<Vec<_>>()
            .join(" ");
        let filter = build_filter(&request.filter);
        let sort = sort_for(request, query.is_empty());
        let sort_refs: Vec<&str> = sort.iter().map(String::as_str).collect();
        // Pages of `limit` when aligned, else one page up to offset+limit (exhaustive `totalHits` either way).
        let (page, per_page, skip) = if request.limit > 0 && request.offset.is_multiple_of(request.limit) {
            (request.offset / request.limit + 1, request.limit, 0)
        } else {
            (1, request.offset + request.limit, request.offset)
        };
        let mut q = self.index.search();
        q.with_query(&query)
            .with_page(page)
            .with_hits_per_page(per_page)
            .with_matching_strategy(MatchingStrategies::ALL)
            .with_show_ranking_score(true)
            .with_attributes_to_retrieve(Selectors::Some(&["id", "kind", "title", "_geo"]));
        if !filter.is_empty() {
            q.with_filter(&filter);
        }
        if !sort_refs.is_empty() {
            q.with_sort(&sort_refs);
        }
        if request.facets {
            q.with_facets(Selectors::Some(&FACETS));
        }
        let results = self.call(q.execute::<MeiliHit>()).await?;
        let point = request.reference_point();
        let folded_words = parsed.folded_words();
        let hits = results
            .hits
            .into_iter()
            .skip(skip)
            .map(|h| SearchHit {
                distance_km: match (point, &h.result.geo) {
                    (Some(p), Some(g)) => Some(p.distance_km(&crate::GeoPoint { lat: g.lat, lon: g.lng })),
                    _ => None,
                },
                title_highlight: request
                    .highlight
                    .then(|| text::highlight(&h.result.title, &folded_words, None)),
                score: h.ranking_score.unwrap_or(0.0) as f32,
                id: h.result.id,
                kind: h.result.kind,
            })
            .collect();
        let total = results.total_hits.or(results.estimated_total_hits).unwrap_or(0) as u64;
        Ok(SearchResponse {
            total,
            hits,
            facets: request.facets.then(|| facets_from(results.facet_distribution)),
        })
    }

    async fn suggest(
        &self,
        prefix: &str,
        kinds: &[DocumentKind],
        limit: usize,
    ) -> Result<Vec<Suggestion>, SearchError> {
        let limit = limit.min(crate::tantivy_engine::MAX_SUGGESTIONS);
        let words: Vec<String> = text::query_words(prefix).into_iter().map(|w| w.folded).collect();
        if limit == 0 || words.is_empty() {
            return Ok(Vec::new());
        }
        let query = words.join(" ");
        let filter = build_filter(&crate::SearchFilter {
            kinds: kinds.to_vec(),
            ..Default::default()
        });
        let mut q = self.index.search();
        q.with_query(&query)
            .with_limit(limit * 3)
            .with_matching_strategy(MatchingStrategies::ALL)
            .with_attributes_to_search_on(&["title_folded"])
            .with_attributes_to_retrieve(Selectors::Some(&["id", "kind", "title"]));
        if !filter.is_empty() {
            q.with_filter(&filter);
        }
        let results = self.call(q.execute::<MeiliHit>()).await?;
        let mut out: Vec<Suggestion> = Vec::new();
        for h in results.hits {
            if out.len() < limit && !out.iter().any(|s| text::fold(&s.text) == text::fold(&h.result.title)) {
                out.push(Suggestion {
                    text: h.result.title,
                    id: h.result.id,
                    kind: h.result.kind,
                });
            }
        }
        Ok(out)
    }

    async fn clear(&self) -> Result<(), SearchError> {
        let task = self.call(self.index.delete_all_documents()).await?;
        self.wait(task).await
    }

    async fn document_count(&self) -> Result<u64, SearchError> {
        Ok(self.call(self.index.get_stats()).await?.number_of_documents as u64)
    }

    async fn health(&self) -> Result<(), SearchError> {
        self.call(self.client.health()).await.map(|_| ())
    }
}
