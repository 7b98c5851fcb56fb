//! The real `coopbridge serve` on a free port, with its logs captured.

use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Child;

use crate::binary::{coopbridge_binary, run_cli};
use crate::database::{DbKind, TestDb};

/// The `/metrics` bearer token of every test server.
pub const METRICS_TOKEN: &str = "test-metrics-token";

pub struct TestApp {
    /// `http://127.0.0.1:PORT`
    pub base: String,
    pub client: reqwest::Client,
    pub db: TestDb,
    child: Child,
    stderr: Arc<Mutex<String>>,
    /// Everything the server printed on standard output.
    pub stdout: Arc<Mutex<String>>,
}

impl TestApp {
    /// A server on a fresh database.
    pub async fn spawn(kind: DbKind) -> TestApp {
        Self::spawn_with(TestDb::new(kind).await, &[]).await
    }

    /// A server on the given database, with extra environment variables.
    pub async fn spawn_with(db: TestDb, env: &[(&str, &str)]) -> TestApp {
        let mut command = tokio::process::Command::new(coopbridge_binary());
        command
            .arg("serve")
            .env_remove("COOPBRIDGE_CONFIG")
            // The CI's Meilisearch is for tests that ask for it (`Engine::env`), each in its own index.
            .env_remove("MEILI_URL")
            .env_remove("MEILI_MASTER_KEY")
            .env("COOPBRIDGE_ADDR", "127.0.0.1:0")
            .env("COOPBRIDGE_DATA_DIR", db.data_dir.path())
            .env("DATABASE_URL", &db.url)
            .env("RUST_LOG", "info")
            // `/metrics` is served only to a holder of the token (see sql_statements).
            .env("COOPBRIDGE_METRICS_TOKEN", METRICS_TOKEN)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        for (key, value) in env {
            command.env(key, value);
        }
        let mut child = command.spawn().expect("start coopbridge serve");
        let stderr = Arc::new(Mutex::new(String::new()));
        let stdout = Arc::new(Mutex::new(String::new()));
        drain(child.stderr.take().expect("stderr piped"), stderr.clone(), None);
        let (addr_tx, addr_rx) = tokio::sync::oneshot::channel();
        drain(
            child.stdout.take().expect("stdout piped"),
            stdout.clone(),
            Some(addr_tx),
        );
        let base = match tokio::time::timeout(Duration::from_secs(60), addr_rx).await {
            Ok(Ok(base)) => base,
            _ => panic!("server did not start; its log:\n{}", stderr.lock().unwrap()),
        };
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(60))
            .build()
            .unwrap();
        TestApp {
            base,
            client,
            db,
            child,
            stderr,
            stdout,
        }
    }

    /// Another server on this server's database (a replica behind the same
    /// balancer), with a data directory of its own.
    pub async fn spawn_replica(&self, env: &[(&str, &str)]) -> TestApp {
        TestApp::spawn_with(self.db.shared(), env).await
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Everything the server logged so far.
    pub fn logs(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    pub fn pid(&self) -> u32 {
        self.child.id().expect("server still running")
    }

    /// Sends SIGTERM, as a service manager or orchestrator would.
    pub fn send_sigterm(&self) {
        let status = std::process::Command::new("kill")
            .args(["-TERM", &self.pid().to_string()])
            .status()
            .unwrap();
        assert!(status.success(), "kill -TERM failed");
    }

    /// Kills the server with SIGKILL (no chance to finish anything), then
    /// starts a new one on the same database and data directory.
    pub async fn sigkill_and_restart(mut self, env: &[(&str, &str)]) -> TestApp {
        let status = std::process::Command::new("kill")
            .args(["-KILL", &self.pid().to_string()])
            .status()
            .unwrap();
        assert!(status.success(), "kill -KILL failed");
        let exit = self.wait_exit().await;
        assert!(!exit.success(), "killed server reported success");
        TestApp::spawn_with(self.db, env).await
    }

    /// Waits (up to 30 s) for the server process to exit.
    pub async fn wait_exit(&mut self) -> std::process::ExitStatus {
        tokio::time::timeout(Duration::from_secs(30), self.child.wait())
            .await
            .expect("server exited")
            .unwrap()
    }

    /// POSTs a GraphQL request; returns the HTTP status and the JSON body.
    pub async fn post_graphql(&self, token: Option<&str>, query: &str, variables: Value) -> (u16, Value) {
        let mut request = self
            .client
            .post(self.url("/graphql"))
            .json(&json!({ "query": query, "variables": variables }));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("POST /graphql");
        let status = response.status().as_u16();
        let text = response.text().await.expect("response body");
        let body = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("HTTP {status} with a body that is not JSON ({e}): {text:?}\nquery: {query}"));
        (status, body)
    }

    /// A GraphQL request expected to succeed at the HTTP level; returns `data`,
    /// or the whole body when it has errors.
    pub async fn graphql(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        let (status, body) = self.post_graphql(token, query, variables).await;
        assert_eq!(status, 200, "unexpected status; body: {body}");
        body
    }

    /// Uploads a file with a GraphQL multipart request; returns the `uploadFile` payload.
    pub async fn upload(
        &self,
        token: &str,
        organization_id: &str,
        purpose: &str,
        file_name: &str,
        content_type: &str,
        bytes: Vec<u8>,
    ) -> Value {
        let operations = json!({
            "query": "mutation($org: ID!, $purpose: FilePurpose!, $file: Upload!) {
                uploadFile(organizationId: $org, purpose: $purpose, file: $file) {
                    file { id url contentType byteSize fileName } errors { code field message } } }",
            "variables": { "org": organization_id, "purpose": purpose, "file": null },
        });
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name(file_name.to_owned())
            .mime_str(content_type)
            .unwrap();
        let form = reqwest::multipart::Form::new()
            .text("operations", operations.to_string())
            .text("map", json!({ "0": ["variables.file"] }).to_string())
            .part("0", part);
        let response = self
            .client
            .post(self.url("/graphql"))
            .bearer_auth(token)
            .multipart(form)
            .send()
            .await
            .expect("upload");
        let body: Value = response.json().await.expect("JSON body");
        body["data"]["uploadFile"].clone()
    }

    /// SQL statements the server has sent so far (from /metrics).
    pub async fn sql_statements(&self) -> u64 {
        let text = self
            .client
            .get(self.url("/metrics"))
            .bearer_auth(METRICS_TOKEN)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        text.lines()
            .find_map(|l| l.strip_prefix("coopbridge_sql_statements_total "))
            .and_then(|n| n.trim().parse().ok())
            .expect("statement counter in /metrics")
    }

    /// Creates an account through the CLI (`coopbridge user create`).
    pub async fn create_account(&self, email: &str, password: &str, role: &str, organization_ids: &[i64]) {
        let data_dir = self.db.data_dir.path().to_string_lossy().into_owned();
        let mut args = vec![
            "user",
            "create",
            "--email",
            email,
            "--name",
            "Người dùng thử",
            "--role",
            role,
            "--password-stdin",
        ];
        let ids: Vec<String> = organization_ids.iter().map(ToString::to_string).collect();
        for id in &ids {
            args.extend(["--organization-id", id.as_str()]);
        }
        let out = run_cli(
            &args,
            &[
                ("DATABASE_URL", self.db.url.as_str()),
                ("COOPBRIDGE_DATA_DIR", data_dir.as_str()),
            ],
            Some(&format!("{password}\n")),
        )
        .await;
        assert!(
            out.status.success(),
            "user create failed: {}\n{}",
            out.stdout,
            out.stderr
        );
    }

    /// Signs in and returns the bearer token.
    pub async fn sign_in(&self, email: &str, password: &str) -> String {
        let body = self
            .graphql(
                None,
                "mutation($i: SignInInput!) { signIn(input: $i) { token errors { code field message } } }",
                json!({ "i": { "email": email, "password": password } }),
            )
            .await;
        body["data"]["signIn"]["token"]
            .as_str()
            .unwrap_or_else(|| panic!("sign-in failed: {body}"))
            .to_owned()
    }

    /// Creates an admin via the CLI and returns its token.
    pub async fn admin_token(&self) -> String {
        self.create_account("admin@example.vn", "quản trị viên 2026", "admin", &[])
            .await;
        self.sign_in("admin@example.vn", "quản trị viên 2026").await
    }
}

fn drain(
    pipe: impl tokio::io::AsyncRead + Unpin + Send + 'static,
    sink: Arc<Mutex<String>>,
    mut on_listening: Option<tokio::sync::oneshot::Sender<String>>,
) {
    tokio::spawn(async move {
        let mut lines = BufReader::new(pipe).lines();
        while let Ok(Some(line)) = lines.next_line().await {
            if let Some(base) = line.strip_prefix("listening on ")
                && let Some(tx) = on_listening.take()
            {
                let _ = tx.send(base.trim().to_owned());
            }
            let mut sink = sink.lock().unwrap();
            sink.push_str(&line);
            sink.push('\n');
        }
    });
}
