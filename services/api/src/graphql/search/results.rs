//! What `search` returns: a connection of products, producers and labels with
//! per-hit extras (score, distance, highlight), the total, and facet counts.

use std::collections::HashMap;

use async_graphql::connection::{Connection, Edge};
use async_graphql::resolver_utils::EnumType;
use async_graphql::{Context, Enum, SimpleObject, Union};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use coopbridge_domain::catalog::{brand_labels, producers, products};
use coopbridge_domain::entities::catalog_enums as domain;
use coopbridge_domain::{Error, ErrorCode};
use coopbridge_search::{DocumentKind, FacetCount, Facets, SearchRequest, SearchResponse, Suggestion};
use sea_orm::ActiveEnum;

use crate::graphql::catalog::certificates::BrandLabel;
use crate::graphql::catalog::enums::{CertificationScheme, ProducerKind, ProductCategory};
use crate::graphql::catalog::producers::Producer;
use crate::graphql::catalog::products::Product;
use crate::graphql::context::{db, places};
use crate::graphql::fairs::types::Event;

/// What a search result is.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum SearchKind {
    /// A product (`Product`).
    Product,
    /// A cooperative or other producer (`Producer`).
    Producer,
    /// A brand label (`BrandLabel`).
    BrandLabel,
    /// A published trade fair, connection conference or market (`Event`).
    Event,
}

impl From<SearchKind> for DocumentKind {
    fn from(kind: SearchKind) -> Self {
        match kind {
            SearchKind::Product => DocumentKind::Product,
            SearchKind::Producer => DocumentKind::Producer,
            SearchKind::BrandLabel => DocumentKind::BrandLabel,
            SearchKind::Event => DocumentKind::Event,
        }
    }
}

/// Deepest result reachable by paging (refine the filters to go further).
pub const MAX_PAGED_RESULTS: usize = 1000;

/// One search result.
#[derive(Union, Clone)]
#[allow(clippy::large_enum_variant)] // built once per hit, never stored
pub enum SearchResult {
    Product(Product),
    Producer(Producer),
    BrandLabel(BrandLabel),
    Event(Event),
}

/// Extras on each result.
#[derive(SimpleObject, Clone)]
pub struct SearchHitInfo {
    pub kind: SearchKind,
    /// Relevance score (higher is better); only comparable within one search.
    pub score: f64,
    /// Kilometres from `filter.near`, when both points are known.
    pub distance_km: Option<f64>,
    /// The title, HTML-escaped, with matched words in `<mark>…</mark>`.
    pub highlight: Option<String>,
}

/// One value of a facet and how many results have it.
#[derive(SimpleObject, Clone)]
pub struct FacetValue {
    /// What to pass back in the filter: a province code ("44"), an enum name
    /// ("HONEY", "VIET_GAP", "COOPERATIVE"), a star count ("4") or "true"/"false".
    pub value: String,
    /// Vietnamese label for menus, e.g. "Quảng Trị", "Mật ong", "Đã xác minh".
    pub label: String,
    pub count: u64,
}

/// Counts over all results matching the query and filters (not just this page).
#[derive(SimpleObject, Clone, Default)]
pub struct SearchFacets {
    pub provinces: Vec<FacetValue>,
    pub categories: Vec<FacetValue>,
    pub schemes: Vec<FacetValue>,
    pub ocop_stars: Vec<FacetValue>,
    pub producer_kinds: Vec<FacetValue>,
    pub verified: Vec<FacetValue>,
    pub kinds: Vec<FacetValue>,
}

/// Totals of a search.
#[derive(SimpleObject, Clone)]
pub struct SearchTotals {
    /// Results matching the query and filters.
    pub total_count: u64,
    /// Present when selected.
    pub facets: Option<SearchFacets>,
}

pub type SearchConnection = Connection<String, SearchResult, SearchTotals, SearchHitInfo>;

/// A completion for the search box.
#[derive(SimpleObject, Clone)]
pub struct SearchSuggestion {
    /// The full title to show and to search for.
    pub text: String,
    pub kind: SearchKind,
    /// The `id` of the product, producer or label, to open it directly.
    pub id: async_graphql::ID,
}

impl From<Suggestion> for SearchSuggestion {
    fn from(s: Suggestion) -> Self {
        let (kind, id) = split_id(&s.id).unwrap_or((SearchKind::Product, 0));
        Self {
            text: s.text,
            kind,
            id: async_graphql::ID(id.to_string()),
        }
    }
}

