//! Accounts, tokens and authorization, through the real server.

use coopbridge_e2e::{DbKind, TestApp, user_errors};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

pub(crate) const ME: &str = "{ me { email role organizations { name kind } } }";
const CREATE_ORG: &str = "mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) {
    organization { id name kind province { name } } errors { code field message } } }";
pub(crate) const CREATE_ACCOUNT: &str = "mutation($i: CreateAccountInput!) { createAccount(input: $i) {
    account { id email role organizations { name } } errors { code field message } } }";

async fn an_admin_signs_in_and_sees_itself(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let token = app.admin_token().await;
    let body = app.graphql(Some(&token), ME, json!({})).await;
    assert_eq!(body["data"]["me"]["email"], "admin@example.vn");
    assert_eq!(body["data"]["me"]["role"], "ADMIN");
    let anonymous = app.graphql(None, ME, json!({})).await;
    assert_eq!(anonymous["data"]["me"], Value::Null);
}

async fn a_wrong_password_and_an_unknown_email_get_the_same_error(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    app.create_account("lan@example.vn", "mật khẩu đúng", "admin", &[])
        .await;
    let sign_in = "mutation($i: SignInInput!) { signIn(input: $i) { token errors { code field message } } }";
    for (email, password) in [("lan@example.vn", "mật khẩu sai"), ("ai@example.vn", "mật khẩu đúng")] {
        let body = app
            .graphql(None, sign_in, json!({ "i": { "email": email, "password": password } }))
            .await;
        let payload = &body["data"]["signIn"];
        assert_eq!(payload["token"], Value::Null);
        assert_eq!(
            user_errors(payload),
            vec![("INVALID_CREDENTIALS".to_owned(), None)],
            "{body}"
        );
    }
    // The email is matched case-insensitively and trimmed.
    app.sign_in("  LAN@Example.vn ", "mật khẩu đúng").await;
}

async fn a_signed_out_token_is_refused_as_revoked(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let token = app.admin_token().await;
    let other = app.sign_in("admin@example.vn", "quản trị viên 2026").await;
    let body = app
        .graphql(
            Some(&token),
            "mutation { signOut { signedOut errors { code } } }",
            json!({}),
        )
        .await;
    assert_eq!(body["data"]["signOut"]["signedOut"], true);
    let (status, body) = app.post_graphql(Some(&token), ME, json!({})).await;
    assert_eq!(status, 401);
    assert_eq!(body["errors"][0]["extensions"]["code"], "TOKEN_REVOKED");
    // Signing out one device leaves the others signed in.
    let body = app.graphql(Some(&other), ME, json!({})).await;
    assert_eq!(body["data"]["me"]["email"], "admin@example.vn");
}

