//! The catalog through the real server: a member builds a full profile, an
//! outsider is refused, bad input names its field and writes nothing.

use coopbridge_e2e::{DbKind, TestApp, one, user_errors};
use serde_json::{Value, json};

/// The smallest valid PNG (1×1, transparent).
pub const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0A, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00,
    0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];
pub(crate) const PDF: &[u8] = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";

pub(crate) const CREATE_PRODUCER: &str = "mutation($i: ProducerInput!) { createProducer(input: $i) {
    producer { id slug name } errors { code field message } } }";
pub(crate) const UPDATE_PRODUCER: &str = "mutation($id: ID!, $i: ProducerInput!) { updateProducer(id: $id, input: $i) {
    producer { id name taxCode } errors { code field message } } }";
pub(crate) const CREATE_PRODUCT: &str =
    "mutation($p: ID!, $i: ProductInput!) { createProduct(producerId: $p, input: $i) {
    product { id name } errors { code field message } } }";
pub(crate) const CREATE_CERTIFICATE: &str = "mutation($i: CreateCertificateInput!) { createCertificate(input: $i) {
    certificate { id current } errors { code field message } } }";
pub(crate) const CREATE_LABEL: &str = "mutation($i: CreateBrandLabelInput!) { createBrandLabel(input: $i) {
    brandLabel { id } errors { code field message } } }";

/// User errors sorted, so a test can list several in any order.
pub(crate) fn errors(payload: &Value) -> Vec<(String, Option<String>)> {
    sorted(user_errors(payload))
}

pub(crate) fn sorted(mut list: Vec<(String, Option<String>)>) -> Vec<(String, Option<String>)> {
    list.sort();
    list
}

/// An organizer-created cooperative with one member; returns (producer id, member token, admin token).
pub(crate) async fn cooperative_with_member(app: &TestApp, name: &str, email: &str) -> (String, String, String) {
    let admin = if app.db.count_rows("account").await == 0 {
        app.admin_token().await
    } else {
        app.sign_in("admin@example.vn", "quản trị viên 2026").await
    };
    let producer_id = app.create_cooperative(&admin, name, 44).await;
    let id: i64 = producer_id.parse().unwrap();
    app.create_account(email, "mật khẩu thành viên", "cooperative-member", &[id])
        .await;
    let member = app.sign_in(email, "mật khẩu thành viên").await;
    (producer_id, member, admin)
}

