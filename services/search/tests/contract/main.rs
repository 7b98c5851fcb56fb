//! One contract suite for every engine: each check below runs on tantivy (always) and on
//! Meilisearch when MEILI_URL (and MEILI_MASTER_KEY) is set.

mod browsing;
mod claims;
mod lifecycle;
mod matching;
mod meili_pending;
mod meili_rebuild;
mod support;

use browsing::*;
use claims::*;
use lifecycle::*;
use matching::*;

use std::sync::Arc;

use coopbridge_search::SearchIndex;
use support::Engine;

macro_rules! contract {
    ($($name:ident),* $(,)?) => {
        mod tantivy_engine {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let engine = crate::support::tantivy().await;
                engine.index.upsert(crate::support::fixture()).await.unwrap();
                crate::$name(&engine).await;
            })*
        }
        mod meilisearch_engine {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let Some(engine) = crate::support::meilisearch(stringify!($name)).await else {
                    eprintln!("MEILI_URL unset: Meilisearch half skipped");
                    return;
                };
                engine.index.upsert(crate::support::fixture()).await.unwrap();
                crate::$name(&engine).await;
            })*
        }
    };
}

contract!(
    folded_text_finds_diacritics,
    synonyms_work_both_ways,
    decomposed_input_matches,
    exact_diacritics_rank_first,
    one_typo_in_long_word_is_forgiven,
    verified_is_boosted,
    title_outranks_producer_outranks_text,
    every_filter_narrows,
    geo_radius_and_distance_sort,
    newest_sort,
    facet_counts_match_fixture,
    pagination_is_stable,
    highlights_mark_and_escape,
    suggestions_complete_prefixes,
    delete_upsert_and_clear,
    bad_input_is_refused_or_sane,
    self_declared_certificates_match_only_on_request,
);

pub(crate) fn idx(engine: &Engine) -> &Arc<dyn SearchIndex> {
    &engine.index
}
