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
//! - `total` is exact up to `pagination.maxTotalHits` (set to [`MAX_TOTAL_HITS`]); facet counts are
//!   limited to `maxValuesPerFacet` values per facet.
//! - Scores are Meilisearch's ranking score (0..=1); highlights use the shared highlighter.

use std::collections::HashMap;
use std::time::Duration;

use async_trait::async_trait;
use meilisearch_sdk::client::Client;
use meilisearch_sdk::errors::{Error as MeiliError, ErrorCode};
use meilisearch_sdk::indexes::Index;
use meilisearch_sdk::search::{MatchingStrategies, Selectors};
use meilisearch_sdk::settings::{
    FacetingSettings, MinWordSizeForTypos, PaginationSetting, Settings, TypoToleranceSettings,
};
use meilisearch_sdk::task_info::TaskInfo;
use meilisearch_sdk::tasks::Task;
use serde::{Deserialize, Serialize};

use crate::meili_query::{build_filter, facets_from, meili_key, sort_for};
use crate::{
    DocumentKind, SearchDocument, SearchError, SearchHit, SearchIndex, SearchRequest, SearchResponse, Suggestion, text,
};

/// Highest `total` Meilisearch counts exactly.
pub const MAX_TOTAL_HITS: usize = 200_000;
const SEARCHABLE: [&str; 6] = [
    "title",
    "title_folded",
    "producer_name",
    "producer_folded",
    "text",
    "text_folded",
];
pub(crate) const FACETS: [&str; 7] = [
    "province_code",
    "category",
    "schemes",
    "ocop_stars",
    "producer_kind",
    "verified",
    "kind",
];

/// The Meilisearch engine.
#[derive(Clone)]
pub struct MeiliIndex {
    client: Client,
    index: Index,
    timeout: Duration,
}

#[derive(Debug, Serialize, Deserialize)]
struct MeiliGeo {
    lat: f64,
    lng: f64,
}

#[derive(Debug, Serialize)]
struct MeiliDocument<'a> {
    key: String,
    id: &'a str,
    kind: &'static str,
    title: &'a str,
    title_folded: String,
    producer_name: Option<&'a str>,
    producer_folded: Option<String>,
    text: &'a str,
    text_folded: String,
    province_code: Option<i32>,
    commune_code: Option<i32>,
    category: Option<&'a str>,
    schemes: &'a [String],
    ocop_stars: Option<i32>,
    producer_kind: Option<&'a str>,
    verified: bool,
    has_current_certificate: bool,
    #[serde(rename = "_geo")]
    geo: Option<MeiliGeo>,
    /// 0 = all year round.
    harvest_months: Vec<u8>,
    monthly_capacity: Option<i64>,
    created_at: i64,
    boost: f64,
}

#[derive(Debug, Deserialize)]
struct MeiliHit {
    id: String,
    kind: DocumentKind,
    title: String,
    #[serde(rename = "_geo")]
    geo: Option<MeiliGeo>,
}

fn to_meili(doc: &SearchDocument) -> MeiliDocument<'_> {
    let months: Vec<u8> = doc
        .harvest_months
        .iter()
        .copied()
        .filter(|m| (1..=12).contains(m))
        .collect();
    MeiliDocument {
        key: meili_key(&doc.id),
        id: &doc.id,
        kind: doc.kind.as_str(),
        title: &doc.title,
        title_folded: text::fold(&doc.title),
        producer_name: doc.producer_name.as_deref(),
        producer_folded: doc.producer_name.as_deref().map(text::fold),
        text: &doc.text,
        text_folded: text::fold(&doc.text),
        province_code: doc.province_code,
        commune_code: doc.commune_code,
        category: doc.category.as_deref(),
        schemes: &doc.schemes,
        ocop_stars: doc.ocop_stars,
        producer_kind: doc.producer_kind.as_deref(),
        verified: doc.verified,
        has_current_certificate: doc.has_current_certificate,
        geo: doc
            .location
            .filter(|p| p.validate("location").is_ok())
            .map(|p| MeiliGeo { lat: p.lat, lng: p.lon }),
        harvest_months: if months.is_empty() { vec![0] } else { months },
        monthly_capacity: doc.monthly_capacity,
        created_at: doc.created_at,
        boost: 1.0 + if doc.verified { 0.5 } else { 0.0 } + if doc.has_current_certificate { 0.25 } else { 0.0 },
    }
}

fn map_error(e: MeiliError) -> SearchError {
    match e {
        MeiliError::HttpError(e) => SearchError::Unavailable(e.to_string()),
        MeiliError::Timeout => SearchError::Unavailable("Meilisearch task timed out".into()),
        MeiliError::MeilisearchCommunication(e) => SearchError::Unavailable(e.to_string()),
        other => SearchError::Internal(other.to_string()),
    }
}

fn settings() -> Settings {
    let mut synonyms: HashMap<String, Vec<String>> = HashMap::new();
    for set in text::SYNONYMS {
        for member in *set {
            synonyms.insert(
                member.to_string(),
                set.iter().filter(|m| *m != member).map(|m| m.to_string()).collect(),
            );
        }
    }
    // Also the written forms users type: "hợp tác xã", "tổ hợp tác", "mỗi xã một sản phẩm".
    for (written, folded) in [
        ("hợp tác xã", "hop tac xa"),
        ("tổ hợp tác", "to hop tac"),
        ("mỗi xã một sản phẩm", "moi xa mot san pham"),
    ] {
        let others = synonyms.get(folded).cloned().unwrap_or_default();
        synonyms.insert(written.to_string(), others);
    }
    Settings::new()
        .with_searchable_attributes(SEARCHABLE)
        .with_displayed_attributes(["id", "kind", "title", "_geo"])
        .with_filterable_attributes([
            "kind",
            "province_code",
            "commune_code",
            "category",
            "schemes",
            "ocop_stars",
            "producer_kind",
            "verified",
            "harvest_months",
            "monthly_capacity",
            "_geo",
        ])
        .with_sortable_attributes(["created_at", "boost", "_geo"])
        .with_synonyms(synonyms)
        .with_ranking_rules([
            "words",
            "typo",
            "proximity",
            "attribute",
            "sort",
            "exactness",
            "boost:desc",
            "created_at:desc",
        ])
        .with_typo_tolerance(TypoToleranceSettings {
            enabled: Some(true),
            disable_on_attributes: None,
            disable_on_words: None,
            min_word_size_for_typos: Some(MinWordSizeForTypos {
                one_typo: Some(5),
                two_typos: Some(9),
            }),
            disable_on_numbers: None,
        })
        .with_pagination(PaginationSetting {
            max_total_hits: MAX_TOTAL_HITS,
        })
        .with_faceting(FacetingSettings {
            max_values_per_facet: 200,
            sort_facet_values_by: None,
        })
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
        let (page, per_page, skip) = if request.limit > 0 && request.offset % request.limit == 0 {
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
