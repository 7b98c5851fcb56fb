//! Refusals that must not tell more than a missing object would (issue 14,
//! items 13 and 12): another body's draft event answers like a missing one,
//! and an upload for a missing organization answers NOT_FOUND and stores
//! neither a blob nor a row.

use coopbridge_e2e::DbKind;
use serde_json::{Value, json};

use crate::authz_matrix_province::world;
use crate::catalog::PNG;
use crate::fairs::{create_event, event_input};

const PUBLISH: &str = "mutation($id: ID!) { publishEvent(id: $id) { event { id } errors { code field } } }";
const CHECK_IN: &str = "mutation($e: ID!, $c: String!) { checkInExhibitor(eventId: $e, code: $c) {
    errors { code field } } }";

fn errors(body: &Value, mutation: &str) -> Value {
    body["data"][mutation]["errors"].clone()
}

async fn another_bodys_draft_event_answers_not_found_like_a_missing_one(kind: DbKind) {
    let w = world(kind).await;
    let mut input = event_input("Hội chợ nông sản Quảng Trị", Some(20));
    input["publish"] = json!(false);
    let draft = create_event(&w.app, &w.org44, input).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let missing = "999999";
    for token in [&w.org1, &w.national, &w.member] {
        let on_draft = w.app.graphql(Some(token), PUBLISH, json!({ "id": draft })).await;
        let on_missing = w.app.graphql(Some(token), PUBLISH, json!({ "id": missing })).await;
        assert_eq!(
            errors(&on_draft, "publishEvent"),
            json!([{ "code": "NOT_FOUND", "field": "id" }])
        );
        assert_eq!(errors(&on_draft, "publishEvent"), errors(&on_missing, "publishEvent"));
        let vars = |e: &str| json!({ "e": e, "c": "ABC123" });
        let on_draft = w.app.graphql(Some(token), CHECK_IN, vars(&draft)).await;
        let on_missing = w.app.graphql(Some(token), CHECK_IN, vars(missing)).await;
        assert_eq!(
            errors(&on_draft, "checkInExhibitor"),
            errors(&on_missing, "checkInExhibitor")
        );
        assert_eq!(errors(&on_draft, "checkInExhibitor")[0]["code"], "NOT_FOUND");
        let csv = |e: &str| {
            w.app
                .client
                .get(w.app.url(&format!("/events/{e}/exhibitors.csv")))
                .bearer_auth(token)
                .send()
        };
        assert_eq!(
            csv(&draft).await.unwrap().status(),
            csv(missing).await.unwrap().status()
        );
    }
    let status = |body: Value| body["data"]["event"]["status"].clone();
    let query = "query($id: ID!) { event(id: $id) { status } }";
    assert_eq!(
        status(w.app.graphql(Some(&w.org1), query, json!({ "id": draft })).await),
        Value::Null
    );
    // Its own organizers still run it.
    let published = w.app.graphql(Some(&w.org44), PUBLISH, json!({ "id": draft })).await;
    assert_eq!(errors(&published, "publishEvent"), json!([]), "{published}");
    // Published, its existence is public: another body is told it may not.
    let again = w.app.graphql(Some(&w.org1), PUBLISH, json!({ "id": draft })).await;
    assert_eq!(errors(&again, "publishEvent")[0]["code"], "FORBIDDEN");
}

fn blobs(dir: &std::path::Path) -> usize {
    walk(&dir.join("files"))
}

fn walk(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .flatten()
            .map(|e| if e.path().is_dir() { walk(&e.path()) } else { 1 })
            .sum()
    })
}

async fn an_upload_for_a_missing_organization_is_not_found_and_stores_nothing(kind: DbKind) {
    let w = world(kind).await;
    let data_dir = w.app.db.data_dir.path().to_owned();
    let (rows, files) = (w.app.db.count_rows("stored_file").await, blobs(&data_dir));
    let upload = |token: String, org: String| {
        let app = &w.app;
        async move {
            app.upload(&token, &org, "LOGO", "logo.png", "image/png", PNG.to_vec())
                .await
        }
    };
    let missing = upload(w.admin.clone(), "999999".into()).await;
    assert_eq!(
        missing["errors"],
        json!([{ "code": "NOT_FOUND", "field": "organizationId",
        "message": missing["errors"][0]["message"] }]),
        "{missing}"
    );
    assert_eq!(missing["file"], Value::Null);
    // Another province's organizer is refused before a byte is stored too.
    let foreign = upload(w.org1.clone(), w.coop.clone()).await;
    assert_eq!(foreign["errors"][0]["code"], "FORBIDDEN", "{foreign}");
    assert_eq!(w.app.db.count_rows("stored_file").await, rows, "no file row");
    assert_eq!(blobs(&data_dir), files, "no new blob");
    // The member's own upload still works, and lands as one row and one blob.
    let own = upload(w.member.clone(), w.coop.clone()).await;
    assert_eq!(own["errors"], json!([]), "{own}");
    assert_eq!(w.app.db.count_rows("stored_file").await, rows + 1);
    assert_eq!(blobs(&data_dir), files + 1);
}

coopbridge_e2e::on_both_databases!(
    another_bodys_draft_event_answers_not_found_like_a_missing_one,
    an_upload_for_a_missing_organization_is_not_found_and_stores_nothing,
);
