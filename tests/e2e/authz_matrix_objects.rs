//! Fresh objects for the authorization matrix: each row that changes or
//! removes something gets its own product, certificate, inquiry, event… built
//! through the admin API, so rows never depend on each other's leftovers.

use chrono::{Duration, Utc};
use serde_json::{Value, json};

use crate::authz_matrix_fixture::{Fixture, Who, outcome};
use crate::fairs::event_input;

impl Fixture {
    pub async fn product(&mut self) -> String {
        let name = format!("Mật ong rừng {}", self.next());
        let (admin, coop) = (self.admin.clone(), self.coop.clone());
        self.ok(
            &admin,
            "mutation($p: ID!, $i: ProductInput!) { createProduct(producerId: $p, input: $i) {
                product { id } errors { code } } }",
            json!({ "p": coop, "i": { "name": name, "category": "HONEY", "unit": "lít", "available": true } }),
            "createProduct",
            "product",
        )
        .await
    }

    pub async fn certificate(&mut self) -> String {
        let number = format!("VG-{}", self.next());
        let (admin, coop) = (self.admin.clone(), self.coop.clone());
        self.ok(
            &admin,
            "mutation($i: CreateCertificateInput!) { createCertificate(input: $i) {
                certificate { id } errors { code } } }",
            json!({ "i": { "producerId": coop, "scheme": "VIET_GAP", "certificateNumber": number,
                "issuer": "Chi cục Quản lý chất lượng", "issuedOn": "2025-01-10", "expiresOn": "2030-01-10" } }),
            "createCertificate",
            "certificate",
        )
        .await
    }

    pub async fn label(&mut self) -> String {
        let name = format!("Mật ong Tuyên Hóa {}", self.next());
        let (admin, coop) = (self.admin.clone(), self.coop.clone());
        self.ok(
            &admin,
            "mutation($i: CreateBrandLabelInput!) { createBrandLabel(input: $i) {
                brandLabel { id } errors { code } } }",
            json!({ "i": { "producerId": coop, "name": name, "kind": "TRADEMARK" } }),
            "createBrandLabel",
            "brandLabel",
        )
        .await
    }

    pub async fn purchase_request(&mut self) -> String {
        let buyer_token = self.tokens[&Who::BuyerMember].clone();
        let buyer = self.buyer.clone();
        self.ok(
            &buyer_token,
            "mutation($i: CreatePurchaseRequestInput!) { createPurchaseRequest(input: $i) {
                purchaseRequest { id } errors { code } } }",
            json!({ "i": { "buyerId": buyer, "title": "Mật ong cho quầy đặc sản", "category": "HONEY",
                "quantity": 200, "unit": "lít", "frequency": "MONTHLY" } }),
            "createPurchaseRequest",
            "purchaseRequest",
        )
        .await
    }

    /// From B to A, sent by the admin (on B's behalf).
    pub async fn inquiry(&mut self) -> String {
        let (admin, buyer, coop) = (self.admin.clone(), self.buyer.clone(), self.coop.clone());
        self.ok(
            &admin,
            "mutation($i: SendInquiryInput!) { sendInquiry(input: $i) { inquiry { id } errors { code } } }",
            json!({ "i": { "buyerId": buyer, "cooperativeId": coop, "subject": "Hỏi giá",
                "message": "Xin báo giá 200 lít mỗi tháng." } }),
            "sendInquiry",
            "inquiry",
        )
        .await
    }

    /// Proposed by a member of cooperative A: buyer B's side confirms it.
    pub async fn agreement(&mut self) -> String {
        let member = self.token(Who::CoopMember).expect("coop member signed in");
        let vars = self.agreement_vars();
        self.ok(
            &member,
            "mutation($i: CreateAgreementInput!) { createLinkageAgreement(input: $i) {
                agreement { id } errors { code } } }",
            vars,
            "createLinkageAgreement",
            "agreement",
        )
        .await
    }

    pub fn agreement_vars(&self) -> Value {
        let today = Utc::now().date_naive();
        json!({ "i": { "buyerId": self.buyer, "cooperativeId": self.coop, "volume": "150 lít/tháng",
            "priceTerms": "280.000 đ/lít", "startsOn": today.to_string(),
            "endsOn": (today + Duration::days(365)).to_string() } })
    }

    /// An event of body P, created by its organizer.
    pub async fn event(&mut self, approval: bool, publish: bool, kind: &str) -> String {
        let mut input = event_input(&format!("Hội chợ {}", self.next()), Some(50));
        input["requiresApproval"] = json!(approval);
        input["publish"] = json!(publish);
        input["kind"] = json!(kind);
        let organizer = self.tokens[&Who::Organizer].clone();
        self.ok(
            &organizer,
            "mutation($i: CreateEventInput!) { createEvent(input: $i) { event { id } errors { code } } }",
            json!({ "i": input }),
            "createEvent",
            "event",
        )
        .await
    }

    pub fn event_vars(&self) -> Value {
        json!({ "i": event_input("Hội chợ OCOP", Some(20)) })
    }

    /// A's application to `event` (by its member): (id, check-in code).
    pub async fn application(&mut self, event: &str) -> (String, String) {
        let member = self.tokens[&Who::CoopMember].clone();
        let body = self
            .app
            .graphql(
                Some(&member),
                "mutation($i: ApplyToEventInput!) { applyToEvent(input: $i) {
                application { id checkInCode } errors { code } } }",
                json!({ "i": { "eventId": event, "producerId": self.coop, "booths": 1 } }),
            )
            .await;
        assert_eq!(outcome(&body, "applyToEvent"), Ok(()), "{body}");
        let app = &body["data"]["applyToEvent"]["application"];
        (
            app["id"].as_str().unwrap().to_owned(),
            app["checkInCode"].as_str().unwrap().to_owned(),
        )
    }

    /// B asks A for a meeting at the conference (by the admin, on B's behalf).
    pub async fn meeting(&mut self) -> String {
        let vars = self.meeting_vars();
        let admin = self.admin.clone();
        self.ok(
            &admin,
            "mutation($i: RequestMeetingInput!) { requestMeeting(input: $i) { meeting { id } errors { code } } }",
            vars,
            "requestMeeting",
            "meeting",
        )
        .await
    }

    pub fn meeting_vars(&mut self) -> Value {
        let (starts, ends) = self.conference_slot();
        json!({ "i": { "eventId": self.conference, "buyerId": self.buyer, "producerId": self.coop,
            "startsAt": starts, "endsAt": ends, "message": "Gặp để bàn giá" } })
    }
}
