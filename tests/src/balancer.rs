//! nginx in front of test servers, running the configuration `infra/` ships.

use std::time::Duration;

/// The nginx binary (`.ci/run` installs Debian's and sets this).
pub const NGINX_VAR: &str = "COOPBRIDGE_TEST_NGINX";

/// nginx running `infra/nginx.conf` with its upstream pointed at replicas on
/// loopback. Only what cannot hold outside Docker is changed: Docker's DNS
/// and the `resolve` flag (Debian's nginx 1.22 lacks it), the port and the
/// log files.
pub struct Balancer {
    pid: u32,
    _child: tokio::process::Child,
    pub base: String,
    dir: tempfile::TempDir,
}

impl Balancer {
    pub async fn start(nginx: &str, port: u16, replicas: &[u16]) -> Balancer {
        let conf = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../infra/nginx.conf")).unwrap();
        let dir = tempfile::Builder::new().prefix("coopbridge-nginx-").tempdir().unwrap();
        let at = dir.path().display().to_string();
        let servers: Vec<String> = replicas
            .iter()
            .map(|p| format!("server 127.0.0.1:{p} max_fails=3 fail_timeout=10s;"))
            .collect();
        let shipped = [
            "resolver 127.0.0.11 valid=10s ipv6=off;",
            "server api:8080 resolve max_fails=3 fail_timeout=10s;",
            "listen 80;",
            "access_log /dev/stdout main;",
            "error_log  /dev/stderr warn;",
        ];
        for line in shipped {
            assert!(
                conf.contains(line),
                "infra/nginx.conf no longer has `{line}`: update this test"
            );
        }
        let conf = conf
            .replace(shipped[0], "")
            .replace(shipped[1], &servers.join("\n        "))
            .replace(shipped[2], &format!("listen 127.0.0.1:{port};"))
            .replace(shipped[3], &format!("access_log {at}/access.log main;"))
            .replace(shipped[4], &format!("error_log {at}/error.log warn;"));
        let conf = format!("pid {at}/nginx.pid;\n{conf}");
        std::fs::write(dir.path().join("nginx.conf"), conf).unwrap();
        let child = tokio::process::Command::new(nginx)
            .arg("-p")
            .arg(&at)
            .arg("-c")
            .arg(format!("{at}/nginx.conf"))
            .arg("-e")
            .arg(format!("{at}/error.log"))
            .args(["-g", "daemon off;"])
            .stdin(std::process::Stdio::null())
            .spawn()
            .expect("start nginx");
        let balancer = Balancer {
            pid: child.id().unwrap(),
            _child: child,
            base: format!("http://127.0.0.1:{port}"),
            dir,
        };
        let client = reqwest::Client::new();
        for _ in 0..100 {
            if let Ok(response) = client.get(format!("{}/healthz", balancer.base)).send().await
                && response.status() == 200
            {
                return balancer;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("nginx did not answer; its log:\n{}", balancer.log("error.log"));
    }

    /// A log file of this nginx: `access.log` or `error.log`.
    pub fn log(&self, name: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(name)).unwrap_or_default()
    }
}

impl Drop for Balancer {
    fn drop(&mut self) {
        // Fast shutdown of the master and its workers (SIGKILL would orphan the workers).
        let _ = std::process::Command::new("kill")
            .args(["-TERM", &self.pid.to_string()])
            .status();
    }
}
