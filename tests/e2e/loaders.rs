//! Lists whose items each point at another row (an application's event)
//! read those rows through DataLoaders: the statement count of the list does
//! not grow with its length.

use coopbridge_e2e::{DbKind, TestApp, TestDb};
use serde_json::json;

use crate::fairs::{account, apply, create_event, event_input, fair, organization, status};

const OWN_APPLICATIONS: &str = "query($p: ID!) { cooperativeApplications(producerId: $p) {
    status event { id title boothCapacity } } }";

async fn a_cooperatives_applications_read_their_events_in_one_statement(kind: DbKind) {
    // A long loader delay makes batching deterministic on a loaded machine.
    let app = TestApp::spawn_with(TestDb::new(kind).await, &[("COOPBRIDGE_DATALOADER_DELAY_US", "100000")]).await;
    let f = fair(&app).await;
    let coop = organization(&app, &f.admin, "COOPERATIVE", "HTX Quyết Thắng", 44).await;
    let member = account(
        &app,
        &f.admin,
        "thang@example.vn",
        "COOPERATIVE_MEMBER",
        std::slice::from_ref(&coop),
    )
    .await;
    let mut costs = Vec::new();
    let mut applied = 0;
    for total in [1, 6] {
        while applied < total {
            let mut input = event_input(&format!("Hội chợ nông sản số {applied}"), Some(10));
            input["organizerId"] = json!(f.organizer_org);
            let event = create_event(&app, &f.organizer, input).await;
            let published = app
                .graphql(
                    Some(&f.organizer),
                    "mutation($id: ID!) { publishEvent(id: $id) { errors { code } } }",
                    json!({ "id": event["id"] }),
                )
                .await;
            assert_eq!(published["data"]["publishEvent"]["errors"], json!([]), "{published}");
            let a = apply(
                &app,
                &member,
                json!({ "eventId": event["id"], "producerId": coop, "booths": 1 }),
            )
            .await;
            assert_eq!(status(&a), "CONFIRMED", "{a}");
            applied += 1;
        }
        let before = app.sql_statements().await;
        let body = app.graphql(Some(&member), OWN_APPLICATIONS, json!({ "p": coop })).await;
        costs.push(app.sql_statements().await - before);
        let list = body["data"]["cooperativeApplications"]
            .as_array()
            .unwrap_or_else(|| panic!("{body}"));
        assert_eq!(list.len(), total, "{body}");
        assert!(list.iter().all(|a| a["event"]["title"].is_string()), "{body}");
    }
    assert_eq!(
        costs[0], costs[1],
        "six applications should cost what one costs (statements: {costs:?})"
    );
}

coopbridge_e2e::on_both_databases!(a_cooperatives_applications_read_their_events_in_one_statement);
