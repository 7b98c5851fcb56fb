//! Linkage through the real server: a buyer keeps a profile, posts a purchase
//! request that a matching cooperative answers, sends an inquiry, and once it
//! is accepted both see each other's contacts; their agreement, once the
//! cooperative confirms it, counts in the province's KPI and the
//! cooperative's response time is shown.

use coopbridge_e2e::{DbKind, TestApp};
use serde_json::{Value, json};

pub const PASSWORD: &str = "mật khẩu liên kết 2026";

/// Two cooperatives in Quảng Trị (44), two buyers in Hà Nội (1), organizers of
/// both provinces and of a national body, each with one account.
pub struct World {
    pub app: TestApp,
    pub admin: String,
    pub coop_a: String,
    pub coop_b: String,
    pub buyer_x: String,
    pub buyer_y: String,
    /// Member tokens of coop A and B, buyer X and Y; organizers of 44, of 1, national.
    pub a: String,
    pub b: String,
    pub x: String,
    pub y: String,
    pub o44: String,
    pub o1: String,
    pub national: String,
    /// Coop A's honey (VietGAP, producer-wide) and coop B's rice (no certificate).
    pub honey: String,
    pub rice: String,
}

async fn organization(app: &TestApp, admin: &str, kind: &str, name: &str, province: Option<i32>) -> String {
    app.create_organization(admin, kind, name, province).await
}

async fn cooperative(app: &TestApp, admin: &str, name: &str) -> String {
    app.create_cooperative(admin, name, 44).await
}

async fn member(app: &TestApp, email: &str, role: &str, org: Option<&str>) -> String {
    let orgs: Vec<i64> = org.iter().map(|o| o.parse().unwrap()).collect();
    app.create_account(email, PASSWORD, role, &orgs).await;
    app.sign_in(email, PASSWORD).await
}

pub async fn product(app: &TestApp, token: &str, producer: &str, name: &str, category: &str) -> String {
    let payload = app
        .mutate(
            token,
            "mutation($p: ID!, $i: ProductInput!) { createProduct(producerId: $p, input: $i) {
            product { id } errors { code field message } } }",
            json!({ "p": producer, "i": { "name": name, "category": category, "unit": "kg", "available": true } }),
            "createProduct",
        )
        .await;
    payload["product"]["id"].as_str().unwrap().to_owned()
}

pub const SEND_INQUIRY: &str = "mutation($i: SendInquiryInput!) { sendInquiry(input: $i) {
    inquiry { id status } errors { code field message } } }";
pub const CHANGE_STATUS: &str =
    "mutation($id: ID!, $s: InquiryStatus!) { changeInquiryStatus(inquiryId: $id, status: $s) {
    inquiry { id status } errors { code field message } } }";
pub const REPLY: &str = "mutation($id: ID!, $b: String!) { replyToInquiry(inquiryId: $id, body: $b) {
    inquiry { id } errors { code field message } } }";

