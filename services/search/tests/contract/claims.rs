//! Self-declared (unverified) certificates: stored apart from verified ones,
//! they satisfy the scheme and OCOP-star filters only when the request asks
//! to include them, and never show in the facets.

use coopbridge_search::{DocumentKind, SearchDocument, SearchFilter, SearchRequest};

use crate::browsing::filtered;
use crate::idx;
use crate::support::{fixture, strings};

/// A product whose only certificates are a member's own VietGAP and OCOP 5★ claims,
/// next to one with a verified OCOP 4★ certificate and an unverified 5★ claim.
fn claimed_documents() -> Vec<SearchDocument> {
    let base = fixture()
        .into_iter()
        .find(|d| d.kind == DocumentKind::Product)
        .expect("the fixture has products");
    let only_claims = SearchDocument {
        id: "product:30".into(),
        title: "Khoai lang tự khai".into(),
        schemes: vec![],
        ocop_stars: None,
        self_declared_schemes: vec!["VIETGAP".into(), "OCOP".into()],
        self_declared_ocop_stars: Some(5),
        has_current_certificate: false,
        ..base.clone()
    };
    let verified_four = SearchDocument {
        id: "product:31".into(),
        title: "Khoai lang đã xác minh".into(),
        schemes: vec!["OCOP".into()],
        ocop_stars: Some(4),
        self_declared_schemes: vec![],
        self_declared_ocop_stars: Some(5),
        has_current_certificate: true,
        ..base
    };
    vec![only_claims, verified_four]
}

pub(crate) async fn self_declared_certificates_match_only_on_request(e: &crate::support::Engine) {
    idx(e).upsert(claimed_documents()).await.unwrap();
    let f = |schemes: &[&str], stars: Option<i32>, include: bool| SearchFilter {
        schemes: schemes.iter().map(|s| s.to_string()).collect(),
        min_ocop_stars: stars,
        include_self_declared: include,
        ..SearchFilter::default()
    };
    let claimed =
        |ids: Vec<String>| -> Vec<String> { ids.into_iter().filter(|id| id.starts_with("product:3")).collect() };
    // Verified facts only, by default.
    assert_eq!(
        claimed(filtered(e, f(&["VIETGAP"], None, false)).await),
        Vec::<String>::new()
    );
    assert_eq!(
        claimed(filtered(e, f(&["OCOP"], None, false)).await),
        strings(&["product:31"])
    );
    assert_eq!(
        claimed(filtered(e, f(&[], Some(4), false)).await),
        strings(&["product:31"])
    );
    assert_eq!(claimed(filtered(e, f(&[], Some(5), false)).await), Vec::<String>::new());
    // The buyer asks to include self-declared certificates.
    assert_eq!(
        claimed(filtered(e, f(&["VIETGAP"], None, true)).await),
        strings(&["product:30"])
    );
    assert_eq!(
        claimed(filtered(e, f(&["OCOP"], None, true)).await),
        strings(&["product:30", "product:31"])
    );
    assert_eq!(
        claimed(filtered(e, f(&[], Some(5), true)).await),
        strings(&["product:30", "product:31"])
    );
    assert_eq!(
        claimed(filtered(e, f(&["OCOP"], Some(4), true)).await),
        strings(&["product:30", "product:31"])
    );
    // Facets count verified schemes and stars only.
    let request = SearchRequest {
        text: "khoai lang".into(),
        limit: 10,
        facets: true,
        ..Default::default()
    };
    let facets = idx(e).search(&request).await.unwrap().facets.unwrap();
    let schemes: Vec<(&str, u64)> = facets.scheme.iter().map(|c| (c.value.as_str(), c.count)).collect();
    assert_eq!(schemes, vec![("OCOP", 1)]);
    let stars: Vec<(&str, u64)> = facets.ocop_stars.iter().map(|c| (c.value.as_str(), c.count)).collect();
    assert_eq!(stars, vec![("4", 1)]);
}
