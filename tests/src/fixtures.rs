//! The objects most tests start from, created through the real API: an
//! organization and a cooperative's producer profile. Each returns the new
//! object's id and fails the test if the server refuses.

use serde_json::{Value, json};

use crate::TestApp;

impl TestApp {
    /// Runs a create mutation as `token` and returns `data.<field>.<object>.id`.
    pub async fn create(&self, token: &str, query: &str, vars: Value, field: &str, object: &str) -> String {
        let payload = self.mutate(token, query, vars, field).await;
        payload[object]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("{field} returned no {object} id: {payload}"))
            .to_owned()
    }

    /// An organization (`kind`: COOPERATIVE, BUYER_COMPANY, ORGANIZER…) created by an admin.
    pub async fn create_organization(&self, admin: &str, kind: &str, name: &str, province: Option<i32>) -> String {
        self.create(
            admin,
            "mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) {
                organization { id } errors { code field message } } }",
            json!({ "i": { "kind": kind, "name": name, "provinceCode": province } }),
            "createOrganization",
            "organization",
        )
        .await
    }

    /// A cooperative's producer profile in `province`, created by an admin or organizer.
    pub async fn create_cooperative(&self, token: &str, name: &str, province: i32) -> String {
        self.create(
            token,
            "mutation($i: ProducerInput!) { createProducer(input: $i) { producer { id } errors { code field message } } }",
            json!({ "i": { "kind": "COOPERATIVE", "name": name, "provinceCode": province } }),
            "createProducer",
            "producer",
        )
        .await
    }
}
