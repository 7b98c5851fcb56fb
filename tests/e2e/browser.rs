//! Browser journeys (tests/browser) in Debian's chromium through the real
//! binary: the demo data is loaded, the server started on a free port, and
//! `node tests/browser/run.mjs` drives the UI. Screenshots of each page at
//! phone and desktop width land in `target/ui-screenshots/` (CI artifacts).

use std::path::PathBuf;
use std::time::Duration;

use coopbridge_e2e::{DbKind, TestApp, TestDb, run_cli};
use serde_json::json;

fn browser_tests_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("browser")
}

/// Whether node, playwright-core and chromium are here; under CI their
/// absence fails the test (`.ci/run` installs them) instead of skipping it.
fn browser_available() -> bool {
    let missing: Vec<&str> = [
        (
            "node_modules/playwright-core",
            browser_tests_dir().join("node_modules/playwright-core").exists(),
        ),
        ("/usr/bin/chromium", std::path::Path::new("/usr/bin/chromium").exists()),
    ]
    .into_iter()
    .filter(|(_, present)| !present)
    .map(|(name, _)| name)
    .collect();
    if missing.is_empty() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "browser tests need {missing:?}: run `npm ci --prefix tests/browser` and install chromium (see .ci/run)"
    );
    eprintln!("SKIPPED browser journeys: missing {missing:?} (see .ci/run)");
    false
}

fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"));
    target.join("ui-screenshots")
}

/// Waits until the search index has taken every change the seed made.
async fn wait_for_index(app: &TestApp) {
    for _ in 0..200 {
        let body = app
            .graphql(None, "{ searchStatus { pendingChanges } }", json!({}))
            .await;
        if body["data"]["searchStatus"]["pendingChanges"] == 0 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("search index did not catch up with the demo seed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_web_ui_journeys_pass_in_a_real_browser() {
    if !browser_available() {
        return;
    }
    let db = TestDb::new(DbKind::Sqlite).await;
    let data_dir = db.data_dir.path().to_string_lossy().into_owned();
    let env = [
        ("DATABASE_URL", db.url.as_str()),
        ("COOPBRIDGE_DATA_DIR", data_dir.as_str()),
    ];
    let seed = run_cli(&["seed", "--demo"], &env, None).await;
    assert!(seed.status.success(), "{}", seed.stderr);
    let app = TestApp::spawn_with(db, &[]).await;
    wait_for_index(&app).await;

    let filter = std::env::var("COOPBRIDGE_BROWSER_FILTER").unwrap_or_default();
    let output = tokio::process::Command::new("node")
        .arg(browser_tests_dir().join("run.mjs"))
        .arg(&filter)
        .env("COOPBRIDGE_URL", app.url(""))
        .env("COOPBRIDGE_SCREENSHOT_DIR", screenshot_dir())
        .stdin(std::process::Stdio::null())
        .output()
        .await
        .expect("run node (is Node.js installed?)");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(
        output.status.success(),
        "browser journeys failed:\n{stdout}\n{stderr}\nserver log tail:\n{}",
        tail(&app.logs(), 60)
    );
}

fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}
