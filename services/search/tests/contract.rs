//! One contract suite for every engine: each `check_*` runs on tantivy (always) and on
//! Meilisearch when MEILI_URL (and MEILI_MASTER_KEY) is set.

mod support;

use std::sync::Arc;

use coopbridge_search::{
    DocumentKind, FacetCount, GeoPoint, GeoRadius, SearchError, SearchFilter, SearchIndex, SearchRequest, SearchSort,
};
use support::{Engine, fixture, ids, sorted, strings, text};

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
    every_filter_narrows,
    geo_radius_and_distance_sort,
    newest_sort,
    facet_counts_match_fixture,
    pagination_is_stable,
    highlights_mark_and_escape,
    suggestions_complete_prefixes,
    delete_upsert_and_clear,
    bad_input_is_refused_or_sane,
);

fn idx(engine: &Engine) -> &Arc<dyn SearchIndex> {
    &engine.index
}

async fn folded_text_finds_diacritics(e: &Engine) {
    assert_eq!(ids(idx(e), &text("mat ong tuyen hoa")).await, strings(&["product:1"]));
    let found = ids(idx(e), &text("dac san")).await;
    assert_eq!(sorted(found), strings(&["fair:9", "product:4"]));
    assert_eq!(ids(idx(e), &text("Mật ong Tuyên Hóa")).await[0], "product:1");
}

async fn synonyms_work_both_ways(e: &Engine) {
    let htx = ids(idx(e), &text("HTX")).await;
    for id in ["producer:10", "producer:11", "product:1", "label:3"] {
        assert!(htx.contains(&id.to_string()), "HTX should find {id}: {htx:?}");
    }
    let written = ids(idx(e), &text("hợp tác xã chè")).await;
    assert_eq!(
        written,
        strings(&["producer:10"]),
        "'hợp tác xã chè' finds 'HTX Chè Tân Cương'"
    );
    let group = ids(idx(e), &text("THT Điện Biên")).await;
    assert_eq!(group, strings(&["product:2"]), "THT = tổ hợp tác");
    assert!(ids(idx(e), &text("htx gạo")).await.contains(&"producer:11".to_string()));
}

async fn decomposed_input_matches(e: &Engine) {
    let nfd = "Ma\u{0323}\u{0302}t ong Tuye\u{0302}n Ho\u{0301}a";
    assert_eq!(ids(idx(e), &text(nfd)).await, strings(&["product:1"]));
    let nfd_dac = "D\u{0323}a\u{0306}\u{0323}c sa\u{0309}n".replace("D\u{0323}", "\u{0110}");
    assert!(!ids(idx(e), &text(&nfd_dac)).await.is_empty());
}

async fn exact_diacritics_rank_first(e: &Engine) {
    let found = ids(idx(e), &text("bò")).await;
    assert!(
        found.contains(&"product:3".to_string()) || e.index.engine() == "meilisearch",
        "{found:?}"
    );
    assert_eq!(found[0], "product:2", "'bò' ranks beef above 'bơ': {found:?}");
}

async fn one_typo_in_long_word_is_forgiven(e: &Engine) {
    assert_eq!(ids(idx(e), &text("mat ong tuyenn hoa")).await, strings(&["product:1"]));
    let vietgap = ids(idx(e), &text("vietgapp")).await;
    assert_eq!(sorted(vietgap), strings(&["producer:10", "product:1"]));
    assert!(
        ids(idx(e), &text("mat ong tuyxyz hoa")).await.is_empty(),
        "two typos are not forgiven"
    );
}

async fn verified_is_boosted(e: &Engine) {
    let found = ids(idx(e), &text("ca phe robusta")).await;
    assert_eq!(found, strings(&["product:21", "product:20"]));
}

async fn filtered(e: &Engine, filter: SearchFilter) -> Vec<String> {
    let request = SearchRequest {
        filter,
        limit: 50,
        ..Default::default()
    };
    let response = idx(e).search(&request).await.unwrap();
    assert_eq!(response.total as usize, response.hits.len());
    sorted(response.hits.into_iter().map(|h| h.id).collect())
}

