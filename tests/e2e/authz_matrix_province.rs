//! Organizers act within their body's province (issue 14, items 1 and 2):
//! moving a cooperative or buyer into one's own province to read its contacts
//! is refused and changes nothing; a move needs both provinces covered; edits
//! by outsiders land in the organization audit record; a verified
//! cooperative whose identity changes goes back to review.

use std::time::Duration;

use coopbridge_e2e::{DbKind, TestApp};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use serde_json::{Value, json};

use crate::fairs::account;

const PHONE: &str = "0912345678";
const BUYER_PHONE: &str = "0987654321";

const UPDATE_PRODUCER: &str = "mutation($id: ID!, $i: ProducerInput!) { updateProducer(id: $id, input: $i) {
    producer { id name verificationStatus verifiedAt province { code } contacts { phone } }
    errors { code field message } } }";
const UPDATE_BUYER: &str = "mutation($id: ID!, $i: BuyerProfileInput!) { updateBuyerProfile(buyerId: $id, input: $i) {
    buyerCompany { id province { code } contacts { phone } } errors { code field message } } }";
const VERIFY: &str = "mutation($id: ID!) { verifyProducer(id: $id, status: VERIFIED) {
    producer { verificationStatus } errors { code field message } } }";

/// Cooperative A and buyer B in province 44, with contacts; organizers of a
/// province-44 body, of a province-1 body and of a national body.
pub struct World {
    pub app: TestApp,
    pub db: DatabaseConnection,
    pub admin: String,
    pub coop: String,
    pub member: String,
    pub buyer: String,
    pub org44: String,
    pub org1: String,
    pub national: String,
}

async fn organization(app: &TestApp, admin: &str, kind: &str, name: &str, province: Option<i32>) -> String {
    app.create_organization(admin, kind, name, province).await
}

pub async fn world(kind: DbKind) -> World {
    let app = TestApp::spawn(kind).await;
    let admin = app.admin_token().await;
    let coop = organization(&app, &admin, "COOPERATIVE", "HTX Mật ong Hướng Hóa", Some(44)).await;
    let buyer = organization(
        &app,
        &admin,
        "BUYER_COMPANY",
        "Công ty Thực phẩm sạch Đông Hà",
        Some(44),
    )
    .await;
    let body44 = organization(&app, &admin, "ORGANIZING_BODY", "Hội Nông dân tỉnh Quảng Trị", Some(44)).await;
    let body1 = organization(&app, &admin, "ORGANIZING_BODY", "Hội Nông dân tỉnh Cao Bằng", Some(1)).await;
    let national = organization(&app, &admin, "ORGANIZING_BODY", "Liên minh Hợp tác xã Việt Nam", None).await;
    let member = account(
        &app,
        &admin,
        "htx@example.vn",
        "COOPERATIVE_MEMBER",
        std::slice::from_ref(&coop),
    )
    .await;
    let org44 = account(&app, &admin, "qt@example.vn", "ORGANIZER", &[body44]).await;
    let org1 = account(&app, &admin, "cb@example.vn", "ORGANIZER", &[body1]).await;
    let national = account(&app, &admin, "vca@example.vn", "ORGANIZER", &[national]).await;
    let set_phone = app
        .graphql(
            Some(&member),
            UPDATE_PRODUCER,
            json!({ "id": coop, "i": { "phone": PHONE, "contactConsent": true } }),
        )
        .await;
    assert_eq!(set_phone["data"]["updateProducer"]["errors"], json!([]), "{set_phone}");
    let set_buyer = app
        .graphql(
            Some(&admin),
            UPDATE_BUYER,
            json!({ "id": buyer, "i": { "kind": "SUPERMARKET",
                "contacts": [{ "name": "Chị Lan", "phone": BUYER_PHONE, "consent": true }] } }),
        )
        .await;
    assert_eq!(
        set_buyer["data"]["updateBuyerProfile"]["errors"],
        json!([]),
        "{set_buyer}"
    );
    let db = app.db.connect().await;
    World {
        app,
        db,
        admin,
        coop,
        member,
        buyer,
        org44,
        org1,
        national,
    }
}

