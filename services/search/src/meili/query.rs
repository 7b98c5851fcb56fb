//! Meilisearch request pieces: document keys, filter expressions, sorts and facet conversion.

use std::collections::HashMap;

use super::docs::FACETS;
use crate::{Facets, SearchFilter, SearchRequest, SearchSort};

/// Meilisearch ids allow `[A-Za-z0-9_-]`: other bytes (and `_`) become `_XX` (hex), so the
/// mapping is reversible and collision-free: `product:42` → `product_3A42`.
pub fn meili_key(id: &str) -> String {
    let mut out = String::with_capacity(id.len() + 4);
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' {
            out.push(b as char);
        } else {
            out.push_str(&format!("_{b:02X}"));
        }
    }
    out
}

pub fn quoted(value: &str) -> String {
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

fn any_of(attribute: &str, values: impl IntoIterator<Item = String>) -> String {
    format!("{attribute} IN [{}]", values.into_iter().collect::<Vec<_>>().join(", "))
}

/// The filter expression; empty when nothing is filtered.
pub fn build_filter(filter: &SearchFilter) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !filter.kinds.is_empty() {
        parts.push(any_of("kind", filter.kinds.iter().map(|k| quoted(k.as_str()))));
    }
    if !filter.province_codes.is_empty() {
        parts.push(any_of(
            "province_code",
            filter.province_codes.iter().map(i32::to_string),
        ));
    }
    if !filter.commune_codes.is_empty() {
        parts.push(any_of("commune_code", filter.commune_codes.iter().map(i32::to_string)));
    }
    if !filter.categories.is_empty() {
        parts.push(any_of("category", filter.categories.iter().map(|c| quoted(c))));
    }
    if !filter.schemes.is_empty() {
        let verified = any_of("schemes", filter.schemes.iter().map(|c| quoted(c)));
        if filter.include_self_declared {
            let claimed = any_of("self_declared", filter.schemes.iter().map(|c| quoted(c)));
            parts.push(format!("({verified} OR {claimed})"));
        } else {
            parts.push(verified);
        }
    }
    if let Some(stars) = filter.min_ocop_stars {
        if filter.include_self_declared {
            let token = quoted(&crate::self_declared_stars_token(stars));
            parts.push(format!("(ocop_stars >= {stars} OR self_declared = {token})"));
        } else {
            parts.push(format!("ocop_stars >= {stars}"));
        }
    }
    if !filter.producer_kinds.is_empty() {
        parts.push(any_of("producer_kind", filter.producer_kinds.iter().map(|c| quoted(c))));
    }
    if let Some(verified) = filter.verified {
        parts.push(format!("verified = {verified}"));
    }
    if let Some(month) = filter.available_in_month {
        parts.push(format!("harvest_months IN [0, {month}]"));
    }
    if let Some(capacity) = filter.min_monthly_capacity {
        parts.push(format!("monthly_capacity >= {capacity}"));
    }
    if let Some(near) = &filter.near {
        let meters = (near.radius_km * 1000.0).round() as i64;
        parts.push(format!(
            "_geoRadius({}, {}, {meters})",
            near.center.lat, near.center.lon
        ));
    }
    parts.join(" AND ")
}

/// Sort expressions: distance, newest, or for an empty query boost then newest.
pub fn sort_for(request: &SearchRequest, browse: bool) -> Vec<String> {
    match request.sort {
        SearchSort::Distance(p) => vec![format!("_geoPoint({}, {}):asc", p.lat, p.lon)],
        SearchSort::Newest => vec!["created_at:desc".to_string()],
        SearchSort::Relevance if browse => vec!["boost:desc".to_string(), "created_at:desc".to_string()],
        SearchSort::Relevance => Vec::new(),
    }
}

/// Meilisearch's facet distribution in our shape (count desc, then value).
pub fn facets_from(distribution: Option<HashMap<String, HashMap<String, usize>>>) -> Facets {
    let mut distribution = distribution.unwrap_or_default();
    Facets::from_counts(FACETS.map(|name| {
        distribution
            .remove(name)
            .unwrap_or_default()
            .into_iter()
            .map(|(value, count)| (value, count as u64))
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DocumentKind, GeoPoint, GeoRadius};

    #[test]
    fn keys_are_meili_safe_and_distinct() {
        assert_eq!(meili_key("product:42"), "product_3A42");
        assert_ne!(meili_key("a_b"), meili_key("a:b"));
    }

    #[test]
    fn filters_are_escaped_and_joined() {
        let filter = SearchFilter {
            kinds: vec![DocumentKind::Product],
            categories: vec!["HO\"NEY".into()],
            verified: Some(true),
            near: Some(GeoRadius {
                center: GeoPoint { lat: 21.0, lon: 105.8 },
                radius_km: 2.5,
            }),
            ..Default::default()
        };
        assert_eq!(
            build_filter(&filter),
            "kind IN [\"PRODUCT\"] AND category IN [\"HO\\\"NEY\"] AND verified = true AND _geoRadius(21, 105.8, 2500)"
        );
    }
}