async fn every_filter_narrows(e: &Engine) {
    let f = SearchFilter::default;
    assert_eq!(filtered(e, f()).await.len(), 11);
    let kinds = SearchFilter {
        kinds: vec![DocumentKind::Producer],
        ..f()
    };
    assert_eq!(filtered(e, kinds).await, strings(&["producer:10", "producer:11"]));
    let province = SearchFilter {
        province_codes: vec![66],
        ..f()
    };
    assert_eq!(
        filtered(e, province).await,
        strings(&["product:20", "product:21", "product:3", "product:6"])
    );
    assert_eq!(
        filtered(
            e,
            SearchFilter {
                commune_codes: vec![4],
                ..f()
            }
        )
        .await,
        strings(&["product:4"])
    );
    let honey = SearchFilter {
        categories: vec!["HONEY".into()],
        ..f()
    };
    assert_eq!(filtered(e, honey).await, strings(&["product:1", "product:6"]));
    let ocop = SearchFilter {
        schemes: vec!["OCOP".into()],
        ..f()
    };
    assert_eq!(
        filtered(e, ocop).await,
        strings(&["label:3", "producer:10", "product:4"])
    );
    assert!(
        filtered(
            e,
            SearchFilter {
                schemes: vec!["NO_SUCH_SCHEME".into()],
                ..f()
            }
        )
        .await
        .is_empty()
    );
    let stars = SearchFilter {
        min_ocop_stars: Some(4),
        ..f()
    };
    assert_eq!(
        filtered(e, stars).await,
        strings(&["label:3", "producer:10", "product:1"])
    );
    let household = SearchFilter {
        producer_kinds: vec!["HOUSEHOLD".into()],
        ..f()
    };
    assert_eq!(filtered(e, household).await, strings(&["product:3", "product:4"]));
    let unverified = SearchFilter {
        verified: Some(false),
        ..f()
    };
    assert_eq!(
        filtered(e, unverified).await,
        strings(&["fair:9", "producer:11", "product:2", "product:20", "product:6"])
    );
    let september = filtered(
        e,
        SearchFilter {
            available_in_month: Some(9),
            ..f()
        },
    )
    .await;
    assert_eq!(september.len(), 9);
    assert!(!september.contains(&"product:1".to_string()) && september.contains(&"product:4".to_string()));
    let capacity = SearchFilter {
        min_monthly_capacity: Some(500),
        ..f()
    };
    assert_eq!(filtered(e, capacity).await, strings(&["product:1", "product:3"]));
    let combined = SearchFilter {
        province_codes: vec![66],
        verified: Some(true),
        ..f()
    };
    assert_eq!(filtered(e, combined).await, strings(&["product:21", "product:3"]));
    let with_text = SearchRequest {
        filter: SearchFilter {
            categories: vec!["HONEY".into()],
            ..f()
        },
        ..text("mật ong")
    };
    assert_eq!(
        sorted(ids(idx(e), &with_text).await),
        strings(&["product:1", "product:6"])
    );
}

const HANOI: GeoPoint = GeoPoint {
    lat: 21.03,
    lon: 105.85,
};

