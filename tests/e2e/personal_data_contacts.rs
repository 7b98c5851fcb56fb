//! Contact persons listed on profiles are personal data: saved only with the
//! person's recorded consent, and removable for good, audit copies included.

use coopbridge_e2e::{DbKind, TestApp, on_both_databases, user_errors};
use sea_orm::ConnectionTrait;
use serde_json::json;

use crate::linkage::World;
use crate::personal_data::ME_ID;

const UPDATE_PRODUCER: &str = "mutation($id: ID!, $i: ProducerInput!) { updateProducer(id: $id, input: $i) {
    producer { contacts { contactPerson phone email consentRecordedAt consentRecordedBy } } errors { code field message } } }";
const UPDATE_BUYER: &str = "mutation($id: ID!, $i: BuyerProfileInput!) { updateBuyerProfile(buyerId: $id, input: $i) {
    buyerCompany { contacts { name phone consentRecordedAt consentRecordedBy } } errors { code field message } } }";
const REMOVE_CONTACT: &str = "mutation($i: RemoveContactPersonInput!) { removeContactPerson(input: $i) {
    removed auditRowsRedacted errors { code field message } } }";

/// Whether any before/after of organization `org`'s audit record holds `text`.
async fn audit_mentions(app: &TestApp, org: &str, text: &str) -> bool {
    let conn = app.db.connect().await;
    let sql = format!(
        "SELECT CAST(before AS TEXT) AS b, CAST(after AS TEXT) AS a FROM organization_audit WHERE organization_id = {org}"
    );
    let rows = conn
        .query_all_raw(sea_orm::Statement::from_string(conn.get_database_backend(), sql))
        .await
        .unwrap();
    rows.iter().any(|r| {
        ["b", "a"].iter().any(|c| {
            r.try_get::<Option<String>>("", c)
                .unwrap()
                .is_some_and(|v| v.contains(text))
        })
    })
}

