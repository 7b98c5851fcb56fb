//! Highlights, suggestions, writes and bad input.

use coopbridge_search::{DocumentKind, GeoPoint, GeoRadius, SearchError, SearchFilter, SearchRequest, SearchSort};

use crate::browsing::HANOI;
use crate::idx;
use crate::support::{Engine, fixture, ids, sorted, strings, text};

pub(crate) async fn highlights_mark_and_escape(e: &Engine) {
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

pub(crate) async fn suggestions_complete_prefixes(e: &Engine) {
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

pub(crate) async fn delete_upsert_and_clear(e: &Engine) {
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

pub(crate) async fn bad_input_is_refused_or_sane(e: &Engine) {
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
pub(crate) async fn tantivy_index_survives_reopening() {
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

#[tokio::test]
async fn meilisearch_down_is_unavailable() {
    let config = coopbridge_search::SearchConfig::Meilisearch {
        url: "http://127.0.0.1:9".into(),
        api_key: Some("masterKey".into()),
        index: "coopbridge_down".into(),
        timeout: std::time::Duration::from_secs(5),
    };
    match coopbridge_search::open(config).await {
        Err(SearchError::Unavailable(_)) => {}
        Err(other) => panic!("expected Unavailable, got {other:?}"),
        Ok(_) => panic!("nothing listens on port 9"),
    }
}