async fn a_member_builds_a_full_profile_that_anyone_can_read(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let (producer_id, member, _) = cooperative_with_member(&app, "HTX Quyết Thắng", "thanh@example.vn").await;

    let logo = app
        .upload(&member, &producer_id, "LOGO", "logo.png", "image/png", PNG.to_vec())
        .await;
    assert_eq!(logo["errors"], json!([]), "{logo}");
    let logo_id = logo["file"]["id"].as_str().unwrap();
    let photo = app
        .upload(
            &member,
            &producer_id,
            "PHOTO",
            "trai-ong.png",
            "image/png",
            PNG.to_vec(),
        )
        .await;
    let photo_id = photo["file"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{photo}"))
        .to_owned();
    let profile = json!({
        "name": "Hợp tác xã Nông nghiệp nuôi ong mật Quyết Thắng", "taxCode": "3100123456", "foundedYear": 2018,
        "memberCount": 25, "description": "Nuôi ong dưới tán rừng keo.\nMật thu hoạch tháng 3–6.",
        "mainSectors": ["HONEY"], "communeCode": 18949, "street": "thôn Thuận Tiến",
        "latitude": 17.9452, "longitude": 105.9906, "contactPerson": "Chị Thanh", "phone": "+84 912 345 678", "contactConsent": true,
        "email": "HTX.QuyetThang@Example.vn", "website": "https://example.vn/quyet-thang", "logoFileId": logo_id, "photoFileIds": [photo_id],
    });
    let body = app
        .graphql(
            Some(&member),
            UPDATE_PRODUCER,
            json!({ "id": producer_id, "i": profile }),
        )
        .await;
    assert_eq!(body["data"]["updateProducer"]["errors"], json!([]), "{body}");

    let photo = app
        .upload(
            &member,
            &producer_id,
            "PRODUCT_IMAGE",
            "mat-ong.png",
            "image/png",
            PNG.to_vec(),
        )
        .await;
    let photo_id = photo["file"]["id"].as_str().unwrap().to_owned();
    let body = app
        .graphql(
            Some(&member),
            CREATE_PRODUCT,
            json!({ "p": producer_id, "i": { "name": "Mật ong Tuyên Hóa", "category": "HONEY", "unit": "lít",
                "priceMinVnd": 250000, "priceMaxVnd": 350000, "minOrderQuantity": 10, "monthlyCapacity": 300,
                "harvestMonths": [3, 4, 5, 6], "shelfLifeDays": 730, "packaging": "Chai 500 ml",
                "imageFileIds": [photo_id] } }),
        )
        .await;
    let product_id = body["data"]["createProduct"]["product"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{body}"))
        .to_owned();

    let evidence = app
        .upload(
            &member,
            &producer_id,
            "EVIDENCE",
            "ocop.pdf",
            "application/pdf",
            PDF.to_vec(),
        )
        .await;
    let body = app
        .graphql(
            Some(&member),
            CREATE_CERTIFICATE,
            json!({ "i": { "producerId": producer_id, "scheme": "OCOP", "ocopStars": 4, "certificateNumber": "DEMO-OCOP-1",
                "issuer": "UBND tỉnh Quảng Trị", "issuedOn": "2025-03-15", "expiresOn": "2028-03-15",
                "productIds": [product_id], "evidenceFileId": evidence["file"]["id"] } }),
        )
        .await;
    assert_eq!(
        body["data"]["createCertificate"]["certificate"]["current"], true,
        "{body}"
    );
    let body = app
        .graphql(
            Some(&member),
            CREATE_LABEL,
            json!({ "i": { "producerId": producer_id, "name": "Mật ong Tuyên Hóa", "kind": "COLLECTIVE_MARK",
                "registrationNumber": "DEMO-NH-1", "authority": "Cục Sở hữu trí tuệ", "productIds": [product_id] } }),
        )
        .await;
    assert_eq!(body["data"]["createBrandLabel"]["errors"], json!([]), "{body}");
    let label_id = body["data"]["createBrandLabel"]["brandLabel"]["id"].clone();
    // Both can be corrected later; a changed certificate waits for an organizer again.
    let certificate_id = app
        .graphql(
            None,
            "query($id: ID!) { producer(id: $id) { certificates { id } } }",
            json!({ "id": producer_id }),
        )
        .await["data"]["producer"]["certificates"][0]["id"]
        .clone();
    let body = app
        .graphql(
            Some(&member),
            "mutation($id: ID!, $i: CertificateInput!) { updateCertificate(id: $id, input: $i) {
                certificate { certificateNumber verificationStatus products { name } } errors { code field } } }",
            json!({ "id": certificate_id, "i": { "scheme": "OCOP", "ocopStars": 4, "certificateNumber": "DEMO-OCOP-1B",
                "issuer": "UBND tỉnh Quảng Trị", "issuedOn": "2025-03-15", "expiresOn": "2028-03-15",
                "productIds": [product_id], "evidenceFileId": evidence["file"]["id"] } }),
        )
        .await;
    assert_eq!(
        body["data"]["updateCertificate"]["certificate"],
        json!({ "certificateNumber": "DEMO-OCOP-1B", "verificationStatus": "UNVERIFIED", "products": [{ "name": "Mật ong Tuyên Hóa" }] }),
        "{body}"
    );
    let body = app
        .graphql(
            Some(&member),
            "mutation($id: ID!, $i: BrandLabelInput!) { updateBrandLabel(id: $id, input: $i) {
                brandLabel { name validUntil valid } errors { code field } } }",
            json!({ "id": label_id, "i": { "name": "Mật ong Tuyên Hóa", "kind": "COLLECTIVE_MARK",
                "validFrom": "2024-01-01", "validUntil": "2034-01-01", "productIds": [product_id] } }),
        )
        .await;
    assert_eq!(
        body["data"]["updateBrandLabel"]["brandLabel"],
        json!({ "name": "Mật ong Tuyên Hóa", "validUntil": "2034-01-01", "valid": true }),
        "{body}"
    );

    let page = "query($id: ID!) { producer(id: $id) { name slug taxCode foundedYear memberCount mainSectors street
        latitude longitude website ocopStars province { name } commune { name } logo { url contentType } photos { url }
        contacts { contactPerson phone email }
        products { edges { node { name unit priceMinVnd harvestMonths images { url }
            certificates { scheme ocopStars current evidence { contentType } } brandLabels { name kind } } } } } }";
    let public = app.graphql(None, page, json!({ "id": producer_id })).await;
    let p = &public["data"]["producer"];
    assert_eq!(p["name"], "Hợp tác xã Nông nghiệp nuôi ong mật Quyết Thắng");
    assert_eq!(p["slug"], "hop-tac-xa-nong-nghiep-nuoi-ong-mat-quyet-thang");
    assert_eq!(p["commune"]["name"], "Xã Đồng Lê");
    assert_eq!(p["province"]["name"], "Quảng Trị");
    // The member's own OCOP claim gives no stars until an organizer verifies it.
    assert_eq!(p["ocopStars"], Value::Null);
    assert_eq!(p["mainSectors"], json!(["HONEY"]));
    assert_eq!(p["photos"].as_array().unwrap().len(), 1);
    assert_eq!(
        p["products"]["edges"][0]["node"]["images"].as_array().unwrap().len(),
        1,
        "{public}"
    );
    assert_eq!(p["contacts"], Value::Null, "anonymous callers never see contacts");
    let product = &p["products"]["edges"][0]["node"];
    assert_eq!(product["harvestMonths"], json!([3, 4, 5, 6]));
    assert_eq!(product["certificates"][0]["evidence"]["contentType"], "application/pdf");
    assert_eq!(product["brandLabels"][0]["kind"], "COLLECTIVE_MARK");

    let own = app.graphql(Some(&member), page, json!({ "id": producer_id })).await;
    assert_eq!(
        own["data"]["producer"]["contacts"],
        json!({ "contactPerson": "Chị Thanh", "phone": "0912345678", "email": "htx.quyetthang@example.vn" })
    );

    // Images are cached for a day (a purge must reach caches) and revalidate by ETag.
    let url = app.url(p["logo"]["url"].as_str().unwrap());
    let response = app.client.get(&url).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "image/png");
    assert!(
        response.headers()["cache-control"]
            .to_str()
            .unwrap()
            .starts_with("public, max-age=86400")
    );
    let etag = response.headers()["etag"].clone();
    assert_eq!(response.bytes().await.unwrap().as_ref(), PNG);
    let again = app.client.get(&url).header("if-none-match", etag).send().await.unwrap();
    assert_eq!(again.status(), 304);
}

