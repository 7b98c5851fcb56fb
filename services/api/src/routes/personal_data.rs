//! `GET /account/personal-data.json`: the signed-in account's copy of
//! everything the platform holds about it (`domain::privacy::export`), as a
//! file to keep. Authorized with the same bearer token as GraphQL; never
//! cached anywhere.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use coopbridge_domain::Error;
use coopbridge_domain::privacy::export::my_personal_data;

use super::AppState;
use super::graphql::{error_response as refused, request_actor};

pub async fn download(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let actor = match request_actor(&state, &headers).await {
        Ok((actor, _)) => actor,
        Err(response) => return response,
    };
    let document = match my_personal_data(&state.db, &actor).await {
        Ok(document) => document,
        Err(Error::Unauthenticated) => {
            return refused(
                StatusCode::UNAUTHORIZED,
                "UNAUTHENTICATED",
                "send Authorization: Bearer <token>",
            );
        }
        Err(Error::Unavailable(_)) => {
            return refused(StatusCode::SERVICE_UNAVAILABLE, "UNAVAILABLE", "retry in a moment");
        }
        Err(e) => {
            tracing::error!(error = %e, "personal data export failed");
            return refused(StatusCode::INTERNAL_SERVER_ERROR, "INTERNAL", "internal error");
        }
    };
    let account_id = document["account"]["id"].as_i64().unwrap_or_default();
    let body = serde_json::to_vec_pretty(&document).unwrap_or_default();
    let mut response = body.into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    if let Ok(value) = HeaderValue::from_str(&format!(
        "attachment; filename=\"coopbridge-personal-data-{account_id}.json\""
    )) {
        h.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}
