//! The people and objects the authorization matrix tries mutations on, built
//! once per database through the admin API, and one attempt per row.

use std::collections::BTreeMap;

use chrono::{Duration, Utc};
use coopbridge_e2e::{DbKind, TestApp, TestDb};
use sea_orm::DatabaseConnection;
use serde_json::{Value, json};

use crate::fairs::PASSWORD;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    Allowed,
    Forbidden,
    Unauthenticated,
    NotFound,
}

/// The matrix's columns, in order (see the table in `authz_matrix`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Who {
    Anonymous,
    CoopMember,
    OtherCoopMember,
    BuyerMember,
    OtherBuyerMember,
    Organizer,
    OtherProvinceOrganizer,
    NationalOrganizer,
    Admin,
}

impl Who {
    pub const ALL: [Who; 9] = [
        Who::Anonymous,
        Who::CoopMember,
        Who::OtherCoopMember,
        Who::BuyerMember,
        Who::OtherBuyerMember,
        Who::Organizer,
        Who::OtherProvinceOrganizer,
        Who::NationalOrganizer,
        Who::Admin,
    ];
}

const ADMIN_EMAIL: &str = "admin@example.vn";
const ADMIN_PASSWORD: &str = "quản trị viên 2026";

pub struct Fixture {
    pub app: TestApp,
    pub db: DatabaseConnection,
    /// (table, columns) whose content a refused attempt must leave unchanged.
    pub tables: Vec<(String, Vec<String>)>,
    pub admin: String,
    pub(crate) tokens: BTreeMap<Who, String>,
    pub(crate) emails: BTreeMap<Who, String>,
    /// Cooperative A, buyer company B, organizing body P (province 44).
    pub coop: String,
    pub buyer: String,
    pub(crate) body: String,
    pub(crate) coop_member_id: String,
    pub(crate) spare_account: String,
    pub product: String,
    pub certificate: String,
    pub label: String,
    pub request: String,
    pub inquiry: String,
    pub agreement: String,
    /// Published, open, no approval; A has not applied.
    pub event: String,
    pub draft: String,
    /// A connection conference where A is a confirmed exhibitor.
    pub conference: String,
    pub(crate) conference_starts: chrono::DateTime<Utc>,
    pub exhibitor: String,
    pub(crate) exhibitor_code: String,
    pub pending: String,
    pub meeting: String,
    pub(crate) n: usize,
}

/// The payload's first error code, a top-level error's code, or Ok.
pub fn outcome(body: &Value, mutation: &str) -> Result<(), String> {
    if let Some(errors) = body["errors"].as_array() {
        return Err(errors[0]["extensions"]["code"]
            .as_str()
            .unwrap_or("GRAPHQL_ERROR")
            .to_owned());
    }
    match body["data"][mutation]["errors"].as_array() {
        Some(errors) if errors.is_empty() => Ok(()),
        Some(errors) => Err(errors[0]["code"].as_str().unwrap_or("?").to_owned()),
        None => Err(format!("no payload in {body}")),
    }
}

impl Fixture {
    pub async fn new(kind: DbKind) -> Fixture {
        let env = [
            ("COOPBRIDGE_SIGN_IN_PER_MINUTE", "10000"),
            ("COOPBRIDGE_SIGN_IN_PER_IP_PER_MINUTE", "10000"),
            ("COOPBRIDGE_INQUIRIES_PER_HOUR", "10000"),
        ];
        let app = TestApp::spawn_with(TestDb::new(kind).await, &env).await;
        app.create_account(ADMIN_EMAIL, ADMIN_PASSWORD, "admin", &[]).await;
        let admin = app.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
        let db = app.db.connect().await;
        let mut fx = Fixture {
            tables: Vec::new(),
            db,
            admin,
            tokens: BTreeMap::new(),
            emails: BTreeMap::new(),
            coop: String::new(),
            buyer: String::new(),
            body: String::new(),
            coop_member_id: String::new(),
            spare_account: String::new(),
            product: String::new(),
            certificate: String::new(),
            label: String::new(),
            request: String::new(),
            inquiry: String::new(),
            agreement: String::new(),
            event: String::new(),
            draft: String::new(),
            conference: String::new(),
            conference_starts: Utc::now(),
            exhibitor: String::new(),
            exhibitor_code: String::new(),
            pending: String::new(),
            meeting: String::new(),
            n: 0,
            app,
        };
        fx.build().await;
        fx.tables = fx.content_tables().await;
        fx
    }

    pub fn next(&mut self) -> usize {
        self.n += 1;
        self.n
    }

