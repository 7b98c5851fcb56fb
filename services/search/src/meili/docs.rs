//! What Meilisearch stores and how its index is configured.
//!
//! Kept lean because indexing time grows with every searchable and filterable value
//! (measured on the 130,290-document benchmark set, all documents enqueued at once):
//! 37 s with the tantivy-style `*_folded` copies searchable, word-pair proximity and
//! `marks` from every text; 17–18 s without the copies (Meilisearch folds diacritics
//! itself), with `proximityPrecision: byAttribute` and marks from titles and names only.

use std::collections::HashMap;

use meilisearch_sdk::settings::{
    FacetingSettings, MinWordSizeForTypos, PaginationSetting, Settings, TypoToleranceSettings,
};
use serde::{Deserialize, Serialize};

use super::query::meili_key;
use crate::{DocumentKind, SearchDocument, text};

/// Highest `total` Meilisearch counts exactly.
pub const MAX_TOTAL_HITS: usize = 200_000;
/// In rank order (the `attribute` rule): title, then cooperative, then the rest.
pub const SEARCHABLE: [&str; 3] = ["title", "producer_name", "text"];
pub const FACETS: [&str; 7] = [
    "province_code",
    "category",
    "schemes",
    "ocop_stars",
    "producer_kind",
    "verified",
    "kind",
];

#[derive(Debug, Serialize, Deserialize)]
pub struct MeiliGeo {
    pub lat: f64,
    pub lng: f64,
}

#[derive(Debug, Serialize)]
pub struct MeiliDocument<'a> {
    key: String,
    id: &'a str,
    kind: &'static str,
    title: &'a str,
    producer_name: Option<&'a str>,
    text: &'a str,
    province_code: Option<i32>,
    commune_code: Option<i32>,
    category: Option<&'a str>,
    schemes: &'a [String],
    ocop_stars: Option<i32>,
    /// Self-declared claims as tokens (see `SearchDocument::self_declared_tokens`).
    self_declared: Vec<String>,
    producer_kind: Option<&'a str>,
    verified: bool,
    has_current_certificate: bool,
    #[serde(rename = "_geo", skip_serializing_if = "Option::is_none")]
    geo: Option<MeiliGeo>,
    /// 0 = all year round.
    harvest_months: Vec<u8>,
    monthly_capacity: Option<i64>,
    created_at: i64,
    boost: f64,
    /// Telex spellings of the marked words of the title and the cooperative's name (see
    /// [`super::marks`]), for exact-diacritics ranking.
    marks: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct MeiliHit {
    pub id: String,
    pub kind: DocumentKind,
    pub title: String,
    #[serde(rename = "_geo")]
    pub geo: Option<MeiliGeo>,
}

pub fn to_meili(doc: &SearchDocument) -> MeiliDocument<'_> {
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
        producer_name: doc.producer_name.as_deref(),
        text: &doc.text,
        province_code: doc.province_code,
        commune_code: doc.commune_code,
        category: doc.category.as_deref(),
        schemes: &doc.schemes,
        ocop_stars: doc.ocop_stars,
        self_declared: doc.self_declared_tokens(),
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
        // Not the description: its marks cost a quarter of the indexing time (see the module docs).
        marks: super::marks::marked_words(
            [Some(doc.title.as_str()), doc.producer_name.as_deref()]
                .into_iter()
                .flatten(),
        ),
    }
}

pub fn settings() -> Settings {
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
            "self_declared",
            "producer_kind",
            "verified",
            "harvest_months",
            "monthly_capacity",
            "marks",
            "_geo",
        ])
        .with_sortable_attributes(["created_at", "boost", "_geo"])
        // Proximity counts only as "in the same attribute": word-pair distances are the
        // costliest thing Meilisearch indexes, and titles and names are short.
        .with_proximity_precision("byAttribute")
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