fn kind_of(kind: DocumentKind) -> Option<SearchKind> {
    match kind {
        DocumentKind::Product => Some(SearchKind::Product),
        DocumentKind::Producer => Some(SearchKind::Producer),
        DocumentKind::BrandLabel => Some(SearchKind::BrandLabel),
        DocumentKind::Event => Some(SearchKind::Event),
    }
}

/// "product:42" → (Product, 42).
fn split_id(id: &str) -> Option<(SearchKind, i32)> {
    // Ids are built in `coopbridge_domain::search::documents`.
    let (kind, number) = id.split_once(':')?;
    let kind = match kind {
        "product" => SearchKind::Product,
        "producer" => SearchKind::Producer,
        "label" => SearchKind::BrandLabel,
        "fair" => SearchKind::Event,
        _ => return None,
    };
    Some((kind, number.parse().ok()?))
}

/// The domain code ("honey", "vietgap", "htx") of a GraphQL enum value.
pub fn domain_code<G, D>(value: G) -> String
where
    D: From<G> + ActiveEnum<Value = String>,
{
    D::from(value).to_value()
}

/// The GraphQL enum name ("HONEY") of a domain code ("honey").
fn enum_name<D, G>(code: &str) -> Option<&'static str>
where
    D: ActiveEnum<Value = String>,
    G: EnumType + From<D> + PartialEq + Copy + 'static,
{
    let value = G::from(D::try_from_value(&code.to_owned()).ok()?);
    G::items().iter().find(|item| item.value == value).map(|item| item.name)
}

pub fn encode_offset(offset: usize) -> String {
    URL_SAFE_NO_PAD.encode(format!("o:{offset}"))
}

pub fn decode_offset(cursor: &str) -> Result<usize, Error> {
    URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| text.strip_prefix("o:").and_then(|n| n.parse::<usize>().ok()))
        .map(|offset| offset + 1)
        .ok_or_else(|| Error::field("after", ErrorCode::InvalidFormat, "not a cursor from this search"))
}

/// Loads the hits' rows (one statement per kind) and builds the connection.
pub async fn build_connection(
    ctx: &Context<'_>,
    request: &SearchRequest,
    response: SearchResponse,
) -> Result<SearchConnection, Error> {
    let mut wanted: HashMap<SearchKind, Vec<i32>> = HashMap::new();
    for hit in &response.hits {
        if let Some((kind, id)) = split_id(&hit.id) {
            wanted.entry(kind).or_default().push(id);
        }
    }
    let none = Vec::new();
    let db = db(ctx);
    let mut found: HashMap<(SearchKind, i32), SearchResult> = HashMap::new();
    let product_ids = wanted.get(&SearchKind::Product).unwrap_or(&none);
    if !product_ids.is_empty() {
        for p in products::products_by_ids(db, product_ids).await? {
            if p.archived_at.is_none() {
                found.insert((SearchKind::Product, p.id), SearchResult::Product(p.into()));
            }
        }
    }
    let producer_ids = wanted.get(&SearchKind::Producer).unwrap_or(&none);
    if !producer_ids.is_empty() {
        for p in producers::producers_by_ids(db, producer_ids).await? {
            if p.archived_at.is_none() {
                found.insert((SearchKind::Producer, p.id), SearchResult::Producer(p.into()));
            }
        }
    }
    let label_ids = wanted.get(&SearchKind::BrandLabel).unwrap_or(&none);
    if !label_ids.is_empty() {
        for l in brand_labels::labels_by_ids(db, label_ids).await? {
            found.insert((SearchKind::BrandLabel, l.id), SearchResult::BrandLabel(l.into()));
        }
    }
    let event_ids = wanted.get(&SearchKind::Event).unwrap_or(&none);
    if !event_ids.is_empty() {
        for e in coopbridge_domain::fairs::events::published_by_ids(db, event_ids).await? {
            found.insert((SearchKind::Event, e.id), SearchResult::Event(e.into()));
        }
    }
    let facets = match &response.facets {
        Some(f) if request.facets => Some(facets(ctx, f).await?),
        _ => None,
    };
    let end = request.offset + response.hits.len();
    let has_next = (end as u64) < response.total && end < MAX_PAGED_RESULTS;
    let mut connection = Connection::with_additional_fields(
        request.offset > 0,
        has_next,
        SearchTotals {
            total_count: response.total,
            facets,
        },
    );
    for (position, hit) in response.hits.into_iter().enumerate() {
        let Some((kind, id)) = split_id(&hit.id) else { continue };
        // A row archived a moment ago may still be in the index: skip it.
        let Some(node) = found.remove(&(kind, id)) else {
            continue;
        };
        let info = SearchHitInfo {
            kind,
            score: f64::from(hit.score),
            distance_km: hit.distance_km,
            highlight: hit.title_highlight,
        };
        connection.edges.push(Edge::with_additional_fields(
            encode_offset(request.offset + position),
            node,
            info,
        ));
    }
    Ok(connection)
}

