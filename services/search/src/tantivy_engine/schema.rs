//! The tantivy schema: an exact (NFC, lower-case) and a folded (no diacritics) copy of every
//! searchable text, plus indexed/fast fields for filters, facets, sorting and geo.

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, NumericOptions, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer};
use tantivy::{Index, TantivyDocument};

use crate::{SearchDocument, text};

/// Our tokenizer: split on non-alphanumerics, drop absurdly long tokens, lower-case. Texts are
/// NFC-normalized (exact fields) or folded (folded fields) before they reach it.
pub const TOKENIZER: &str = "coopbridge_vi";

pub fn register_tokenizer(index: &Index) {
    let analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(64))
        .filter(LowerCaser)
        .build();
    index.tokenizers().register(TOKENIZER, analyzer);
}

/// Field handles, resolved once.
#[derive(Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub kind: Field,
    pub title: Field,
    pub title_exact: Field,
    pub title_folded: Field,
    pub producer_exact: Field,
    pub producer_folded: Field,
    pub text_exact: Field,
    pub text_folded: Field,
    pub province: Field,
    pub commune: Field,
    pub category: Field,
    pub scheme: Field,
    pub ocop: Field,
    pub producer_kind: Field,
    pub verified: Field,
    pub lat: Field,
    pub lon: Field,
    pub month: Field,
    pub capacity: Field,
    pub created_at: Field,
    pub boost: Field,
}

/// Prefix of self-declared claim tokens in the scheme field.
pub const SELF_DECLARED_PREFIX: &str = "self_declared:";

pub fn self_declared(token: &str) -> String {
    format!("{SELF_DECLARED_PREFIX}{token}")
}

/// Month value stored for documents available all year.
pub const ALL_YEAR: u64 = 0;

pub fn build_schema() -> Schema {
    let mut b = Schema::builder();
    let searchable = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let num = NumericOptions::default() | INDEXED | FAST;
    b.add_text_field("id", STRING | STORED);
    b.add_text_field("kind", STRING | FAST | STORED);
    b.add_text_field("title", STORED);
    for name in [
        "title_exact",
        "title_folded",
        "producer_exact",
        "producer_folded",
        "text_exact",
        "text_folded",
    ] {
        b.add_text_field(name, searchable.clone());
    }
    b.add_i64_field("province", num.clone());
    b.add_i64_field("commune", num.clone());
    b.add_text_field("category", STRING | FAST);
    b.add_text_field("scheme", STRING | FAST);
    b.add_i64_field("ocop", num.clone());
    b.add_text_field("producer_kind", STRING | FAST);
    b.add_bool_field("verified", num.clone());
    b.add_f64_field("lat", num.clone());
    b.add_f64_field("lon", num.clone());
    b.add_u64_field("month", num.clone());
    b.add_i64_field("capacity", num.clone());
    b.add_i64_field("created_at", num.clone());
    b.add_f64_field("boost", NumericOptions::default() | FAST);
    b.build()
}

impl Fields {
    pub fn resolve(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |name: &str| schema.get_field(name);
        Ok(Fields {
            id: f("id")?,
            kind: f("kind")?,
            title: f("title")?,
            title_exact: f("title_exact")?,
            title_folded: f("title_folded")?,
            producer_exact: f("producer_exact")?,
            producer_folded: f("producer_folded")?,
            text_exact: f("text_exact")?,
            text_folded: f("text_folded")?,
            province: f("province")?,
            commune: f("commune")?,
            category: f("category")?,
            scheme: f("scheme")?,
            ocop: f("ocop")?,
            producer_kind: f("producer_kind")?,
            verified: f("verified")?,
            lat: f("lat")?,
            lon: f("lon")?,
            month: f("month")?,
            capacity: f("capacity")?,
            created_at: f("created_at")?,
            boost: f("boost")?,
        })
    }

    pub fn document(&self, doc: &SearchDocument) -> TantivyDocument {
        let mut d = TantivyDocument::default();
        d.add_text(self.id, &doc.id);
        d.add_text(self.kind, doc.kind.as_str());
        d.add_text(self.title, &doc.title);
        let mut pair = |exact_field: Field, folded_field: Field, value: &str| {
            d.add_text(exact_field, text::exact(value));
            d.add_text(folded_field, text::fold(value));
        };
        pair(self.title_exact, self.title_folded, &doc.title);
        if let Some(producer) = &doc.producer_name {
            pair(self.producer_exact, self.producer_folded, producer);
        }
        pair(self.text_exact, self.text_folded, &doc.text);
        if let Some(v) = doc.province_code {
            d.add_i64(self.province, v.into());
        }
        if let Some(v) = doc.commune_code {
            d.add_i64(self.commune, v.into());
        }
        if let Some(v) = &doc.category {
            d.add_text(self.category, v);
        }
        for scheme in &doc.schemes {
            d.add_text(self.scheme, scheme);
        }
        // Self-declared claims share the scheme field under a prefix (no new
        // field, so existing indexes open unchanged); facets skip them.
        for token in doc.self_declared_tokens() {
            d.add_text(self.scheme, self_declared(&token));
        }
        if let Some(v) = doc.ocop_stars {
            d.add_i64(self.ocop, v.into());
        }
        if let Some(v) = &doc.producer_kind {
            d.add_text(self.producer_kind, v);
        }
        d.add_bool(self.verified, doc.verified);
        if let Some(p) = doc.location.filter(|p| p.validate("location").is_ok()) {
            d.add_f64(self.lat, p.lat);
            d.add_f64(self.lon, p.lon);
        }
        let months: Vec<u64> = doc
            .harvest_months
            .iter()
            .filter(|m| (1..=12).contains(*m))
            .map(|m| *m as u64)
            .collect();
        if months.is_empty() {
            d.add_u64(self.month, ALL_YEAR);
        }
        for m in months {
            d.add_u64(self.month, m);
        }
        if let Some(v) = doc.monthly_capacity {
            d.add_i64(self.capacity, v);
        }
        d.add_i64(self.created_at, doc.created_at);
        d.add_f64(self.boost, boost(doc));
        d
    }
}

/// Ranking multiplier: verified producers and current certificates come first among equals.
pub fn boost(doc: &SearchDocument) -> f64 {
    1.0 + if doc.verified { 0.5 } else { 0.0 } + if doc.has_current_certificate { 0.25 } else { 0.0 }
}
