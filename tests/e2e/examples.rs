//! Every operation in schema/examples runs against a demo-seeded server
//! without GraphQL errors, so the examples in the docs never rot.

use coopbridge_e2e::{DbKind, TestApp, TestDb};
use serde_json::Value;

/// Splits a file into (operation name, variables) using the `Variables:` comment before each operation.
fn operations(text: &str) -> Vec<(String, Value)> {
    let mut result = Vec::new();
    let mut comment = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        if let Some(c) = trimmed.strip_prefix('#') {
            comment.push(c.trim().to_owned());
            continue;
        }
        let header = trimmed
            .strip_prefix("query ")
            .or_else(|| trimmed.strip_prefix("mutation "));
        if let Some(header) = header {
            let name = header.split(['(', ' ', '{']).next().unwrap().to_owned();
            let joined = comment.join(" ");
            let variables = joined
                .split_once("Variables:")
                .map(|(_, json)| serde_json::from_str(json.trim()).expect("Variables: comment is JSON"))
                .unwrap_or(Value::Object(Default::default()));
            result.push((name, variables));
        }
        if !trimmed.is_empty() {
            comment.clear();
        }
    }
    result
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_example_operation_runs_without_graphql_errors() {
    let app = TestApp::spawn_with(TestDb::new(DbKind::Sqlite).await, &[("COOPBRIDGE_SEED_DEMO", "true")]).await;
    let token = app.sign_in("admin@example.vn", "demo-coopbridge").await;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema/examples");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    // Sign-out last: it revokes the token the others use.
    files.sort_by_key(|p| p.file_name().is_some_and(|n| n == "sign-out.graphql"));
    assert!(files.len() >= 5);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        // File uploads need a multipart request; the catalog suite sends those.
        if text.contains("Upload!") {
            continue;
        }
        for (name, variables) in operations(&text) {
            let response = app
                .client
                .post(app.url("/graphql"))
                .bearer_auth(&token)
                .json(&serde_json::json!({ "query": text, "operationName": name, "variables": variables }))
                .send()
                .await
                .unwrap();
            let body: Value = response.json().await.unwrap();
            assert!(body.get("errors").is_none(), "{} {name}: {body}", file.display());
        }
    }
}