impl World {
    pub async fn build(app: TestApp) -> World {
        let admin = app.admin_token().await;
        let coop_a = cooperative(&app, &admin, "HTX Nuôi ong Quyết Thắng").await;
        let coop_b = cooperative(&app, &admin, "HTX Nông nghiệp Ái Nghĩa").await;
        let buyer_x = organization(&app, &admin, "BUYER_COMPANY", "Siêu thị Xanh Hà Nội", Some(1)).await;
        let buyer_y = organization(&app, &admin, "BUYER_COMPANY", "Bếp ăn Hoa Sen", Some(1)).await;
        let body44 = organization(&app, &admin, "ORGANIZING_BODY", "Hội Nông dân tỉnh Quảng Trị", Some(44)).await;
        let body1 = organization(&app, &admin, "ORGANIZING_BODY", "Sở Công Thương Hà Nội", Some(1)).await;
        let national = organization(&app, &admin, "ORGANIZING_BODY", "Liên minh Hợp tác xã Việt Nam", None).await;
        let a = member(&app, "a@htx.example.vn", "cooperative-member", Some(&coop_a)).await;
        let b = member(&app, "b@htx.example.vn", "cooperative-member", Some(&coop_b)).await;
        let x = member(&app, "x@buyer.example.vn", "buyer", Some(&buyer_x)).await;
        let y = member(&app, "y@buyer.example.vn", "buyer", Some(&buyer_y)).await;
        let o44 = member(&app, "o44@hoi.example.vn", "organizer", Some(&body44)).await;
        let o1 = member(&app, "o1@so.example.vn", "organizer", Some(&body1)).await;
        let national = member(&app, "vca@example.vn", "organizer", Some(&national)).await;
        for (token, coop, phone) in [(&a, &coop_a, "0900000101"), (&b, &coop_b, "0900000102")] {
            app.mutate(
                token,
                "mutation($id: ID!, $i: ProducerInput!) { updateProducer(id: $id, input: $i) {
                    producer { id } errors { code field message } } }",
                json!({ "id": coop, "i": { "contactPerson": "Chị Thanh", "phone": phone, "email": "htx@example.vn",
                    "contactConsent": true } }),
                "updateProducer",
            )
            .await;
        }
        for (token, buyer, name) in [(&x, &buyer_x, "Anh Minh"), (&y, &buyer_y, "Chị Hoa")] {
            app.mutate(
                token,
                "mutation($id: ID!, $i: BuyerProfileInput!) { updateBuyerProfile(buyerId: $id, input: $i) {
                    buyerCompany { id } errors { code field message } } }",
                json!({ "id": buyer, "i": { "kind": "SUPERMARKET", "categories": ["HONEY", "RICE_GRAINS"],
                    "contacts": [{ "name": name, "role": "Thu mua", "phone": "0900000201", "zalo": "0900000201",
                    "consent": true }] } }),
                "updateBuyerProfile",
            )
            .await;
        }
        let honey = product(&app, &a, &coop_a, "Mật ong Tuyên Hóa", "HONEY").await;
        let rice = product(&app, &b, &coop_b, "Gạo an toàn Ái Nghĩa", "RICE_GRAINS").await;
        app.mutate(
            &a,
            "mutation($i: CreateCertificateInput!) { createCertificate(input: $i) {
                certificate { id current } errors { code field message } } }",
            json!({ "i": { "producerId": coop_a, "scheme": "VIET_GAP", "certificateNumber": "DEMO-VG-1",
                "issuer": "Chi cục Quản lý chất lượng", "issuedOn": "2025-01-10", "expiresOn": "2030-01-10" } }),
            "createCertificate",
        )
        .await;
        World {
            app,
            admin,
            coop_a,
            coop_b,
            buyer_x,
            buyer_y,
            a,
            b,
            x,
            y,
            o44,
            o1,
            national,
            honey,
            rice,
        }
    }

    /// A purchase request of buyer X for VietGAP honey.
    pub async fn honey_request(&self) -> String {
        let payload = self
            .app
            .mutate(
                &self.x,
                "mutation($i: CreatePurchaseRequestInput!) { createPurchaseRequest(input: $i) {
                purchaseRequest { id } errors { code field message } } }",
                json!({ "i": { "buyerId": self.buyer_x, "title": "Mật ong rừng cho quầy đặc sản", "category": "HONEY",
                "quantity": 200, "unit": "lít", "frequency": "MONTHLY", "deliveryProvinceCode": 1,
                "requiredCertifications": ["VIET_GAP"], "targetPriceVnd": 300000 } }),
                "createPurchaseRequest",
            )
            .await;
        payload["purchaseRequest"]["id"].as_str().unwrap().to_owned()
    }

    /// An inquiry from `buyer` (with `token`) to `coop`; returns its id.
    pub async fn inquiry(&self, token: &str, buyer: &str, coop: &str) -> String {
        let payload = self
            .app
            .mutate(
                token,
                SEND_INQUIRY,
                json!({ "i": { "buyerId": buyer, "cooperativeId": coop, "subject": "Hỏi giá",
                "message": "Xin báo giá cho 200 kg mỗi tháng." } }),
                "sendInquiry",
            )
            .await;
        payload["inquiry"]["id"].as_str().unwrap().to_owned()
    }
}

