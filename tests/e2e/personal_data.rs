//! People's rights over their personal data, through the real server on
//! both databases: the copy of one's data and deleting an account. Contact
//! persons are in `personal_data_contacts.rs`, the retention purge in
//! `personal_data_retention.rs`.

use coopbridge_e2e::{DbKind, TestApp, on_both_databases, user_errors};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

use crate::linkage::{PASSWORD, REPLY, SEND_INQUIRY, World};

const EXPORT: &str = "/account/personal-data.json";
const DELETE_ME: &str = "mutation($i: DeleteMyAccountInput!) { deleteMyAccount(input: $i) {
    account { id displayName email disabled deletedAt } errors { code field message } } }";
const DELETE_ACCOUNT: &str = "mutation($i: DeleteAccountInput!) { deleteAccount(input: $i) {
    account { id displayName deletedAt } errors { code field message } } }";
pub const ME_ID: &str = "{ me { id } }";

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
async fn an_account_corrects_its_own_name(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let token = app.admin_token().await;
    let update = "mutation($i: UpdateMyAccountInput!) { updateMyAccount(input: $i) {
        account { displayName } errors { code field message } } }";
    let body = app
        .graphql(Some(&token), update, json!({ "i": { "displayName": "  " } }))
        .await;
    assert_eq!(
        user_errors(&body["data"]["updateMyAccount"]),
        vec![("REQUIRED".to_owned(), Some("displayName".to_owned()))]
    );
    // Decomposed input (e + combining marks) is stored composed (NFC).
    let decomposed = "Nguye\u{302}\u{303}n Thi\u{323} Lan";
    let saved = app
        .mutate(
            &token,
            update,
            json!({ "i": { "displayName": decomposed } }),
            "updateMyAccount",
        )
        .await;
    assert_eq!(saved["account"]["displayName"], "Nguyễn Thị Lan");
    let (_, _, doc) = export(&app, Some(&token)).await;
    assert_eq!(doc["account"]["displayName"], "Nguyễn Thị Lan");
    let body = app
        .graphql(None, update, json!({ "i": { "displayName": "Ai đó" } }))
        .await;
    assert_eq!(
        user_errors(&body["data"]["updateMyAccount"]),
        vec![("UNAUTHENTICATED".to_owned(), None)]
    );
}

on_both_databases!(
    an_account_corrects_its_own_name,
    an_account_downloads_a_copy_of_everything_held_about_it,
    a_deleted_account_is_anonymised_signed_out_and_gone_from_its_organizations,
);
