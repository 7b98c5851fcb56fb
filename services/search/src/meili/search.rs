//! Searching Meilisearch: one search call per partition, each bounded by the request timeout.
//!
//! Exact diacritics first: Meilisearch folds Vietnamese marks ("bò" = "bơ" to its ranking
//! rules). When a relevance query has marked words, the answer is two partitions of the
//! same query: documents whose title or cooperative name (`marks`) holds every marked query
//! word as written (see
//! [`super::marks`]), ranked by Meilisearch, then the others. Chosen over re-ranking a
//! candidate page because it is exact at every page depth (a re-ranked window misorders
//! pages past it). The extra filtered search calls run concurrently, so they add about
//! one round trip to Meilisearch (not yet measured on the benchmark set); queries without
//! marks stay a single call.

use std::collections::HashMap;

use meilisearch_sdk::search::{MatchingStrategies, SearchResult, Selectors};

use super::MeiliIndex;
use super::docs::{FACETS, MeiliHit};
use super::marks::telex;
use super::query::{build_filter, facets_from, quoted, sort_for};
use crate::{DocumentKind, SearchError, SearchHit, SearchRequest, SearchResponse, SearchSort, Suggestion, text};

/// One window of one query.
struct Page {
    hits: Vec<SearchResult<MeiliHit>>,
    total: u64,
    facets: Option<HashMap<String, HashMap<String, usize>>>,
}

/// What every partition of a request shares.
struct Query<'a> {
    text: &'a str,
    sort: &'a [&'a str],
}

fn and(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_string(),
        (_, true) => a.to_string(),
        _ => format!("({a}) AND ({b})"),
    }
}

impl MeiliIndex {
    /// Hits `offset..offset + limit` of `query` under `filter`, with an exact total.
    async fn page(
        &self,
        query: &Query<'_>,
        filter: &str,
        offset: usize,
        limit: usize,
        facets: bool,
    ) -> Result<Page, SearchError> {
        // Pages of `limit` when aligned, else one page up to offset+limit (exhaustive `totalHits` either way).
        let (page, per_page, skip) = if limit > 0 && offset.is_multiple_of(limit) {
            (offset / limit + 1, limit, 0)
        } else {
            (1, offset + limit, offset)
        };
        let mut q = self.index.search();
        q.with_query(query.text)
            .with_page(page)
            .with_hits_per_page(per_page)
            .with_matching_strategy(MatchingStrategies::ALL)
            .with_show_ranking_score(true)
            .with_attributes_to_retrieve(Selectors::Some(&["id", "kind", "title", "_geo"]));
        if !filter.is_empty() {
            q.with_filter(filter);
        }
        if !query.sort.is_empty() {
            q.with_sort(query.sort);
        }
        if facets {
            q.with_facets(Selectors::Some(&FACETS));
        }
        let Some(results) = self.read(q.execute::<MeiliHit>()).await? else {
            return Ok(Page {
                hits: Vec::new(),
                total: 0,
                facets: None,
            });
        };
        Ok(Page {
            total: results.total_hits.or(results.estimated_total_hits).unwrap_or(0) as u64,
            hits: results.hits.into_iter().skip(skip).collect(),
            facets: results.facet_distribution,
        })
    }

    pub(super) async fn run_search(&self, request: &SearchRequest) -> Result<SearchResponse, SearchError> {
        request.validate()?;
        let parsed = text::parse_query(&request.text);
        let typed = parsed.groups.iter().flat_map(|g| g.alternatives[0].iter());
        let words: Vec<String> = typed
            .clone()
            .map(|w| w.exact.clone().unwrap_or_else(|| w.folded.clone()))
            .collect();
        let mut marked: Vec<String> = Vec::new();
        if request.sort == SearchSort::Relevance {
            for word in typed.filter(|w| w.has_diacritics()) {
                let spelled = telex(word.exact.as_deref().unwrap_or_default());
                if !marked.contains(&spelled) {
                    marked.push(spelled);
                }
            }
        }
        let text = words.join(" ");
        let filter = build_filter(&request.filter);
        let sort = sort_for(request, text.is_empty());
        let sort_refs: Vec<&str> = sort.iter().map(String::as_str).collect();
        let query = Query {
            text: &text,
            sort: &sort_refs,
        };
        let (offset, limit) = (request.offset, request.limit);
        let (hits, total, facets) = if marked.is_empty() {
            let page = self.page(&query, &filter, offset, limit, request.facets).await?;
            (page.hits, page.total, page.facets)
        } else {
            let exact = marked
                .iter()
                .map(|m| format!("marks = {}", quoted(m)))
                .collect::<Vec<_>>()
                .join(" AND ");
            let exact_filter = and(&filter, &exact);
            let (first, all) = tokio::join!(
                self.page(&query, &exact_filter, offset, limit, false),
                self.page(&query, &filter, 0, 0, request.facets),
            );
            let (mut first, all) = (first?, all?);
            let wanted = limit - first.hits.len();
            if wanted > 0 && all.total > first.total {
                let rest = and(&filter, &format!("NOT ({exact})"));
                let skip = offset.saturating_sub(first.total as usize);
                first
                    .hits
                    .extend(self.page(&query, &rest, skip, wanted, false).await?.hits);
            }
            (first.hits, all.total, all.facets)
        };
        let point = request.reference_point();
        let folded_words = parsed.folded_words();
        let hits = hits
            .into_iter()
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
        Ok(SearchResponse {
            total,
            hits,
            facets: request.facets.then(|| facets_from(facets)),
        })
    }

    pub(super) async fn run_suggest(
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
            .with_attributes_to_search_on(&["title"])
            .with_attributes_to_retrieve(Selectors::Some(&["id", "kind", "title"]));
        if !filter.is_empty() {
            q.with_filter(&filter);
        }
        let Some(results) = self.read(q.execute::<MeiliHit>()).await? else {
            return Ok(Vec::new());
        };
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
}
