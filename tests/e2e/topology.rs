//! The scaled-out setup as one whole: PostgreSQL, the real Meilisearch, the
//! S3-compatible server, three `coopbridge serve` replicas and nginx in front
//! of them with the configuration `infra/nginx.conf` ships, all on loopback.
//! One setup, then the proofs in order: exact booking across replicas, fresh
//! reads on every replica after a write, a file served by another replica,
//! rate limits counted once, and a replica killed under load (no
//! acknowledged write lost, nginx routes around it, the search worker of
//! another replica carries on, the replica rejoins). The figures are printed.

use std::time::{Duration, Instant};

use coopbridge_e2e::{Balancer, DbKind, Engine, NGINX_VAR, TestApp, TestDb, user_errors};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};
use tokio::task::JoinSet;

use crate::catalog::PNG;
use crate::fairs::{APPLY, account, create_event, event_input, fair};
use crate::response_cache::post as post_to_replica;

const BOOTHS: usize = 20;
const APPLICANTS: usize = 60;

fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// Under CI every part must be there; elsewhere a missing one skips the test.
fn available() -> Option<String> {
    let nginx = std::env::var(NGINX_VAR)
        .ok()
        .filter(|p| std::path::Path::new(p).exists());
    let ready = DbKind::Postgres.available()
        && Engine::Meilisearch.available()
        && std::env::var_os("S3_ENDPOINT").is_some()
        && nginx.is_some();
    if !ready {
        assert!(
            std::env::var_os("CI").is_none(),
            "the topology test needs PostgreSQL, Meilisearch, S3_ENDPOINT and {NGINX_VAR} (see .ci/run)"
        );
        eprintln!("SKIPPED: the topology test needs PostgreSQL, Meilisearch, S3_ENDPOINT and {NGINX_VAR}");
        return None;
    }
    nginx
}

async fn graphql(client: &reqwest::Client, base: &str, token: Option<&str>, query: &str, variables: Value) -> Value {
    let mut request = client
        .post(format!("{base}/graphql"))
        .json(&json!({ "query": query, "variables": variables }));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("POST /graphql");
    assert_eq!(response.status(), 200, "through {base}");
    response.json().await.expect("JSON answer")
}

