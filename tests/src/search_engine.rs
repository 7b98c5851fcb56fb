//! The search engine a test server runs on: the embedded tantivy index, or the real
//! Meilisearch server `.ci/run` starts (MEILI_URL, MEILI_MASTER_KEY), each test in an index
//! of its own. [`MeiliServer`] starts a private Meilisearch for tests that stop it.

use std::process::Stdio;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use tempfile::TempDir;
use tokio::process::Child;

/// The path of a Meilisearch server binary for tests that run their own; `.ci/run` sets it.
pub const MEILI_BINARY_VAR: &str = "COOPBRIDGE_TEST_MEILISEARCH";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Tantivy,
    Meilisearch,
}

/// Under CI a missing service fails the test; elsewhere it is skipped with a note.
fn required(var: &str) -> bool {
    if std::env::var_os(var).is_some_and(|v| !v.is_empty()) {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{var} is not set: CI must test Meilisearch (see .ci/run)"
    );
    eprintln!("SKIPPED on Meilisearch: set {var} (see .ci/run) to run it");
    false
}

impl Engine {
    /// Whether this engine can be tested here (Meilisearch needs MEILI_URL).
    pub fn available(self) -> bool {
        self == Engine::Tantivy || required("MEILI_URL")
    }

    /// The name `searchStatus { engine }` reports.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Tantivy => "tantivy",
            Engine::Meilisearch => "meilisearch",
        }
    }

    /// The server's environment for this engine; Meilisearch gets a fresh index per call.
    pub fn env(self) -> Vec<(String, String)> {
        match self {
            Engine::Tantivy => Vec::new(),
            Engine::Meilisearch => {
                let url = std::env::var("MEILI_URL").expect("MEILI_URL (check available() first)");
                let key = std::env::var("MEILI_MASTER_KEY").unwrap_or_default();
                meili_env(&url, &key)
            }
        }
    }
}

/// MEILI_URL, MEILI_MASTER_KEY and an index name no other test uses.
pub fn meili_env(url: &str, key: &str) -> Vec<(String, String)> {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    let index = format!(
        "e2e_{}_{}_{nanos}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    vec![
        ("MEILI_URL".into(), url.into()),
        ("MEILI_MASTER_KEY".into(), key.into()),
        ("COOPBRIDGE_MEILI_INDEX".into(), index),
    ]
}

/// Borrowed pairs for `TestApp::spawn_with`.
pub fn env_refs(env: &[(String, String)]) -> Vec<(&str, &str)> {
    env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

/// A Meilisearch server of the test's own (data directory, loopback port), to stop and start.
pub struct MeiliServer {
    binary: String,
    pub port: u16,
    pub key: String,
    dir: TempDir,
    child: Option<Child>,
}

impl MeiliServer {
    /// Starts one, or `None` when no binary is configured (skipped; a failure under CI).
    pub async fn start() -> Option<MeiliServer> {
        if !required(MEILI_BINARY_VAR) {
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut server = MeiliServer {
            binary: std::env::var(MEILI_BINARY_VAR).unwrap(),
            port,
            key: "coopbridge-private-test-key".into(),
            dir: tempfile::tempdir().unwrap(),
            child: None,
        };
        server.restart().await;
        Some(server)
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Starts the (stopped) server again on the same port and data, and waits for /health.
    pub async fn restart(&mut self) {
        let child = tokio::process::Command::new(&self.binary)
            .arg("--db-path")
            .arg(self.dir.path().join("data"))
            .args(["--http-addr", &format!("127.0.0.1:{}", self.port)])
            .args(["--master-key", &self.key, "--no-analytics"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("start meilisearch");
        self.child = Some(child);
        let health = format!("{}/health", self.url());
        for _ in 0..300 {
            if reqwest::get(&health).await.is_ok_and(|r| r.status().is_success()) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("meilisearch did not answer {health} within 30 s");
    }

    /// Kills the server (as a crash would) and waits for it to exit.
    pub async fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().await.expect("kill meilisearch");
        }
    }
}

/// Declares one test per engine and database: `name::tantivy::sqlite`, `name::meilisearch::postgres`…
/// Each test function takes `(DbKind, Engine)`.
#[macro_export]
macro_rules! on_both_engines {
    ($($name:ident),+ $(,)?) => {
        $(
            mod $name {
                mod tantivy {
                    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                    async fn sqlite() {
                        super::super::$name($crate::DbKind::Sqlite, $crate::Engine::Tantivy).await
                    }
                    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                    async fn postgres() {
                        if $crate::DbKind::Postgres.available() {
                            super::super::$name($crate::DbKind::Postgres, $crate::Engine::Tantivy).await
                        }
                    }
                }
                mod meilisearch {
                    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                    async fn sqlite() {
                        if $crate::Engine::Meilisearch.available() {
                            super::super::$name($crate::DbKind::Sqlite, $crate::Engine::Meilisearch).await
                        }
                    }
                    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                    async fn postgres() {
                        if $crate::DbKind::Postgres.available() && $crate::Engine::Meilisearch.available() {
                            super::super::$name($crate::DbKind::Postgres, $crate::Engine::Meilisearch).await
                        }
                    }
                }
            }
        )+
    };
}
