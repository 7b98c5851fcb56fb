//! POST /graphql executes; GET /graphql sends browsers to the API console of
//! the web UI (`/api`, served by our binary without any CDN), and
//! GET /schema.graphql serves the schema's SDL.
//!
//! The body is read here, under the size and time limits, so an oversized or
//! too slow request gets a GraphQL-shaped `BODY_TOO_LARGE` or
//! `REQUEST_TIMEOUT` error instead of a bare status. Only JSON and multipart
//! bodies are accepted: a `text/plain` POST is one a foreign page may send
//! without the browser asking us first (a CORS "simple request"), so it could
//! act with a victim's session. The bearer
//! token is checked before execution: a bad token fails the whole request
//! with 401 rather than quietly running it as anonymous.

use std::sync::Arc;

use async_graphql::http::MultipartOptions;
use async_graphql_axum::GraphQLResponse;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use coopbridge_domain::{Actor, Error, accounts};
use serde_json::json;

use super::{AppState, response_cache};
use crate::graphql::{ClientIp, Loaders, RequestToken};

/// The API console is a page of the web UI; a permanent redirect keeps old
/// bookmarks of `GET /graphql` working.
pub async fn to_console() -> Redirect {
    Redirect::permanent("/api")
}

/// The schema as SDL with its doc comments (the same file as `schema/schema.graphql`).
pub async fn schema_sdl() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        include_str!("../../../../schema/schema.graphql"),
    )
        .into_response()
}

/// A GraphQL-shaped error response for failures before execution.
pub(super) fn error_response(status: StatusCode, code: &str, message: &str) -> Response {
    tracing::info!(code, status = status.as_u16(), message, "request refused");
    let body = json!({ "errors": [{ "message": message, "extensions": { "code": code } }] });
    let mut response = (status, axum::Json(body)).into_response();
    // The body was left (partly) unread: tell the client not to reuse the
    // connection, or its next request may meet our close half-way.
    if matches!(
        status,
        StatusCode::PAYLOAD_TOO_LARGE | StatusCode::UNSUPPORTED_MEDIA_TYPE | StatusCode::REQUEST_TIMEOUT
    ) {
        response
            .headers_mut()
            .insert(header::CONNECTION, header::HeaderValue::from_static("close"));
    }
    if status == StatusCode::UNAUTHORIZED {
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            header::HeaderValue::from_static("Bearer error=\"invalid_token\""),
        );
    }
    response
}

/// Who sends the request, and the bearer token it came with: anonymous
/// without an `Authorization` header, else the token's account; `Err` is
/// the response to a malformed, unknown, expired or revoked token.
pub(super) async fn request_actor(state: &AppState, headers: &HeaderMap) -> Result<(Actor, Option<String>), Response> {
    let token = bearer_token(headers).map_err(|response| *response)?;
    Ok((resolve_actor(state, token.as_deref()).await?, token))
}

/// The bearer token, if any; `Err` when the header is present but malformed.
fn bearer_token(headers: &HeaderMap) -> Result<Option<String>, Box<Response>> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let token = value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(str::trim)
        .filter(|t| !t.is_empty());
    match token {
        Some(t) => Ok(Some(t.to_owned())),
        None => Err(Box::new(error_response(
            StatusCode::UNAUTHORIZED,
            "TOKEN_INVALID",
            "Authorization header must be `Bearer <token>`",
        ))),
    }
}

async fn resolve_actor(state: &AppState, token: Option<&str>) -> Result<Actor, Response> {
    let Some(token) = token else {
        return Ok(Actor::Anonymous);
    };
    accounts::authenticate(&state.db, token).await.map_err(|e| match e {
        Error::TokenExpired => error_response(
            StatusCode::UNAUTHORIZED,
            "TOKEN_EXPIRED",
            "the token has expired; sign in again",
        ),
        Error::TokenRevoked => error_response(
            StatusCode::UNAUTHORIZED,
            "TOKEN_REVOKED",
            "the token was revoked; sign in again",
        ),
        Error::AccountDisabled => error_response(StatusCode::FORBIDDEN, "ACCOUNT_DISABLED", "this account is disabled"),
        Error::TokenInvalid => error_response(StatusCode::UNAUTHORIZED, "TOKEN_INVALID", "the token is not valid"),
        Error::Unavailable(_) => error_response(
            StatusCode::SERVICE_UNAVAILABLE,
            "UNAVAILABLE",
            "the database is unreachable; retry in a moment",
        ),
        other => {
            tracing::error!(error = %other, "authentication failed");
            error_response(StatusCode::INTERNAL_SERVER_ERROR, "INTERNAL", "internal error")
        }
    })
}

fn is_length_limit(error: &axum::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = source {
        if e.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        source = e.source();
    }
    false
}

