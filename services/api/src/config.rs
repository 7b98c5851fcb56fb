//! Typed configuration. Every setting is a flag with an environment-variable
//! twin, and may also come from a TOML file (`--config`/`COOPBRIDGE_CONFIG`)
//! whose keys are the flag names: flags beat variables, variables beat the file.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use coopbridge_domain::database::Backend;

mod backup;
mod http;
mod storage;
pub use backup::BackupScheduleArgs;
pub use http::HttpArgs;
pub use storage::StorageArgs;

/// Where the data lives. Shared by every command that opens the database.
#[derive(Debug, Clone, Args)]
pub struct DataArgs {
    /// Directory for the embedded default: the SQLite file, the search index
    /// and uploaded files. Created if missing.
    #[arg(long, env = "COOPBRIDGE_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,

    /// Database URL; overrides the SQLite file in the data directory.
    /// `sqlite:/path/file.db` or `postgres://user:password@host:5432/db`.
    #[arg(long, env = "DATABASE_URL", value_parser = parse_database_url)]
    pub database_url: Option<String>,

    /// Largest number of pooled database connections.
    #[arg(long, env = "COOPBRIDGE_DB_MAX_CONNECTIONS", default_value_t = 10,
          value_parser = clap::value_parser!(u32).range(1..=500))]
    pub db_max_connections: u32,

    #[command(flatten)]
    pub storage: StorageArgs,
}

impl DataArgs {
    /// The database URL in effect: `DATABASE_URL`, or the SQLite file in the data directory.
    pub fn effective_database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!("sqlite://{}?mode=rwc", self.data_dir.join("coopbridge.db").display()),
        }
    }

    pub fn backend(&self) -> Backend {
        Backend::of_url(&self.effective_database_url()).expect("validated by parse_database_url")
    }

    /// Where uploaded files go: the S3 bucket, or `<data dir>/files`.
    pub fn describe_file_store(&self) -> String {
        match self.storage.s3_config() {
            Some(s3) => s3.describe(),
            None => format!("local:{}", self.data_dir.join("files").display()),
        }
    }
}

/// Which search engine, and how to reach it. Shared by `serve`, `worker` and `reindex`.
#[derive(Debug, Clone, Args)]
pub struct SearchArgs {
    /// Meilisearch address; when set, search runs there instead of the embedded
    /// tantivy index under the data directory.
    #[arg(long, env = "MEILI_URL")]
    pub meili_url: Option<String>,

    /// Meilisearch API key (master or an admin key).
    #[arg(long, env = "MEILI_MASTER_KEY", hide_env_values = true)]
    pub meili_master_key: Option<String>,

    /// Meilisearch index name (several deployments can share one server).
    #[arg(long, env = "COOPBRIDGE_MEILI_INDEX", default_value = "coopbridge")]
    pub meili_index: String,

    /// Milliseconds to wait for the search engine before answering UNAVAILABLE.
    #[arg(long, env = "COOPBRIDGE_SEARCH_TIMEOUT_MS", default_value_t = 5000,
          value_parser = clap::value_parser!(u64).range(100..=600_000))]
    pub search_timeout_ms: u64,
}

impl SearchArgs {
    pub fn engine_config(&self, data_dir: &Path) -> coopbridge_search::SearchConfig {
        match &self.meili_url {
            Some(url) => coopbridge_search::SearchConfig::Meilisearch {
                url: url.clone(),
                api_key: self.meili_master_key.clone(),
                index: self.meili_index.clone(),
                timeout: std::time::Duration::from_millis(self.search_timeout_ms),
            },
            None => coopbridge_search::SearchConfig::Tantivy {
                dir: data_dir.join("search"),
            },
        }
    }