async fn an_expired_or_unknown_token_is_refused_with_its_own_code(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let token = app.admin_token().await;
    let conn = app.db.connect().await;
    conn.execute_unprepared("UPDATE auth_token SET expires_at = '2020-01-01 00:00:00+00:00'")
        .await
        .unwrap();
    let (status, body) = app.post_graphql(Some(&token), ME, json!({})).await;
    assert_eq!(status, 401);
    assert_eq!(body["errors"][0]["extensions"]["code"], "TOKEN_EXPIRED", "{body}");
    let (status, body) = app.post_graphql(Some("cb_made_up"), ME, json!({})).await;
    assert_eq!(status, 401);
    assert_eq!(body["errors"][0]["extensions"]["code"], "TOKEN_INVALID");
    let response = app
        .client
        .post(app.url("/graphql"))
        .header("authorization", "Basic YWRtaW46YWRtaW4=")
        .json(&json!({ "query": ME }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    assert!(response.headers().contains_key("www-authenticate"));
}

async fn an_admin_builds_an_organization_with_a_member_who_then_signs_in(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let admin = app.admin_token().await;
    let body = app
        .graphql(
            Some(&admin),
            CREATE_ORG,
            json!({ "i": { "kind": "COOPERATIVE", "name": "  Hợp tác xã  Quyết Thắng ", "provinceCode": 44 } }),
        )
        .await;
    let org = &body["data"]["createOrganization"]["organization"];
    assert_eq!(org["name"], "Hợp tác xã Quyết Thắng", "names are cleaned: {body}");
    assert_eq!(org["province"]["name"], "Quảng Trị");
    let org_id = org["id"].as_str().unwrap().to_owned();

    let body = app
        .graphql(
            Some(&admin),
            CREATE_ACCOUNT,
            json!({ "i": { "email": "thanh@example.vn", "password": "mật ong Tuyên Hóa", "displayName": "Chị Thanh",
                           "role": "COOPERATIVE_MEMBER", "organizationIds": [org_id] } }),
        )
        .await;
    assert_eq!(body["data"]["createAccount"]["errors"], json!([]), "{body}");
    let member = app.sign_in("thanh@example.vn", "mật ong Tuyên Hóa").await;
    let me = app.graphql(Some(&member), ME, json!({})).await;
    assert_eq!(
        me["data"]["me"]["organizations"],
        json!([{ "name": "Hợp tác xã Quyết Thắng", "kind": "COOPERATIVE" }])
    );

    // A member may not create accounts or organizations; anonymous callers are told to sign in.
    assert_eq!(
        app.refused(
            Some(&member),
            CREATE_ORG,
            json!({ "i": { "kind": "COOPERATIVE", "name": "HTX Khác" } }),
            "createOrganization"
        )
        .await,
        vec![("FORBIDDEN".to_owned(), None)]
    );
    assert_eq!(
        app.refused(
            None,
            CREATE_ORG,
            json!({ "i": { "kind": "COOPERATIVE", "name": "HTX Khác" } }),
            "createOrganization"
        )
        .await,
        vec![("UNAUTHENTICATED".to_owned(), None)]
    );
    let body = app
        .graphql(Some(&member), "{ accounts { edges { node { email } } } }", json!({}))
        .await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "FORBIDDEN", "{body}");
    assert_eq!(app.db.count_rows("organization").await, 1);
}

async fn bad_account_input_names_every_bad_field_and_writes_nothing(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let admin = app.admin_token().await;
    assert_eq!(
        app.refused(
            Some(&admin),
            CREATE_ORG,
            json!({ "i": { "kind": "BUYER_COMPANY", "name": "Công ty Ví Dụ", "provinceCode": 99 } }),
            "createOrganization"
        )
        .await,
        vec![("NOT_FOUND".to_owned(), Some("provinceCode".to_owned()))]
    );
    let body = app
        .graphql(
            Some(&admin),
            CREATE_ACCOUNT,
            json!({ "i": { "email": "not-an-email", "password": "short", "displayName": " ",
                           "role": "BUYER", "organizationIds": ["424242"] } }),
        )
        .await;
    let mut got = user_errors(&body["data"]["createAccount"]);
    got.sort();
    assert_eq!(
        got,
        vec![
            ("INVALID_FORMAT".to_owned(), Some("email".to_owned())),
            ("NOT_FOUND".to_owned(), Some("organizationIds".to_owned())),
            ("PASSWORD_TOO_SHORT".to_owned(), Some("password".to_owned())),
            ("REQUIRED".to_owned(), Some("displayName".to_owned())),
        ],
        "{body}"
    );
    // A duplicate email is reported on the field, case-insensitively.
    assert_eq!(
        app.refused(
            Some(&admin),
            CREATE_ACCOUNT,
            json!({ "i": { "email": "ADMIN@example.vn", "password": "một mật khẩu dài", "displayName": "Trùng",
                           "role": "ADMIN" } }),
            "createAccount"
        )
        .await,
        vec![("ALREADY_EXISTS".to_owned(), Some("email".to_owned()))]
    );
    assert_eq!(app.db.count_rows("account").await, 1, "only the admin exists");
    assert_eq!(app.db.count_rows("organization").await, 0);
    assert_eq!(app.db.count_rows("membership").await, 0);
}

coopbridge_e2e::on_both_databases!(
    an_admin_signs_in_and_sees_itself,
    a_wrong_password_and_an_unknown_email_get_the_same_error,
    a_signed_out_token_is_refused_as_revoked,
    an_expired_or_unknown_token_is_refused_with_its_own_code,
    an_admin_builds_an_organization_with_a_member_who_then_signs_in,
    bad_account_input_names_every_bad_field_and_writes_nothing,
);
