//! Fixture documents and engine openers for the contract suite.

use std::sync::Arc;
use std::time::Duration;

use coopbridge_search::{DocumentKind, GeoPoint, SearchConfig, SearchDocument, SearchIndex, SearchRequest};

/// An engine under test; keeps its temp dir alive.
pub struct Engine {
    pub index: Arc<dyn SearchIndex>,
    pub _dir: Option<tempfile::TempDir>,
}

pub async fn tantivy() -> Engine {
    let dir = tempfile::tempdir().unwrap();
    let index = coopbridge_search::open(SearchConfig::Tantivy {
        dir: dir.path().join("index"),
    })
    .await
    .unwrap();
    Engine { index, _dir: Some(dir) }
}

/// MEILI_URL and MEILI_MASTER_KEY; `None` when MEILI_URL is unset.
pub fn meili_env() -> Option<(String, Option<String>)> {
    let url = std::env::var("MEILI_URL").ok().filter(|u| !u.is_empty())?;
    Some((url, std::env::var("MEILI_MASTER_KEY").ok().filter(|k| !k.is_empty())))
}

/// `None` when MEILI_URL is unset (the Meilisearch half of the suite is skipped).
pub async fn meilisearch(test: &str) -> Option<Engine> {
    let (url, api_key) = meili_env()?;
    let index = format!("coopbridge_test_{test}_{}", std::process::id());
    let config = SearchConfig::Meilisearch {
        url,
        api_key,
        index,
        timeout: Duration::from_secs(30),
    };
    let index = coopbridge_search::open(config).await.unwrap();
    index.clear().await.unwrap();
    Some(Engine { index, _dir: None })
}

#[allow(clippy::too_many_arguments)]
fn doc(
    id: &str,
    kind: DocumentKind,
    title: &str,
    producer: Option<&str>,
    text: &str,
    province: Option<i32>,
    category: Option<&str>,
    schemes: &[&str],
    ocop: Option<i32>,
    producer_kind: Option<&str>,
    verified: bool,
    location: Option<(f64, f64)>,
    created_at: i64,
) -> SearchDocument {
    SearchDocument {
        id: id.into(),
        kind,
        title: title.into(),
        producer_name: producer.map(Into::into),
        text: text.into(),
        province_code: province,
        commune_code: None,
        category: category.map(Into::into),
        schemes: schemes.iter().map(|s| s.to_string()).collect(),
        ocop_stars: ocop,
        self_declared_schemes: Vec::new(),
        self_declared_ocop_stars: None,
        producer_kind: producer_kind.map(Into::into),
        verified,
        has_current_certificate: !schemes.is_empty(),
        location: location.map(|(lat, lon)| GeoPoint { lat, lon }),
        harvest_months: Vec::new(),
        monthly_capacity: None,
        price_min_vnd: None,
        price_max_vnd: None,
        created_at,
    }
}

