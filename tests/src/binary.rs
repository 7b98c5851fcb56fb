//! Finds (and if needed builds) the `coopbridge` binary of this workspace.

use std::path::PathBuf;
use std::process::Stdio;
use std::sync::OnceLock;

/// Path of `target/<profile>/coopbridge`, built once per test process so the
/// suites always run the current code.
pub fn coopbridge_binary() -> PathBuf {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY
        .get_or_init(|| {
            // This test executable lives in target/<profile>/deps/.
            let exe = std::env::current_exe().expect("test executable path");
            let profile_dir = exe.parent().and_then(|deps| deps.parent()).expect("target/<profile>");
            let release = profile_dir.file_name().is_some_and(|n| n == "release");
            let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
            let mut build = std::process::Command::new(cargo);
            // The same targets as `cargo test --workspace` (bins + tests), so cargo
            // resolves the same features and reuses its dependency builds: a
            // `-p coopbridge-api` build would compile aws-sdk-s3, sea-orm, tantivy…
            // a second time with other features.
            build.args(["build", "--quiet", "--workspace", "--bins", "--tests"]);
            // Cargo gives this test process the variables of its own package
            // (CARGO_MANIFEST_DIR, CARGO_PKG_NAME…). Build scripts such as
            // ring's ask to rerun when those change, so passing them on would
            // rebuild ring and everything above it at every test run.
            for (key, _) in std::env::vars_os() {
                let key = key.to_string_lossy();
                let of_this_package = ["CARGO_PKG_", "CARGO_MANIFEST_", "CARGO_CRATE_", "CARGO_BIN_"]
                    .iter()
                    .any(|prefix| key.starts_with(prefix))
                    || [
                        "CARGO_PRIMARY_PACKAGE",
                        "CARGO_TARGET_TMPDIR",
                        "CARGO_RUSTC_CURRENT_DIR",
                        "OUT_DIR",
                    ]
                    .contains(&key.as_ref());
                if of_this_package {
                    build.env_remove(key.as_ref());
                }
            }
            if release {
                build.arg("--release");
            }
            let status = build
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .stdin(Stdio::null())
                .status()
                .expect("run cargo build for the coopbridge binary");
            assert!(status.success(), "building the coopbridge binary failed");
            let binary = profile_dir.join(format!("coopbridge{}", std::env::consts::EXE_SUFFIX));
            assert!(binary.exists(), "{} missing after build", binary.display());
            binary
        })
        .clone()
}

#[derive(Debug)]
pub struct CliOutput {
    pub status: std::process::ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the binary to completion with arguments, environment and standard input.
pub async fn run_cli(args: &[&str], env: &[(&str, &str)], stdin: Option<&str>) -> CliOutput {
    use tokio::io::AsyncWriteExt;
    let mut command = tokio::process::Command::new(coopbridge_binary());
    command
        .args(args)
        .env_remove("DATABASE_URL")
        .env_remove("COOPBRIDGE_CONFIG")
        .env_remove("MEILI_URL")
        .env_remove("MEILI_MASTER_KEY")
        .env("RUST_LOG", "info")
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    for (key, value) in env {
        command.env(key, value);
    }
    let mut child = command.spawn().expect("start coopbridge");
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().expect("stdin piped");
        pipe.write_all(input.as_bytes()).await.expect("write stdin");
        drop(pipe);
    }
    let output = tokio::time::timeout(std::time::Duration::from_secs(120), child.wait_with_output())
        .await
        .expect("coopbridge finished within 120 s")
        .expect("collect output");
    CliOutput {
        status: output.status,
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}
