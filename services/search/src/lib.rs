//! Vietnamese supplier search behind one [`SearchIndex`] trait, with two engines:
//! tantivy (embedded, on disk; the default) and Meilisearch (a separate server).
//!
//! The crate knows nothing of the database or GraphQL: callers hand it [`SearchDocument`]s
//! (the outbox stores them as JSON) and ask [`SearchRequest`]s. Text is matched with and
//! without diacritics ("mat ong" finds "Mật ong"), decomposed (NFD) input is normalized,
//! "HTX" and "hợp tác xã" are synonyms and one typo in a long word is forgiven.

mod document;
mod meili;
mod tantivy_engine;
pub mod text;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

pub use document::{DocumentKind, GeoPoint, SearchDocument, self_declared_stars_token};
pub use meili::MeiliIndex;
pub use tantivy_engine::TantivyIndex;

/// Largest page a search may ask for.
pub const MAX_LIMIT: usize = 100;
/// Deepest a search may page (`offset`); narrow the filters to go further.
pub const MAX_OFFSET: usize = 10_000;

/// Documents within `radius_km` of `center`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GeoRadius {
    pub center: GeoPoint,
    pub radius_km: f64,
}

/// Every non-empty list is "any of"; the filters combine with "and".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchFilter {
    /// Empty = all kinds.
    pub kinds: Vec<DocumentKind>,
    pub province_codes: Vec<i32>,
    pub commune_codes: Vec<i32>,
    pub categories: Vec<String>,
    /// Verified current schemes (plus self-declared ones with `include_self_declared`).
    pub schemes: Vec<String>,
    /// Verified OCOP stars (plus self-declared ones with `include_self_declared`).
    pub min_ocop_stars: Option<i32>,
    /// Let self-declared (unverified) certificates satisfy `schemes` and
    /// `min_ocop_stars`. Facets always count verified schemes and stars only.
    #[serde(default)]
    pub include_self_declared: bool,
    pub producer_kinds: Vec<String>,
    pub verified: Option<bool>,
    /// Harvested in this month (1..=12); documents without harvest months are available all year.
    pub available_in_month: Option<u8>,
    pub min_monthly_capacity: Option<i64>,
    pub near: Option<GeoRadius>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub enum SearchSort {
    /// Best text match first (boosted for verified producers and current certificates); with no
    /// text: boosted first, then newest.
    #[default]
    Relevance,
    /// Nearest first; documents without a location last.
    Distance(GeoPoint),
    Newest,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchRequest {
    /// Raw user text, any normalization; empty/whitespace = filtered browse.
    pub text: String,
    pub filter: SearchFilter,
    pub sort: SearchSort,
    pub offset: usize,
    /// At most [`MAX_LIMIT`].
    pub limit: usize,
    /// Compute facet counts over the filtered set.
    pub facets: bool,
    pub highlight: bool,
}

impl SearchRequest {
    /// Checks the request's limits and points (shared by both engines).
    pub fn validate(&self) -> Result<(), SearchError> {
        if self.limit > MAX_LIMIT {
            return Err(SearchError::invalid(
                "limit",
                format!("at most {MAX_LIMIT} results per page"),
            ));
        }
        if self.offset > MAX_OFFSET {
            return Err(SearchError::invalid(
                "offset",
                format!("at most {MAX_OFFSET} results can be skipped"),
            ));
        }
        if let Some(near) = &self.filter.near {
            near.center.validate("near")?;
            if !near.radius_km.is_finite() || near.radius_km <= 0.0 || near.radius_km > 5000.0 {
                return Err(SearchError::invalid("near", "radius must be between 0 and 5000 km"));
            }
        }
        if let SearchSort::Distance(point) = &self.sort {
            point.validate("sort")?;
        }
        if let Some(month) = self.filter.available_in_month
            && !(1..=12).contains(&month)
        {
            return Err(SearchError::invalid(
                "available_in_month",
                "month must be between 1 and 12",
            ));
        }
        Ok(())
    }

    /// The point distances are measured from: the sort's, else the radius filter's centre.
    pub fn reference_point(&self) -> Option<GeoPoint> {
        match self.sort {
            SearchSort::Distance(p) => Some(p),
            _ => self.filter.near.map(|n| n.center),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub id: String,
    pub kind: DocumentKind,
    pub score: f32,
    /// When the request has a point (near or Distance sort) and the document a location.
    pub distance_km: Option<f64>,
    /// HTML-escaped title with matches wrapped in `<mark>…</mark>`.
    pub title_highlight: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

/// Counts over the filtered set; values as strings (province "44", stars "4", verified "true"), count desc.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facets {
    pub province: Vec<FacetCount>,
    pub category: Vec<FacetCount>,
    pub scheme: Vec<FacetCount>,
    pub ocop_stars: Vec<FacetCount>,
    pub producer_kind: Vec<FacetCount>,
    pub verified: Vec<FacetCount>,
    pub kind: Vec<FacetCount>,
}

impl Facets {
    /// Facets from per-value counts, given in the order of the fields
    /// (province, category, scheme, ocop_stars, producer_kind, verified, kind):
    /// values with a zero count are dropped, the rest sorted by count
    /// (descending), then value. Both engines build their answer with it.
    pub fn from_counts<I: IntoIterator<Item = (String, u64)>>(counts: [I; 7]) -> Facets {
        let [province, category, scheme, ocop_stars, producer_kind, verified, kind] = counts.map(|values| {
            let mut list: Vec<FacetCount> = values
                .into_iter()
                .filter(|(_, count)| *count > 0)
                .map(|(value, count)| FacetCount { value, count })
                .collect();
            list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            list
        });
        Facets {
            province,
            category,
            scheme,
            ocop_stars,
            producer_kind,
            verified,
            kind,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResponse {
    pub total: u64,
    pub hits: Vec<SearchHit>,
    pub facets: Option<Facets>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub text: String,
    pub id: String,
    pub kind: DocumentKind,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SearchError {
    /// Engine down or timed out: the caller retries later.
    #[error("search engine unavailable: {0}")]
    Unavailable(String),
    #[error("invalid {field}: {message}")]
    InvalidRequest { field: String, message: String },
    #[error("search engine error: {0}")]
    Internal(String),
}

impl SearchError {
    pub fn invalid(field: &str, message: impl Into<String>) -> SearchError {
        SearchError::InvalidRequest {
            field: field.to_string(),
            message: message.into(),
        }
    }
}

#[async_trait]
pub trait SearchIndex: Send + Sync {
    /// "tantivy" | "meilisearch".
    fn engine(&self) -> &'static str;
    /// Adds or replaces documents by id; visible to search when this returns.
    async fn upsert(&self, docs: Vec<SearchDocument>) -> Result<(), SearchError>;
    /// Removes documents by id; unknown ids are fine.
    async fn delete(&self, ids: Vec<String>) -> Result<(), SearchError>;
    async fn search(&self, request: &SearchRequest) -> Result<SearchResponse, SearchError>;
    /// Titles starting with the typed words (diacritics optional), deduplicated.
    async fn suggest(&self, prefix: &str, kinds: &[DocumentKind], limit: usize)
    -> Result<Vec<Suggestion>, SearchError>;
    /// Drops all documents.
    async fn clear(&self) -> Result<(), SearchError>;
    /// Starts a full rebuild. By default the index is cleared and rebuilt in place;
    /// Meilisearch fills a fresh index and swaps it in at [`Rebuild::finish`], so searches
    /// keep answering from the old one meanwhile.
    async fn rebuild(&self) -> Result<Box<dyn Rebuild + '_>, SearchError> {
        self.clear().await?;
        Ok(Box::new(InPlace(self)))
    }
    async fn document_count(&self) -> Result<u64, SearchError>;
    async fn health(&self) -> Result<(), SearchError>;
}

/// A full rebuild under way (see [`SearchIndex::rebuild`]).
#[async_trait]
pub trait Rebuild: Send {
    /// Adds documents; they may become searchable only at [`Rebuild::finish`].
    async fn add(&mut self, docs: Vec<SearchDocument>) -> Result<(), SearchError>;
    /// Waits for every added document and makes the rebuilt index the one searched.
    async fn finish(self: Box<Self>) -> Result<(), SearchError>;
}

/// The default rebuild: straight into the cleared index.
struct InPlace<'a, I: ?Sized>(&'a I);

#[async_trait]
impl<I: SearchIndex + ?Sized> Rebuild for InPlace<'_, I> {
    async fn add(&mut self, docs: Vec<SearchDocument>) -> Result<(), SearchError> {
        if docs.is_empty() {
            return Ok(());
        }
        self.0.upsert(docs).await
    }
    async fn finish(self: Box<Self>) -> Result<(), SearchError> {
        Ok(())
    }
}

#[derive(Debug, Clone)]
pub enum SearchConfig {
    Tantivy {
        dir: PathBuf,
    },
    Meilisearch {
        url: String,
        api_key: Option<String>,
        index: String,
        timeout: Duration,
    },
}

/// Tantivy: creates/opens the index under `dir`; Meilisearch: applies index settings idempotently.
pub async fn open(config: SearchConfig) -> Result<Arc<dyn SearchIndex>, SearchError> {
    match config {
        SearchConfig::Tantivy { dir } => Ok(Arc::new(TantivyIndex::open(dir).await?)),
        SearchConfig::Meilisearch {
            url,
            api_key,
            index,
            timeout,
        } => Ok(Arc::new(
            MeiliIndex::open(&url, api_key.as_deref(), &index, timeout).await?,
        )),
    }
}