/// Eleven hand-made documents; the facet counts in the suite are counted from this list.
pub fn fixture() -> Vec<SearchDocument> {
    use DocumentKind::*;
    let coop = Some("COOPERATIVE");
    let household = Some("HOUSEHOLD");
    let mut docs = vec![
        doc(
            "product:1",
            Product,
            "Mật ong Tuyên Hóa",
            Some("Hợp tác xã Ong mật Tuyên Hóa"),
            "Mật ong rừng nguyên chất, đạt chuẩn VietGAP",
            Some(44),
            Some("HONEY"),
            &["VIETGAP"],
            Some(4),
            coop,
            true,
            Some((17.88, 106.02)),
            1000,
        ),
        doc(
            "product:2",
            Product,
            "Thịt bò khô Điện Biên",
            Some("Tổ hợp tác Chăn nuôi Điện Biên"),
            "Thịt bò gác bếp",
            Some(11),
            Some("MEAT"),
            &[],
            None,
            Some("COOPERATIVE_GROUP"),
            false,
            Some((21.38, 103.02)),
            2000,
        ),
        doc(
            "product:3",
            Product,
            "Bơ sáp Đắk Lắk",
            Some("Nông hộ Y Bih"),
            "Bơ sáp dẻo, béo",
            Some(66),
            Some("FRUIT"),
            &[],
            None,
            household,
            true,
            Some((12.67, 108.04)),
            3000,
        ),
        doc(
            "product:4",
            Product,
            "Đặc sản cốm làng Vòng & <bánh> cốm",
            Some("Hộ kinh doanh Cốm Vòng"),
            "Cốm non Hà Nội",
            Some(1),
            Some("PROCESSED_FOOD"),
            &["OCOP"],
            Some(3),
            household,
            true,
            Some((21.04, 105.80)),
            4000,
        ),
        doc(
            "producer:10",
            Producer,
            "HTX Chè Tân Cương",
            None,
            "Chè Thái Nguyên đạt VietGAP",
            Some(19),
            None,
            &["VIETGAP", "OCOP"],
            Some(5),
            coop,
            true,
            Some((21.58, 105.77)),
            5000,
        ),
        doc(
            "producer:11",
            Producer,
            "Hợp tác xã Gạo ST25 Sóc Trăng",
            None,
            "Gạo thơm",
            Some(94),
            None,
            &[],
            None,
            coop,
            false,
            Some((9.60, 105.97)),
            6000,
        ),
        doc(
            "label:3",
            BrandLabel,
            "Nhãn lồng Hưng Yên",
            Some("Hợp tác xã Nhãn lồng Hưng Yên"),
            "Nhãn hiệu tập thể",
            Some(33),
            None,
            &["OCOP"],
            Some(4),
            coop,
            true,
            Some((20.65, 106.05)),
            7000,
        ),
        doc(
            "product:20",
            Product,
            "Cà phê Robusta Buôn Ma Thuột",
            Some("Hộ Ê Đê"),
            "Cà phê rang mộc",
            Some(66),
            Some("COFFEE"),
            &[],
            None,
            coop,
            false,
            None,
            500,
        ),
        doc(
            "product:21",
            Product,
            "Cà phê Robusta Buôn Ma Thuột",
            Some("Hộ Ê Đê"),
            "Cà phê rang mộc",
            Some(66),
            Some("COFFEE"),
            &[],
            None,
            coop,
            true,
            None,
            500,
        ),
        doc(
            "fair:9",
            Event,
            "Hội chợ Nông sản Đặc sản vùng miền 2026",
            None,
            "Thành phố Hồ Chí Minh",
            Some(79),
            None,
            &[],
            None,
            None,
            false,
            Some((10.78, 106.70)),
            8000,
        ),
        doc(
            "product:6",
            Product,
            "Mật ong hoa cà phê",
            Some("Đồng bào Ê Đê"),
            "Ong nuôi trong vườn cà phê",
            Some(66),
            Some("HONEY"),
            &[],
            None,
            coop,
            false,
            Some((12.70, 108.10)),
            9000,
        ),
    ];
    // product:20 and product:21 differ only in `verified` (and id).
    docs[7].has_current_certificate = false;
    docs[8].has_current_certificate = false;
    docs[0].harvest_months = vec![3, 4, 5];
    docs[2].harvest_months = vec![5, 6, 7];
    docs[3].harvest_months = vec![9, 10];
    docs[0].monthly_capacity = Some(500);
    docs[1].monthly_capacity = Some(200);
    docs[2].monthly_capacity = Some(1000);
    docs[3].monthly_capacity = Some(50);
    docs[3].commune_code = Some(4);
    docs
}

pub fn text(query: &str) -> SearchRequest {
    SearchRequest {
        text: query.into(),
        limit: 20,
        ..Default::default()
    }
}

pub async fn ids(index: &Arc<dyn SearchIndex>, request: &SearchRequest) -> Vec<String> {
    index
        .search(request)
        .await
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect()
}

pub fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

pub fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}