impl World {
    pub async fn scalar(&self, sql: &str) -> Option<String> {
        let backend = self.db.get_database_backend();
        let row = self
            .db
            .query_one_raw(Statement::from_string(backend, sql.to_owned()))
            .await
            .unwrap()?;
        row.try_get::<Option<String>>("", "v").unwrap()
    }

    async fn province_of(&self, id: &str) -> String {
        let sql = format!("SELECT CAST(province_code AS TEXT) AS v FROM organization WHERE id = {id}");
        self.scalar(&sql).await.unwrap()
    }

    /// (actor email, action, before, after) of the organization's audit rows, oldest first.
    pub async fn audit(&self, id: &str) -> Vec<(String, String, Value, Value)> {
        let backend = self.db.get_database_backend();
        let sql = format!(
            r#"SELECT a.email AS email, o.action AS action, CAST(o."before" AS TEXT) AS b, CAST(o."after" AS TEXT) AS f
             FROM organization_audit o LEFT JOIN account a ON a.id = o.actor_account_id
             WHERE o.organization_id = {id} ORDER BY o.id"#
        );
        let parse = |s: Option<String>| s.map_or(Value::Null, |s| serde_json::from_str(&s).unwrap());
        self.db
            .query_all_raw(Statement::from_string(backend, sql))
            .await
            .unwrap()
            .into_iter()
            .map(|r| {
                (
                    r.try_get::<Option<String>>("", "email").unwrap().unwrap_or_default(),
                    r.try_get("", "action").unwrap(),
                    parse(r.try_get("", "b").unwrap()),
                    parse(r.try_get("", "f").unwrap()),
                )
            })
            .collect()
    }
}

fn code(body: &Value, mutation: &str) -> String {
    body["data"][mutation]["errors"][0]["code"]
        .as_str()
        .unwrap_or_else(|| panic!("no error in {body}"))
        .to_owned()
}

async fn an_organizer_of_another_province_cannot_move_a_cooperative_in_to_read_its_contacts(kind: DbKind) {
    let w = world(kind).await;
    let audited = (w.audit(&w.coop).await.len(), w.audit(&w.buyer).await.len());
    let attack = w
        .app
        .graphql(
            Some(&w.org1),
            UPDATE_PRODUCER,
            json!({ "id": w.coop, "i": { "provinceCode": 1 } }),
        )
        .await;
    assert_eq!(code(&attack, "updateProducer"), "FORBIDDEN");
    assert!(
        !attack.to_string().contains(PHONE),
        "the payload leaked the phone: {attack}"
    );
    assert_eq!(w.province_of(&w.coop).await, "44", "nothing moved");
    let plain_edit = w
        .app
        .graphql(
            Some(&w.org1),
            UPDATE_PRODUCER,
            json!({ "id": w.coop, "i": { "description": "x" } }),
        )
        .await;
    assert_eq!(code(&plain_edit, "updateProducer"), "FORBIDDEN");

    let buyer_attack = w
        .app
        .graphql(
            Some(&w.org1),
            UPDATE_BUYER,
            json!({ "id": w.buyer, "i": { "provinceCode": 1 } }),
        )
        .await;
    assert_eq!(code(&buyer_attack, "updateBuyerProfile"), "FORBIDDEN");
    assert!(!buyer_attack.to_string().contains(BUYER_PHONE), "{buyer_attack}");
    assert_eq!(w.province_of(&w.buyer).await, "44");
    assert_eq!((w.audit(&w.coop).await.len(), w.audit(&w.buyer).await.len()), audited);
}

