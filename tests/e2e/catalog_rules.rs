//! Catalog rules through the real server: bad input names its field and
//! writes nothing, and a certificate past its expiry stops counting by itself.

use coopbridge_e2e::{DbKind, TestApp, one};
use serde_json::{Value, json};

use crate::catalog::{
    CREATE_CERTIFICATE, CREATE_PRODUCER, CREATE_PRODUCT, PNG, UPDATE_PRODUCER, cooperative_with_member, errors, sorted,
};

async fn bad_catalog_input_names_the_field_and_writes_nothing(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let (producer_id, member, admin) = cooperative_with_member(&app, "HTX Gà đồi Phú Khê", "phu.khe@example.vn").await;
    assert_eq!(
        sorted(
            app.refused(
                Some(&member),
                UPDATE_PRODUCER,
                json!({ "id": producer_id, "i": { "phone": "12345", "email": "không-phải-email", "taxCode": "12345678",
                "communeCode": 8398, "website": "example.vn", "latitude": 48.85, "longitude": 2.35 } }),
                "updateProducer"
            )
            .await
        ),
        vec![
            ("INVALID_FORMAT".to_owned(), Some("communeCode".to_owned())),
            ("INVALID_FORMAT".to_owned(), Some("email".to_owned())),
            ("INVALID_FORMAT".to_owned(), Some("phone".to_owned())),
            ("INVALID_FORMAT".to_owned(), Some("taxCode".to_owned())),
            ("INVALID_FORMAT".to_owned(), Some("website".to_owned())),
            ("OUT_OF_RANGE".to_owned(), Some("latitude".to_owned())),
            ("OUT_OF_RANGE".to_owned(), Some("longitude".to_owned())),
        ],
        "commune 8398 is in Phú Thọ, not Quảng Trị"
    );
    assert_eq!(
        app.refused(
            Some(&admin),
            CREATE_PRODUCER,
            json!({ "i": { "kind": "COOPERATIVE", "name": "HTX Ma", "provinceCode": 99 } }),
            "createProducer"
        )
        .await,
        one("NOT_FOUND", Some("provinceCode"))
    );
    assert_eq!(
        sorted(
            app.refused(
                Some(&member),
                CREATE_PRODUCT,
                json!({ "p": producer_id, "i": { "name": "Gà đồi", "category": "MEAT_POULTRY", "unit": "con",
                "priceMinVnd": -1, "monthlyCapacity": -5, "harvestMonths": [13] } }),
                "createProduct"
            )
            .await
        ),
        vec![
            ("OUT_OF_RANGE".to_owned(), Some("harvestMonths".to_owned())),
            ("OUT_OF_RANGE".to_owned(), Some("monthlyCapacity".to_owned())),
            ("OUT_OF_RANGE".to_owned(), Some("priceMinVnd".to_owned())),
        ]
    );
    assert_eq!(
        app.refused(
            Some(&member),
            CREATE_PRODUCT,
            json!({ "p": producer_id, "i": { "name": "Gà đồi", "category": "MEAT_POULTRY", "unit": "con",
                "priceMinVnd": 200000, "priceMaxVnd": 150000 } }),
            "createProduct"
        )
        .await,
        one("OUT_OF_RANGE", Some("priceMaxVnd"))
    );
    assert_eq!(
        sorted(
            app.refused(
                Some(&member),
                CREATE_CERTIFICATE,
                json!({ "i": { "producerId": producer_id, "scheme": "OCOP", "ocopStars": 6, "certificateNumber": "X",
                "issuer": "UBND", "issuedOn": "2025-06-01", "expiresOn": "2025-01-01" } }),
                "createCertificate"
            )
            .await
        ),
        vec![
            ("OUT_OF_RANGE".to_owned(), Some("expiresOn".to_owned())),
            ("OUT_OF_RANGE".to_owned(), Some("ocopStars".to_owned())),
        ]
    );
    // An HTML page that claims to be a JPEG is refused by its bytes.
    let lie = app
        .upload(
            &member,
            &producer_id,
            "PRODUCT_IMAGE",
            "anh.jpg",
            "image/jpeg",
            b"<html><script>alert(1)</script></html>".to_vec(),
        )
        .await;
    assert_eq!(errors(&lie), one("INVALID_FORMAT", Some("file")));
    let mismatch = app
        .upload(
            &member,
            &producer_id,
            "PRODUCT_IMAGE",
            "anh.jpg",
            "image/jpeg",
            PNG.to_vec(),
        )
        .await;
    assert_eq!(errors(&mismatch), one("INVALID_FORMAT", Some("file")));

    assert_eq!(app.db.count_rows("product").await, 0);
    assert_eq!(app.db.count_rows("certificate").await, 0);
    assert_eq!(app.db.count_rows("stored_file").await, 0);
    assert_eq!(app.db.count_rows("producer").await, 1);
    let untouched = app
        .graphql(
            Some(&member),
            "query($id: ID!) { producer(id: $id) { contacts { phone } } }",
            json!({ "id": producer_id }),
        )
        .await;
    assert_eq!(untouched["data"]["producer"]["contacts"]["phone"], Value::Null);
}

async fn an_expired_certificate_stops_counting_by_itself(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let (producer_id, member, admin) = cooperative_with_member(&app, "HTX Mỹ Tân", "my.tan@example.vn").await;
    let body = app
        .graphql(
            Some(&member),
            CREATE_PRODUCT,
            json!({ "p": producer_id, "i": { "name": "Chè Mỹ Tân", "category": "TEA_COFFEE", "unit": "kg" } }),
        )
        .await;
    assert_eq!(body["data"]["createProduct"]["errors"], json!([]));
    let body = app
        .graphql(
            Some(&member),
            CREATE_CERTIFICATE,
            json!({ "i": { "producerId": producer_id, "scheme": "OCOP", "ocopStars": 3, "certificateNumber": "DEMO-OCOP-2022",
                "issuer": "UBND tỉnh Hòa Bình", "issuedOn": "2022-12-15", "expiresOn": "2025-12-15" } }),
        )
        .await;
    assert_eq!(
        body["data"]["createCertificate"]["certificate"]["current"], false,
        "{body}"
    );
    // Verified, so that only its expiry keeps it from counting.
    let verified = app
        .graphql(
            Some(&admin),
            "mutation($id: ID!) { verifyCertificate(id: $id, status: VERIFIED) { errors { code } } }",
            json!({ "id": body["data"]["createCertificate"]["certificate"]["id"] }),
        )
        .await;
    assert_eq!(verified["data"]["verifyCertificate"]["errors"], json!([]), "{verified}");
    let filtered = app
        .graphql(
            None,
            "{ products(filter: { certificationScheme: OCOP }) { edges { node { name } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        filtered["data"]["products"]["edges"],
        json!([]),
        "an expired certificate must not count"
    );
    let profile = app
        .graphql(
            None,
            "query($id: ID!) { producer(id: $id) { ocopStars certificates { current } } }",
            json!({ "id": producer_id }),
        )
        .await;
    assert_eq!(
        profile["data"]["producer"],
        json!({ "ocopStars": null, "certificates": [{ "current": false }] })
    );
}

coopbridge_e2e::on_both_databases!(
    bad_catalog_input_names_the_field_and_writes_nothing,
    an_expired_certificate_stops_counting_by_itself,
);