async fn geo_radius_and_distance_sort(e: &Engine) {
    let near = SearchFilter {
        near: Some(GeoRadius {
            center: HANOI,
            radius_km: 100.0,
        }),
        ..Default::default()
    };
    let request = SearchRequest {
        filter: near,
        sort: SearchSort::Distance(HANOI),
        limit: 20,
        ..Default::default()
    };
    let response = idx(e).search(&request).await.unwrap();
    let found: Vec<&str> = response.hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(found, ["product:4", "label:3", "producer:10"]);
    assert_eq!(response.total, 3);
    let distances: Vec<f64> = response.hits.iter().map(|h| h.distance_km.unwrap()).collect();
    assert!(
        distances[0] < 10.0 && distances.windows(2).all(|w| w[0] <= w[1]),
        "{distances:?}"
    );
    assert!(
        (40.0..60.0).contains(&distances[1]),
        "Hưng Yên is about 47 km from Hà Nội: {distances:?}"
    );

    let everything = SearchRequest {
        sort: SearchSort::Distance(HANOI),
        limit: 20,
        ..Default::default()
    };
    let response = idx(e).search(&everything).await.unwrap();
    assert_eq!(response.total, 11);
    assert_eq!(response.hits[0].id, "product:4");
    let last_two: Vec<Option<f64>> = response.hits[9..].iter().map(|h| h.distance_km).collect();
    assert_eq!(last_two, [None, None], "documents without a location come last");
}

async fn newest_sort(e: &Engine) {
    let request = SearchRequest {
        sort: SearchSort::Newest,
        limit: 3,
        ..Default::default()
    };
    assert_eq!(
        ids(idx(e), &request).await,
        strings(&["product:6", "fair:9", "label:3"])
    );
    let with_text = SearchRequest {
        sort: SearchSort::Newest,
        ..text("mat ong")
    };
    assert_eq!(ids(idx(e), &with_text).await, strings(&["product:6", "product:1"]));
}

fn counts(list: &[FacetCount]) -> Vec<(String, u64)> {
    list.iter().map(|c| (c.value.clone(), c.count)).collect()
}

fn pairs(v: &[(&str, u64)]) -> Vec<(String, u64)> {
    v.iter().map(|(s, c)| (s.to_string(), *c)).collect()
}

async fn facet_counts_match_fixture(e: &Engine) {
    let request = SearchRequest {
        facets: true,
        limit: 0,
        ..Default::default()
    };
    let response = idx(e).search(&request).await.unwrap();
    assert_eq!(response.total, 11);
    assert!(response.hits.is_empty());
    let f = response.facets.unwrap();
    assert_eq!(
        counts(&f.kind),
        pairs(&[("PRODUCT", 7), ("PRODUCER", 2), ("BRAND_LABEL", 1), ("FAIR", 1)])
    );
    assert_eq!(counts(&f.province)[0], ("66".to_string(), 4));
    assert_eq!(f.province.len(), 8);
    assert_eq!(
        counts(&f.category),
        pairs(&[
            ("COFFEE", 2),
            ("HONEY", 2),
            ("FRUIT", 1),
            ("MEAT", 1),
            ("PROCESSED_FOOD", 1)
        ])
    );
    assert_eq!(counts(&f.scheme), pairs(&[("OCOP", 3), ("VIETGAP", 2)]));
    assert_eq!(counts(&f.ocop_stars), pairs(&[("4", 2), ("3", 1), ("5", 1)]));
    assert_eq!(
        counts(&f.producer_kind),
        pairs(&[("COOPERATIVE", 7), ("HOUSEHOLD", 2), ("COOPERATIVE_GROUP", 1)])
    );
    assert_eq!(counts(&f.verified), pairs(&[("true", 6), ("false", 5)]));

    let filtered = SearchRequest {
        filter: SearchFilter {
            province_codes: vec![66],
            ..Default::default()
        },
        ..request
    };
    let f = idx(e).search(&filtered).await.unwrap().facets.unwrap();
    assert_eq!(counts(&f.category), pairs(&[("COFFEE", 2), ("FRUIT", 1), ("HONEY", 1)]));
    assert_eq!(counts(&f.verified), pairs(&[("false", 2), ("true", 2)]));
    assert_eq!(counts(&f.kind), pairs(&[("PRODUCT", 4)]));
}

