//! Supplier search: one query over products, cooperatives and brand labels,
//! in Vietnamese with or without diacritics, with facets, filters, distance
//! and suggestions as you type.

use async_graphql::{Context, Enum, InputObject, Object, SimpleObject};
use coopbridge_domain::entities::catalog_enums as domain;
use coopbridge_domain::{Error, ErrorCode};
use coopbridge_search::{
    DocumentKind, GeoPoint, GeoRadius, SearchFilter as EngineFilter, SearchIndex, SearchRequest,
    SearchSort as EngineSort,
};

use crate::graphql::catalog::enums::{CertificationScheme, ProducerKind, ProductCategory};
use crate::graphql::context::db;
use crate::graphql::errors::QueryResultExt;
use crate::graphql::search::results::{
    MAX_PAGED_RESULTS, SearchConnection, SearchKind, SearchSuggestion, build_connection, decode_offset, domain_code,
};

/// Order of search results.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum SearchSort {
    /// Best match first; verified cooperatives and current certificates rank higher.
    #[default]
    Relevance,
    /// Nearest to `filter.near` first (results without coordinates last).
    Distance,
    /// Most recently listed first.
    Newest,
}

/// A point on the map (WGS 84 degrees), optionally with a radius.
#[derive(InputObject, Clone, Copy, Debug)]
pub struct NearInput {
    /// -90 to 90.
    pub latitude: f64,
    /// -180 to 180.
    pub longitude: f64,
    /// Only results within this many kilometres; leave out to only sort or
    /// measure by distance.
    pub radius_km: Option<f64>,
}

/// Narrows a search. Every list is "any of"; the parts combine with "and".
#[derive(InputObject, Clone, Debug, Default)]
pub struct SearchFilterInput {
    /// Official province codes (see `provinces`).
    pub province_codes: Option<Vec<i32>>,
    /// Official commune or ward codes.
    pub commune_codes: Option<Vec<i32>>,
    pub categories: Option<Vec<ProductCategory>>,
    /// Has a current certificate of one of these schemes that an organizer
    /// verified (self-declared ones too with `includeSelfDeclared`).
    pub schemes: Option<Vec<CertificationScheme>>,
    /// At least this many OCOP stars (3 to 5) on a verified current
    /// certificate (self-declared ones too with `includeSelfDeclared`).
    pub min_ocop_stars: Option<i32>,
    /// Let certificates a cooperative entered itself, not yet verified by an
    /// organizer ("tự khai"), satisfy `schemes` and `minOcopStars`. Default
    /// false: only verified facts. Facet counts always count verified ones only.
    #[graphql(default)]
    pub include_self_declared: bool,
    pub producer_kinds: Option<Vec<ProducerKind>>,
    /// Only verified (true) or only unverified (false) producers.
    pub verified: Option<bool>,
    /// Products harvested in this month (1–12); year-round products always match.
    pub available_in_month: Option<i32>,
    /// Products with at least this monthly capacity, in their own unit.
    pub min_monthly_capacity: Option<i64>,
    /// Distance origin, and with `radiusKm` a radius filter.
    pub near: Option<NearInput>,
}

fn engine_filter(kinds: Option<Vec<SearchKind>>, f: SearchFilterInput) -> Result<EngineFilter, Error> {
    let month = f
        .available_in_month
        .map(|m| {
            u8::try_from(m)
                .ok()
                .filter(|m| (1..=12).contains(m))
                .ok_or_else(|| Error::field("filter.availableInMonth", ErrorCode::OutOfRange, "months are 1 to 12"))
        })
        .transpose()?;
    if let Some(stars) = f.min_ocop_stars
        && !(1..=5).contains(&stars)
    {
        return Err(Error::field(
            "filter.minOcopStars",
            ErrorCode::OutOfRange,
            "OCOP stars are 1 to 5",
        ));
    }
    let near = match f.near {
        Some(NearInput {
            latitude,
            longitude,
            radius_km: Some(radius_km),
        }) => {
            if !(radius_km.is_finite() && radius_km > 0.0 && radius_km <= 2000.0) {
                return Err(Error::field(
                    "filter.near.radiusKm",
                    ErrorCode::OutOfRange,
                    "0 to 2000 km",
                ));
            }
            Some(GeoRadius {
                center: point(latitude, longitude)?,
                radius_km,
            })
        }
        _ => None,
    };
    Ok(EngineFilter {
        kinds: kinds.unwrap_or_default().into_iter().map(Into::into).collect(),
        province_codes: f.province_codes.unwrap_or_default(),
        commune_codes: f.commune_codes.unwrap_or_default(),
        categories: f
            .categories
            .unwrap_or_default()
            .into_iter()
            .map(domain_code::<_, domain::ProductCategory>)
            .collect(),
        schemes: f
            .schemes
            .unwrap_or_default()
            .into_iter()
            .map(domain_code::<_, domain::CertificationScheme>)
            .collect(),
        min_ocop_stars: f.min_ocop_stars,
        include_self_declared: f.include_self_declared,
        producer_kinds: f
            .producer_kinds
            .unwrap_or_default()
            .into_iter()
            .map(domain_code::<_, domain::ProducerKind>)
            .collect(),
        verified: f.verified,
        available_in_month: month,
        min_monthly_capacity: f.min_monthly_capacity,
        near,
    })
}

