//! The certification KPI: products a verified current certificate covers,
//! per province and scheme, for organizers and admins only.

use coopbridge_e2e::{DbKind, TestApp};
use serde_json::{Value, json};

const CREATE_PRODUCER: &str = "mutation($i: ProducerInput!) { createProducer(input: $i) {
    producer { id } errors { code field message } } }";
const CREATE_PRODUCT: &str = "mutation($p: ID!, $i: ProductInput!) { createProduct(producerId: $p, input: $i) {
    product { id } errors { code field message } } }";
const ARCHIVE_PRODUCT: &str = "mutation($id: ID!) { archiveProduct(id: $id) { errors { code } } }";
const CREATE_CERTIFICATE: &str = "mutation($i: CreateCertificateInput!) { createCertificate(input: $i) {
    certificate { id current } errors { code field message } } }";
const KPI: &str = "query($p: Int) { certifiedProducts(provinceCode: $p) {
    provinceCode products certifiedProducts schemes { scheme products } province { name } } }";

async fn created(app: &TestApp, token: &str, query: &str, vars: Value, path: &[&str]) -> String {
    let body = app.graphql(Some(token), query, vars).await;
    let mut node = &body["data"];
    for key in path {
        node = &node[key];
    }
    node["id"].as_str().unwrap_or_else(|| panic!("{body}")).to_owned()
}

async fn product(app: &TestApp, token: &str, producer: &str, name: &str) -> String {
    let vars = json!({ "p": producer, "i": { "name": name, "category": "HONEY", "unit": "kg" } });
    created(app, token, CREATE_PRODUCT, vars, &["createProduct", "product"]).await
}

/// Creates a certificate and verifies it (self-declared ones count nowhere).
async fn certificate(app: &TestApp, token: &str, input: Value) {
    let body = app
        .graphql(Some(token), CREATE_CERTIFICATE, json!({ "i": input }))
        .await;
    assert_eq!(body["data"]["createCertificate"]["errors"], json!([]), "{body}");
    let id = &body["data"]["createCertificate"]["certificate"]["id"];
    let body = app
        .graphql(
            Some(token),
            "mutation($id: ID!) { verifyCertificate(id: $id, status: VERIFIED) { errors { code } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(body["data"]["verifyCertificate"]["errors"], json!([]), "{body}");
}

async fn certified_products_are_counted_per_province_and_scheme_for_organizers(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let admin = app.admin_token().await;
    let new_producer =
        |name: &str, province: i32| json!({ "i": { "kind": "COOPERATIVE", "name": name, "provinceCode": province } });
    let honey = created(
        &app,
        &admin,
        CREATE_PRODUCER,
        new_producer("HTX Quyết Thắng", 44),
        &["createProducer", "producer"],
    )
    .await;
    let rice = created(
        &app,
        &admin,
        CREATE_PRODUCER,
        new_producer("HTX Gạo Sạch", 1),
        &["createProducer", "producer"],
    )
    .await;
    let p1 = product(&app, &admin, &honey, "Mật ong keo").await;
    let p2 = product(&app, &admin, &honey, "Mật ong hoa nhãn").await;
    product(&app, &admin, &honey, "Sáp ong").await;
    product(&app, &admin, &rice, "Gạo ST25").await;
    let archived = product(&app, &admin, &rice, "Gạo nếp cũ").await;

    // Whole-producer VietGAP covers all three honey products; OCOP names one;
    // an expired organic certificate and the archived product count for nothing.
    let base = |scheme: &str| {
        json!({ "producerId": honey, "scheme": scheme, "certificateNumber": format!("{scheme}-1"),
                "issuer": "Sở Nông nghiệp và Môi trường Quảng Trị", "issuedOn": "2024-05-01" })
    };
    certificate(&app, &admin, base("VIET_GAP")).await;
    let mut ocop = base("OCOP");
    ocop["ocopStars"] = json!(4);
    ocop["productIds"] = json!([p1]);
    certificate(&app, &admin, ocop).await;
    let mut organic = base("ORGANIC");
    organic["expiresOn"] = json!("2024-12-31");
    organic["productIds"] = json!([p2]);
    certificate(&app, &admin, organic).await;
    certificate(
        &app,
        &admin,
        json!({ "producerId": rice, "scheme": "GLOBAL_GAP", "certificateNumber": "GG-1", "issuer": "Control Union",
                "issuedOn": "2024-01-01", "productIds": [archived] }),
    )
    .await;
    let body = app
        .graphql(Some(&admin), ARCHIVE_PRODUCT, json!({ "id": archived }))
        .await;
    assert_eq!(body["data"]["archiveProduct"]["errors"], json!([]), "{body}");

    let body = app.graphql(Some(&admin), KPI, json!({})).await;
    assert_eq!(
        body["data"]["certifiedProducts"],
        json!([
            { "provinceCode": 44, "products": 3, "certifiedProducts": 3, "province": { "name": "Quảng Trị" },
              "schemes": [{ "scheme": "VIET_GAP", "products": 3 }, { "scheme": "OCOP", "products": 1 }] },
            { "provinceCode": 1, "products": 1, "certifiedProducts": 0, "province": { "name": "Thành phố Hà Nội" },
              "schemes": [] },
        ]),
        "{body}"
    );
    let body = app.graphql(Some(&admin), KPI, json!({ "p": 1 })).await;
    let rows = body["data"]["certifiedProducts"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"));
    assert_eq!(rows.len(), 1, "{body}");
    assert_eq!(rows[0]["provinceCode"], 1, "{body}");

    // Organizers see it; cooperative members and anonymous callers do not.
    let orgs = "mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { organization { id } errors { code } } }";
    let body = app
        .graphql(
            Some(&admin),
            orgs,
            json!({ "i": { "kind": "ORGANIZING_BODY", "name": "Hội Nông dân tỉnh Quảng Trị", "provinceCode": 44 } }),
        )
        .await;
    let body_id: i64 = body["data"]["createOrganization"]["organization"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{body}"))
        .parse()
        .unwrap();
    app.create_account("canbo@example.vn", "mật khẩu cán bộ", "organizer", &[body_id])
        .await;
    let organizer = app.sign_in("canbo@example.vn", "mật khẩu cán bộ").await;
    let body = app.graphql(Some(&organizer), KPI, json!({ "p": 44 })).await;
    assert_eq!(body["data"]["certifiedProducts"][0]["certifiedProducts"], 3, "{body}");

    app.create_account(
        "thanhvien@example.vn",
        "mật khẩu thành viên",
        "cooperative-member",
        &[honey.parse().unwrap()],
    )
    .await;
    let member = app.sign_in("thanhvien@example.vn", "mật khẩu thành viên").await;
    let body = app.graphql(Some(&member), KPI, json!({})).await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "FORBIDDEN", "{body}");
    let body = app.graphql(None, KPI, json!({})).await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED", "{body}");
}

coopbridge_e2e::on_both_databases!(certified_products_are_counted_per_province_and_scheme_for_organizers);