async fn an_organizer_moves_a_cooperative_only_between_provinces_it_covers(kind: DbKind) {
    let w = world(kind).await;
    // Its own province's cooperative, but the target is not covered.
    let out = w
        .app
        .graphql(
            Some(&w.org44),
            UPDATE_PRODUCER,
            json!({ "id": w.coop, "i": { "provinceCode": 1 } }),
        )
        .await;
    assert_eq!(code(&out, "updateProducer"), "FORBIDDEN");
    assert_eq!(w.province_of(&w.coop).await, "44");
    let buyer_out = w
        .app
        .graphql(
            Some(&w.org44),
            UPDATE_BUYER,
            json!({ "id": w.buyer, "i": { "provinceCode": 1 } }),
        )
        .await;
    assert_eq!(code(&buyer_out, "updateBuyerProfile"), "FORBIDDEN");
    // A national body covers both.
    let moved = w
        .app
        .graphql(
            Some(&w.national),
            UPDATE_PRODUCER,
            json!({ "id": w.coop, "i": { "provinceCode": 1 } }),
        )
        .await;
    let payload = &moved["data"]["updateProducer"];
    assert_eq!(payload["errors"], json!([]), "{moved}");
    assert_eq!(payload["producer"]["province"]["code"], 1);
    assert_eq!(
        payload["producer"]["contacts"]["phone"], PHONE,
        "a national body saw them before"
    );
    assert_eq!(w.province_of(&w.coop).await, "1");
    // Now the province-1 organizer covers it and the province-44 one does not.
    let vars = json!({ "id": w.coop, "i": { "description": "Mới" } });
    let by44 = w.app.graphql(Some(&w.org44), UPDATE_PRODUCER, vars.clone()).await;
    assert_eq!(code(&by44, "updateProducer"), "FORBIDDEN");
    let by1 = w.app.graphql(Some(&w.org1), UPDATE_PRODUCER, vars).await;
    assert_eq!(by1["data"]["updateProducer"]["errors"], json!([]), "{by1}");
}

async fn edits_by_outsiders_are_audited_in_their_transaction_and_members_edits_are_not(kind: DbKind) {
    let w = world(kind).await;
    // The admin set B's contacts while building the world: that is audited.
    let buyer_audit = w.audit(&w.buyer).await;
    assert_eq!(buyer_audit.len(), 1, "{buyer_audit:?}");
    assert_eq!(buyer_audit[0].1, "update_buyer_profile");
    assert_eq!(buyer_audit[0].3["contacts"][0]["phone"], BUYER_PHONE);
    // The member's own phone edit is not.
    assert!(w.audit(&w.coop).await.is_empty());
    let edited = w
        .app
        .graphql(
            Some(&w.org44),
            UPDATE_PRODUCER,
            json!({ "id": w.coop, "i": { "description": "Sửa bởi Hội Nông dân" } }),
        )
        .await;
    assert_eq!(edited["data"]["updateProducer"]["errors"], json!([]), "{edited}");
    let product = w
        .app
        .graphql(
            Some(&w.org44),
            "mutation($p: ID!, $i: ProductInput!) { createProduct(producerId: $p, input: $i) {
                product { id } errors { code } } }",
            json!({ "p": w.coop, "i": { "name": "Mật ong bạc hà", "category": "HONEY", "unit": "lít" } }),
        )
        .await;
    assert_eq!(product["data"]["createProduct"]["errors"], json!([]), "{product}");
    let audit = w.audit(&w.coop).await;
    let actions: Vec<_> = audit
        .iter()
        .map(|(who, action, ..)| (who.as_str(), action.as_str()))
        .collect();
    assert_eq!(
        actions,
        [
            ("qt@example.vn", "update_producer"),
            ("qt@example.vn", "create_product")
        ]
    );
    assert_eq!(audit[0].2["description"], "");
    assert_eq!(audit[0].3["description"], "Sửa bởi Hội Nông dân");
    assert_eq!(audit[1].3["name"], "Mật ong bạc hà");
}