async fn a_buyer_and_a_cooperative_link_up_and_the_kpi_counts_it(kind: DbKind) {
    let w = World::build(TestApp::spawn(kind).await).await;
    let app = &w.app;
    let profile = app.query(Some(&w.x),
        "query($id: ID!) { buyerCompany(id: $id) { name kind categories province { name } contacts { name zalo } } }",
        json!({ "id": w.buyer_x }),
    )
    .await;
    assert_eq!(
        profile["buyerCompany"],
        json!({ "name": "Siêu thị Xanh Hà Nội", "kind": "SUPERMARKET", "categories": ["HONEY", "RICE_GRAINS"],
            "province": { "name": "Thành phố Hà Nội" }, "contacts": [{ "name": "Anh Minh", "zalo": "0900000201" }] })
    );

    // The request reaches coop A (VietGAP honey) and not coop B (rice).
    let request = w.honey_request().await;
    let matching = "query($c: ID!) { matchingPurchaseRequests(cooperativeId: $c) {
        edges { node { id title requiredCertifications buyer { name contacts { name } } } } } }";
    let seen = app.query(Some(&w.a), matching, json!({ "c": w.coop_a })).await;
    let node = &seen["matchingPurchaseRequests"]["edges"][0]["node"];
    assert_eq!(node["id"], json!(request), "{seen}");
    assert_eq!(node["requiredCertifications"], json!(["VIET_GAP"]));
    assert_eq!(
        node["buyer"]["contacts"],
        Value::Null,
        "no contacts before an accepted inquiry"
    );
    let unseen = app.query(Some(&w.b), matching, json!({ "c": w.coop_b })).await;
    assert_eq!(unseen["matchingPurchaseRequests"]["edges"], json!([]));

    app.mutate(
        &w.a,
        "mutation($i: MakeOfferInput!) { makeOffer(input: $i) { offer { id } errors { code field message } } }",
        json!({ "i": { "purchaseRequestId": request, "cooperativeId": w.coop_a, "productId": w.honey,
            "quantity": 150, "priceVnd": 280000, "message": "Có thể giao 150 lít mỗi tháng." } }),
        "makeOffer",
    )
    .await;
    let offers = app.query(Some(&w.x),
        "query($id: ID!) { purchaseRequest(id: $id) { offers { quantity priceVnd cooperative { name } product { name } } } }",
        json!({ "id": request }),
    )
    .await;
    assert_eq!(
        offers["purchaseRequest"]["offers"],
        json!([{ "quantity": 150, "priceVnd": 280000, "cooperative": { "name": "HTX Nuôi ong Quyết Thắng" },
            "product": { "name": "Mật ong Tuyên Hóa" } }])
    );

    // Inquiry about the product and the request; a thread; acceptance.
    let inquiry = app
        .mutate(
            &w.x,
            SEND_INQUIRY,
            json!({ "i": { "buyerId": w.buyer_x, "productId": w.honey, "purchaseRequestId": request,
            "subject": "Mật ong VietGAP", "message": "Chị cho hỏi giá sỉ 200 lít/tháng?" } }),
            "sendInquiry",
        )
        .await["inquiry"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let contacts_of_a = "query($id: ID!) { producer(id: $id) { contacts { phone } medianResponseHours } }";
    let contacts_of_x = "query($id: ID!) { buyerCompany(id: $id) { contacts { phone } } }";
    let before = app.query(Some(&w.x), contacts_of_a, json!({ "id": w.coop_a })).await;
    assert_eq!(
        before["producer"],
        json!({ "contacts": null, "medianResponseHours": null })
    );
    let before = app.query(Some(&w.a), contacts_of_x, json!({ "id": w.buyer_x })).await;
    assert_eq!(before["buyerCompany"]["contacts"], Value::Null);

    app.mutate(
        &w.a,
        REPLY,
        json!({ "id": inquiry, "b": "Dạ, giá sỉ 280.000 đ/lít." }),
        "replyToInquiry",
    )
    .await;
    app.mutate(
        &w.x,
        REPLY,
        json!({ "id": inquiry, "b": "Cảm ơn chị, mình trao đổi thêm." }),
        "replyToInquiry",
    )
    .await;
    let accepted = app
        .mutate(
            &w.a,
            CHANGE_STATUS,
            json!({ "id": inquiry, "s": "IN_DISCUSSION" }),
            "changeInquiryStatus",
        )
        .await;
    assert_eq!(accepted["inquiry"]["status"], "IN_DISCUSSION");

    let after = app.query(Some(&w.x), contacts_of_a, json!({ "id": w.coop_a })).await;
    assert_eq!(after["producer"]["contacts"], json!({ "phone": "0900000101" }));
    let hours = after["producer"]["medianResponseHours"]
        .as_f64()
        .expect("a median once it replied");
    assert!((0.0..1.0).contains(&hours), "{after}");
    let after = app.query(Some(&w.a), contacts_of_x, json!({ "id": w.buyer_x })).await;
    assert_eq!(after["buyerCompany"]["contacts"], json!([{ "phone": "0900000201" }]));

    // Agreement, then the inquiry is marked agreed; the history has every step.
    let today = chrono::Utc::now().date_naive();
    let agreement = app.mutate(&w.x,
        "mutation($i: CreateAgreementInput!) { createLinkageAgreement(input: $i) {
            agreement { id status confirmed products { name } cooperative { name } } errors { code field message } } }",
        json!({ "i": { "buyerId": w.buyer_x, "cooperativeId": w.coop_a, "inquiryId": inquiry, "productIds": [w.honey],
            "volume": "150 lít/tháng", "priceTerms": "280.000 đ/lít, thanh toán 30 ngày",
            "startsOn": (today - chrono::Duration::days(10)).to_string(),
            "endsOn": (today + chrono::Duration::days(355)).to_string() } }),
        "createLinkageAgreement",
    )
    .await;
    assert_eq!(
        agreement["agreement"]["products"],
        json!([{ "name": "Mật ong Tuyên Hóa" }])
    );
    // Recorded by the buyer, it waits for the cooperative to confirm it.
    assert_eq!(agreement["agreement"]["status"], "PROPOSED");
    assert_eq!(agreement["agreement"]["confirmed"], false);
    let confirmed = app
        .mutate(
            &w.a,
            "mutation($id: ID!) { confirmLinkageAgreement(id: $id) {
            agreement { status confirmed } errors { code field message } } }",
            json!({ "id": agreement["agreement"]["id"] }),
            "confirmLinkageAgreement",
        )
        .await;
    assert_eq!(confirmed["agreement"], json!({ "status": "ACTIVE", "confirmed": true }));
    app.mutate(
        &w.x,
        CHANGE_STATUS,
        json!({ "id": inquiry, "s": "AGREED" }),
        "changeInquiryStatus",
    )
    .await;
    let thread = app
        .query(
            Some(&w.a),
            "query($id: ID!) { inquiry(id: $id) { status firstRepliedAt product { name }
            messages { fromCooperative body } history { fromStatus toStatus changedByAccountId changedAt } } }",
            json!({ "id": inquiry }),
        )
        .await;
    let i = &thread["inquiry"];
    assert_eq!(i["status"], "AGREED");
    assert!(i["firstRepliedAt"].is_string());
    assert_eq!(i["product"]["name"], "Mật ong Tuyên Hóa");
    let authors: Vec<bool> = i["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["fromCooperative"].as_bool().unwrap())
        .collect();
    assert_eq!(authors, [false, true, false]);
    let steps: Vec<(Value, Value)> = i["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            assert!(h["changedByAccountId"].is_string() && h["changedAt"].is_string(), "{h}");
            (h["fromStatus"].clone(), h["toStatus"].clone())
        })
        .collect();
    assert_eq!(
        steps,
        [
            (Value::Null, json!("NEW")),
            (json!("NEW"), json!("IN_DISCUSSION")),
            (json!("IN_DISCUSSION"), json!("AGREED"))
        ]
    );
    assert_eq!(w.app.db.count_rows("inquiry_status_change").await, 3);

    // Two HTX in Quảng Trị, one with a current agreement: 50%, on target.
    let kpi = app
        .query(
            Some(&w.o44),
            "query($f: NaiveDate!, $t: NaiveDate!) { linkageKpi(provinceCode: 44, from: $f, to: $t) {
            province { name } cooperatives withAgreement sharePercent targetPercent meetsTarget } }",
            json!({ "f": today.to_string(), "t": (today + chrono::Duration::days(30)).to_string() }),
        )
        .await;
    assert_eq!(
        kpi["linkageKpi"],
        json!({ "province": { "name": "Quảng Trị" }, "cooperatives": 2, "withAgreement": 1, "sharePercent": 50.0,
            "targetPercent": 50.0, "meetsTarget": true })
    );
    // A period before the agreement started does not count it.
    let earlier = app.query(Some(&w.o44),
        "query { linkageKpi(provinceCode: 44, from: \"2024-01-01\", to: \"2024-12-31\") { withAgreement sharePercent } }",
        json!({}),
    )
    .await;
    assert_eq!(
        earlier["linkageKpi"],
        json!({ "withAgreement": 0, "sharePercent": 0.0 })
    );
}

coopbridge_e2e::on_both_databases!(a_buyer_and_a_cooperative_link_up_and_the_kpi_counts_it);
