//! Bad linkage input gets a typed error naming the field and writes nothing;
//! sign-in and inquiries are rate-limited per account, email and client IP.

use coopbridge_e2e::{DbKind, TestApp, TestDb};
use coopbridge_e2e::{one, user_errors};
use serde_json::{Value, json};

use super::linkage::{CHANGE_STATUS, REPLY, SEND_INQUIRY, World};

const TABLES: [&str; 7] = [
    "inquiry",
    "inquiry_message",
    "inquiry_status_change",
    "linkage_agreement",
    "linkage_agreement_product",
    "buyer_contact",
    "purchase_request",
];

async fn counts(app: &TestApp) -> Vec<i64> {
    let mut list = Vec::new();
    for table in TABLES {
        list.push(app.db.count_rows(table).await);
    }
    list
}

async fn bad_linkage_input_names_the_field_and_writes_nothing(kind: DbKind) {
    let w = World::build(TestApp::spawn(kind).await).await;
    let app = &w.app;
    let inquiry = w.inquiry(&w.x, &w.buyer_x, &w.coop_a).await;
    let before = counts(app).await;

    let too_long = "ạ".repeat(4001);
    assert_eq!(
        app.refused(
            Some(&w.x),
            SEND_INQUIRY,
            json!({ "i": { "buyerId": w.buyer_x, "cooperativeId": w.coop_a, "subject": "Hỏi", "message": too_long } }),
            "sendInquiry"
        )
        .await,
        one("OUT_OF_RANGE", "message")
    );
    let body = app
        .graphql(Some(&w.a), REPLY, json!({ "id": inquiry, "b": too_long }))
        .await;
    assert_eq!(
        user_errors(&body["data"]["replyToInquiry"]),
        one("OUT_OF_RANGE", "body"),
        "{body}"
    );

    app.mutate(
        &w.a,
        "mutation($id: ID!) { archiveProduct(id: $id) { product { id } errors { code field message } } }",
        json!({ "id": w.honey }),
        "archiveProduct",
    )
    .await;
    assert_eq!(
        app.refused(Some(&w.x), SEND_INQUIRY, json!({ "i": { "buyerId": w.buyer_x, "productId": w.honey, "subject": "Mật ong", "message": "Còn hàng không?" } }), "sendInquiry").await,
        one("INVALID_STATE", "productId")
    );

    assert_eq!(
        app.refused(Some(&w.x), "mutation($i: CreateAgreementInput!) { createLinkageAgreement(input: $i) { agreement { id } errors { code field } } }", json!({ "i": { "buyerId": w.buyer_x, "cooperativeId": w.coop_b, "productIds": [w.rice], "volume": "10 tấn",
                "priceTerms": "Theo giá thị trường", "startsOn": "2026-06-01", "endsOn": "2026-05-31" } }), "createLinkageAgreement").await,
        one("OUT_OF_RANGE", "endsOn")
    );

    // NEW cannot jump to AGREED; the buyer may not accept for the cooperative.
    let body = app
        .graphql(Some(&w.x), CHANGE_STATUS, json!({ "id": inquiry, "s": "AGREED" }))
        .await;
    assert_eq!(
        user_errors(&body["data"]["changeInquiryStatus"]),
        one("INVALID_STATE", "status"),
        "{body}"
    );

    let body = app
        .graphql(
            Some(&w.x),
            "mutation($id: ID!, $i: BuyerProfileInput!) { updateBuyerProfile(buyerId: $id, input: $i) { errors { code field } } }",
            json!({ "id": w.buyer_x, "i": { "taxCode": "123", "contacts": [{ "name": "Anh Minh", "phone": "12345" },
                { "name": " ", "email": "không-phải-email" }] } }),
        )
        .await;
    let mut got = user_errors(&body["data"]["updateBuyerProfile"]);
    got.sort();
    let mut want = vec![
        ("INVALID_FORMAT".to_owned(), Some("taxCode".to_owned())),
        ("INVALID_FORMAT".to_owned(), Some("contacts[0].phone".to_owned())),
        ("REQUIRED".to_owned(), Some("contacts[1].name".to_owned())),
        ("INVALID_FORMAT".to_owned(), Some("contacts[1].email".to_owned())),
    ];
    want.sort();
    assert_eq!(got, want, "{body}");

    let body = app
        .graphql(
            Some(&w.x),
            "mutation($i: CreatePurchaseRequestInput!) { createPurchaseRequest(input: $i) { errors { code field } } }",
            json!({ "i": { "buyerId": w.buyer_x, "title": "Gạo", "category": "RICE_GRAINS", "quantity": 0, "unit": "kg",
                "frequency": "ONCE", "windowStart": "2026-12-01", "windowEnd": "2026-11-01", "targetPriceVnd": -1 } }),
        )
        .await;
    let mut got = user_errors(&body["data"]["createPurchaseRequest"]);
    got.sort();
    assert_eq!(
        got,
        vec![
            ("OUT_OF_RANGE".to_owned(), Some("quantity".to_owned())),
            ("OUT_OF_RANGE".to_owned(), Some("targetPriceVnd".to_owned())),
            ("OUT_OF_RANGE".to_owned(), Some("windowEnd".to_owned())),
        ],
        "{body}"
    );

    assert_eq!(counts(app).await, before, "tables {TABLES:?} changed");
    let profile = app
        .graphql(
            Some(&w.x),
            "query($id: ID!) { buyerCompany(id: $id) { taxCode contacts { name } } }",
            json!({ "id": w.buyer_x }),
        )
        .await;
    assert_eq!(
        profile["data"]["buyerCompany"],
        json!({ "taxCode": null, "contacts": [{ "name": "Anh Minh" }] })
    );
}

