//! `GET /labels/{id}/qr.svg`: the QR code to print on a brand label or
//! traceability stamp. It encodes the absolute address of the label's public
//! traceability page, `/trace/{id}`, so a phone camera in a shop opens the
//! product, its producer and their certificates. Unknown or archived labels
//! are 404: a stamp must never point at something we no longer vouch for.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use coopbridge_domain::catalog::brand_labels;
use qrcode::QrCode;
use qrcode::render::svg;

use super::AppState;

pub async fn label_qr(State(state): State<Arc<AppState>>, Path(id): Path<String>, headers: HeaderMap) -> Response {
    let Some(id) = id.parse::<i32>().ok().filter(|n| *n > 0) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match brand_labels::find_brand_label(&state.db, id).await {
        Ok(Some(label)) if label.archived_at.is_none() => {}
        Ok(_) => return StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "label QR failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    }
    let Some(base) = public_base(&state, &headers) else {
        return (StatusCode::BAD_REQUEST, "missing or invalid Host header").into_response();
    };
    let target = format!("{base}/trace/{id}");
    let code = match QrCode::new(target.as_bytes()) {
        Ok(code) => code,
        Err(e) => {
            tracing::error!(error = %e, "label QR failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let image = code
        .render::<svg::Color>()
        .min_dimensions(240, 240)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    // Built from the request's Host, the image differs per Host: shared
    // caches must not hand one Host's image to another (cache poisoning).
    let (cache, vary) = if state.public_url.is_some() {
        ("public, max-age=3600", None)
    } else {
        ("private, max-age=3600", Some("Host, X-Forwarded-Proto"))
    };
    let mut response = (
        [(header::CONTENT_TYPE, "image/svg+xml"), (header::CACHE_CONTROL, cache)],
        image,
    )
        .into_response();
    if let Some(vary) = vary {
        response
            .headers_mut()
            .insert(header::VARY, header::HeaderValue::from_static(vary));
    }
    response
}

/// `COOPBRIDGE_PUBLIC_URL`, else `http://<Host>` (`https` when our trusted
/// proxy says so with `X-Forwarded-Proto`). None for a missing or odd Host.
fn public_base(state: &AppState, headers: &HeaderMap) -> Option<String> {
    if let Some(url) = &state.public_url {
        return Some(url.clone());
    }
    let host = headers.get(header::HOST)?.to_str().ok()?;
    let plausible = !host.is_empty()
        && host.len() <= 255
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    if !plausible {
        return None;
    }
    let https = state.trust_forwarded_for
        && headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("https"));
    Some(format!("{}://{host}", if https { "https" } else { "http" }))
}
