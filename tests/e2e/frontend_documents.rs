//! Every GraphQL document the web UI can send is valid against
//! schema/schema.graphql: `node tests/browser/validate-documents.mjs` finds them
//! statically in frontend/assets (graphql-js validates), so a schema change
//! that would break a page fails here rather than in a user's browser. Like
//! the browser journeys it is skipped without node and tests/browser's
//! node_modules, and fails for their absence under CI.

use std::path::{Path, PathBuf};
use std::process::Output;

fn browser_tests_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("browser")
}

/// Whether node and the validator's packages are installed; under CI their
/// absence fails the test (`.ci/run` installs them) instead of skipping it.
fn validator_available() -> bool {
    let node = std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let packages = ["graphql", "acorn", "acorn-walk"]
        .iter()
        .all(|p| browser_tests_dir().join("node_modules").join(p).exists());
    if node && packages {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "the GraphQL document check needs node (found: {node}) and tests/browser/node_modules \
         (found: {packages}): run `npm ci --prefix tests/browser` (see .ci/run)"
    );
    eprintln!("SKIPPED GraphQL document check: node or tests/browser/node_modules missing (see .ci/run)");
    false
}

fn validate(extra: &[&str]) -> Output {
    std::process::Command::new("node")
        .arg(browser_tests_dir().join("validate-documents.mjs"))
        .args(extra)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run node")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn every_graphql_document_of_the_web_ui_is_valid_against_the_schema() {
    if !validator_available() {
        return;
    }
    let output = validate(&[]);
    let text = text(&output);
    println!("{text}");
    assert!(
        output.status.success(),
        "invalid GraphQL documents in frontend/assets:\n{text}"
    );
    assert!(text.contains("all valid"), "{text}");
}

/// The check is not vacuous: with a field the search page and the API console
/// select renamed in a copy of the schema, it fails and names the page.
#[test]
fn the_graphql_document_check_fails_when_the_schema_drops_a_field_a_page_selects() {
    if !validator_available() {
        return;
    }
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema/schema.graphql");
    let schema = std::fs::read_to_string(&schema_path).expect("read schema/schema.graphql");
    let field = "\tsearchSuggestions(";
    assert!(
        schema.contains(field),
        "schema no longer has {field:?}: pick another field for this test"
    );
    let broken = schema.replace(field, "\tsearchSuggestionsRenamed(");
    let dir = tempfile::tempdir().expect("temp dir");
    let broken_path = dir.path().join("broken.graphql");
    std::fs::write(&broken_path, broken).expect("write broken schema");

    let output = validate(&["--schema", broken_path.to_str().expect("utf-8 path")]);
    let text = text(&output);
    assert!(
        !output.status.success(),
        "a schema without searchSuggestions passed:\n{text}"
    );
    assert!(
        text.contains("frontend/assets/pages/search/search.js:")
            && text.contains("Cannot query field \"searchSuggestions\""),
        "the failure should name the page and the field:\n{text}"
    );
}
