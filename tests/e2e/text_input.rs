//! Control characters in text input: refused with `INVALID_FORMAT` on the
//! field, before anything reaches the database (PostgreSQL refuses NUL with
//! an error of its own, which used to surface as `INTERNAL`).

use coopbridge_e2e::{DbKind, TestApp};
use serde_json::json;

use coopbridge_e2e::{one, user_errors};

const CREATE_PRODUCER: &str = "mutation($i: ProducerInput!) { createProducer(input: $i) {
    producer { id } errors { code field message } } }";

async fn control_characters_in_text_input_are_refused_on_the_field(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let admin = app.admin_token().await;
    let before = app.db.count_rows("producer").await;
    for (field, input) in [
        (
            "name",
            json!({ "kind": "COOPERATIVE", "name": "HTX Mật ong\u{0} Tuyên Hóa", "provinceCode": 44 }),
        ),
        (
            "description",
            json!({ "kind": "COOPERATIVE", "name": "HTX Mật ong Tuyên Hóa", "provinceCode": 44,
                    "description": "Dòng một\rBEGIN:VEVENT" }),
        ),
        (
            "street",
            json!({ "kind": "COOPERATIVE", "name": "HTX Mật ong", "provinceCode": 44, "street": "thôn\u{1b}[2J" }),
        ),
    ] {
        let body = app.graphql(Some(&admin), CREATE_PRODUCER, json!({ "i": input })).await;
        assert_eq!(
            user_errors(&body["data"]["createProducer"]),
            one("INVALID_FORMAT", field),
            "{body}"
        );
    }
    assert_eq!(app.db.count_rows("producer").await, before, "nothing written");
    assert_eq!(
        app.refused(Some(&admin), "mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { organization { id } errors { code field } } }", json!({ "i": { "kind": "BUYER_COMPANY", "name": "Công ty\u{0}", "provinceCode": 44 } }), "createOrganization").await,
        one("INVALID_FORMAT", "name")
    );

    // Line breaks and tabs stay welcome; a Windows line break is stored as `\n`.
    let body = app
        .graphql(
            Some(&admin),
            "mutation($i: ProducerInput!) { createProducer(input: $i) { producer { description } errors { code field } } }",
            json!({ "i": { "kind": "COOPERATIVE", "name": "HTX Mật ong Tuyên Hóa", "provinceCode": 44,
                           "description": "Dòng một\r\nDòng\thai\nDòng ba" } }),
        )
        .await;
    assert_eq!(
        body["data"]["createProducer"]["producer"]["description"], "Dòng một\nDòng\thai\nDòng ba",
        "{body}"
    );
}

coopbridge_e2e::on_both_databases!(control_characters_in_text_input_are_refused_on_the_field);