/// POSTs signIn with a chosen X-Forwarded-For; returns the first error code, if any.
async fn sign_in_from(app: &TestApp, email: &str, forwarded_for: &str) -> Option<String> {
    let response = app
        .client
        .post(app.url("/graphql"))
        .header("x-forwarded-for", forwarded_for)
        .json(&json!({
            "query": "mutation($i: SignInInput!) { signIn(input: $i) { token errors { code field message } } }",
            "variables": { "i": { "email": email, "password": "sai mật khẩu" } },
        }))
        .send()
        .await
        .unwrap();
    let body: Value = response.json().await.unwrap();
    body["data"]["signIn"]["errors"][0]["code"].as_str().map(str::to_owned)
}

async fn sign_in_and_inquiries_are_rate_limited(kind: DbKind) {
    let db = TestDb::new(kind).await;
    let app = TestApp::spawn_with(
        db,
        &[
            ("COOPBRIDGE_SIGN_IN_PER_MINUTE", "3"),
            ("COOPBRIDGE_SIGN_IN_PER_IP_PER_MINUTE", "20"),
            ("COOPBRIDGE_INQUIRIES_PER_HOUR", "2"),
            ("COOPBRIDGE_TRUST_FORWARDED_FOR", "true"),
        ],
    )
    .await;
    let w = World::build(app).await;
    let app = &w.app;

    // Per email from one address: the 4th attempt within the minute is
    // refused there, while the same email from elsewhere is not locked out.
    for n in 1..=3 {
        let code = sign_in_from(app, "khach@example.vn", "203.0.113.1").await;
        assert_eq!(code.as_deref(), Some("INVALID_CREDENTIALS"), "attempt {n}");
    }
    assert_eq!(
        sign_in_from(app, "khach@example.vn", "203.0.113.1").await.as_deref(),
        Some("RATE_LIMITED")
    );
    assert_eq!(
        sign_in_from(app, "khach@example.vn", "203.0.113.9").await.as_deref(),
        Some("INVALID_CREDENTIALS")
    );

    // Per client address (the proxy's last X-Forwarded-For entry): 20 emails, then refused.
    for n in 1..=20 {
        let code = sign_in_from(app, &format!("thu{n}@example.vn"), "10.0.0.1, 198.51.100.7").await;
        assert_eq!(code.as_deref(), Some("INVALID_CREDENTIALS"), "attempt {n}");
    }
    let refused = sign_in_from(app, "thu21@example.vn", "10.0.0.2, 198.51.100.7").await;
    assert_eq!(
        refused.as_deref(),
        Some("RATE_LIMITED"),
        "the client-chosen first entry does not matter"
    );
    let elsewhere = sign_in_from(app, "thu21@example.vn", "198.51.100.8").await;
    assert_eq!(elsewhere.as_deref(), Some("INVALID_CREDENTIALS"));

    // Inquiries per account: 2 an hour here.
    w.inquiry(&w.x, &w.buyer_x, &w.coop_a).await;
    w.inquiry(&w.x, &w.buyer_x, &w.coop_b).await;
    let body = app
        .graphql(
            Some(&w.x),
            SEND_INQUIRY,
            json!({ "i": { "buyerId": w.buyer_x, "cooperativeId": w.coop_a, "subject": "Lần ba", "message": "Chào" } }),
        )
        .await;
    assert_eq!(
        body["data"]["sendInquiry"]["errors"][0]["code"], "RATE_LIMITED",
        "{body}"
    );
    assert_eq!(app.db.count_rows("inquiry").await, 2);
    // Another account still may.
    w.inquiry(&w.y, &w.buyer_y, &w.coop_a).await;
    assert_eq!(app.db.count_rows("inquiry").await, 3);
}

coopbridge_e2e::on_both_databases!(
    bad_linkage_input_names_the_field_and_writes_nothing,
    sign_in_and_inquiries_are_rate_limited
);