fn scheme_label(code: &str) -> String {
    match code {
        "vietgap" => "VietGAP",
        "globalgap" => "GlobalGAP",
        "organic" => "Hữu cơ",
        "ocop" => "OCOP",
        "haccp" => "HACCP",
        "iso22000" => "ISO 22000",
        _ => "Khác",
    }
    .to_owned()
}

fn producer_kind_label(code: &str) -> String {
    match code {
        "htx" => "Hợp tác xã",
        "tht" => "Tổ hợp tác",
        "union" => "Liên hiệp hợp tác xã",
        "household" => "Hộ sản xuất",
        "enterprise" => "Doanh nghiệp",
        _ => "Khác",
    }
    .to_owned()
}

fn values(counts: &[FacetCount], convert: impl Fn(&str) -> Option<(String, String)>) -> Vec<FacetValue> {
    counts
        .iter()
        .filter_map(|c| {
            let (value, label) = convert(&c.value)?;
            Some(FacetValue {
                value,
                label,
                count: c.count,
            })
        })
        .collect()
}

async fn facets(ctx: &Context<'_>, f: &Facets) -> Result<SearchFacets, Error> {
    let places = places(ctx);
    Ok(SearchFacets {
        provinces: values(&f.province, |v| {
            let name = places.province(v.parse().ok()?)?.name.clone();
            Some((v.to_owned(), name))
        }),
        categories: values(&f.category, |v| {
            let label = domain::ProductCategory::from_code(v)?.vietnamese_name().to_owned();
            Some((
                enum_name::<domain::ProductCategory, ProductCategory>(v)?.to_owned(),
                label,
            ))
        }),
        schemes: values(&f.scheme, |v| {
            Some((
                enum_name::<domain::CertificationScheme, CertificationScheme>(v)?.to_owned(),
                scheme_label(v),
            ))
        }),
        ocop_stars: values(&f.ocop_stars, |v| Some((v.to_owned(), format!("{v} sao")))),
        producer_kinds: values(&f.producer_kind, |v| {
            Some((
                enum_name::<domain::ProducerKind, ProducerKind>(v)?.to_owned(),
                producer_kind_label(v),
            ))
        }),
        verified: values(&f.verified, |v| {
            let label = if v == "true" {
                "Đã xác minh"
            } else {
                "Chưa xác minh"
            };
            Some((v.to_owned(), label.to_owned()))
        }),
        kinds: values(&f.kind, |v| {
            let kind = kind_of(DocumentKind::parse(v)?)?;
            let name = SearchKind::items().iter().find(|i| i.value == kind)?.name;
            let label = match kind {
                SearchKind::Product => "Sản phẩm",
                SearchKind::Producer => "Hợp tác xã, cơ sở sản xuất",
                SearchKind::BrandLabel => "Nhãn hiệu",
                SearchKind::Event => "Hội chợ, hội nghị kết nối",
            };
            Some((name.to_owned(), label.to_owned()))
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_round_trip_to_the_next_position_and_garbage_names_after() {
        assert_eq!(decode_offset(&encode_offset(19)).unwrap(), 20);
        let Err(Error::Invalid(errors)) = decode_offset("bm9wZQ") else {
            panic!()
        };
        assert_eq!(errors[0].field, "after");
    }

    #[test]
    fn document_ids_name_their_kind() {
        assert_eq!(split_id("product:42"), Some((SearchKind::Product, 42)));
        assert_eq!(split_id("label:7"), Some((SearchKind::BrandLabel, 7)));
        assert_eq!(split_id("fair:1"), Some((SearchKind::Event, 1)));
        assert_eq!(split_id("order:1"), None);
    }

    #[test]
    fn domain_codes_map_to_graphql_enum_names_and_back() {
        assert_eq!(
            enum_name::<domain::ProductCategory, ProductCategory>("rice_grains"),
            Some("RICE_GRAINS")
        );
        assert_eq!(
            enum_name::<domain::ProducerKind, ProducerKind>("htx"),
            Some("COOPERATIVE")
        );
        assert_eq!(domain_code::<_, domain::ProducerKind>(ProducerKind::Cooperative), "htx");
        assert_eq!(enum_name::<domain::ProducerKind, ProducerKind>("nonsense"), None);
    }
}
