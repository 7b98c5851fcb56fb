//! GET /metrics: Prometheus text counters. SQL statements are counted by the
//! database driver's callback, so a benchmark or test can tell how many
//! statements an operation cost.
//!
//! The counters tell an outsider how busy the site is and when, so they are
//! served only on a separate address (`COOPBRIDGE_METRICS_ADDR`) and/or to a
//! holder of `COOPBRIDGE_METRICS_TOKEN`; with neither, not at all.

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

/// `/metrics`, answering only requests with `Authorization: Bearer <token>`
/// when a token is set.
pub fn router(token: Option<String>) -> axum::Router {
    let token = token.map(|t| std::sync::Arc::new(format!("Bearer {t}")));
    axum::Router::new().route(
        "/metrics",
        axum::routing::get(move |headers: axum::http::HeaderMap| {
            let token = token.clone();
            async move {
                let given = headers
                    .get(axum::http::header::AUTHORIZATION)
                    .map(|v| v.as_bytes())
                    .unwrap_or_default();
                match token {
                    Some(token) if !constant_time_eq(given, token.as_bytes()) => {
                        let mut response =
                            axum::response::IntoResponse::into_response(axum::http::StatusCode::UNAUTHORIZED);
                        response.headers_mut().insert(
                            axum::http::header::WWW_AUTHENTICATE,
                            axum::http::HeaderValue::from_static("Bearer"),
                        );
                        response
                    }
                    _ => axum::response::IntoResponse::into_response(metrics().await),
                }
            }
        }),
    )
}

/// Compares without stopping at the first differing byte, so response
/// times do not reveal how much of a guessed token was right.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
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