async fn pagination_is_stable(e: &Engine) {
    for query in ["", "hop tac xa"] {
        let mut seen = Vec::new();
        let full = idx(e)
            .search(&SearchRequest {
                text: query.into(),
                limit: 100,
                ..Default::default()
            })
            .await
            .unwrap();
        for offset in (0..12).step_by(4) {
            let page = SearchRequest {
                text: query.into(),
                offset,
                limit: 4,
                ..Default::default()
            };
            let response = idx(e).search(&page).await.unwrap();
            assert_eq!(response.total, full.total);
            seen.extend(response.hits.into_iter().map(|h| h.id));
        }
        let all: Vec<String> = full.hits.into_iter().map(|h| h.id).collect();
        assert_eq!(seen, all, "pages of 4 concatenate to the full list for {query:?}");
    }
    let odd = SearchRequest {
        offset: 3,
        limit: 2,
        ..Default::default()
    };
    let all = ids(
        idx(e),
        &SearchRequest {
            limit: 20,
            ..Default::default()
        },
    )
    .await;
    assert_eq!(ids(idx(e), &odd).await, all[3..5].to_vec());
}

async fn highlights_mark_and_escape(e: &Engine) {
    let request = SearchRequest {
        highlight: true,
        ..text("mat ong tuyen hoa")
    };
    let hit = idx(e).search(&request).await.unwrap().hits.remove(0);
    assert_eq!(
        hit.title_highlight.as_deref(),
        Some("<mark>Mật</mark> <mark>ong</mark> <mark>Tuyên</mark> <mark>Hóa</mark>")
    );
    let request = SearchRequest {
        highlight: true,
        filter: kinds_product_only(),
        ..text("dac san")
    };
    let hit = idx(e).search(&request).await.unwrap().hits.remove(0);
    assert_eq!(
        hit.title_highlight.as_deref(),
        Some("<mark>Đặc</mark> <mark>sản</mark> cốm làng Vòng &amp; &lt;bánh&gt; cốm")
    );
    assert!(
        idx(e).search(&text("dac san")).await.unwrap().hits[0]
            .title_highlight
            .is_none()
    );
}

fn kinds_product_only() -> SearchFilter {
    SearchFilter {
        kinds: vec![DocumentKind::Product],
        ..Default::default()
    }
}

async fn suggestions_complete_prefixes(e: &Engine) {
    let found = idx(e).suggest("mat o", &[], 10).await.unwrap();
    let titles: Vec<&str> = found.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(
        sorted(titles.iter().map(|t| t.to_string()).collect()),
        strings(&["Mật ong Tuyên Hóa", "Mật ong hoa cà phê"])
    );
    let coffee = idx(e).suggest("cà ph", &[DocumentKind::Product], 10).await.unwrap();
    let coffee_titles: Vec<&str> = coffee.iter().map(|s| s.text.as_str()).collect();
    assert!(coffee_titles.contains(&"Cà phê Robusta Buôn Ma Thuột"));
    assert_eq!(
        coffee_titles
            .iter()
            .filter(|t| **t == "Cà phê Robusta Buôn Ma Thuột")
            .count(),
        1,
        "deduplicated"
    );
    let producers = idx(e).suggest("hop t", &[DocumentKind::Producer], 10).await.unwrap();
    assert_eq!(
        producers.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        ["producer:11"]
    );
    assert_eq!(idx(e).suggest("m", &[], 1).await.unwrap().len(), 1);
    assert!(idx(e).suggest("  ", &[], 5).await.unwrap().is_empty());
}

