//! GET /metrics: Prometheus text counters. SQL statements are counted by the
//! database driver's callback, so a benchmark or test can tell how many
//! statements an operation cost.

use std::sync::atomic::{AtomicU64, Ordering};

static SQL_STATEMENTS: AtomicU64 = AtomicU64::new(0);
static GRAPHQL_REQUESTS: AtomicU64 = AtomicU64::new(0);
static RESPONSE_CACHE_HITS: AtomicU64 = AtomicU64::new(0);

/// Installs the statement counter on a connection pool (before it is cloned).
pub fn count_statements(db: &mut sea_orm::DatabaseConnection) {
    db.set_metric_callback(|_| {
        SQL_STATEMENTS.fetch_add(1, Ordering::Relaxed);
    });
}

pub fn graphql_request() {
    GRAPHQL_REQUESTS.fetch_add(1, Ordering::Relaxed);
}

pub fn response_cache_hit() {
    RESPONSE_CACHE_HITS.fetch_add(1, Ordering::Relaxed);
}

pub async fn metrics() -> ([(axum::http::HeaderName, &'static str); 1], String) {
    let body = format!(
        "# HELP coopbridge_sql_statements_total SQL statements sent to the database.\n\
         # TYPE coopbridge_sql_statements_total counter\n\
         coopbridge_sql_statements_total {}\n\
         # HELP coopbridge_graphql_requests_total GraphQL requests executed.\n\
         # TYPE coopbridge_graphql_requests_total counter\n\
         coopbridge_graphql_requests_total {}\n\
         # HELP coopbridge_response_cache_hits_total Anonymous GraphQL queries answered from the response cache (not executed).\n\
         # TYPE coopbridge_response_cache_hits_total counter\n\
         coopbridge_response_cache_hits_total {}\n",
        SQL_STATEMENTS.load(Ordering::Relaxed),
        GRAPHQL_REQUESTS.load(Ordering::Relaxed),
        RESPONSE_CACHE_HITS.load(Ordering::Relaxed),
    );
    ([(axum::http::header::CONTENT_TYPE, "text/plain; version=0.0.4")], body)
}