    pub fn describe(&self) -> String {
        match &self.meili_url {
            Some(url) => format!("meilisearch at {url}, index {}", self.meili_index),
            None => "tantivy (embedded)".to_owned(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

/// Settings of `coopbridge serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub data: DataArgs,

    #[command(flatten)]
    pub search: SearchArgs,

    #[command(flatten)]
    pub http: HttpArgs,

    #[command(flatten)]
    pub backup: BackupScheduleArgs,

    /// Run the search worker in this process (applies catalog changes to the
    /// search index). Turn off only when a separate `coopbridge worker` runs.
    #[arg(long, env = "COOPBRIDGE_SEARCH_WORKER", default_value_t = true, action = clap::ArgAction::Set)]
    pub search_worker: bool,

    /// Address to listen on; port 0 picks a free port (printed at start).
    #[arg(long, env = "COOPBRIDGE_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    /// How long a sign-in token stays valid, in hours.
    #[arg(long, env = "COOPBRIDGE_TOKEN_TTL_HOURS", default_value_t = 720,
          value_parser = clap::value_parser!(u32).range(1..=8760))]
    pub token_ttl_hours: u32,

    /// Largest accepted request body (a GraphQL document with its variables),
    /// in bytes; uploads have their own limit. Real documents are a few KB,
    /// and refusing a hostile one costs time in proportion to its size.
    #[arg(long, env = "COOPBRIDGE_MAX_BODY_BYTES", default_value_t = 262_144,
          value_parser = clap::value_parser!(u64).range(1024..=1_073_741_824))]
    pub max_body_bytes: u64,

    /// Largest accepted file upload, in bytes (images are further capped at 5 MiB).
    #[arg(long, env = "COOPBRIDGE_MAX_UPLOAD_BYTES", default_value_t = 10_485_760,
          value_parser = clap::value_parser!(u64).range(1024..=1_073_741_824))]
    pub max_upload_bytes: u64,

    /// Deepest allowed GraphQL selection nesting.
    #[arg(long, env = "COOPBRIDGE_GRAPHQL_MAX_DEPTH", default_value_t = 12,
          value_parser = clap::value_parser!(u32).range(2..=64))]
    pub graphql_max_depth: u32,

    /// Largest allowed GraphQL query complexity (lists count `first` × child fields).
    #[arg(long, env = "COOPBRIDGE_GRAPHQL_MAX_COMPLEXITY", default_value_t = 20_000,
          value_parser = clap::value_parser!(u32).range(10..=10_000_000))]
    pub graphql_max_complexity: u32,

    /// Most aliases allowed in one GraphQL document.
    #[arg(long, env = "COOPBRIDGE_GRAPHQL_MAX_ALIASES", default_value_t = 30,
          value_parser = clap::value_parser!(u32).range(0..=10_000))]
    pub graphql_max_aliases: u32,

    /// Most fragment definitions allowed in one GraphQL document.
    #[arg(long, env = "COOPBRIDGE_GRAPHQL_MAX_FRAGMENTS", default_value_t = 100,
          value_parser = clap::value_parser!(u32).range(0..=10_000))]
    pub graphql_max_fragments: u32,

    /// Microseconds a DataLoader waits to gather keys into one SQL statement.
    /// 0 still batches: the keys a list's items ask for in one pass are
    /// gathered until the runtime's next timer tick (under a millisecond).
    #[arg(long, env = "COOPBRIDGE_DATALOADER_DELAY_US", default_value_t = 0,
          value_parser = clap::value_parser!(u64).range(0..=100_000))]
    pub dataloader_delay_us: u64,

    /// Seconds an answer to an anonymous GraphQL query may be replayed to
    /// identical requests (0 turns the response cache off). A write through
    /// this instance makes every kept answer stale at once; the time bounds
    /// staleness from other instances and from the clock (deadlines).
    #[arg(long, env = "COOPBRIDGE_RESPONSE_CACHE_SECONDS", default_value_t = 5,
          value_parser = clap::value_parser!(u64).range(0..=300))]
    pub response_cache_seconds: u64,

    /// Memory the response cache may use, in MiB.
    #[arg(long, env = "COOPBRIDGE_RESPONSE_CACHE_MB", default_value_t = 32,
          value_parser = clap::value_parser!(u64).range(1..=4096))]
    pub response_cache_mb: u64,

    /// Sign-in attempts allowed per account email from one client address per
    /// minute (a burst of this many, then refilled evenly); also the password
    /// changes allowed per account per minute.
    #[arg(long, env = "COOPBRIDGE_SIGN_IN_PER_MINUTE", default_value_t = 10,
          value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub sign_in_per_minute: u32,

    /// Password attempts (sign-in and password change) allowed per client
    /// address per minute, whatever the account. IPv6 clients count per /64.
    #[arg(long, env = "COOPBRIDGE_SIGN_IN_PER_IP_PER_MINUTE", default_value_t = 30,
          value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub sign_in_per_ip_per_minute: u32,

    /// Inquiries one account may send per hour.
    #[arg(long, env = "COOPBRIDGE_INQUIRIES_PER_HOUR", default_value_t = 20,
          value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub inquiries_per_hour: u32,

    /// Take the client IP from the last address of `X-Forwarded-For` (the one
    /// our own proxy appended). Only behind a trusted load balancer: otherwise
    /// clients could choose their address and dodge the per-IP limit.
    #[arg(long, env = "COOPBRIDGE_TRUST_FORWARDED_FOR", default_value_t = false)]
    pub trust_forwarded_for: bool,

    /// Seconds to let requests in flight finish after SIGTERM.
    #[arg(long, env = "COOPBRIDGE_SHUTDOWN_TIMEOUT_SECS", default_value_t = 30)]
    pub shutdown_timeout_secs: u64,

    /// The site's public address (e.g. `https://coopbridge.example.vn`), used in
    /// links printed outside the site such as the label QR codes. When unset,
    /// they are built from the request's `Host` header.
    #[arg(long, env = "COOPBRIDGE_PUBLIC_URL", value_parser = parse_public_url)]
    pub public_url: Option<String>,

    /// Directory of the web UI; defaults to the `frontend/` the binary was built from.
    #[arg(long, env = "COOPBRIDGE_FRONTEND_DIR")]
    pub frontend_dir: Option<PathBuf>,

    /// Load the demo data set into an empty database without asking.
    #[arg(long, env = "COOPBRIDGE_SEED_DEMO", default_value_t = false)]
    pub seed_demo: bool,

    /// Log format on standard error (filter with RUST_LOG).
    #[arg(long, env = "COOPBRIDGE_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

