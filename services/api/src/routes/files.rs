//! GET /files/{key}: uploaded images and documents. Keys are content-addressed
//! (`<organization>/<purpose>/<sha256>.<ext>`), so new bytes get a new URL.
//!
//! What a URL answers can still change: an admin may purge a file (410 Gone
//! from then on), and certificate evidence stops being public once every
//! certificate showing it is archived or rejected (then 404 to anyone but the
//! cooperative's members, organizers covering its province and admins, who
//! send their bearer token). So images are cached for a day, not forever, and
//! evidence is revalidated on every use (`private, no-cache`); the ETag keeps
//! a revalidation as cheap as a 304 for a phone on a slow link.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use coopbridge_domain::catalog::file_purge::{FileAccess, file_access};
use coopbridge_storage::BlobKey;

use super::AppState;
use super::graphql::request_actor;

/// A purge or a withdrawal reaches browsers and shared caches within this.
const PUBLIC_CACHE: &str = "public, max-age=86400";
const REVOCABLE_CACHE: &str = "private, no-cache";

fn status(code: StatusCode) -> Response {
    (code, [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))]).into_response()
}

pub async fn serve_file(State(state): State<Arc<AppState>>, Path(key): Path<String>, headers: HeaderMap) -> Response {
    let Ok(blob_key) = BlobKey::new(key.clone()) else {
        return status(StatusCode::NOT_FOUND);
    };
    let access = match file_access(&state.db, &key).await {
        Ok(access) => access,
        Err(e) => {
            tracing::error!(error = %e, key, "looking up a stored file failed");
            return status(StatusCode::SERVICE_UNAVAILABLE);
        }
    };
    let cache = match access {
        FileAccess::Purged => return status(StatusCode::GONE),
        FileAccess::Public { revocable: false } => PUBLIC_CACHE,
        FileAccess::Public { revocable: true } => REVOCABLE_CACHE,
        FileAccess::Restricted(action) => {
            // Whoever may not see it is told it does not exist.
            let actor = request_actor(&state, &headers).await.ok().map(|(actor, _)| actor);
            if actor.is_none_or(|a| a.authorize(action).is_err()) {
                return status(StatusCode::NOT_FOUND);
            }
            REVOCABLE_CACHE
        }
    };
    // The hash in the key is the strong validator.
    let etag = format!(
        "\"{}\"",
        key.rsplit('/')
            .next()
            .unwrap_or_default()
            .split('.')
            .next()
            .unwrap_or_default()
    );
    if headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) == Some(etag.as_str()) {
        return (
            StatusCode::NOT_MODIFIED,
            [(header::ETAG, etag), (header::CACHE_CONTROL, cache.to_owned())],
        )
            .into_response();
    }
    match state.store.get(&blob_key).await {
        Ok(Some(blob)) => {
            let mut response = Response::new(Body::from(blob.bytes));
            let h = response.headers_mut();
            if let Ok(value) = HeaderValue::from_str(&blob.content_type) {
                h.insert(header::CONTENT_TYPE, value);
            }
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
            if let Ok(value) = HeaderValue::from_str(&etag) {
                h.insert(header::ETAG, value);
            }
            h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
            h.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("default-src 'none'; sandbox"),
            );
            response
        }
        Ok(None) => status(StatusCode::NOT_FOUND),
        Err(e) => {
            tracing::error!(error = %e, key, "reading a stored file failed");
            status(StatusCode::SERVICE_UNAVAILABLE)
        }
    }
}
