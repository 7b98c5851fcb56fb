//! People's rights over their personal data, through the real server on
//! both databases: the copy of one's data, deleting an account, consent for
//! and removal of contact persons, and the daily purge of expired data.

use std::time::Duration;

use coopbridge_e2e::{DbKind, TestApp, on_both_databases, user_errors};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

use crate::linkage::{PASSWORD, REPLY, SEND_INQUIRY, World};

const EXPORT: &str = "/account/personal-data.json";
const DELETE_ME: &str = "mutation($i: DeleteMyAccountInput!) { deleteMyAccount(input: $i) {
    account { id displayName email disabled deletedAt } errors { code field message } } }";
const DELETE_ACCOUNT: &str = "mutation($i: DeleteAccountInput!) { deleteAccount(input: $i) {
    account { id displayName deletedAt } errors { code field message } } }";
const UPDATE_PRODUCER: &str = "mutation($id: ID!, $i: ProducerInput!) { updateProducer(id: $id, input: $i) {
    producer { contacts { contactPerson phone email consentRecordedAt consentRecordedBy } } errors { code field message } } }";
const UPDATE_BUYER: &str = "mutation($id: ID!, $i: BuyerProfileInput!) { updateBuyerProfile(buyerId: $id, input: $i) {
    buyerCompany { contacts { name phone consentRecordedAt consentRecordedBy } } errors { code field message } } }";
const REMOVE_CONTACT: &str = "mutation($i: RemoveContactPersonInput!) { removeContactPerson(input: $i) {
    removed auditRowsRedacted errors { code field message } } }";
const ME_ID: &str = "{ me { id } }";

async fn export(app: &TestApp, token: Option<&str>) -> (u16, reqwest::header::HeaderMap, Value) {
    let response = app.get(EXPORT, token, &[]).await;
    let (status, headers) = (response.status().as_u16(), response.headers().clone());
    let body = response.json().await.unwrap_or(Value::Null);
    (status, headers, body)
}

/// Buyer X sent coop A an inquiry; A replied. Returns the world and the inquiry id.
async fn world_with_inquiry(kind: DbKind) -> (World, String) {
    let w = World::build(TestApp::spawn(kind).await).await;
    let sent = w
        .app
        .mutate(
            &w.x,
            SEND_INQUIRY,
            json!({ "i": { "buyerId": w.buyer_x, "cooperativeId": w.coop_a, "subject": "Hỏi giá mật ong",
            "message": "Xin báo giá 200 lít mỗi tháng." } }),
            "sendInquiry",
        )
        .await;
    let inquiry = sent["inquiry"]["id"].as_str().unwrap().to_owned();
    w.app
        .mutate(
            &w.a,
            REPLY,
            json!({ "id": inquiry, "b": "Chào anh, giá sỉ 250.000đ/lít." }),
            "replyToInquiry",
        )
        .await;
    (w, inquiry)
}

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

async fn an_account_downloads_a_copy_of_everything_held_about_it(kind: DbKind) {
    let (w, inquiry) = world_with_inquiry(kind).await;
    let (status, headers, doc) = export(&w.app, Some(&w.x)).await;
    assert_eq!(status, 200, "{doc}");
    let disposition = headers["content-disposition"].to_str().unwrap();
    assert!(
        disposition.starts_with("attachment; filename=\"coopbridge-personal-data-"),
        "{disposition}"
    );
    assert_eq!(headers["cache-control"], "private, no-store");
    assert_eq!(doc["format"], "coopbridge.personal-data");
    assert_eq!(doc["formatVersion"], 1);
    assert_eq!(doc["account"]["email"], "x@buyer.example.vn");
    assert_eq!(doc["account"]["role"], "buyer");
    assert_eq!(doc["memberships"][0]["organizationId"].to_string(), w.buyer_x);
    assert!(doc["signIns"].as_array().is_some_and(|s| !s.is_empty()), "{doc}");
    assert_eq!(doc["inquiriesStarted"][0]["id"].to_string(), inquiry);
    assert_eq!(doc["inquiriesStarted"][0]["subject"], "Hỏi giá mật ong");
    let messages = doc["inquiryMessages"].as_array().unwrap();
    assert_eq!(messages.len(), 1, "only the messages X wrote: {doc}");
    assert_eq!(messages[0]["body"], "Xin báo giá 200 lít mỗi tháng.");
    let text = doc.to_string();
    for secret in ["password_hash", "token_hash", "$argon2"] {
        assert!(!text.contains(secret), "the copy holds {secret}");
    }
    // The cooperative's member gets its own reply, not the buyer's message.
    let (_, _, theirs) = export(&w.app, Some(&w.a)).await;
    assert_eq!(theirs["inquiryMessages"][0]["body"], "Chào anh, giá sỉ 250.000đ/lít.");
    assert_eq!(theirs["inquiriesStarted"], json!([]));

    let (status, _, body) = export(&w.app, None).await;
    assert_eq!(status, 401);
    assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
    let (status, _, body) = export(&w.app, Some("cb_made_up")).await;
    assert_eq!(status, 401);
    assert_eq!(body["errors"][0]["extensions"]["code"], "TOKEN_INVALID");
}