async fn count(db: &TestDb, sql: &str) -> i64 {
    let conn = db.connect().await;
    let row = conn
        .query_one_raw(Statement::from_string(conn.get_database_backend(), sql.to_owned()))
        .await
        .expect("query")
        .expect("a row");
    row.try_get("", "n").expect("a count")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_replicas_behind_nginx_act_as_one_server() {
    let Some(nginx) = available() else {
        return;
    };
    let (lb_port, ports) = (free_port(), [free_port(), free_port(), free_port()]);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    let bucket = format!("coopbridge-topology-{}-{nanos}", std::process::id());
    let mut shared: Vec<(String, String)> = Engine::Meilisearch.env();
    shared.extend(
        [
            ("COOPBRIDGE_S3_BUCKET", bucket.as_str()),
            ("COOPBRIDGE_TRUST_FORWARDED_FOR", "true"),
            ("COOPBRIDGE_PUBLIC_URL", format!("http://127.0.0.1:{lb_port}").as_str()),
            ("COOPBRIDGE_RESPONSE_CACHE_SECONDS", "60"),
            ("COOPBRIDGE_SIGN_IN_PER_MINUTE", "3"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned())),
    );
    let env_of = |port: u16| {
        let mut env = shared.clone();
        env.push(("COOPBRIDGE_ADDR".into(), format!("127.0.0.1:{port}")));
        env
    };
    let spawn = |db: TestDb, port: u16| {
        let env = env_of(port);
        async move {
            let pairs: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            TestApp::spawn_with(db, &pairs).await
        }
    };
    let a = spawn(TestDb::new(DbKind::Postgres).await, ports[0]).await;
    let b = spawn(a.db.shared(), ports[1]).await;
    let c = spawn(a.db.shared(), ports[2]).await;
    let lb = Balancer::start(&nginx, lb_port, &ports).await;
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();

    // 1. Sixty cooperatives apply at once, through the balancer, to 20 booths.
    let f = fair(&a).await;
    let mut input = event_input("Hội chợ ba máy chủ", Some(BOOTHS as i32));
    input["organizerId"] = json!(f.organizer_org);
    input["publish"] = json!(true);
    let event_id = create_event(&a, &f.organizer, input).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut coops = Vec::new();
    for i in 0..APPLICANTS {
        coops.push(
            a.create_organization(&f.admin, "COOPERATIVE", &format!("HTX Ba máy chủ {i}"), Some(44))
                .await,
        );
    }
    let mut members = Vec::new();
    for (n, group) in coops.chunks(APPLICANTS / 3).enumerate() {
        members.push(
            account(
                &a,
                &f.admin,
                &format!("ba-may-chu-{n}@example.vn"),
                "COOPERATIVE_MEMBER",
                group,
            )
            .await,
        );
    }
    let member_of = |i: usize| members[i / (APPLICANTS / 3)].clone();
    let mut set = JoinSet::new();
    for (i, coop) in coops.iter().enumerate() {
        let (client, base, token) = (client.clone(), lb.base.clone(), member_of(i));
        let vars = json!({ "i": { "eventId": event_id, "producerId": coop, "booths": 1 } });
        set.spawn(async move { graphql(&client, &base, Some(token.as_str()), APPLY, vars).await });
    }
    for body in set.join_all().await {
        assert_eq!(body["data"]["applyToEvent"]["errors"], json!([]), "{body}");
    }
    let conn = a.db.connect().await;
    let rows = conn
        .query_all_raw(Statement::from_string(
            conn.get_database_backend(),
            format!("SELECT status FROM fair_application WHERE event_id = {event_id} ORDER BY id"),
        ))
        .await
        .unwrap();
    let statuses: Vec<String> = rows.iter().map(|r| r.try_get("", "status").unwrap()).collect();
    let confirmed = statuses.iter().filter(|s| *s == "confirmed").count();
    assert_eq!(confirmed, BOOTHS, "{statuses:?}");
    assert!(
        statuses[..BOOTHS].iter().all(|s| s == "confirmed") && statuses[BOOTHS..].iter().all(|s| s == "waitlisted"),
        "the first {BOOTHS} applications in order are confirmed, the rest wait in order: {statuses:?}"
    );
    let log = lb.log("access.log");
    let upstreams: std::collections::BTreeSet<&str> = log
        .lines()
        .filter_map(|l| l.split("upstream=").nth(1)?.split(' ').next())
        .collect();
    assert!(
        upstreams.len() >= 3,
        "nginx spread the requests over every replica: {upstreams:?}"
    );
    eprintln!(
        "topology: {APPLICANTS} applications for {BOOTHS} booths through nginx: {confirmed} confirmed, the rest waitlisted in order"
    );

    // 2. A write through the balancer is seen at once by every replica,
    // though each keeps anonymous answers for a minute.
    let read = json!({ "query": "query($id: ID!) { producer(id: $id) { name } }", "variables": { "id": coops[0] } });
    for replica in [&b, &c] {
        let mut kept = false;
        for _ in 0..100 {
            if post_to_replica(replica, None, &read).await.0.as_deref() == Some("HIT") {
                kept = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert!(kept, "replica {} keeps its answer", replica.base);
    }
    let renamed = graphql(
        &client,
        &lb.base,
        Some(f.admin.as_str()),
        "mutation($id: ID!, $i: ProducerInput!) { updateProducer(id: $id, input: $i) { errors { code field } } }",
        json!({ "id": coops[0], "i": { "name": "HTX Ba máy chủ đã đổi tên" } }),
    )
    .await;
    assert_eq!(renamed["data"]["updateProducer"]["errors"], json!([]), "{renamed}");
    let written = Instant::now();
    let mut delays = Vec::new();
    for replica in [&a, &b, &c] {
        loop {
            let (_, answer, _) = post_to_replica(replica, None, &read).await;
            if answer["data"]["producer"]["name"] == "HTX Ba máy chủ đã đổi tên" {
                delays.push(written.elapsed());
                break;
            }
            assert!(
                written.elapsed() < Duration::from_secs(5),
                "{} still answers {answer}",
                replica.base
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
    eprintln!(
        "topology: every replica showed the write after at most {:?}",
        delays.iter().max().unwrap()
    );

    // 3. A file uploaded through one replica is served by the others (S3).
    let uploaded = a
        .upload(&members[0], &coops[0], "LOGO", "logo.png", "image/png", PNG.to_vec())
        .await;
    assert_eq!(uploaded["errors"], json!([]), "{uploaded}");
    let path = uploaded["file"]["url"].as_str().unwrap().to_owned();
    let path = path.strip_prefix(&lb.base).unwrap_or(&path).to_owned();
    for base in [&b.base, &c.base, &lb.base] {
        let response = client.get(format!("{base}{path}")).send().await.unwrap();
        assert_eq!(response.status(), 200, "{base}{path}");
        assert_eq!(response.bytes().await.unwrap().as_ref(), PNG, "{base}{path}");
    }

    // 4. Password guesses through the balancer count once, not per replica.
    a.create_account("khach@example.vn", "mật khẩu khách 2026", "buyer", &[])
        .await;
    let sign_in = "mutation($i: SignInInput!) { signIn(input: $i) { token errors { code field message } } }";
    for attempt in 0..4 {
        let password = if attempt < 3 {
            "đoán bừa mật khẩu"
        } else {
            "mật khẩu khách 2026"
        };
        let body = graphql(
            &client,
            &lb.base,
            None,
            sign_in,
            json!({ "i": { "email": "khach@example.vn", "password": password } }),
        )
        .await;
        let expected = if attempt < 3 {
            "INVALID_CREDENTIALS"
        } else {
            "RATE_LIMITED"
        };
        assert_eq!(
            user_errors(&body["data"]["signIn"])[0].0,
            expected,
            "attempt {attempt}: {body}"
        );
    }

    // 5. One replica is killed while writes go through the balancer: no
    // acknowledged write is lost, nginx routes around it, the search worker
    // of another replica indexes everything, and the replica rejoins.
    let create = "mutation($p: ID!, $i: ProductInput!) { createProduct(producerId: $p, input: $i) { product { id } errors { code } } }";
    let mut set = JoinSet::new();
    let started = Instant::now();
    for (i, coop) in coops.iter().enumerate().take(APPLICANTS) {
        if i == APPLICANTS / 4 {
            let status = std::process::Command::new("kill")
                .args(["-KILL", &c.pid().to_string()])
                .status()
                .unwrap();
            assert!(status.success());
        }
        let (client, base, token) = (client.clone(), lb.base.clone(), member_of(i));
        let vars =
            json!({ "p": coop, "i": { "name": format!("Mật ong liên máy {i}"), "category": "HONEY", "unit": "hộp" } });
        set.spawn(async move {
            let response = client
                .post(format!("{base}/graphql"))
                .bearer_auth(token)
                .json(&json!({ "query": create, "variables": vars }))
                .send()
                .await;
            match response {
                Ok(r) if r.status() == 200 => r.json::<Value>().await.ok(),
                _ => None,
            }
        });
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let acknowledged: Vec<String> = set
        .join_all()
        .await
        .into_iter()
        .flatten()
        .filter(|body| body["data"]["createProduct"]["errors"] == json!([]))
        .map(|body| {
            body["data"]["createProduct"]["product"]["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    let stored = count(
        &a.db,
        "SELECT COUNT(*) AS n FROM product WHERE name LIKE 'Mật ong liên máy %'",
    )
    .await;
    assert!(
        acknowledged.len() >= APPLICANTS - 2,
        "nginx routed around the dead replica: {} of {APPLICANTS} acknowledged",
        acknowledged.len()
    );
    let kept = count(
        &a.db,
        &format!(
            "SELECT COUNT(*) AS n FROM product WHERE id IN ({})",
            acknowledged.join(", ")
        ),
    )
    .await;
    assert_eq!(kept as usize, acknowledged.len(), "every acknowledged write is stored");
    for _ in 0..20 {
        let response = client.get(format!("{}/healthz", lb.base)).send().await.unwrap();
        assert_eq!(response.status(), 200, "nginx answers while a replica is down");
    }
    let search = "query($q: String!) { search(query: $q, kinds: [PRODUCT], first: 100) { totalCount } }";
    loop {
        let outbox = count(&a.db, "SELECT COUNT(*) AS n FROM search_outbox").await;
        let found = graphql(&client, &lb.base, None, search, json!({ "q": "liên máy" })).await;
        if outbox == 0 && found["data"]["search"]["totalCount"].as_i64() == Some(stored) {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "outbox {outbox}, search {found}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    eprintln!(
        "topology: replica killed under load: {} of {APPLICANTS} writes acknowledged, {stored} stored, none lost; all indexed {:?} after the first write",
        acknowledged.len(),
        started.elapsed()
    );
    drop(c);
    let c = spawn(a.db.shared(), ports[2]).await;
    let rejoined = Instant::now();
    let back = format!("upstream=127.0.0.1:{}", ports[2]);
    let served_before = lb.log("access.log").matches(&back).count();
    loop {
        let response = client.get(format!("{}/healthz", lb.base)).send().await.unwrap();
        assert_eq!(response.status(), 200);
        if lb.log("access.log").matches(&back).count() > served_before {
            break;
        }
        assert!(
            rejoined.elapsed() < Duration::from_secs(30),
            "the restarted replica {} never served",
            c.base
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    eprintln!(
        "topology: the restarted replica served again {:?} after it started",
        rejoined.elapsed()
    );
}