fn point(latitude: f64, longitude: f64) -> Result<GeoPoint, Error> {
    let p = GeoPoint {
        lat: latitude,
        lon: longitude,
    };
    p.validate("filter.near").map_err(Error::from)?;
    Ok(p)
}

/// Longest query text looked at; the rest is ignored.
const MAX_QUERY_CHARS: usize = 200;

pub fn search_index<'a>(ctx: &Context<'a>) -> &'a dyn SearchIndex {
    ctx.data_unchecked::<std::sync::Arc<dyn SearchIndex>>().as_ref()
}

/// State of the search index, for operators and for clients that just wrote.
#[derive(SimpleObject)]
pub struct SearchStatus {
    /// `tantivy` (embedded) or `meilisearch`.
    pub engine: String,
    /// Documents in the index; null when the engine is unreachable.
    pub document_count: Option<u64>,
    /// Catalog changes not yet searchable (normally 0 within a second).
    pub pending_changes: u64,
    /// Age of the oldest pending change, in seconds.
    pub oldest_pending_seconds: Option<i64>,
}

#[derive(Default)]
pub struct SearchQuery;

#[Object]
impl SearchQuery {
    /// Searches products, producers, brand labels and published events. An empty `query` browses
    /// with the filters. Diacritics are optional ("mat ong" finds "Mật ong")
    /// but rank higher when typed ("bò" puts beef before "bơ"); one typo in a
    /// long word is forgiven; "HTX" and "hợp tác xã" are the same. Ask for
    /// `facets` to get counts for filter menus. Paging reaches the first 1,000
    /// results.
    #[allow(clippy::too_many_arguments)]
    async fn search(
        &self,
        ctx: &Context<'_>,
        #[graphql(default)] query: String,
        kinds: Option<Vec<SearchKind>>,
        filter: Option<SearchFilterInput>,
        sort: Option<SearchSort>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<SearchConnection> {
        let filter = filter.unwrap_or_default();
        let sort = sort.unwrap_or_default();
        let result = async {
            let limit = match first {
                None => 20,
                Some(n) if (0..=100).contains(&n) => n as usize,
                Some(_) => return Err(Error::field("first", ErrorCode::OutOfRange, "first is 0 to 100")),
            };
            let offset = after.as_deref().map(decode_offset).transpose()?.unwrap_or(0);
            let origin = filter.near.map(|n| point(n.latitude, n.longitude)).transpose()?;
            let sort = match (sort, origin) {
                (SearchSort::Relevance, _) => EngineSort::Relevance,
                (SearchSort::Newest, _) => EngineSort::Newest,
                (SearchSort::Distance, Some(p)) => EngineSort::Distance(p),
                (SearchSort::Distance, None) => {
                    return Err(Error::field("sort", ErrorCode::Required, "DISTANCE needs filter.near"));
                }
            };
            let text: String = query.chars().take(MAX_QUERY_CHARS).collect();
            let request = SearchRequest {
                text,
                filter: engine_filter(kinds, filter)?,
                sort,
                offset: offset.min(MAX_PAGED_RESULTS),
                limit: limit.min(MAX_PAGED_RESULTS.saturating_sub(offset)),
                facets: ctx.look_ahead().field("facets").exists(),
                highlight: true,
            };
            let response = search_index(ctx).search(&request).await?;
            build_connection(ctx, &request, response).await
        }
        .await;
        result.or_query_error()
    }

    /// Completions for a search box as the user types: titles of products,
    /// producers and labels starting with the words typed (diacritics optional).
    async fn search_suggestions(
        &self,
        ctx: &Context<'_>,
        prefix: String,
        kinds: Option<Vec<SearchKind>>,
        #[graphql(default = 8)] first: i32,
    ) -> async_graphql::Result<Vec<SearchSuggestion>> {
        let result = async {
            if !(1..=20).contains(&first) {
                return Err(Error::field("first", ErrorCode::OutOfRange, "first is 1 to 20"));
            }
            let prefix: String = prefix.chars().take(MAX_QUERY_CHARS).collect();
            if prefix.trim().is_empty() {
                return Ok(vec![]);
            }
            let kinds: Vec<DocumentKind> = kinds.unwrap_or_default().into_iter().map(Into::into).collect();
            let found = search_index(ctx).suggest(&prefix, &kinds, first as usize).await?;
            Ok(found.into_iter().map(SearchSuggestion::from).collect())
        }
        .await;
        result.or_query_error()
    }

    /// Whether search is up to date with the catalog.
    async fn search_status(&self, ctx: &Context<'_>) -> async_graphql::Result<SearchStatus> {
        let index = search_index(ctx);
        let (pending, oldest) = coopbridge_domain::search::sync::backlog(db(ctx))
            .await
            .or_query_error()?;
        Ok(SearchStatus {
            engine: index.engine().to_owned(),
            document_count: index.document_count().await.ok(),
            pending_changes: pending,
            oldest_pending_seconds: oldest.map(|t| (chrono::Utc::now() - t).num_seconds().max(0)),
        })
    }
}