async fn a_deleted_account_is_anonymised_signed_out_and_gone_from_its_organizations(kind: DbKind) {
    let (w, inquiry) = world_with_inquiry(kind).await;
    let app = &w.app;
    let second_device = app.sign_in("x@buyer.example.vn", PASSWORD).await;
    let body = app
        .graphql(
            Some(&w.x),
            DELETE_ME,
            json!({ "i": { "password": "sai mật khẩu", "confirm": false } }),
        )
        .await;
    let mut errors = user_errors(&body["data"]["deleteMyAccount"]);
    errors.sort();
    assert_eq!(
        errors,
        vec![
            ("INVALID_CREDENTIALS".to_owned(), Some("password".to_owned())),
            ("REQUIRED".to_owned(), Some("confirm".to_owned())),
        ],
        "{body}"
    );
    let x_id = app.query(Some(&w.x), ME_ID, json!({})).await["me"]["id"].clone();

    let deleted = app
        .mutate(
            &w.x,
            DELETE_ME,
            json!({ "i": { "password": PASSWORD, "confirm": true } }),
            "deleteMyAccount",
        )
        .await;
    assert_eq!(deleted["account"]["displayName"], "tài khoản đã xoá");
    assert_eq!(
        deleted["account"]["email"],
        format!("deleted-{}@invalid", x_id.as_str().unwrap())
    );
    assert_eq!(deleted["account"]["disabled"], true);
    assert!(deleted["account"]["deletedAt"].is_string());

    // Every token ends at once; the old email and password no longer sign in.
    for token in [&w.x, &second_device] {
        let (status, body) = app.post_graphql(Some(token), ME_ID, json!({})).await;
        assert_eq!(status, 401, "{body}");
    }
    let body = app
        .graphql(
            None,
            "mutation($i: SignInInput!) { signIn(input: $i) { token errors { code field } } }",
            json!({ "i": { "email": "x@buyer.example.vn", "password": PASSWORD } }),
        )
        .await;
    assert_eq!(
        user_errors(&body["data"]["signIn"]),
        vec![("INVALID_CREDENTIALS".to_owned(), None)]
    );

    // The cooperative still has the thread, the buyer's message included.
    let thread = app
        .query(
            Some(&w.a),
            "query($id: ID!) { inquiry(id: $id) { subject messages { body } } }",
            json!({ "id": inquiry }),
        )
        .await;
    assert_eq!(thread["inquiry"]["subject"], "Hỏi giá mật ong", "{thread}");
    assert_eq!(thread["inquiry"]["messages"].as_array().unwrap().len(), 2, "{thread}");
    // The buyer company's profile stays; the account left it (audited).
    assert_eq!(
        w.app
            .db
            .count_rows(&format!("membership WHERE account_id = {}", x_id.as_str().unwrap()))
            .await,
        0
    );
    let conn = app.db.connect().await;
    let row = conn
        .query_one_raw(sea_orm::Statement::from_string(
            conn.get_database_backend(),
            format!(
                "SELECT COUNT(*) AS n FROM organization_audit WHERE organization_id = {} AND action = 'delete_account'",
                w.buyer_x
            ),
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.try_get::<i64>("", "n").unwrap(), 1);
    let buyer = app
        .query(
            None,
            "query($id: ID!) { buyerCompany(id: $id) { id } }",
            json!({ "id": w.buyer_x }),
        )
        .await;
    assert_eq!(buyer["buyerCompany"]["id"].as_str(), Some(w.buyer_x.as_str()));

    // The email is free again.
    let again = app
        .mutate(
            &w.admin,
            crate::accounts::CREATE_ACCOUNT,
            json!({ "i": { "email": "x@buyer.example.vn", "password": PASSWORD,
                "displayName": "Anh Minh", "role": "BUYER" } }),
            "createAccount",
        )
        .await;
    let new_id = again["account"]["id"].as_str().unwrap().to_owned();

    // An admin deletes an account only with a reason, and only once.
    let body = app
        .graphql(
            Some(&w.admin),
            DELETE_ACCOUNT,
            json!({ "i": { "accountId": new_id, "reason": " " } }),
        )
        .await;
    assert_eq!(
        user_errors(&body["data"]["deleteAccount"]),
        vec![("REQUIRED".to_owned(), Some("reason".to_owned()))]
    );
    let body = app
        .graphql(
            Some(&w.b),
            DELETE_ACCOUNT,
            json!({ "i": { "accountId": new_id, "reason": "Thử" } }),
        )
        .await;
    assert_eq!(
        user_errors(&body["data"]["deleteAccount"]),
        vec![("FORBIDDEN".to_owned(), None)]
    );
    app.mutate(
        &w.admin,
        DELETE_ACCOUNT,
        json!({ "i": { "accountId": new_id, "reason": "Người dùng yêu cầu qua điện thoại" } }),
        "deleteAccount",
    )
    .await;
    let body = app
        .graphql(
            Some(&w.admin),
            DELETE_ACCOUNT,
            json!({ "i": { "accountId": x_id, "reason": "Lần nữa" } }),
        )
        .await;
    assert_eq!(
        user_errors(&body["data"]["deleteAccount"]),
        vec![("INVALID_STATE".to_owned(), Some("accountId".to_owned()))]
    );
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

async fn the_daily_job_purges_old_tokens_and_idle_rate_limit_counters(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let _expired = app.admin_token().await;
    let _signed_out = app.sign_in("admin@example.vn", "quản trị viên 2026").await;
    let kept = app.sign_in("admin@example.vn", "quản trị viên 2026").await;
    let conn = app.db.connect().await;
    let sql = |s: String| sea_orm::Statement::from_string(conn.get_database_backend(), s);
    let days_ago = |n: i64| (chrono::Utc::now() - chrono::Duration::days(n)).format("%Y-%m-%d %H:%M:%S+00:00");
    // Token 1 expired 40 days ago, token 2 was signed out 40 days ago, a
    // copy of token 3 was signed out 10 days ago; token 3 is live.
    for statement in [
        format!("UPDATE auth_token SET expires_at = '{}' WHERE id = 1", days_ago(40)),
        format!("UPDATE auth_token SET revoked_at = '{}' WHERE id = 2", days_ago(40)),
        format!(
            "INSERT INTO auth_token (account_id, token_hash, created_at, expires_at, revoked_at) \
             SELECT account_id, 'recently-signed-out', created_at, expires_at, '{}' FROM auth_token WHERE id = 3",
            days_ago(10)
        ),
    ] {
        let done = conn.execute_raw(sql(statement.clone())).await.unwrap();
        assert_eq!(done.rows_affected(), 1, "{statement}");
    }
    let now_micros = chrono::Utc::now().timestamp_micros();
    conn.execute_raw(sql(format!(
        "INSERT INTO rate_limit_bucket (key, tat_micros) VALUES ('idle', {}), ('busy', {})",
        now_micros - 2 * 86_400_000_000,
        now_micros + 60_000_000
    )))
    .await
    .unwrap();
    assert_eq!(app.db.count_rows("auth_token").await, 4);

    // The job runs at start, then daily.
    let app = app.sigkill_and_restart(&[]).await;
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while app.db.count_rows("auth_token").await > 2 {
        assert!(
            std::time::Instant::now() < deadline,
            "tokens not purged; log:\n{}",
            app.logs()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(
        app.db
            .count_rows("auth_token WHERE token_hash = 'recently-signed-out'")
            .await,
        1
    );
    // (On PostgreSQL the sign-ins above left live buckets of their own.)
    assert_eq!(app.db.count_rows("rate_limit_bucket WHERE key = 'idle'").await, 0);
    assert_eq!(app.db.count_rows("rate_limit_bucket WHERE key = 'busy'").await, 1);
    assert!(app.logs().contains("retention: purged expired data"), "{}", app.logs());
    let body = app.graphql(Some(&kept), ME_ID, json!({})).await;
    assert!(body["data"]["me"]["id"].is_string(), "a live token survives: {body}");
}

on_both_databases!(
    an_account_downloads_a_copy_of_everything_held_about_it,
    a_deleted_account_is_anonymised_signed_out_and_gone_from_its_organizations,
    a_contact_person_is_listed_only_with_consent_and_can_be_removed_for_good,
    the_daily_job_purges_old_tokens_and_idle_rate_limit_counters,
);
