//! The HTTP surface: GraphQL, health probes and the web UI.

pub mod cache_peers;
mod fair_calendar;
mod fair_exports;
mod files;
mod graphql;
pub mod guards;
mod health;
mod label_qr;
pub mod metrics;
mod personal_data;
pub mod response_cache;

use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, Request, header};
use axum::routing::get;
use sea_orm::DatabaseConnection;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::graphql::AppSchema;

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub schema: AppSchema,
    pub store: Arc<dyn coopbridge_storage::BlobStore>,
    pub max_body_bytes: usize,
    pub max_upload_bytes: usize,
    /// How long a client may take to send a GraphQL request's body.
    pub body_read_timeout: std::time::Duration,
    pub dataloader_delay: std::time::Duration,
    /// Read the client IP from `X-Forwarded-For` (behind a trusted proxy only).
    pub trust_forwarded_for: bool,
    /// `COOPBRIDGE_PUBLIC_URL`, for links used outside the site (label QR codes).
    pub public_url: Option<String>,
    /// Answers to anonymous queries kept for a few seconds; `None` when off.
    pub response_cache: Option<Arc<response_cache::ResponseCache>>,
    /// Provinces and communes, read once at start.
    pub places: Arc<coopbridge_domain::places::PlaceDirectory>,
    /// Outcomes of scheduled backups, for `/readyz`; `None` when off.
    pub backup_status: Option<coopbridge_backup::schedule::SharedStatus>,
}

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

pub fn router(state: AppState, frontend_dir: &std::path::Path, http: &crate::config::HttpArgs) -> Router {
    // The UI's files change with each release but keep their names, so the
    // browser revalidates them (a cheap 304 on slow links) instead of caching blind.
    let frontend = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
        .service(ServeDir::new(frontend_dir).fallback(ServeFile::new(frontend_dir.join("index.html"))));
    // Metrics on the public address only when a token guards them and no
    // separate address is set; otherwise a plain 404 (not the UI's page).
    let metrics = match (&http.metrics_addr, http.metrics_token()) {
        (None, Some(token)) => metrics::router(Some(token)),
        _ => Router::new().route("/metrics", get(|| async { axum::http::StatusCode::NOT_FOUND })),
    };
    let https = state.public_url.as_deref().is_some_and(|u| u.starts_with("https://"));
    let guards = guards::RequestGuards::new(http.request_timeout(), http.max_concurrent_requests as usize);
    let state = Arc::new(state);
    let mut router = Router::new()
        .route("/graphql", get(graphql::to_console).post(graphql::execute))
        .route("/schema.graphql", get(graphql::schema_sdl))
        .route("/labels/{id}/qr.svg", get(label_qr::label_qr))
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/files/{*key}", get(files::serve_file))
        .route("/events/calendar.ics", get(fair_calendar::upcoming_calendar))
        .route("/events/{id}/calendar.ics", get(fair_calendar::event_calendar))
        .route("/events/{id}/exhibitors.csv", get(fair_exports::exhibitors_csv))
        .route("/events/{id}/exhibitors.xlsx", get(fair_exports::exhibitors_xlsx))
        .route("/account/personal-data.json", get(personal_data::download))
        .fallback_service(frontend)
        .with_state(state)
        .merge(metrics)
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
                .layer(
                    TraceLayer::new_for_http()
                        .make_span_with(|request: &Request<_>| {
                            let request_id = request
                                .headers()
                                .get(REQUEST_ID)
                                .and_then(|v| v.to_str().ok())
                                .unwrap_or("-");
                            tracing::info_span!(
                                "request",
                                request_id = %request_id,
                                method = %request.method(),
                                path = %request.uri().path(),
                            )
                        })
                        .on_response(DefaultOnResponse::new().level(Level::INFO)),
                )
                .layer(PropagateRequestIdLayer::new(REQUEST_ID))
                .layer(axum::middleware::from_fn_with_state(guards, guards::guard))
                .layer(CatchPanicLayer::custom(panic_response))
                .layer(CompressionLayer::new()),
        );
    // Outermost, so refusals, timeouts and panics carry them too.
    for layer in guards::security_headers(https) {
        router = router.layer(layer);
    }
    router
}

/// A bug must not drop the connection without a word: answer like any other
/// internal error (logged here, once; the details never reach the client).
fn panic_response(panic: Box<dyn std::any::Any + Send + 'static>) -> axum::response::Response {
    let detail = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("unknown panic");
    tracing::error!(panic = detail, "request handler panicked");
    let body = serde_json::json!({ "errors": [{ "message": "internal error", "extensions": { "code": "INTERNAL" } }] });
    axum::response::IntoResponse::into_response((axum::http::StatusCode::INTERNAL_SERVER_ERROR, axum::Json(body)))
}