async fn an_outsider_is_refused_and_nothing_is_written(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let (ours, member, _) = cooperative_with_member(&app, "HTX Ái Nghĩa", "ai.nghia@example.vn").await;
    let (theirs, outsider, _) = cooperative_with_member(&app, "HTX Chiến Thắng", "chien.thang@example.vn").await;
    let body = app
        .graphql(
            Some(&member),
            CREATE_PRODUCT,
            json!({ "p": ours, "i": { "name": "Gạo an toàn", "category": "RICE_GRAINS", "unit": "kg" } }),
        )
        .await;
    let our_product = body["data"]["createProduct"]["product"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let products_before = app.db.count_rows("product").await;

    assert_eq!(
        app.refused(
            Some(&outsider),
            UPDATE_PRODUCER,
            json!({ "id": ours, "i": { "name": "Bị sửa" } }),
            "updateProducer"
        )
        .await,
        one("FORBIDDEN", None)
    );
    assert_eq!(
        app.refused(
            Some(&outsider),
            CREATE_PRODUCT,
            json!({ "p": ours, "i": { "name": "X", "category": "OTHER", "unit": "kg" } }),
            "createProduct"
        )
        .await,
        one("FORBIDDEN", None)
    );
    assert_eq!(
        app.refused(
            Some(&outsider),
            "mutation($id: ID!) { archiveProduct(id: $id) { errors { code field } } }",
            json!({ "id": our_product }),
            "archiveProduct"
        )
        .await,
        one("FORBIDDEN", None)
    );
    // A label may not be linked to another cooperative's product.
    assert_eq!(
        app.refused(Some(&outsider), CREATE_LABEL, json!({ "i": { "producerId": theirs, "name": "Nhãn mượn", "kind": "TRADEMARK", "productIds": [our_product] } }), "createBrandLabel").await,
        one("FORBIDDEN", Some("productIds"))
    );
    // Uploading for another cooperative, verifying, and anonymous edits are refused too.
    let upload = app
        .upload(&outsider, &ours, "LOGO", "logo.png", "image/png", PNG.to_vec())
        .await;
    assert_eq!(errors(&upload), one("FORBIDDEN", None));
    let verify = "mutation($id: ID!) { verifyProducer(id: $id, status: VERIFIED) { errors { code field } } }";
    let body = app.graphql(Some(&member), verify, json!({ "id": ours })).await;
    assert_eq!(errors(&body["data"]["verifyProducer"]), one("FORBIDDEN", None));
    let body = app
        .graphql(None, UPDATE_PRODUCER, json!({ "id": ours, "i": { "name": "Ẩn danh" } }))
        .await;
    assert_eq!(errors(&body["data"]["updateProducer"]), one("UNAUTHENTICATED", None));

    assert_eq!(app.db.count_rows("product").await, products_before);
    assert_eq!(app.db.count_rows("brand_label").await, 0);
    assert_eq!(app.db.count_rows("stored_file").await, 0);
    let name = app
        .graphql(
            None,
            "query($id: ID!) { producer(id: $id) { name verificationStatus } }",
            json!({ "id": ours }),
        )
        .await;
    assert_eq!(
        name["data"]["producer"],
        json!({ "name": "HTX Ái Nghĩa", "verificationStatus": "UNVERIFIED" })
    );
}

coopbridge_e2e::on_both_databases!(
    a_member_builds_a_full_profile_that_anyone_can_read,
    an_outsider_is_refused_and_nothing_is_written,
);
