//! Helpers for the end-to-end suites: a fresh database per test (SQLite file
//! or PostgreSQL database), the real `coopbridge` binary started on a free
//! port, and a small GraphQL client.

mod balancer;
mod binary;
mod database;
mod fixtures;
mod http;
mod payload;
mod search_engine;
mod server;

pub use balancer::{Balancer, NGINX_VAR};
pub use binary::{CliOutput, coopbridge_binary, run_cli};
pub use database::{DbKind, TestDb};
pub use http::content_type;
pub use payload::{one, user_errors};
pub use search_engine::{Engine, MEILI_BINARY_VAR, MeiliServer, env_refs, meili_env};
pub use server::TestApp;

/// Declares one test per database: `name::sqlite` and `name::postgres`.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),+ $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$name($crate::DbKind::Sqlite).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    if $crate::DbKind::Postgres.available() {
                        super::$name($crate::DbKind::Postgres).await
                    }
                }
            }
        )+
    };
}