impl ServeArgs {
    pub fn frontend_dir(&self) -> PathBuf {
        self.frontend_dir
            .clone()
            .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../frontend"))
    }

    /// The effective configuration as `key = value` lines, secrets masked.
    pub fn describe(&self) -> Vec<(&'static str, String)> {
        let mut lines = vec![
            ("addr", self.addr.to_string()),
            ("data_dir", self.data.data_dir.display().to_string()),
            ("database_url", mask_url_password(&self.data.effective_database_url())),
            ("db_max_connections", self.data.db_max_connections.to_string()),
            ("file_store", self.data.describe_file_store()),
            ("token_ttl_hours", self.token_ttl_hours.to_string()),
            ("max_body_bytes", self.max_body_bytes.to_string()),
            ("max_upload_bytes", self.max_upload_bytes.to_string()),
            ("graphql_max_depth", self.graphql_max_depth.to_string()),
            ("graphql_max_complexity", self.graphql_max_complexity.to_string()),
            ("graphql_max_aliases", self.graphql_max_aliases.to_string()),
            ("graphql_max_fragments", self.graphql_max_fragments.to_string()),
            ("dataloader_delay_us", self.dataloader_delay_us.to_string()),
            ("response_cache_seconds", self.response_cache_seconds.to_string()),
            ("response_cache_mb", self.response_cache_mb.to_string()),
            ("sign_in_per_minute", self.sign_in_per_minute.to_string()),
            ("sign_in_per_ip_per_minute", self.sign_in_per_ip_per_minute.to_string()),
            ("inquiries_per_hour", self.inquiries_per_hour.to_string()),
            ("trust_forwarded_for", self.trust_forwarded_for.to_string()),
            ("shutdown_timeout_secs", self.shutdown_timeout_secs.to_string()),
            ("public_url", self.public_url.clone().unwrap_or_else(|| "-".into())),
            ("frontend_dir", self.frontend_dir().display().to_string()),
            ("seed_demo", self.seed_demo.to_string()),
            ("search", self.search.describe()),
            ("search_worker", self.search_worker.to_string()),
        ];
        lines.extend(self.http.describe());
        lines.extend(self.backup.describe());
        lines
    }
}

