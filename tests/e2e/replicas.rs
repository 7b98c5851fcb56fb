//! What holds when several `serve` replicas share one PostgreSQL database
//! behind a balancer: no replica replays a stale answer after a write
//! through another, and rate limits count once, not once per replica.

use std::time::{Duration, Instant};

use coopbridge_e2e::{DbKind, TestApp, TestDb, user_errors};
use serde_json::json;

use crate::accounts_passwords::sign_in_from;
use crate::response_cache::post;

/// Replicas share one PostgreSQL database and each keeps a cache of its own:
/// a write through one must not be replayed stale by another. The time to
/// live here is a minute, so only the replicas telling each other (LISTEN /
/// NOTIFY) can make the second one show the write.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_through_one_replica_is_seen_through_another_at_once() {
    if !DbKind::Postgres.available() {
        return;
    }
    let env = [("COOPBRIDGE_RESPONSE_CACHE_SECONDS", "60")];
    let a = TestApp::spawn_with(TestDb::new(DbKind::Postgres).await, &env).await;
    let b = a.spawn_replica(&env).await;
    let admin = a.admin_token().await;
    let coop = a.create_cooperative(&admin, "HTX Chè Tân Cương", 44).await;
    let read = json!({ "query": "query($id: ID!) { producer(id: $id) { name } }", "variables": { "id": coop } });
    // Replica B keeps its answer, once it has heard of A's writes so far
    // (the sign-in and the creation).
    let mut kept = None;
    for _ in 0..100 {
        let (cache, answer, _) = post(&b, None, &read).await;
        if cache.as_deref() == Some("HIT") {
            kept = Some(answer);
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let kept = kept.expect("replica B replays its answer");
    assert_eq!(kept["data"]["producer"]["name"], "HTX Chè Tân Cương", "{kept}");

    let renamed = a
        .graphql(
            Some(&admin),
            "mutation($id: ID!, $i: ProducerInput!) { updateProducer(id: $id, input: $i) { errors { code field } } }",
            json!({ "id": coop, "i": { "name": "HTX Chè Tân Cương Thái Nguyên" } }),
        )
        .await;
    assert_eq!(renamed["data"]["updateProducer"]["errors"], json!([]), "{renamed}");
    let written = Instant::now();
    loop {
        let (_, answer, _) = post(&b, None, &read).await;
        if answer["data"]["producer"]["name"] == "HTX Chè Tân Cương Thái Nguyên" {
            break;
        }
        // Generous for a loaded 2-core machine; without the replicas telling
        // each other it would take the whole minute.
        assert!(
            written.elapsed() < Duration::from_secs(5),
            "replica B still answers {answer} {:?} after the write through A",
            written.elapsed()
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    eprintln!("replica B showed the write through A after {:?}", written.elapsed());
}

/// Password guesses from one client through two replicas count against one
/// quota: three allowed in all, not three per replica.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn password_guesses_count_once_across_replicas() {
    if !DbKind::Postgres.available() {
        return;
    }
    let env = [
        ("COOPBRIDGE_TRUST_FORWARDED_FOR", "true"),
        ("COOPBRIDGE_SIGN_IN_PER_MINUTE", "3"),
    ];
    let a = TestApp::spawn_with(TestDb::new(DbKind::Postgres).await, &env).await;
    let b = a.spawn_replica(&env).await;
    a.create_account("admin@example.vn", "quản trị viên 2026", "admin", &[])
        .await;
    for replica in [&a, &b, &a] {
        let payload = sign_in_from(replica, "198.51.100.7", "đoán bừa mật khẩu").await;
        assert_eq!(
            user_errors(&payload),
            vec![("INVALID_CREDENTIALS".to_owned(), None)],
            "{payload}"
        );
    }
    // Replica B has seen one guess of the three: the quota is shared.
    let payload = sign_in_from(&b, "198.51.100.7", "quản trị viên 2026").await;
    assert_eq!(user_errors(&payload)[0].0, "RATE_LIMITED", "{payload}");
    let payload = sign_in_from(&b, "203.0.113.9", "quản trị viên 2026").await;
    assert!(payload["token"].is_string(), "{payload}");
}
