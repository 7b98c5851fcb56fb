//! Filters, geo, sorts, facets and pagination.

use coopbridge_search::{DocumentKind, FacetCount, GeoPoint, GeoRadius, SearchFilter, SearchRequest, SearchSort};

use crate::idx;
use crate::support::{Engine, ids, sorted, strings, text};

pub(crate) async fn filtered(e: &Engine, filter: SearchFilter) -> Vec<String> {
    let request = SearchRequest {
        filter,
        limit: 50,
        ..Default::default()
    };
    let response = idx(e).search(&request).await.unwrap();
    assert_eq!(response.total as usize, response.hits.len());
    sorted(response.hits.into_iter().map(|h| h.id).collect())
}

pub(crate) async fn every_filter_narrows(e: &Engine) {
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

pub(crate) const HANOI: GeoPoint = GeoPoint {
    lat: 21.03,
    lon: 105.85,
};

pub(crate) async fn geo_radius_and_distance_sort(e: &Engine) {
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

pub(crate) async fn newest_sort(e: &Engine) {
    let request = SearchRequest {
        sort: SearchSort::Newest,
        limit: 3,
        ..Default::default()
    };
    assert_eq!(
        ids(idx(e), &request).await,
        strings(&["product:6", "fair:9", "label:3"])
    );
    // Browse (no text) by relevance: verified + certified first, newest among them.
    let browse = SearchRequest {
        limit: 4,
        ..Default::default()
    };
    assert_eq!(
        ids(idx(e), &browse).await,
        strings(&["label:3", "producer:10", "product:4", "product:1"])
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

pub(crate) async fn facet_counts_match_fixture(e: &Engine) {
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

pub(crate) async fn pagination_is_stable(e: &Engine) {
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