async fn a_contact_person_is_listed_only_with_consent_and_can_be_removed_for_good(kind: DbKind) {
    let w = World::build(TestApp::spawn(kind).await).await;
    let app = &w.app;
    // A new contact person without consent is refused, naming the field.
    let body = app
        .graphql(
            Some(&w.a),
            UPDATE_PRODUCER,
            json!({ "id": w.coop_a, "i": { "contactPerson": "Anh Hùng" } }),
        )
        .await;
    assert_eq!(
        user_errors(&body["data"]["updateProducer"]),
        vec![("REQUIRED".to_owned(), Some("contactConsent".to_owned()))]
    );
    let a_id = app.query(Some(&w.a), ME_ID, json!({})).await["me"]["id"].clone();
    let saved = app
        .mutate(
            &w.a,
            UPDATE_PRODUCER,
            json!({ "id": w.coop_a, "i": { "contactPerson": "Anh Hùng", "contactConsent": true } }),
            "updateProducer",
        )
        .await;
    let contacts = &saved["producer"]["contacts"];
    assert_eq!(contacts["contactPerson"], "Anh Hùng");
    assert_eq!(contacts["consentRecordedBy"], a_id);
    assert!(contacts["consentRecordedAt"].is_string());
    // Sending the same contact again needs no new consent; other edits neither.
    app.mutate(
        &w.a,
        UPDATE_PRODUCER,
        json!({ "id": w.coop_a, "i": { "contactPerson": "Anh Hùng", "description": "Nuôi ong." } }),
        "updateProducer",
    )
    .await;

    // Buyer contacts: per contact; unchanged ones keep their record.
    let body = app
        .graphql(
            Some(&w.x),
            UPDATE_BUYER,
            json!({ "id": w.buyer_x, "i": { "contacts": [{ "name": "Anh Minh", "role": "Thu mua", "phone": "0900000201",
                "zalo": "0900000201" }, { "name": "Chị Hoa", "phone": "0912345678" }] } }),
        )
        .await;
    assert_eq!(
        user_errors(&body["data"]["updateBuyerProfile"]),
        vec![("REQUIRED".to_owned(), Some("contacts[1].consent".to_owned()))]
    );
    // An admin (an outsider: audited, with the contacts) adds Chị Hoa with consent.
    let saved = app
        .mutate(
            &w.admin,
            UPDATE_BUYER,
            json!({ "id": w.buyer_x, "i": { "contacts": [{ "name": "Anh Minh", "role": "Thu mua", "phone": "0900000201",
                "zalo": "0900000201" }, { "name": "Chị Hoa", "phone": "0912345678", "consent": true }] } }),
            "updateBuyerProfile",
        )
        .await;
    let listed = saved["buyerCompany"]["contacts"].as_array().unwrap();
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().all(|c| c["consentRecordedAt"].is_string()), "{saved}");

    // Removing Chị Hoa clears her from the profile and from the audit record.
    assert!(
        audit_mentions(app, &w.buyer_x, "0912345678").await,
        "the admin's edit is audited with the contacts"
    );
    let body = app
        .graphql(
            Some(&w.x),
            REMOVE_CONTACT,
            json!({ "i": { "organizationId": w.buyer_x } }),
        )
        .await;
    assert_eq!(
        user_errors(&body["data"]["removeContactPerson"]),
        vec![("REQUIRED".to_owned(), Some("position".to_owned()))]
    );
    let body = app
        .graphql(
            Some(&w.x),
            REMOVE_CONTACT,
            json!({ "i": { "organizationId": w.buyer_x, "position": 5 } }),
        )
        .await;
    assert_eq!(
        user_errors(&body["data"]["removeContactPerson"]),
        vec![("NOT_FOUND".to_owned(), Some("position".to_owned()))]
    );
    let removed = app
        .mutate(
            &w.x,
            REMOVE_CONTACT,
            json!({ "i": { "organizationId": w.buyer_x, "position": 1 } }),
            "removeContactPerson",
        )
        .await;
    assert_eq!(removed["removed"], true);
    assert!(removed["auditRowsRedacted"].as_i64().unwrap() >= 1, "{removed}");
    assert!(
        !audit_mentions(app, &w.buyer_x, "0912345678").await,
        "a copy of the phone stayed in the audit record"
    );
    assert!(
        !audit_mentions(app, &w.buyer_x, "Chị Hoa").await,
        "a copy of the name stayed in the audit record"
    );
    assert!(
        audit_mentions(app, &w.buyer_x, "Anh Minh").await,
        "the other contact is untouched"
    );
    let profile = app
        .query(
            Some(&w.x),
            "query($id: ID!) { buyerCompany(id: $id) { contacts { name } } }",
            json!({ "id": w.buyer_x }),
        )
        .await;
    assert_eq!(profile["buyerCompany"]["contacts"], json!([{ "name": "Anh Minh" }]));

    // A cooperative's contact person: name, phone and email go at once.
    app.mutate(
        &w.a,
        REMOVE_CONTACT,
        json!({ "i": { "organizationId": w.coop_a } }),
        "removeContactPerson",
    )
    .await;
    let coop = app
        .query(
            Some(&w.a),
            "query($id: ID!) { producer(id: $id) { contacts { contactPerson phone email consentRecordedAt } } }",
            json!({ "id": w.coop_a }),
        )
        .await;
    assert_eq!(
        coop["producer"]["contacts"],
        json!({ "contactPerson": null, "phone": null, "email": null, "consentRecordedAt": null })
    );
    // Another cooperative's member may not.
    let body = app
        .graphql(
            Some(&w.b),
            REMOVE_CONTACT,
            json!({ "i": { "organizationId": w.coop_a } }),
        )
        .await;
    assert_eq!(
        user_errors(&body["data"]["removeContactPerson"]),
        vec![("FORBIDDEN".to_owned(), None)]
    );
}
on_both_databases!(a_contact_person_is_listed_only_with_consent_and_can_be_removed_for_good);
