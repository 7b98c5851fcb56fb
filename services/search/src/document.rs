//! What the engines index: a [`SearchDocument`] of one kind (product,
//! producer, brand label, event), with its place, its certification tokens
//! and where on the map it is.

use serde::{Deserialize, Serialize};

use crate::SearchError;

/// What a search hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DocumentKind {
    Product,
    Producer,
    BrandLabel,
    /// A trade fair, connection conference or market: GraphQL's `Event`. Its
    /// stored name stays "FAIR" so indexes and outbox rows written before the
    /// rename keep working without a rebuild.
    #[serde(rename = "FAIR")]
    Event,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 4] = [
        DocumentKind::Product,
        DocumentKind::Producer,
        DocumentKind::BrandLabel,
        DocumentKind::Event,
    ];

    /// Stable name used in indexes and facet values: "PRODUCT", "PRODUCER", "BRAND_LABEL", "FAIR".
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Product => "PRODUCT",
            DocumentKind::Producer => "PRODUCER",
            DocumentKind::BrandLabel => "BRAND_LABEL",
            DocumentKind::Event => "FAIR",
        }
    }

    pub fn parse(value: &str) -> Option<DocumentKind> {
        DocumentKind::ALL.into_iter().find(|k| k.as_str() == value)
    }
}

/// A point in WGS84 degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GeoPoint {
    pub lat: f64,
    pub lon: f64,
}

impl GeoPoint {
    /// Checks the point is finite with lat in -90..=90 and lon in -180..=180; `field` names it in the error.
    pub fn validate(&self, field: &str) -> Result<(), SearchError> {
        let ok = self.lat.is_finite()
            && self.lon.is_finite()
            && (-90.0..=90.0).contains(&self.lat)
            && (-180.0..=180.0).contains(&self.lon);
        if ok {
            Ok(())
        } else {
            Err(SearchError::invalid(
                field,
                "a point needs a latitude between -90 and 90 and a longitude between -180 and 180",
            ))
        }
    }

    /// Great-circle distance in kilometres (haversine).
    pub fn distance_km(&self, other: &GeoPoint) -> f64 {
        const EARTH_RADIUS_KM: f64 = 6371.0088;
        let (lat1, lat2) = (self.lat.to_radians(), other.lat.to_radians());
        let dlat = lat2 - lat1;
        let dlon = (other.lon - self.lon).to_radians();
        let a = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
        2.0 * EARTH_RADIUS_KM * a.sqrt().min(1.0).asin()
    }
}

/// One searchable thing: a product, a producer (cooperative), a brand label or an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchDocument {
    /// "product:42", "producer:7", "label:3", "fair:9" — unique across kinds.
    pub id: String,
    pub kind: DocumentKind,
    /// NFC with diacritics: product / cooperative / label / fair name.
    pub title: String,
    /// For products and labels: the cooperative's name (searchable).
    pub producer_name: Option<String>,
    /// Description, sectors, packaging, issuer… (searchable, lower weight).
    pub text: String,
    pub province_code: Option<i32>,
    pub commune_code: Option<i32>,
    /// Product category code, e.g. "HONEY".
    pub category: Option<String>,
    /// Current certification schemes an organizer verified, e.g. ["VIETGAP", "OCOP"].
    pub schemes: Vec<String>,
    /// Best verified current OCOP star rating (3..=5).
    pub ocop_stars: Option<i32>,
    /// Current schemes only self-declared (not yet verified): matched by the
    /// scheme filter only with [`SearchFilter::include_self_declared`].
    #[serde(default)]
    pub self_declared_schemes: Vec<String>,
    /// Best self-declared OCOP star rating, likewise.
    #[serde(default)]
    pub self_declared_ocop_stars: Option<i32>,
    /// "COOPERATIVE", "COOPERATIVE_GROUP", "HOUSEHOLD", ...
    pub producer_kind: Option<String>,
    pub verified: bool,
    pub has_current_certificate: bool,
    pub location: Option<GeoPoint>,
    /// 1..=12; empty = all year round.
    pub harvest_months: Vec<u8>,
    pub monthly_capacity: Option<i64>,
    pub price_min_vnd: Option<i64>,
    pub price_max_vnd: Option<i64>,
    /// Unix seconds, for "newest".
    pub created_at: i64,
}

impl SearchDocument {
    /// The self-declared claims as filter tokens, the same in both engines:
    /// each scheme code, and `ocop>=N` for every star level up to the claimed
    /// one (so "at least N stars" is one token lookup).
    pub fn self_declared_tokens(&self) -> Vec<String> {
        let mut tokens = self.self_declared_schemes.clone();
        if let Some(stars) = self.self_declared_ocop_stars {
            tokens.extend((1..=stars.min(5)).map(self_declared_stars_token));
        }
        tokens
    }
}

/// The token of "self-declares at least `stars` OCOP stars".
pub fn self_declared_stars_token(stars: i32) -> String {
    format!("ocop>={stars}")
}
