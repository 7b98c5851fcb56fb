//! One side alone cannot make a linkage agreement count: it is PROPOSED until
//! the other party (or an organizer covering the cooperative's province)
//! confirms it, and only confirmed agreements count in the linkage KPI.

use coopbridge_e2e::{DbKind, TestApp};
use serde_json::{Value, json};

use crate::linkage::World;

const CREATE: &str = "mutation($i: CreateAgreementInput!) { createLinkageAgreement(input: $i) {
    agreement { id status confirmed confirmedAt proposedByOrganizationId } errors { code field message } } }";
const CONFIRM: &str = "mutation($id: ID!) { confirmLinkageAgreement(id: $id) {
    agreement { status confirmed confirmedAt } errors { code field message } } }";
const SET_STATUS: &str = "mutation($id: ID!, $s: AgreementStatus!) { setLinkageAgreementStatus(id: $id, status: $s) {
    agreement { status } errors { code field message } } }";

fn agreement_input(w: &World, buyer: &str, coop: &str) -> Value {
    let today = chrono::Utc::now().date_naive();
    json!({ "i": { "buyerId": buyer, "cooperativeId": coop, "volume": "150 lít/tháng",
        "priceTerms": "280.000 đ/lít", "startsOn": (today - chrono::Duration::days(5)).to_string(),
        "endsOn": (today + chrono::Duration::days(300)).to_string(), "productIds": if coop == w.coop_a { json!([w.honey]) } else { json!([]) } } })
}

async fn with_agreement(w: &World) -> Value {
    let today = chrono::Utc::now().date_naive();
    w.app.query(Some(&w.o44),
        "query($f: NaiveDate!, $t: NaiveDate!) { linkageKpi(provinceCode: 44, from: $f, to: $t) { withAgreement } }",
        json!({ "f": today.to_string(), "t": today.to_string() }),
    )
    .await["linkageKpi"]["withAgreement"]
        .clone()
}

/// The error code (top-level, or a payload error without a field), or the
/// payload's first [code, field].
fn refusal(body: &Value, field: &str) -> Value {
    if let Some(code) = body["errors"][0]["extensions"]["code"].as_str() {
        return json!(code);
    }
    let e = &body["data"][field]["errors"][0];
    if e["field"].is_null() {
        return e["code"].clone();
    }
    json!([e["code"], e["field"]])
}

async fn an_agreement_counts_only_once_the_other_party_confirms_it(kind: DbKind) {
    let w = World::build(TestApp::spawn(kind).await).await;
    let app = &w.app;

    // Buyer X records an agreement with cooperative A: proposed, not counted.
    let created = app
        .mutate(
            &w.x,
            CREATE,
            agreement_input(&w, &w.buyer_x, &w.coop_a),
            "createLinkageAgreement",
        )
        .await;
    let a = &created["agreement"];
    assert_eq!(
        (
            &a["status"],
            &a["confirmed"],
            &a["confirmedAt"],
            &a["proposedByOrganizationId"]
        ),
        (&json!("PROPOSED"), &json!(false), &Value::Null, &json!(w.buyer_x))
    );
    let id = a["id"].clone();
    assert_eq!(with_agreement(&w).await, 0);

    // Nobody can jump to ACTIVE (or record it ACTIVE) without the confirmation.
    let body = app
        .graphql(Some(&w.x), SET_STATUS, json!({ "id": id, "s": "ACTIVE" }))
        .await;
    assert_eq!(
        refusal(&body, "setLinkageAgreementStatus"),
        json!(["INVALID_STATE", "status"]),
        "{body}"
    );
    let body = app
        .graphql(Some(&w.a), SET_STATUS, json!({ "id": id, "s": "ENDED" }))
        .await;
    assert_eq!(
        refusal(&body, "setLinkageAgreementStatus"),
        json!(["INVALID_STATE", "status"]),
        "{body}"
    );
    let mut active = agreement_input(&w, &w.buyer_x, &w.coop_a);
    active["i"]["status"] = json!("ACTIVE");
    let body = app.graphql(Some(&w.x), CREATE, active).await;
    assert_eq!(
        refusal(&body, "createLinkageAgreement"),
        json!(["INVALID_STATE", "status"]),
        "{body}"
    );

    // The proposing side, outsiders and organizers of another province cannot confirm.
    for (who, token) in [
        ("buyer X", &w.x),
        ("buyer Y", &w.y),
        ("coop B", &w.b),
        ("organizer of 1", &w.o1),
    ] {
        let body = app.graphql(Some(token), CONFIRM, json!({ "id": id })).await;
        assert_eq!(
            refusal(&body, "confirmLinkageAgreement"),
            json!("FORBIDDEN"),
            "{who}: {body}"
        );
    }
    let body = app.graphql(None, CONFIRM, json!({ "id": id })).await;
    assert_eq!(
        refusal(&body, "confirmLinkageAgreement"),
        json!("UNAUTHENTICATED"),
        "{body}"
    );
    assert_eq!(with_agreement(&w).await, 0);

    // Cooperative A confirms: active, who and when kept, counted.
    let confirmed = app
        .mutate(&w.a, CONFIRM, json!({ "id": id }), "confirmLinkageAgreement")
        .await;
    assert_eq!(confirmed["agreement"]["status"], "ACTIVE");
    assert!(confirmed["agreement"]["confirmedAt"].is_string(), "{confirmed}");
    assert_eq!(with_agreement(&w).await, 1);
    let body = app.graphql(Some(&w.a), CONFIRM, json!({ "id": id })).await;
    assert_eq!(
        refusal(&body, "confirmLinkageAgreement"),
        json!(["INVALID_STATE", "id"]),
        "{body}"
    );
    // Once confirmed it can end (and still counts for its period) but not go back to PROPOSED.
    let body = app
        .graphql(Some(&w.x), SET_STATUS, json!({ "id": id, "s": "PROPOSED" }))
        .await;
    assert_eq!(
        refusal(&body, "setLinkageAgreementStatus"),
        json!(["INVALID_STATE", "status"]),
        "{body}"
    );
    app.mutate(
        &w.x,
        SET_STATUS,
        json!({ "id": id, "s": "ENDED" }),
        "setLinkageAgreementStatus",
    )
    .await;
    assert_eq!(with_agreement(&w).await, 1);

    // An agreement the province's organizer records is confirmed by a party or
    // another covering organizer, not by the one who recorded it.
    let recorded = app
        .mutate(
            &w.o44,
            CREATE,
            agreement_input(&w, &w.buyer_y, &w.coop_b),
            "createLinkageAgreement",
        )
        .await;
    let id = recorded["agreement"]["id"].clone();
    assert_eq!(recorded["agreement"]["proposedByOrganizationId"], Value::Null);
    let body = app.graphql(Some(&w.o44), CONFIRM, json!({ "id": id })).await;
    assert_eq!(refusal(&body, "confirmLinkageAgreement"), json!("FORBIDDEN"), "{body}");
    assert_eq!(with_agreement(&w).await, 1);
    app.mutate(&w.national, CONFIRM, json!({ "id": id }), "confirmLinkageAgreement")
        .await;
    assert_eq!(with_agreement(&w).await, 2);
}

coopbridge_e2e::on_both_databases!(an_agreement_counts_only_once_the_other_party_confirms_it);
