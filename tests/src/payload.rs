//! Reading GraphQL answers in tests: a mutation payload's user errors as
//! `(code, field)` pairs, and `mutate`/`query` calls that fail the test on any
//! error, so a test states what it expects in one line.

use serde_json::{Value, json};

use crate::TestApp;

/// A payload's `errors` as `(code, field)` pairs, in the server's order.
pub fn user_errors(payload: &Value) -> Vec<(String, Option<String>)> {
    payload["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("no errors list in {payload}"))
        .iter()
        .map(|e| {
            (
                e["code"].as_str().unwrap().to_owned(),
                e["field"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

/// The one user error `code` on `field` (`None`: not about one field).
pub fn one<'a>(code: &str, field: impl Into<Option<&'a str>>) -> Vec<(String, Option<String>)> {
    vec![(code.to_owned(), field.into().map(str::to_owned))]
}

impl TestApp {
    /// Runs a mutation as `token` and returns its payload (`data.<field>`),
    /// failing the test on a top-level error or a user error.
    pub async fn mutate(&self, token: &str, query: &str, vars: Value, field: &str) -> Value {
        let body = self.graphql(Some(token), query, vars).await;
        let payload = body["data"][field].clone();
        assert_eq!(payload["errors"], json!([]), "{field} failed: {body}");
        payload
    }

    /// Runs a query as `token` (None: anonymous) and returns `data`, failing
    /// the test on any error.
    pub async fn query(&self, token: Option<&str>, query: &str, vars: Value) -> Value {
        let body = self.graphql(token, query, vars).await;
        assert!(body.get("errors").is_none(), "query failed: {body}");
        body["data"].clone()
    }
}

impl TestApp {
    /// Runs a mutation expected to be refused and returns the user errors of
    /// its payload `data.<field>`, failing on a top-level error.
    pub async fn refused(
        &self,
        token: Option<&str>,
        query: &str,
        vars: Value,
        field: &str,
    ) -> Vec<(String, Option<String>)> {
        let body = self.graphql(token, query, vars).await;
        assert!(body.get("errors").is_none(), "{field}: a top-level error: {body}");
        user_errors(&body["data"][field])
    }
}
