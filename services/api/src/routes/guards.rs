//! What every response and every request goes through: the browser security
//! headers, the whole-request timeout and the cap on requests handled at once.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::sync::Semaphore;
use tower_http::set_header::SetResponseHeaderLayer;

/// Scripts, styles, fonts and fetches only from our own origin, with nothing
/// inline: markup that slipped into a page could not run or restyle it.
/// Images may also be `data:`/`blob:` (previews of files being uploaded).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The security headers set on every response that does not set its own.
/// `Strict-Transport-Security` only when the public address is https: sent
/// over plain http it would be ignored, and on a LAN install it would lock
/// browsers out of a server that has no certificate.
pub fn security_headers(https: bool) -> Vec<SetResponseHeaderLayer<HeaderValue>> {
    let mut headers = vec![
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ];
    if https {
        headers.push((header::STRICT_TRANSPORT_SECURITY, "max-age=31536000"));
    }
    headers
        .into_iter()
        .map(|(name, value)| SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value)))
        .collect()
}

/// Limits shared by every request of one server.
pub struct RequestGuards {
    pub timeout: Duration,
    pub slots: Semaphore,
}

impl RequestGuards {
    pub fn new(timeout: Duration, max_concurrent: usize) -> Arc<Self> {
        Arc::new(Self {
            timeout,
            slots: Semaphore::new(max_concurrent),
        })
    }
}

fn refusal(status: StatusCode, code: &str, message: &str) -> Response {
    let body = serde_json::json!({ "errors": [{ "message": message, "extensions": { "code": code } }] });
    (status, axum::Json(body)).into_response()
}

/// Over the cap a request is answered 503 at once (clients retry later)
/// rather than queued behind work that may never finish; a request slower
/// than the timeout is dropped and answered 408. The liveness probe is
/// exempt from the cap so an overloaded server is not restarted for it.
pub async fn guard(State(guards): State<Arc<RequestGuards>>, request: Request, next: Next) -> Response {
    let _slot = if request.uri().path() == "/healthz" {
        None
    } else {
        match guards.slots.try_acquire() {
            Ok(slot) => Some(slot),
            Err(_) => {
                tracing::warn!(code = "OVERLOADED", "request refused: too many requests in flight");
                let mut response = refusal(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "OVERLOADED",
                    "the server is busy; retry in a moment",
                );
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
                return response;
            }
        }
    };
    match tokio::time::timeout(guards.timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!(
                code = "REQUEST_TIMEOUT",
                timeout_secs = guards.timeout.as_secs(),
                "request timed out"
            );
            let mut response = refusal(
                StatusCode::REQUEST_TIMEOUT,
                "REQUEST_TIMEOUT",
                "the request took too long",
            );
            response
                .headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
            response
        }
    }
}
