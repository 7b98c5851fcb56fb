//! Nothing self-declared looks verified: a certificate a member enters gives
//! no OCOP stars, matches no certification filter (search on the index, and
//! the producers/products lists) and counts in no KPI until an organizer of
//! its province approves it from the review queue; rejecting needs a reason.

use std::time::Duration;

use coopbridge_e2e::{DbKind, TestApp};
use serde_json::{Value, json};

const PASSWORD: &str = "mật khẩu tự khai 2026";
const CREATE_CERTIFICATE: &str = "mutation($i: CreateCertificateInput!) { createCertificate(input: $i) {
    certificate { id current selfDeclared verificationStatus } errors { code field message } } }";
const VERIFY_CERTIFICATE: &str = "mutation($id: ID!, $s: VerificationStatus!, $note: String) {
    verifyCertificate(id: $id, status: $s, note: $note) {
    certificate { verificationStatus verificationNote current selfDeclared } errors { code field message } } }";
const VERIFY_PRODUCER: &str = "mutation($id: ID!, $s: VerificationStatus!, $note: String) {
    verifyProducer(id: $id, status: $s, note: $note) { producer { verificationStatus } errors { code field message } } }";
const SEARCH: &str =
    "query($f: SearchFilterInput) { search(query: \"khoai lang\", kinds: [PRODUCT, PRODUCER], filter: $f) {
    totalCount edges { node { __typename ... on Product { id } ... on Producer { id ocopStars } } } } }";
const QUEUE: &str = "{ pendingCertificates { nodes { id evidence { url } producer { name } } }
    pendingProducers { nodes { id name } } }";
const KPI: &str = "{ certifiedProducts(provinceCode: 44) { products certifiedProducts schemes { scheme products } } }";

async fn data(app: &TestApp, token: Option<&str>, query: &str, vars: Value) -> Value {
    let body = app.graphql(token, query, vars).await;
    assert!(body.get("errors").is_none(), "{body}");
    body["data"].clone()
}

async fn ok(app: &TestApp, token: &str, query: &str, vars: Value, field: &str) -> Value {
    let body = app.graphql(Some(token), query, vars).await;
    assert_eq!(body["data"][field]["errors"], json!([]), "{field}: {body}");
    body["data"][field].clone()
}

async fn organizer(app: &TestApp, admin: &str, email: &str, province: Option<i32>) -> String {
    let org = ok(
        app,
        admin,
        "mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { organization { id } errors { code field message } } }",
        json!({ "i": { "kind": "ORGANIZING_BODY", "name": format!("Hội Nông dân {email}"), "provinceCode": province } }),
        "createOrganization",
    )
    .await;
    let id: i64 = org["organization"]["id"].as_str().unwrap().parse().unwrap();
    app.create_account(email, PASSWORD, "organizer", &[id]).await;
    app.sign_in(email, PASSWORD).await
}

async fn wait_until_indexed(app: &TestApp) {
    for _ in 0..300 {
        let status = data(app, None, "{ searchStatus { pendingChanges } }", json!({})).await;
        if status["searchStatus"]["pendingChanges"] == 0 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the index did not catch up\n{}", app.logs());
}

/// Product and producer ids found (as a signed-in buyer: never a cached answer).
async fn found(app: &TestApp, token: &str, filter: Value) -> Vec<String> {
    let d = data(app, Some(token), SEARCH, json!({ "f": filter })).await;
    let mut ids: Vec<String> = d["search"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{}:{}",
                e["node"]["__typename"].as_str().unwrap(),
                e["node"]["id"].as_str().unwrap()
            )
        })
        .collect();
    ids.sort();
    ids
}