async fn delete_upsert_and_clear(e: &Engine) {
    assert_eq!(idx(e).document_count().await.unwrap(), 11);
    let mut changed = fixture().remove(0);
    changed.title = "Mật ong bạc hà Đồng Văn".into();
    changed.producer_name = Some("Hợp tác xã Ong Đồng Văn".into());
    changed.text = String::new();
    idx(e).upsert(vec![changed]).await.unwrap();
    assert_eq!(idx(e).document_count().await.unwrap(), 11, "upsert replaces");
    assert!(ids(idx(e), &text("tuyen hoa")).await.is_empty());
    assert_eq!(ids(idx(e), &text("bac ha dong van")).await, strings(&["product:1"]));

    idx(e).delete(strings(&["product:1", "product:999"])).await.unwrap();
    idx(e).delete(strings(&["product:1"])).await.unwrap();
    assert_eq!(idx(e).document_count().await.unwrap(), 10);
    assert!(ids(idx(e), &text("dong van")).await.is_empty());

    idx(e).clear().await.unwrap();
    assert_eq!(idx(e).document_count().await.unwrap(), 0);
    assert_eq!(idx(e).search(&text("")).await.unwrap().total, 0);
    idx(e).upsert(fixture()).await.unwrap();
    assert_eq!(idx(e).document_count().await.unwrap(), 11);
    idx(e).health().await.unwrap();
}

fn field_of(result: Result<coopbridge_search::SearchResponse, SearchError>) -> String {
    match result {
        Err(SearchError::InvalidRequest { field, .. }) => field,
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
}

async fn bad_input_is_refused_or_sane(e: &Engine) {
    let long = "mật ong tuyên hóa ".repeat(600);
    assert!(long.chars().count() >= 10_000);
    let response = idx(e).search(&text(&long)).await.unwrap();
    assert!(response.total <= 11);
    let noise: String = (0..10_000).map(|i| char::from(b'!' + (i % 90) as u8)).collect();
    idx(e).search(&text(&noise)).await.unwrap();
    assert_eq!(
        idx(e).search(&text(" ,.;!? ")).await.unwrap().total,
        11,
        "punctuation only = browse"
    );
    assert_eq!(
        field_of(
            idx(e)
                .search(&SearchRequest {
                    limit: 101,
                    ..Default::default()
                })
                .await
        ),
        "limit"
    );
    let bad_point = GeoPoint { lat: 200.0, lon: 0.0 };
    let near = SearchFilter {
        near: Some(GeoRadius {
            center: bad_point,
            radius_km: 5.0,
        }),
        ..Default::default()
    };
    assert_eq!(
        field_of(
            idx(e)
                .search(&SearchRequest {
                    filter: near,
                    limit: 5,
                    ..Default::default()
                })
                .await
        ),
        "near"
    );
    let nan = SearchSort::Distance(GeoPoint {
        lat: f64::NAN,
        lon: 10.0,
    });
    assert_eq!(
        field_of(
            idx(e)
                .search(&SearchRequest {
                    sort: nan,
                    limit: 5,
                    ..Default::default()
                })
                .await
        ),
        "sort"
    );
    let zero_radius = SearchFilter {
        near: Some(GeoRadius {
            center: HANOI,
            radius_km: -1.0,
        }),
        ..Default::default()
    };
    assert_eq!(
        field_of(
            idx(e)
                .search(&SearchRequest {
                    filter: zero_radius,
                    ..Default::default()
                })
                .await
        ),
        "near"
    );
    let unknown = SearchFilter {
        categories: vec!["<script>".into()],
        province_codes: vec![-5],
        ..Default::default()
    };
    assert_eq!(
        idx(e)
            .search(&SearchRequest {
                filter: unknown,
                limit: 5,
                ..Default::default()
            })
            .await
            .unwrap()
            .total,
        0
    );
    assert!(idx(e).suggest(&"x".repeat(10_000), &[], 1000).await.unwrap().len() <= 20);
}

#[tokio::test]
async fn tantivy_index_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let config = || coopbridge_search::SearchConfig::Tantivy {
        dir: dir.path().join("index"),
    };
    let index = coopbridge_search::open(config()).await.unwrap();
    assert_eq!(index.engine(), "tantivy");
    index.upsert(fixture()).await.unwrap();
    drop(index);
    let reopened = coopbridge_search::open(config()).await.unwrap();
    assert_eq!(reopened.document_count().await.unwrap(), 11);
    assert_eq!(
        ids(&reopened, &text("mat ong tuyen hoa")).await,
        strings(&["product:1"])
    );
}