async fn search(w: &World, verified: bool) -> Vec<String> {
    for _ in 0..300 {
        let status = w
            .app
            .graphql(None, "{ searchStatus { pendingChanges } }", json!({}))
            .await;
        if status["data"]["searchStatus"]["pendingChanges"] == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let body = w
        .app
        .graphql(
            None,
            "query($f: SearchFilterInput) { search(query: \"Mật ong\", kinds: [PRODUCER], filter: $f) {
                edges { node { ... on Producer { id } } } } }",
            json!({ "f": { "verified": verified } }),
        )
        .await;
    body["data"]["search"]["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"))
        .iter()
        .map(|e| e["node"]["id"].as_str().unwrap().to_owned())
        .collect()
}

async fn a_verified_cooperative_goes_back_to_review_when_its_identity_changes(kind: DbKind) {
    let w = world(kind).await;
    let verified = w.app.graphql(Some(&w.org44), VERIFY, json!({ "id": w.coop })).await;
    assert_eq!(
        verified["data"]["verifyProducer"]["producer"]["verificationStatus"],
        "VERIFIED"
    );
    assert_eq!(search(&w, true).await, std::slice::from_ref(&w.coop));
    // A description is not identity: the badge stays.
    let described = w
        .app
        .graphql(
            Some(&w.member),
            UPDATE_PRODUCER,
            json!({ "id": w.coop, "i": { "description": "Mật ong rừng" } }),
        )
        .await;
    assert_eq!(
        described["data"]["updateProducer"]["producer"]["verificationStatus"],
        "VERIFIED"
    );
    // Renamed to another cooperative's name, with a tax code: back to review.
    let renamed = w
        .app
        .graphql(
            Some(&w.member),
            UPDATE_PRODUCER,
            json!({ "id": w.coop, "i": { "name": "HTX Mật ong Tuyên Hóa", "taxCode": "3100123456" } }),
        )
        .await;
    let producer = &renamed["data"]["updateProducer"]["producer"];
    assert_eq!(producer["verificationStatus"], "UNVERIFIED", "{renamed}");
    assert_eq!(producer["verifiedAt"], Value::Null);
    assert_eq!(
        search(&w, true).await,
        Vec::<String>::new(),
        "the index lost the badge too"
    );
    assert_eq!(search(&w, false).await, std::slice::from_ref(&w.coop));
    // Who verified it, and when, is kept.
    let audit = w.audit(&w.coop).await;
    let cleared = audit
        .iter()
        .find(|(_, action, ..)| action == "verification_cleared_by_identity_change")
        .unwrap_or_else(|| panic!("{audit:?}"));
    assert_eq!(cleared.2["verification"]["verificationStatus"], "verified");
    assert!(cleared.2["verification"]["verifiedAt"].is_string(), "{cleared:?}");
    assert_eq!(cleared.2["identity"]["name"], "HTX Mật ong Hướng Hóa");
    assert_eq!(cleared.3["identity"]["tax_code"], "3100123456");
    assert!(
        audit
            .iter()
            .any(|(who, action, ..)| who == "qt@example.vn" && action == "verify_producer")
    );
    // A move is an identity change as well.
    w.app.graphql(Some(&w.admin), VERIFY, json!({ "id": w.coop })).await;
    let moved = w
        .app
        .graphql(
            Some(&w.member),
            UPDATE_PRODUCER,
            json!({ "id": w.coop, "i": { "provinceCode": 1 } }),
        )
        .await;
    assert_eq!(
        moved["data"]["updateProducer"]["producer"]["verificationStatus"], "UNVERIFIED",
        "{moved}"
    );
}

coopbridge_e2e::on_both_databases!(
    an_organizer_of_another_province_cannot_move_a_cooperative_in_to_read_its_contacts,
    an_organizer_moves_a_cooperative_only_between_provinces_it_covers,
    edits_by_outsiders_are_audited_in_their_transaction_and_members_edits_are_not,
    a_verified_cooperative_goes_back_to_review_when_its_identity_changes,
);
