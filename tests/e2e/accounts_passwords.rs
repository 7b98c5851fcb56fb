//! Passwords and tokens through the real server: a password change signs
//! out other devices, only hashes are stored, wrong passwords are rate limited
//! per client without locking the owner out, and new passwords must be long
//! and uncommon.

use coopbridge_e2e::{DbKind, TestApp, TestDb, user_errors};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

use crate::accounts::{CREATE_ACCOUNT, ME};

async fn changing_the_password_signs_out_other_devices(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let here = app.admin_token().await;
    let elsewhere = app.sign_in("admin@example.vn", "quản trị viên 2026").await;
    let change = "mutation($i: ChangePasswordInput!) { changePassword(input: $i) { changed errors { code field } } }";
    assert_eq!(
        app.refused(
            Some(&here),
            change,
            json!({ "i": { "currentPassword": "sai rồi", "newPassword": "mật khẩu mới 2027" } }),
            "changePassword"
        )
        .await,
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
pub(crate) async fn sign_in_from(app: &TestApp, client: &str, password: &str) -> Value {
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
            user_errors(&payload),
            vec![("INVALID_CREDENTIALS".to_owned(), None)],
            "{payload}"
        );
    }
    let payload = sign_in_from(&app, "198.51.100.7", "quản trị viên 2026").await;
    assert_eq!(user_errors(&payload)[0].0, "RATE_LIMITED", "{payload}");
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
            user_errors(&body["data"]["changePassword"]),
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
        assert_eq!(
            app.refused(Some(&admin), CREATE_ACCOUNT, json!({ "i": { "email": "moi@example.vn", "password": password, "displayName": "Mới", "role": "ADMIN" } }), "createAccount").await,
            vec![(code.to_owned(), Some("password".to_owned()))]
        );
        assert_eq!(
            app.refused(
                Some(&admin),
                "mutation($i: ChangePasswordInput!) { changePassword(input: $i) { changed errors { code field } } }",
                json!({ "i": { "currentPassword": "quản trị viên 2026", "newPassword": password } }),
                "changePassword"
            )
            .await,
            vec![(code.to_owned(), Some("newPassword".to_owned()))]
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
    changing_the_password_signs_out_other_devices,
    tokens_and_passwords_are_stored_only_as_hashes,
    wrong_passwords_from_one_client_do_not_lock_the_account_out_for_others,
    wrong_current_passwords_are_rate_limited,
    new_passwords_must_be_long_and_uncommon,
);