/// The caller's address: the TCP peer, or, behind a trusted proxy, the last
/// `X-Forwarded-For` entry (the one that proxy appended; earlier ones are the
/// client's word).
fn client_ip(state: &AppState, request: &Request<Body>) -> Option<std::net::IpAddr> {
    if state.trust_forwarded_for
        && let Some(ip) = request
            .headers()
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|s| s.trim().parse().ok())
            .next_back()
    {
        return Some(ip);
    }
    request
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip())
}

/// The answer to a GraphQL request as JSON; `x-cache` says whether it was
/// replayed from the response cache (`HIT`) or computed (`MISS`).
fn json_answer(body: bytes::Bytes, cache: &'static str) -> Response {
    let mut response = Response::new(Body::from(body));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("application/graphql-response+json"),
    );
    headers.insert("x-cache", header::HeaderValue::from_static(cache));
    response
}

/// `application/json` (any parameters, e.g. charset) or `multipart/form-data`.
fn accepted_content_type(content_type: Option<&str>) -> Option<bool> {
    let essence = content_type?.split(';').next()?.trim().to_ascii_lowercase();
    match essence.as_str() {
        "application/json" => Some(false),
        "multipart/form-data" => Some(true),
        _ => None,
    }
}

pub async fn execute(State(state): State<Arc<AppState>>, request: Request<Body>) -> Response {
    let headers = request.headers().clone();
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
    // File uploads (GraphQL multipart requests) may be larger than plain queries.
    let Some(multipart) = accepted_content_type(content_type) else {
        return error_response(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "UNSUPPORTED_MEDIA_TYPE",
            "send the request as application/json (or multipart/form-data for file uploads)",
        );
    };
    let ip = client_ip(&state, &request);
    let (actor, token) = match request_actor(&state, &headers).await {
        Ok(caller) => caller,
        Err(response) => return response,
    };
    let limit = if multipart {
        state.max_upload_bytes + 64 * 1024
    } else {
        state.max_body_bytes
    };
    let read = tokio::time::timeout(
        state.body_read_timeout,
        axum::body::to_bytes(request.into_body(), limit),
    );
    let Ok(read) = read.await else {
        let message = format!(
            "the request body did not arrive within {} seconds",
            state.body_read_timeout.as_secs()
        );
        return error_response(StatusCode::REQUEST_TIMEOUT, "REQUEST_TIMEOUT", &message);
    };
    let bytes = match read {
        Ok(bytes) => bytes,
        Err(e) if is_length_limit(&e) => {
            let message = format!("request body is over the limit of {limit} bytes");
            return error_response(StatusCode::PAYLOAD_TOO_LARGE, "BODY_TOO_LARGE", &message);
        }
        Err(_) => {
            return error_response(
                StatusCode::BAD_REQUEST,
                "BAD_REQUEST",
                "the request body could not be read",
            );
        }
    };
    // Anonymous JSON requests may be answered from the response cache.
    let cache = state.response_cache.as_ref().filter(|_| token.is_none() && !multipart);
    if let Some(cache) = cache
        && let Some(body) = cache.lookup(&bytes)
    {
        super::metrics::response_cache_hit();
        return json_answer(body, "HIT");
    }
    let generation = cache.map(|c| c.generation());
    let options = MultipartOptions::default()
        .max_num_files(1)
        .max_file_size(state.max_upload_bytes);
    let gql_request = match async_graphql::http::receive_body(content_type, bytes.as_ref(), options).await {
        Ok(request) => request,
        Err(async_graphql::ParseRequestError::PayloadTooLarge) => {
            let message = format!("the file is over the limit of {} bytes", state.max_upload_bytes);
            return error_response(StatusCode::PAYLOAD_TOO_LARGE, "BODY_TOO_LARGE", &message);
        }
        Err(e) => {
            let message = format!("not a GraphQL request: {e}");
            return error_response(StatusCode::BAD_REQUEST, "BAD_REQUEST", &message);
        }
    };
    let gql_request = gql_request
        .data(actor)
        .data(RequestToken(token))
        .data(ClientIp(ip))
        .data(Loaders::new(&state.db, state.dataloader_delay))
        .data(state.places.clone());
    let may_write = response_cache::may_write(&gql_request.query);
    super::metrics::graphql_request();
    let response = state.schema.execute(gql_request).await;
    if let Some(cache) = &state.response_cache
        && may_write
    {
        cache.changed();
    }
    if let (Some(cache), Some(generation)) = (cache, generation)
        && !may_write
        && response.is_ok()
        && let Ok(body) = serde_json::to_vec(&response)
    {
        let body = bytes::Bytes::from(body);
        cache.store(bytes, generation, body.clone());
        return json_answer(body, "MISS");
    }
    GraphQLResponse::from(response).into_response()
}
