//! Turns a [`SearchRequest`] into a tantivy query: every query position must match (by its typed
//! words or a synonym), exact-diacritic matches score above folded ones, title above producer
//! name above text, a one-typo match scores lowest. Filters add no score.

use std::ops::Bound;

use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, FuzzyTermQuery, Occur, PhrasePrefixQuery,
    PhraseQuery, Query, RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption};

use super::schema::{ALL_YEAR, Fields, self_declared};
use crate::text::{Alternative, ParsedQuery, QueryWord};
use crate::{DocumentKind, SearchFilter};

const TITLE: f32 = 3.0;
const PRODUCER: f32 = 1.5;
const TEXT: f32 = 0.6;
/// Extra weight of an exact-diacritic match on top of its folded match.
const EXACT: f32 = 1.5;
/// Weight of a one-typo match relative to a folded match.
const FUZZY: f32 = 0.3;

type Clause = (Occur, Box<dyn Query>);

fn boosted(query: Box<dyn Query>, weight: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(query, weight))
}

fn term_query(field: Field, word: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, word),
        IndexRecordOption::WithFreqs,
    ))
}

fn phrase_or_term(field: Field, words: &[&str]) -> Box<dyn Query> {
    if words.len() == 1 {
        term_query(field, words[0])
    } else {
        Box::new(PhraseQuery::new(
            words.iter().map(|w| Term::from_field_text(field, w)).collect(),
        ))
    }
}

/// The ways a document can match one alternative (a word or a phrase).
fn alternative_clauses(fields: &Fields, alt: &Alternative, out: &mut Vec<Clause>) {
    let targets = [
        (fields.title_exact, fields.title_folded, TITLE),
        (fields.producer_exact, fields.producer_folded, PRODUCER),
        (fields.text_exact, fields.text_folded, TEXT),
    ];
    let folded: Vec<&str> = alt.iter().map(|w| w.folded.as_str()).collect();
    let exact: Option<Vec<&str>> = alt.iter().map(|w| w.exact.as_deref()).collect();
    let with_diacritics = alt.iter().any(QueryWord::has_diacritics);
    for (exact_field, folded_field, weight) in targets {
        out.push((Occur::Should, boosted(phrase_or_term(folded_field, &folded), weight)));
        if let (Some(exact), true) = (&exact, with_diacritics) {
            out.push((
                Occur::Should,
                boosted(phrase_or_term(exact_field, exact), weight * EXACT),
            ));
        }
        if let [word] = alt.as_slice()
            && word.forgives_typo()
        {
            let fuzzy = FuzzyTermQuery::new(Term::from_field_text(folded_field, &word.folded), 1, true);
            out.push((Occur::Should, boosted(Box::new(fuzzy), weight * FUZZY)));
        }
    }
}

/// The scoring text part; `None` for an empty query (browse).
pub fn text_query(fields: &Fields, parsed: &ParsedQuery) -> Option<Box<dyn Query>> {
    if parsed.is_empty() {
        return None;
    }
    let groups: Vec<Clause> = parsed
        .groups
        .iter()
        .map(|group| {
            let mut clauses = Vec::new();
            for alt in &group.alternatives {
                alternative_clauses(fields, alt, &mut clauses);
            }
            (Occur::Must, Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>)
        })
        .collect();
    Some(Box::new(BooleanQuery::new(groups)))
}

fn any_text(field: Field, values: &[String]) -> Box<dyn Query> {
    Box::new(TermSetQuery::new(
        values.iter().map(|v| Term::from_field_text(field, v)),
    ))
}

fn any_i64(field: Field, values: &[i32]) -> Box<dyn Query> {
    Box::new(TermSetQuery::new(
        values.iter().map(|v| Term::from_field_i64(field, (*v).into())),
    ))
}

fn at_least_i64(field: Field, min: i64) -> Box<dyn Query> {
    Box::new(RangeQuery::new(
        Bound::Included(Term::from_field_i64(field, min)),
        Bound::Unbounded,
    ))
}

fn f64_between(field: Field, low: f64, high: f64) -> Box<dyn Query> {
    Box::new(RangeQuery::new(
        Bound::Included(Term::from_field_f64(field, low)),
        Bound::Included(Term::from_field_f64(field, high)),
    ))
}

