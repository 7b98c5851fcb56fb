//! The HTTP surface: GraphQL, health probes and the web UI.

mod graphql;
mod health;

use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderName, Request};
use axum::routing::get;
use sea_orm::DatabaseConnection;
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::graphql::AppSchema;

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub schema: AppSchema,
    pub max_body_bytes: usize,
}

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

pub fn router(state: AppState, frontend_dir: &std::path::Path) -> Router {
    let frontend =
        ServeDir::new(frontend_dir).fallback(ServeFile::new(frontend_dir.join("index.html")));
    let state = Arc::new(state);
    Router::new()
        .route("/graphql", get(graphql::graphiql).post(graphql::execute))
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .fallback_service(frontend)
        .with_state(state)
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
                .layer(CompressionLayer::new()),
        )
}
