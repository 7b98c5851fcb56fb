//! Settings of the HTTP server itself: how long a client may take to send a
//! request, how many requests run at once, and where `/metrics` is served.

use std::net::SocketAddr;
use std::time::Duration;

use clap::Args;

#[derive(Debug, Clone, Args)]
pub struct HttpArgs {
    /// Seconds a client may take to send a request's headers; slower
    /// connections are closed (a slowloris client holds none for long).
    #[arg(long, env = "COOPBRIDGE_HEADER_READ_TIMEOUT_SECS", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(1..=600))]
    pub header_read_timeout_secs: u64,

    /// Seconds a client may take to send a request body (an upload on a slow
    /// mobile link included); slower bodies get `REQUEST_TIMEOUT` (408).
    #[arg(long, env = "COOPBRIDGE_BODY_READ_TIMEOUT_SECS", default_value_t = 120,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub body_read_timeout_secs: u64,

    /// Seconds from a request's headers to its answer's headers (a download
    /// may keep streaming afterwards); slower requests get 408.
    #[arg(long, env = "COOPBRIDGE_REQUEST_TIMEOUT_SECS", default_value_t = 180,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub request_timeout_secs: u64,

    /// Requests handled at once; more are answered 503 `OVERLOADED` at once
    /// instead of queueing.
    #[arg(long, env = "COOPBRIDGE_MAX_CONCURRENT_REQUESTS", default_value_t = 512,
          value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub max_concurrent_requests: u32,

    /// Serve `/metrics` on this separate address (e.g. one only the
    /// monitoring network reaches) instead of the public one.
    #[arg(long, env = "COOPBRIDGE_METRICS_ADDR")]
    pub metrics_addr: Option<SocketAddr>,

    /// Bearer token that `/metrics` requires. With neither this nor
    /// `COOPBRIDGE_METRICS_ADDR`, metrics are not served at all.
    #[arg(long, env = "COOPBRIDGE_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,
}

impl HttpArgs {
    pub fn header_read_timeout(&self) -> Duration {
        Duration::from_secs(self.header_read_timeout_secs)
    }

    pub fn body_read_timeout(&self) -> Duration {
        Duration::from_secs(self.body_read_timeout_secs)
    }

    pub fn request_timeout(&self) -> Duration {
        Duration::from_secs(self.request_timeout_secs)
    }

    /// The `/metrics` token; an empty value counts as none.
    pub fn metrics_token(&self) -> Option<String> {
        self.metrics_token.clone().filter(|t| !t.is_empty())
    }

    pub fn describe(&self) -> Vec<(&'static str, String)> {
        vec![
            ("header_read_timeout_secs", self.header_read_timeout_secs.to_string()),
            ("body_read_timeout_secs", self.body_read_timeout_secs.to_string()),
            ("request_timeout_secs", self.request_timeout_secs.to_string()),
            ("max_concurrent_requests", self.max_concurrent_requests.to_string()),
            (
                "metrics_addr",
                self.metrics_addr.map_or_else(|| "-".into(), |a| a.to_string()),
            ),
            (
                "metrics_token",
                if self.metrics_token().is_some() { "***" } else { "-" }.into(),
            ),
        ]
    }
}