fn parse_database_url(value: &str) -> Result<String, String> {
    if Backend::of_url(value).is_some() {
        Ok(value.to_owned())
    } else {
        Err("DATABASE_URL must start with sqlite: or postgres:// (or postgresql://)".to_owned())
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
pub fn mask_url_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((credentials, host)) = rest.split_once('@') else {
        return url.to_owned();
    };
    match credentials.split_once(':') {
        Some((user, _password)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

/// Reads the TOML config file, if any, into environment variables that are not
/// already set, so clap applies the usual precedence (flag > env > file).
/// Must run before any thread starts.
pub fn apply_config_file(command: &clap::Command, path: &Path) -> Result<(), String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("COOPBRIDGE_CONFIG: cannot read {}: {e}", path.display()))?;
    let table: toml::Table = text
        .parse()
        .map_err(|e| format!("COOPBRIDGE_CONFIG: {} is not valid TOML: {e}", path.display()))?;
    let mut env_of_key = std::collections::HashMap::new();
    collect_env_names(command, &mut env_of_key);
    for (key, value) in table {
        let normalized = key.replace('-', "_");
        let Some(env_name) = env_of_key.get(&normalized) else {
            return Err(format!(
                "COOPBRIDGE_CONFIG: unknown setting `{key}` in {}",
                path.display()
            ));
        };
        let text = match value {
            toml::Value::String(s) => s,
            toml::Value::Integer(i) => i.to_string(),
            toml::Value::Boolean(b) => b.to_string(),
            other => {
                return Err(format!(
                    "COOPBRIDGE_CONFIG: `{key}` must be a string, number or boolean, not {other}"
                ));
            }
        };
        if std::env::var_os(env_name).is_none() {
            // SAFETY: called from `main` before the runtime or any other thread starts.
            unsafe { std::env::set_var(env_name, text) };
        }
    }
    Ok(())
}

fn collect_env_names(command: &clap::Command, out: &mut std::collections::HashMap<String, String>) {
    for arg in command.get_arguments() {
        if let (Some(long), Some(env)) = (arg.get_long(), arg.get_env()) {
            out.insert(long.replace('-', "_"), env.to_string_lossy().into_owned());
        }
    }
    for sub in command.get_subcommands() {
        collect_env_names(sub, out);
    }
}

/// The environment variable behind a flag, to name it in errors.
pub fn env_name_of_flag(command: &clap::Command, flag: &str) -> Option<String> {
    let long = flag.trim_start_matches("--").split([' ', '=', '<']).next()?.to_owned();
    let mut names = std::collections::HashMap::new();
    collect_env_names(command, &mut names);
    names.get(&long.replace('-', "_")).cloned()
}

/// An absolute http(s) URL without a trailing slash.
fn parse_public_url(value: &str) -> Result<String, String> {
    let trimmed = value.trim().trim_end_matches('/');
    let rest = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"))
        .ok_or("must start with http:// or https://")?;
    if rest.is_empty() || rest.contains(char::is_whitespace) {
        return Err("must name a host, e.g. https://coopbridge.example.vn".into());
    }
    Ok(trimmed.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_in_database_urls_are_masked() {
        assert_eq!(
            mask_url_password("postgres://cb:s3cret@db:5432/cb"),
            "postgres://cb:***@db:5432/cb"
        );
        assert_eq!(
            mask_url_password("sqlite://data/coopbridge.db?mode=rwc"),
            "sqlite://data/coopbridge.db?mode=rwc"
        );
    }

    #[test]
    fn public_urls_are_absolute_http_addresses_without_a_trailing_slash() {
        assert_eq!(
            parse_public_url("https://coopbridge.example.vn/").unwrap(),
            "https://coopbridge.example.vn"
        );
        assert_eq!(
            parse_public_url("http://10.0.0.5:8080").unwrap(),
            "http://10.0.0.5:8080"
        );
        assert!(parse_public_url("coopbridge.example.vn").is_err());
        assert!(parse_public_url("https://").is_err());
        assert!(parse_public_url("ftp://x").is_err());
    }
}