async fn a_self_declared_certificate_gives_no_stars_filter_or_kpi_until_an_organizer_verifies_it(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let admin = app.admin_token().await;
    let producer = ok(
        &app,
        &admin,
        "mutation($i: ProducerInput!) { createProducer(input: $i) { producer { id } errors { code field message } } }",
        json!({ "i": { "kind": "COOPERATIVE", "name": "HTX Khoai lang Tự Khai", "provinceCode": 44 } }),
        "createProducer",
    )
    .await["producer"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.create_account(
        "htx@tukhai.example.vn",
        PASSWORD,
        "cooperative-member",
        &[producer.parse().unwrap()],
    )
    .await;
    let member = app.sign_in("htx@tukhai.example.vn", PASSWORD).await;
    app.create_account("buyer@example.vn", PASSWORD, "buyer", &[]).await;
    let buyer = app.sign_in("buyer@example.vn", PASSWORD).await;
    let o44 = organizer(&app, &admin, "o44@example.vn", Some(44)).await;
    let o1 = organizer(&app, &admin, "o1@example.vn", Some(1)).await;
    let product = ok(
        &app,
        &member,
        "mutation($p: ID!, $i: ProductInput!) { createProduct(producerId: $p, input: $i) { product { id } errors { code field message } } }",
        json!({ "p": producer, "i": { "name": "Khoai lang mật", "category": "VEGETABLES", "unit": "kg" } }),
        "createProduct",
    )
    .await["product"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let cert = |scheme: &str, stars: Option<i32>| {
        json!({ "i": { "producerId": producer, "scheme": scheme, "ocopStars": stars, "certificateNumber": format!("{scheme}-01"),
            "issuer": "Tự khai", "issuedOn": "2025-03-01" } })
    };
    // The member declares OCOP 4★ and VietGAP for the whole cooperative.
    let ocop = ok(
        &app,
        &member,
        CREATE_CERTIFICATE,
        cert("OCOP", Some(4)),
        "createCertificate",
    )
    .await;
    assert_eq!(
        ocop["certificate"],
        json!({ "id": ocop["certificate"]["id"], "current": true, "selfDeclared": true, "verificationStatus": "UNVERIFIED" })
    );
    let ocop = ocop["certificate"]["id"].clone();
    let vietgap = ok(
        &app,
        &member,
        CREATE_CERTIFICATE,
        cert("VIET_GAP", None),
        "createCertificate",
    )
    .await["certificate"]["id"]
        .clone();
    wait_until_indexed(&app).await;

    let p = format!("Product:{product}");
    let c = format!("Producer:{producer}");
    // No stars, no filter match, no KPI.
    let stars = data(
        &app,
        None,
        "query($id: ID!) { producer(id: $id) { ocopStars } }",
        json!({ "id": producer }),
    )
    .await;
    assert_eq!(stars["producer"]["ocopStars"], Value::Null);
    assert_eq!(found(&app, &buyer, json!({})).await, [c.clone(), p.clone()]);
    assert!(found(&app, &buyer, json!({ "schemes": ["OCOP"] })).await.is_empty());
    assert!(found(&app, &buyer, json!({ "schemes": ["VIET_GAP"] })).await.is_empty());
    assert!(found(&app, &buyer, json!({ "minOcopStars": 3 })).await.is_empty());
    // …unless the buyer asks to include self-declared certificates.
    assert_eq!(
        found(
            &app,
            &buyer,
            json!({ "schemes": ["VIET_GAP"], "includeSelfDeclared": true })
        )
        .await,
        [c.clone(), p.clone()]
    );
    assert_eq!(
        found(&app, &buyer, json!({ "minOcopStars": 4, "includeSelfDeclared": true })).await,
        [c.clone(), p.clone()]
    );
    let lists = "query($self: Boolean!) { producers(filter: { certificationScheme: VIET_GAP, includeSelfDeclared: $self }) { nodes { id } }
        products(filter: { ocopStarsAtLeast: 4, includeSelfDeclared: $self }) { nodes { id } } }";
    let strict = data(&app, Some(&buyer), lists, json!({ "self": false })).await;
    assert_eq!(
        strict,
        json!({ "producers": { "nodes": [] }, "products": { "nodes": [] } })
    );
    let lenient = data(&app, Some(&buyer), lists, json!({ "self": true })).await;
    assert_eq!(
        lenient,
        json!({ "producers": { "nodes": [{ "id": producer }] }, "products": { "nodes": [{ "id": product }] } })
    );
    let kpi = data(&app, Some(&o44), KPI, json!({})).await;
    assert_eq!(
        kpi["certifiedProducts"],
        json!([{ "products": 1, "certifiedProducts": 0, "schemes": [] }])
    );

    // The organizer of Quảng Trị sees both in the queue; the one of Hà Nội does not.
    let queue = data(&app, Some(&o44), QUEUE, json!({})).await;
    let ids: Vec<&Value> = queue["pendingCertificates"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| &n["id"])
        .collect();
    assert_eq!(ids, [&ocop, &vietgap]);
    assert_eq!(
        queue["pendingProducers"]["nodes"],
        json!([{ "id": producer, "name": "HTX Khoai lang Tự Khai" }])
    );
    let elsewhere = data(&app, Some(&o1), QUEUE, json!({})).await;
    assert_eq!(
        elsewhere,
        json!({ "pendingCertificates": { "nodes": [] }, "pendingProducers": { "nodes": [] } })
    );
    let body = app.graphql(Some(&member), QUEUE, json!({})).await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "FORBIDDEN", "{body}");

    // Rejecting needs a reason; with one, the member reads it.
    let body = app
        .graphql(
            Some(&o44),
            VERIFY_CERTIFICATE,
            json!({ "id": vietgap, "s": "REJECTED", "note": "  " }),
        )
        .await;
    assert_eq!(
        body["data"]["verifyCertificate"]["errors"][0]["code"], "REQUIRED",
        "{body}"
    );
    assert_eq!(
        body["data"]["verifyCertificate"]["errors"][0]["field"], "note",
        "{body}"
    );
    let rejected = ok(
        &app,
        &o44,
        VERIFY_CERTIFICATE,
        json!({ "id": vietgap, "s": "REJECTED", "note": "Bản chụp không đọc được số chứng nhận" }),
        "verifyCertificate",
    )
    .await;
    assert_eq!(
        rejected["certificate"],
        json!({ "verificationStatus": "REJECTED", "verificationNote": "Bản chụp không đọc được số chứng nhận",
            "current": false, "selfDeclared": false })
    );
    let body = app
        .graphql(Some(&o44), VERIFY_PRODUCER, json!({ "id": producer, "s": "REJECTED" }))
        .await;
    assert_eq!(body["data"]["verifyProducer"]["errors"][0]["field"], "note", "{body}");

    // Approved, the OCOP certificate gives stars and counts everywhere.
    ok(
        &app,
        &o44,
        VERIFY_CERTIFICATE,
        json!({ "id": ocop, "s": "VERIFIED" }),
        "verifyCertificate",
    )
    .await;
    wait_until_indexed(&app).await;
    let stars = data(
        &app,
        None,
        "query($id: ID!) { producer(id: $id) { ocopStars } }",
        json!({ "id": producer }),
    )
    .await;
    assert_eq!(stars["producer"]["ocopStars"], 4);
    assert_eq!(
        found(&app, &buyer, json!({ "minOcopStars": 4 })).await,
        [c.clone(), p.clone()]
    );
    assert!(
        found(
            &app,
            &buyer,
            json!({ "schemes": ["VIET_GAP"], "includeSelfDeclared": true })
        )
        .await
        .is_empty()
    );
    let kpi = data(&app, Some(&o44), KPI, json!({})).await;
    assert_eq!(
        kpi["certifiedProducts"],
        json!([{ "products": 1, "certifiedProducts": 1, "schemes": [{ "scheme": "OCOP", "products": 1 }] }])
    );
    let queue = data(&app, Some(&admin), QUEUE, json!({})).await;
    assert_eq!(queue["pendingCertificates"]["nodes"], json!([]));
}

coopbridge_e2e::on_both_databases!(
    a_self_declared_certificate_gives_no_stars_filter_or_kpi_until_an_organizer_verifies_it
);
