//! Never oversold: hundreds of concurrent applications and withdrawals
//! through the real server, then the invariants checked in the database.

use std::collections::BTreeMap;
use std::time::Instant;

use coopbridge_e2e::{DbKind, TestApp};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};
use tokio::task::JoinSet;

use crate::fairs::{APPLY, WITHDRAW, create_event, event_input, fair};

const COOPERATIVES: usize = 200;
const FIRST_WAVE: usize = 140;
const ZONE_BOOTHS: i64 = 40;

async fn post(client: reqwest::Client, url: String, token: String, query: &'static str, vars: Value) -> Value {
    let response = client
        .post(url)
        .bearer_auth(token)
        .json(&json!({ "query": query, "variables": vars }))
        .send()
        .await
        .expect("POST /graphql");
    assert_eq!(response.status().as_u16(), 200);
    response.json().await.expect("JSON")
}

#[derive(Debug)]
struct Row {
    id: i32,
    zone: i32,
    booths: i64,
    status: String,
}

async fn rows(app: &TestApp, sql: &str) -> Vec<sea_orm::QueryResult> {
    let conn = app.db.connect().await;
    let statement = Statement::from_string(conn.get_database_backend(), sql.to_owned());
    conn.query_all_raw(statement).await.expect("query")
}

async fn booths_are_never_oversold_and_the_waitlist_never_skips_anyone_under_concurrency(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let started = Instant::now();
    let f = fair(&app).await;
    let mut input = event_input("Hội chợ đông khách", None);
    input["zones"] = json!([{ "name": "Khu A", "booths": ZONE_BOOTHS }, { "name": "Khu B", "booths": ZONE_BOOTHS }]);
    input["publish"] = json!(true);
    let event = create_event(&app, &f.organizer, input).await;
    let event_id = event["id"].as_str().unwrap().to_owned();
    let zones: Vec<String> = (0..2)
        .map(|i| event["zones"][i]["id"].as_str().unwrap().to_owned())
        .collect();

    // Cooperatives through the admin API, a few at a time; four member
    // accounts share them (fifty each) so only four passwords are hashed.
    let mut coops = Vec::with_capacity(COOPERATIVES);
    for chunk in (0..COOPERATIVES).collect::<Vec<_>>().chunks(10) {
        let mut set = JoinSet::new();
        for &i in chunk {
            let (client, url, admin) = (app.client.clone(), app.url("/graphql"), f.admin.clone());
            set.spawn(async move {
                let body = post(client, url, admin,
                    "mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { organization { id } } }",
                    json!({ "i": { "kind": "COOPERATIVE", "name": format!("HTX Thử tải số {i}"), "provinceCode": 44 } }),
                ).await;
                (i, body["data"]["createOrganization"]["organization"]["id"].as_str().unwrap().to_owned())
            });
        }
        let mut done: Vec<(usize, String)> = set.join_all().await;
        done.sort();
        coops.extend(done.into_iter().map(|(_, id)| id));
    }
    let mut members = Vec::new();
    for (n, group) in coops.chunks(COOPERATIVES / 4).enumerate() {
        members.push(
            crate::fairs::account(
                &app,
                &f.admin,
                &format!("tai{n}@example.vn"),
                "COOPERATIVE_MEMBER",
                group,
            )
            .await,
        );
    }
    let token_of = |i: usize| members[i / (COOPERATIVES / 4)].clone();
    let apply_vars = |i: usize| json!({ "i": { "eventId": event_id, "producerId": coops[i], "zoneId": zones[i % 2], "booths": (i % 3) + 1 } });
    let setup = started.elapsed();

    let mut set = JoinSet::new();
    for i in 0..FIRST_WAVE {
        let (client, url, token, vars) = (app.client.clone(), app.url("/graphql"), token_of(i), apply_vars(i));
        set.spawn(async move { (i, post(client, url, token, APPLY, vars).await) });
    }
    let mut application_of = BTreeMap::new();
    for (i, body) in set.join_all().await {
        let payload = &body["data"]["applyToEvent"];
        assert_eq!(payload["errors"], json!([]), "{body}");
        application_of.insert(i, payload["application"]["id"].as_str().unwrap().to_owned());
    }
    // Second wave: the remaining cooperatives apply while half of the first
    // wave withdraws, all at once.
    let wave = Instant::now();
    let mut set = JoinSet::new();
    for i in FIRST_WAVE..COOPERATIVES {
        let (client, url, token, vars) = (app.client.clone(), app.url("/graphql"), token_of(i), apply_vars(i));
        set.spawn(async move { ("applyToEvent", post(client, url, token, APPLY, vars).await) });
    }
    let withdrawn: Vec<usize> = (0..FIRST_WAVE).filter(|i| i % 4 < 2).collect();
    for &i in &withdrawn {
        let vars = json!({ "id": application_of[&i] });
        let (client, url, token) = (app.client.clone(), app.url("/graphql"), token_of(i));
        set.spawn(async move { ("withdrawApplication", post(client, url, token, WITHDRAW, vars).await) });
    }
    let operations = set.len();
    for (key, body) in set.join_all().await {
        assert_eq!(body["data"][key]["errors"], json!([]), "{body}");
    }
    let wave = wave.elapsed();

    let apps: Vec<Row> = rows(
        &app,
        &format!("SELECT id, zone_id, booths, status FROM fair_application WHERE event_id = {event_id} ORDER BY id"),
    )
    .await
    .into_iter()
    .map(|r| Row {
        id: r.try_get("", "id").unwrap(),
        zone: r.try_get("", "zone_id").unwrap(),
        booths: i64::from(r.try_get::<i32>("", "booths").unwrap()),
        status: r.try_get("", "status").unwrap(),
    })
    .collect();
    assert_eq!(apps.len(), COOPERATIVES);
    assert_eq!(apps.iter().filter(|a| a.status == "withdrawn").count(), withdrawn.len());
    let mut confirmed_total = 0;
    for zone in &zones {
        let zone: i32 = zone.parse().unwrap();
        let pool: Vec<&Row> = apps.iter().filter(|a| a.zone == zone).collect();
        let confirmed: Vec<&&Row> = pool.iter().filter(|a| a.status == "confirmed").collect();
        let waiting: Vec<&&Row> = pool.iter().filter(|a| a.status == "waitlisted").collect();
        let used: i64 = confirmed.iter().map(|a| a.booths).sum();
        confirmed_total += used;
        assert!(used <= ZONE_BOOTHS, "zone {zone} oversold: {used} > {ZONE_BOOTHS}");
        assert!(
            !confirmed.is_empty() && !waiting.is_empty(),
            "the test must exercise both states"
        );
        let last_confirmed = confirmed.iter().map(|a| a.id).max().unwrap();
        let head = waiting.first().unwrap();
        assert!(
            last_confirmed < head.id,
            "zone {zone}: #{last_confirmed} confirmed while earlier #{} waits",
            head.id
        );
        assert!(
            head.booths > ZONE_BOOTHS - used,
            "zone {zone}: #{} waits though {} booths are free",
            head.id,
            ZONE_BOOTHS - used
        );
    }

    // History: a chain from nothing to the current status, one link per change.
    let mut chains: BTreeMap<i32, Vec<(Option<String>, String)>> = BTreeMap::new();
    for r in rows(
        &app,
        "SELECT application_id, from_status, to_status FROM fair_application_history ORDER BY id",
    )
    .await
    {
        chains
            .entry(r.try_get("", "application_id").unwrap())
            .or_default()
            .push((
                r.try_get("", "from_status").unwrap(),
                r.try_get("", "to_status").unwrap(),
            ));
    }
    for a in &apps {
        let chain = &chains[&a.id];
        assert_eq!(chain[0].0, None, "#{} {chain:?}", a.id);
        for pair in chain.windows(2) {
            assert_eq!(pair[1].0.as_deref(), Some(pair[0].1.as_str()), "#{} {chain:?}", a.id);
        }
        assert_eq!(chain.last().unwrap().1, a.status, "#{} {chain:?}", a.id);
    }

    let body = app
        .graphql(
            Some(&f.organizer),
            "query($id: ID!) { event(id: $id) { boothsConfirmed
                applications(status: WAITLISTED, first: 100) { edges { node { waitlistPosition zone { id } } } } } }",
            json!({ "id": event_id }),
        )
        .await;
    assert_eq!(body["data"]["event"]["boothsConfirmed"], confirmed_total, "{body}");
    let mut next = BTreeMap::new();
    for edge in body["data"]["event"]["applications"]["edges"].as_array().unwrap() {
        let zone = edge["node"]["zone"]["id"].as_str().unwrap().to_owned();
        let expected = next.entry(zone).or_insert(0);
        *expected += 1;
        assert_eq!(
            edge["node"]["waitlistPosition"], *expected,
            "positions follow application order"
        );
    }
    eprintln!(
        "fairs concurrency on {kind:?}: setup {setup:?}, {FIRST_WAVE} concurrent applications then {operations} \
         concurrent applications+withdrawals in {wave:?}; total {:?}",
        started.elapsed()
    );
}

coopbridge_e2e::on_both_databases!(booths_are_never_oversold_and_the_waitlist_never_skips_anyone_under_concurrency);
