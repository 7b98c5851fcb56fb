//! The daily retention job (`domain::retention`), through the real binary:
//! it runs at start and deletes expired sign-in tokens and idle rate-limit
//! counters, leaving live ones.

use std::time::Duration;

use coopbridge_e2e::{DbKind, TestApp, on_both_databases};
use sea_orm::ConnectionTrait;
use serde_json::json;

use crate::personal_data::ME_ID;

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
on_both_databases!(the_daily_job_purges_old_tokens_and_idle_rate_limit_counters);
