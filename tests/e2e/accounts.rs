//! Accounts, tokens and authorization, through the real server.

use coopbridge_e2e::{DbKind, TestApp, TestDb};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

const ME: &str = "{ me { email role organizations { name kind } } }";
const CREATE_ORG: &str = "mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) {
    organization { id name kind province { name } } errors { code field message } } }";
const CREATE_ACCOUNT: &str = "mutation($i: CreateAccountInput!) { createAccount(input: $i) {
    account { id email role organizations { name } } errors { code field message } } }";

fn codes(payload: &Value) -> Vec<(String, Option<String>)> {
    payload["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["code"].as_str().unwrap().to_owned(),
                e["field"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

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
        assert_eq!(codes(payload), vec![("INVALID_CREDENTIALS".to_owned(), None)], "{body}");
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
    let body = app
        .graphql(
            Some(&member),
            CREATE_ORG,
            json!({ "i": { "kind": "COOPERATIVE", "name": "HTX Khác" } }),
        )
        .await;
    assert_eq!(
        codes(&body["data"]["createOrganization"]),
        vec![("FORBIDDEN".to_owned(), None)]
    );
    let body = app
        .graphql(
            None,
            CREATE_ORG,
            json!({ "i": { "kind": "COOPERATIVE", "name": "HTX Khác" } }),
        )
        .await;
    assert_eq!(
        codes(&body["data"]["createOrganization"]),
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
    let body = app
        .graphql(
            Some(&admin),
            CREATE_ORG,
            json!({ "i": { "kind": "BUYER_COMPANY", "name": "Công ty Ví Dụ", "provinceCode": 99 } }),
        )
        .await;
    assert_eq!(
        codes(&body["data"]["createOrganization"]),
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
    let mut got = codes(&body["data"]["createAccount"]);
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
    let body = app
        .graphql(
            Some(&admin),
            CREATE_ACCOUNT,
            json!({ "i": { "email": "ADMIN@example.vn", "password": "một mật khẩu dài", "displayName": "Trùng",
                           "role": "ADMIN" } }),
        )
        .await;
    assert_eq!(
        codes(&body["data"]["createAccount"]),
        vec![("ALREADY_EXISTS".to_owned(), Some("email".to_owned()))]
    );
    assert_eq!(app.db.count_rows("account").await, 1, "only the admin exists");
    assert_eq!(app.db.count_rows("organization").await, 0);
    assert_eq!(app.db.count_rows("membership").await, 0);
}

async fn changing_the_password_signs_out_other_devices(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let here = app.admin_token().await;
    let elsewhere = app.sign_in("admin@example.vn", "quản trị viên 2026").await;
    let change = "mutation($i: ChangePasswordInput!) { changePassword(input: $i) { changed errors { code field } } }";
    let body = app
        .graphql(
            Some(&here),
            change,
            json!({ "i": { "currentPassword": "sai rồi", "newPassword": "mật khẩu mới 2027" } }),
        )
        .await;
    assert_eq!(
        codes(&body["data"]["changePassword"]),
        vec![("INVALID_CREDENTIALS".to_owned(), Some("currentPassword".to_owned()))]
    );
    let body = app
        .graphql(
            Some(&here),
            change,
            json!({ "i": { "currentPassword": "quản trị viên 2026", "newPassword": "mật khẩu mới 2027" } }),
        )
        .await;
    assert_eq!(body["data"]["changePassword"]["changed"], true, "{body}");
    assert_eq!(app.post_graphql(Some(&here), ME, json!({})).await.0, 200);
    let (status, body) = app.post_graphql(Some(&elsewhere), ME, json!({})).await;
    assert_eq!(
        (status, body["errors"][0]["extensions"]["code"].clone()),
        (401, json!("TOKEN_REVOKED"))
    );
    app.sign_in("admin@example.vn", "mật khẩu mới 2027").await;
}

async fn tokens_and_passwords_are_stored_only_as_hashes(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let token = app.admin_token().await;
    let conn = app.db.connect().await;
    let backend = conn.get_database_backend();
    let row = conn
        .query_one_raw(Statement::from_string(
            backend,
            "SELECT password_hash FROM account".to_owned(),
        ))
        .await
        .unwrap()
        .unwrap();
    let hash: String = row.try_get("", "password_hash").unwrap();
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    let rows = conn
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT token_hash FROM auth_token".to_owned(),
        ))
        .await
        .unwrap();
    for row in rows {
        let stored: String = row.try_get("", "token_hash").unwrap();
        assert_ne!(stored, token);
        assert_eq!(stored.len(), 64);
    }
}

const SIGN_IN: &str = "mutation($i: SignInInput!) { signIn(input: $i) { token errors { code field message } } }";

/// `signIn` as a client behind the proxy at `client` (X-Forwarded-For).
async fn sign_in_from(app: &TestApp, client: &str, password: &str) -> Value {
    let response = app
        .client
        .post(app.url("/graphql"))
        .header("x-forwarded-for", client)
        .json(&json!({ "query": SIGN_IN, "variables": { "i": { "email": "admin@example.vn", "password": password } } }))
        .send()
        .await
        .unwrap();
    response.json::<Value>().await.unwrap()["data"]["signIn"].clone()
}

async fn wrong_passwords_from_one_client_do_not_lock_the_account_out_for_others(kind: DbKind) {
    let env = [
        ("COOPBRIDGE_TRUST_FORWARDED_FOR", "true"),
        ("COOPBRIDGE_SIGN_IN_PER_MINUTE", "3"),
    ];
    let app = TestApp::spawn_with(TestDb::new(kind).await, &env).await;
    app.create_account("admin@example.vn", "quản trị viên 2026", "admin", &[])
        .await;
    for _ in 0..3 {
        let payload = sign_in_from(&app, "198.51.100.7", "đoán bừa mật khẩu").await;
        assert_eq!(
            codes(&payload),
            vec![("INVALID_CREDENTIALS".to_owned(), None)],
            "{payload}"
        );
    }
    let payload = sign_in_from(&app, "198.51.100.7", "quản trị viên 2026").await;
    assert_eq!(codes(&payload)[0].0, "RATE_LIMITED", "{payload}");
    // The owner, elsewhere, still signs in.
    let payload = sign_in_from(&app, "203.0.113.9", "quản trị viên 2026").await;
    assert!(payload["token"].is_string(), "{payload}");
}

async fn wrong_current_passwords_are_rate_limited(kind: DbKind) {
    let env = [("COOPBRIDGE_SIGN_IN_PER_MINUTE", "3")];
    let app = TestApp::spawn_with(TestDb::new(kind).await, &env).await;
    let token = app.admin_token().await;
    let change =
        "mutation($i: ChangePasswordInput!) { changePassword(input: $i) { changed errors { code field message } } }";
    let attempt = |current: &'static str| {
        app.graphql(
            Some(&token),
            change,
            json!({ "i": { "currentPassword": current, "newPassword": "mật khẩu mới 2027" } }),
        )
    };
    for _ in 0..3 {
        let body = attempt("đoán bừa").await;
        assert_eq!(
            codes(&body["data"]["changePassword"]),
            vec![("INVALID_CREDENTIALS".to_owned(), Some("currentPassword".to_owned()))]
        );
    }
    let body = attempt("quản trị viên 2026").await;
    let errors = &body["data"]["changePassword"]["errors"];
    assert_eq!(errors[0]["code"], "RATE_LIMITED", "{body}");
    assert!(
        errors[0]["message"].as_str().unwrap().contains(" s"),
        "says how long to wait: {body}"
    );
    assert_eq!(body["data"]["changePassword"]["changed"], false);
}

async fn new_passwords_must_be_long_and_uncommon(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let admin = app.admin_token().await;
    for (password, code) in [
        ("ngắn quá", "PASSWORD_TOO_SHORT"),
        ("qwertyuiop", "PASSWORD_TOO_COMMON"),
    ] {
        let body = app
            .graphql(
                Some(&admin),
                CREATE_ACCOUNT,
                json!({ "i": { "email": "moi@example.vn", "password": password, "displayName": "Mới", "role": "ADMIN" } }),
            )
            .await;
        assert_eq!(
            codes(&body["data"]["createAccount"]),
            vec![(code.to_owned(), Some("password".to_owned()))],
            "{body}"
        );
        let body = app
            .graphql(
                Some(&admin),
                "mutation($i: ChangePasswordInput!) { changePassword(input: $i) { changed errors { code field } } }",
                json!({ "i": { "currentPassword": "quản trị viên 2026", "newPassword": password } }),
            )
            .await;
        assert_eq!(
            codes(&body["data"]["changePassword"]),
            vec![(code.to_owned(), Some("newPassword".to_owned()))],
            "{body}"
        );
    }
    let data_dir = app.db.data_dir.path().to_string_lossy().into_owned();
    let out = coopbridge_e2e::run_cli(
        &[
            "user",
            "create",
            "--email",
            "cli@example.vn",
            "--name",
            "CLI",
            "--role",
            "admin",
            "--password-stdin",
        ],
        &[
            ("DATABASE_URL", app.db.url.as_str()),
            ("COOPBRIDGE_DATA_DIR", data_dir.as_str()),
        ],
        Some("password123\n"),
    )
    .await;
    assert!(!out.status.success(), "{}", out.stdout);
    assert!(
        out.stderr
            .contains("--password: this is one of the most common passwords"),
        "{}",
        out.stderr
    );
    assert_eq!(app.db.count_rows("account").await, 1, "nothing written");
}

coopbridge_e2e::on_both_databases!(
    an_admin_signs_in_and_sees_itself,
    a_wrong_password_and_an_unknown_email_get_the_same_error,
    a_signed_out_token_is_refused_as_revoked,
    an_expired_or_unknown_token_is_refused_with_its_own_code,
    an_admin_builds_an_organization_with_a_member_who_then_signs_in,
    bad_account_input_names_every_bad_field_and_writes_nothing,
    changing_the_password_signs_out_other_devices,
    tokens_and_passwords_are_stored_only_as_hashes,
    wrong_passwords_from_one_client_do_not_lock_the_account_out_for_others,
    wrong_current_passwords_are_rate_limited,
    new_passwords_must_be_long_and_uncommon,
);
