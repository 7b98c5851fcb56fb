//! Text matching: folding, synonyms, NFD, diacritics ranking, typos, boosts.

use crate::idx;
use crate::support::{Engine, fixture, ids, sorted, strings, text};

pub(crate) async fn folded_text_finds_diacritics(e: &Engine) {
    assert_eq!(ids(idx(e), &text("mat ong tuyen hoa")).await, strings(&["product:1"]));
    let found = ids(idx(e), &text("dac san")).await;
    assert_eq!(sorted(found), strings(&["fair:9", "product:4"]));
    assert_eq!(ids(idx(e), &text("Mật ong Tuyên Hóa")).await[0], "product:1");
}

pub(crate) async fn synonyms_work_both_ways(e: &Engine) {
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

pub(crate) async fn decomposed_input_matches(e: &Engine) {
    let nfd = "Ma\u{0323}\u{0302}t ong Tuye\u{0302}n Ho\u{0301}a";
    assert_eq!(ids(idx(e), &text(nfd)).await, strings(&["product:1"]));
    let nfd_dac = "D\u{0323}a\u{0306}\u{0323}c sa\u{0309}n".replace("D\u{0323}", "\u{0110}");
    assert!(!ids(idx(e), &text(&nfd_dac)).await.is_empty());
}

pub(crate) async fn exact_diacritics_rank_first(e: &Engine) {
    let found = ids(idx(e), &text("bò")).await;
    assert!(found.contains(&"product:3".to_string()), "{found:?}");
    assert_eq!(found[0], "product:2", "'bò' ranks beef above 'bơ': {found:?}");
}

pub(crate) async fn one_typo_in_long_word_is_forgiven(e: &Engine) {
    assert_eq!(ids(idx(e), &text("mat ong tuyenn hoa")).await, strings(&["product:1"]));
    let vietgap = ids(idx(e), &text("vietgapp")).await;
    assert_eq!(sorted(vietgap), strings(&["producer:10", "product:1"]));
    assert!(
        ids(idx(e), &text("mat ong tuyxyz hoa")).await.is_empty(),
        "two typos are not forgiven"
    );
}

pub(crate) async fn verified_is_boosted(e: &Engine) {
    let found = ids(idx(e), &text("ca phe robusta")).await;
    assert_eq!(found, strings(&["product:21", "product:20"]));
}

pub(crate) async fn title_outranks_producer_outranks_text(e: &Engine) {
    let mut docs = fixture();
    let template = docs.remove(5);
    let variant = |id: &str, title: &str, producer: Option<&str>, text: &str| coopbridge_search::SearchDocument {
        id: id.into(),
        title: title.into(),
        producer_name: producer.map(Into::into),
        text: text.into(),
        ..template.clone()
    };
    idx(e)
        .upsert(vec![
            variant("product:31", "Bột ngó", Some("Hợp tác xã Sen Đồng Tháp"), "Đóng gói"),
            variant("product:32", "Trà xanh", Some("Hộ Tây Hồ"), "Ướp hương sen"),
            variant("product:30", "Trà sen Tây Hồ", Some("Hộ Quảng An"), "Đóng gói"),
        ])
        .await
        .unwrap();
    assert_eq!(
        ids(idx(e), &text("sen")).await,
        strings(&["product:30", "product:31", "product:32"])
    );
}