/// Filter clauses (no score). The radius filter is a bounding box here; the collector applies
/// the exact great-circle distance.
pub fn filter_clauses(fields: &Fields, filter: &SearchFilter) -> Vec<Box<dyn Query>> {
    let mut out: Vec<Box<dyn Query>> = Vec::new();
    if !filter.kinds.is_empty() {
        let kinds: Vec<String> = filter.kinds.iter().map(|k| k.as_str().to_string()).collect();
        out.push(any_text(fields.kind, &kinds));
    }
    if !filter.province_codes.is_empty() {
        out.push(any_i64(fields.province, &filter.province_codes));
    }
    if !filter.commune_codes.is_empty() {
        out.push(any_i64(fields.commune, &filter.commune_codes));
    }
    if !filter.categories.is_empty() {
        out.push(any_text(fields.category, &filter.categories));
    }
    if !filter.schemes.is_empty() {
        let mut values = filter.schemes.clone();
        if filter.include_self_declared {
            values.extend(filter.schemes.iter().map(|s| self_declared(s)));
        }
        out.push(any_text(fields.scheme, &values));
    }
    if let Some(stars) = filter.min_ocop_stars {
        let verified = at_least_i64(fields.ocop, stars.into());
        if filter.include_self_declared {
            let claimed = term_query(fields.scheme, &self_declared(&crate::self_declared_stars_token(stars)));
            out.push(Box::new(BooleanQuery::new(vec![
                (Occur::Should, verified),
                (Occur::Should, claimed),
            ])));
        } else {
            out.push(verified);
        }
    }
    if !filter.producer_kinds.is_empty() {
        out.push(any_text(fields.producer_kind, &filter.producer_kinds));
    }
    if let Some(verified) = filter.verified {
        out.push(Box::new(TermQuery::new(
            Term::from_field_bool(fields.verified, verified),
            IndexRecordOption::Basic,
        )));
    }
    if let Some(month) = filter.available_in_month {
        let terms = [ALL_YEAR, month as u64].map(|m| Term::from_field_u64(fields.month, m));
        out.push(Box::new(TermSetQuery::new(terms)));
    }
    if let Some(capacity) = filter.min_monthly_capacity {
        out.push(at_least_i64(fields.capacity, capacity));
    }
    if let Some(near) = &filter.near {
        let c = near.center;
        let dlat = near.radius_km / 110.574 + 1e-6;
        let dlon = near.radius_km / (111.320 * c.lat.to_radians().cos().max(0.01)) + 1e-6;
        out.push(f64_between(
            fields.lat,
            (c.lat - dlat).max(-90.0),
            (c.lat + dlat).min(90.0),
        ));
        if dlon < 180.0 && c.lon - dlon >= -180.0 && c.lon + dlon <= 180.0 {
            out.push(f64_between(fields.lon, c.lon - dlon, c.lon + dlon));
        }
    }
    out
}

/// Text part (scored) and filters (unscored) together.
pub fn combine(text: Option<Box<dyn Query>>, filters: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    let mut clauses: Vec<Clause> = Vec::new();
    match text {
        Some(text) => clauses.push((Occur::Must, text)),
        None => clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(Box::new(AllQuery), 1.0)))),
    }
    for filter in filters {
        clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))));
    }
    Box::new(BooleanQuery::new(clauses))
}

/// Titles whose folded words start with the typed ones: "mat o" → "Mật ong…".
pub fn suggest_query(fields: &Fields, prefix: &str, kinds: &[DocumentKind]) -> Box<dyn Query> {
    let words: Vec<String> = crate::text::query_words(prefix).into_iter().map(|w| w.folded).collect();
    if words.is_empty() {
        return Box::new(EmptyQuery);
    }
    let mut prefix_query = PhrasePrefixQuery::new(
        words
            .iter()
            .map(|w| Term::from_field_text(fields.title_folded, w))
            .collect(),
    );
    prefix_query.set_max_expansions(200);
    let mut filters = Vec::new();
    if !kinds.is_empty() {
        let kinds: Vec<String> = kinds.iter().map(|k| k.as_str().to_string()).collect();
        filters.push(any_text(fields.kind, &kinds));
    }
    combine(Some(Box::new(prefix_query)), filters)
}
