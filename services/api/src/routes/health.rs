//! `/healthz`: the process answers. `/readyz`: it can also reach its database,
//! so a load balancer sends it traffic; its details also tell whether the
//! last scheduled backup failed (without taking the replica out of service).

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use super::AppState;

pub async fn healthz() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

pub async fn readyz(State(state): State<Arc<AppState>>) -> (StatusCode, Json<Value>) {
    let (status, Json(mut details)) = database_readiness(&state).await;
    if let Some(backup) = &state.backup_status {
        let backup = backup.lock().expect("backup status lock").clone();
        let mut shown = serde_json::to_value(&backup).unwrap_or_default();
        shown["status"] = json!(match (backup.failing(), backup.last_success_at) {
            (true, _) => "failing",
            (false, Some(_)) => "ok",
            (false, None) => "pending",
        });
        details["backup"] = shown;
    }
    (status, Json(details))
}

async fn database_readiness(state: &AppState) -> (StatusCode, Json<Value>) {
    let ping = tokio::time::timeout(
        std::time::Duration::from_secs(3),
        coopbridge_domain::database::ping(&state.db),
    );
    match ping.await {
        Ok(Ok(())) => (StatusCode::OK, Json(json!({ "status": "ready", "database": "ok" }))),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "readiness check failed: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "unavailable", "database": "unreachable" })),
            )
        }
        Err(_) => {
            tracing::warn!("readiness check failed: database did not answer within 3 s");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "unavailable", "database": "timeout" })),
            )
        }
    }
}
