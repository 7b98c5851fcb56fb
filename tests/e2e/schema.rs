//! schema/schema.graphql must be what the binary exports.

use coopbridge_e2e::run_cli;

#[tokio::test]
async fn the_committed_schema_matches_the_exported_one() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("schema.graphql");
    let out = run_cli(&["export-schema", "--out", out_path.to_str().unwrap()], &[], None).await;
    assert!(out.status.success(), "{}", out.stderr);
    let exported = std::fs::read_to_string(&out_path).unwrap();
    let committed_path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema/schema.graphql");
    let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
    assert!(
        exported == committed,
        "schema/schema.graphql is stale: run `cargo run -- export-schema` and commit the result"
    );
    for documented in ["signIn", "provinces", "UserError", "ErrorCode"] {
        assert!(exported.contains(documented), "{documented} missing from the SDL");
    }
}
