//! GET /files/{key}: uploaded images and documents. Keys are content-addressed
//! (`<organization>/<purpose>/<sha256>.<ext>`), so responses can be cached forever:
//! a cheap phone on a slow link downloads each photo once.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use coopbridge_storage::BlobKey;

use super::AppState;

pub async fn serve_file(State(state): State<Arc<AppState>>, Path(key): Path<String>, headers: HeaderMap) -> Response {
    let Ok(blob_key) = BlobKey::new(key.clone()) else {
        return StatusCode::NOT_FOUND.into_response();
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
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, etag)]).into_response();
    }
    match state.store.get(&blob_key).await {
        Ok(Some(blob)) => {
            let mut response = Response::new(Body::from(blob.bytes));
            let h = response.headers_mut();
            if let Ok(value) = HeaderValue::from_str(&blob.content_type) {
                h.insert(header::CONTENT_TYPE, value);
            }
            h.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            );
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
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, key, "reading a stored file failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}