    /// Runs a mutation that must succeed and returns `path`'s id in its payload.
    pub async fn ok(&self, token: &str, query: &str, vars: Value, mutation: &str, object: &str) -> String {
        let body = self.app.graphql(Some(token), query, vars).await;
        assert_eq!(outcome(&body, mutation), Ok(()), "{mutation}: {body}");
        body["data"][mutation][object]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("{mutation}: no {object} id in {body}"))
            .to_owned()
    }

    pub async fn organization(&mut self, kind: &str, province: Option<i32>) -> String {
        let name = format!("Tổ chức thử {}", self.next());
        let admin = self.admin.clone();
        self.ok(
            &admin,
            "mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) {
                organization { id } errors { code } } }",
            json!({ "i": { "kind": kind, "name": name, "provinceCode": province } }),
            "createOrganization",
            "organization",
        )
        .await
    }

    /// A new account (no organization unless given); returns its id.
    pub async fn account(&mut self, email: &str, role: &str, organizations: &[&str]) -> String {
        let admin = self.admin.clone();
        self.ok(
            &admin,
            "mutation($i: CreateAccountInput!) { createAccount(input: $i) { account { id } errors { code } } }",
            json!({ "i": { "email": email, "password": PASSWORD, "displayName": "Người dùng thử",
                "role": role, "organizationIds": organizations } }),
            "createAccount",
            "account",
        )
        .await
    }

    pub async fn add_member(&mut self, organization: &str, account: &str) {
        let admin = self.admin.clone();
        self.ok(
            &admin,
            "mutation($i: AddMembershipInput!) { addMembership(input: $i) { organization { id } errors { code } } }",
            json!({ "i": { "organizationId": organization, "accountId": account } }),
            "addMembership",
            "organization",
        )
        .await;
    }

    async fn person(&mut self, who: Who, role: &str, organization: &str) -> String {
        let email = format!("{who:?}@example.vn").to_lowercase();
        let id = self.account(&email, role, &[organization]).await;
        self.tokens.insert(who, self.app.sign_in(&email, PASSWORD).await);
        self.emails.insert(who, email);
        id
    }

    async fn build(&mut self) {
        self.tokens.insert(Who::Admin, self.admin.clone());
        self.emails.insert(Who::Admin, ADMIN_EMAIL.to_owned());
        self.coop = self.organization("COOPERATIVE", Some(44)).await;
        let other_coop = self.organization("COOPERATIVE", Some(44)).await;
        self.buyer = self.organization("BUYER_COMPANY", Some(44)).await;
        let other_buyer = self.organization("BUYER_COMPANY", Some(44)).await;
        let body = self.organization("ORGANIZING_BODY", Some(44)).await;
        self.body = body.clone();
        let other_body = self.organization("ORGANIZING_BODY", Some(1)).await;
        let national = self.organization("ORGANIZING_BODY", None).await;
        let coop = self.coop.clone();
        let buyer = self.buyer.clone();
        self.coop_member_id = self.person(Who::CoopMember, "COOPERATIVE_MEMBER", &coop).await;
        self.person(Who::OtherCoopMember, "COOPERATIVE_MEMBER", &other_coop)
            .await;
        self.person(Who::BuyerMember, "BUYER", &buyer).await;
        self.person(Who::OtherBuyerMember, "BUYER", &other_buyer).await;
        self.person(Who::Organizer, "ORGANIZER", &body).await;
        self.person(Who::OtherProvinceOrganizer, "ORGANIZER", &other_body).await;
        self.person(Who::NationalOrganizer, "ORGANIZER", &national).await;
        self.spare_account = self.account("du-phong@example.vn", "BUYER", &[]).await;

        self.product = self.product().await;
        self.certificate = self.certificate().await;
        self.label = self.label().await;
        self.request = self.purchase_request().await;
        self.inquiry = self.inquiry().await;
        self.agreement = self.agreement().await;
        self.event = self.event(false, true, "TRADE_FAIR").await;
        self.draft = self.event(false, false, "TRADE_FAIR").await;
        self.conference = self.event(false, true, "CONNECTION_CONFERENCE").await;
        self.conference_starts = Utc::now() + Duration::days(10);
        let conference = self.conference.clone();
        (self.exhibitor, self.exhibitor_code) = self.application(&conference).await;
        let approval = self.event(true, true, "TRADE_FAIR").await;
        self.pending = self.application(&approval).await.0;
        self.meeting = self.meeting().await;
    }

    pub fn token(&self, who: Who) -> Option<String> {
        self.tokens.get(&who).cloned()
    }

    /// A token of its own, for `signOut` and `changePassword`, which revoke it.
    pub async fn fresh_token(&self, who: Who) -> Option<String> {
        match self.emails.get(&who) {
            Some(email) if who == Who::Admin => Some(self.app.sign_in(email, ADMIN_PASSWORD).await),
            Some(email) => Some(self.app.sign_in(email, PASSWORD).await),
            None => None,
        }
    }

    pub fn password_of(&self, who: Who) -> &'static str {
        if who == Who::Admin { ADMIN_PASSWORD } else { PASSWORD }
    }

    pub fn organizer_body(&self) -> String {
        self.body.clone()
    }

    pub fn spare_account(&self) -> String {
        self.spare_account.clone()
    }

    pub fn coop_member_id(&self) -> String {
        self.coop_member_id.clone()
    }

    pub fn exhibitor_code(&self) -> String {
        self.exhibitor_code.clone()
    }

    pub fn conference_slot(&mut self) -> (String, String) {
        let start = self.conference_starts + Duration::minutes(30 * (self.next() % 90) as i64 + 60);
        (start.to_rfc3339(), (start + Duration::minutes(30)).to_rfc3339())
    }
}
