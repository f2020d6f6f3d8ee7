//! Approvals: the org's pending ones (AdminAuth) and a person's decision on one
//! (approvals.go@aeec8e47: `ListAll`, `Decide`).

use super::{
    access::{self, Access, WsCall, WsWrite},
    guard::TenantOrg,
};
use crate::{
    api::{JsonBody, json},
    error::{ApiError, ApiResult},
    state::AppState,
    store::{overviews, tenant as store},
};
use axum::{
    Extension, Router,
    extract::{Path, State},
    http::HeaderMap,
    response::Response,
    routing::{get, post},
};
use molecule_sdk::types::{ApprovalDecided, ApprovalDecidedStatus};
use serde_json::json;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/approvals/pending", get(pending))
        .route(
            "/workspaces/{id}/approvals/{approval_id}/decide",
            post(decide),
        )
}

/// At most 50, newest first; `reason` may be null.
async fn pending(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    access::admin(&state, &headers, &org, Access::Read)?;
    let conn = state.db.lock();
    let out = overviews::pending_approvals(&conn, &org.id)?;
    Ok(json(200, &out))
}

/// `approved` or `denied`, once: a decided (or unknown) approval is a 404, as on the real tenant.
async fn decide(
    WsCall { state, org, id, .. }: WsWrite,
    Path((_, approval_id)): Path<(String, String)>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let (decision, status) = match body.get("decision").and_then(|d| d.as_str()) {
        Some("approved") => ("approved", ApprovalDecidedStatus::Approved),
        Some("denied") => ("denied", ApprovalDecidedStatus::Denied),
        _ => {
            return Err(
                ApiError::bad_request("decision must be 'approved' or 'denied'").field("decision"),
            );
        }
    };
    let decided_by = match body.get("decided_by") {
        None | Some(serde_json::Value::Null) => "human",
        Some(serde_json::Value::String(s)) if s.chars().count() <= 200 => {
            if s.trim().is_empty() {
                "human"
            } else {
                s.as_str()
            }
        }
        Some(_) => {
            return Err(
                ApiError::bad_request("decided_by must be text of at most 200 characters")
                    .field("decided_by"),
            );
        }
    };
    let approval_id = store::uuid_param(&approval_id)
        .map_err(|_| ApiError::not_found("approval not found or already decided"))?;
    let now = state.clock.now_ms();
    let mut conn = state.db.lock();
    let tx = conn.transaction()?;
    if !overviews::decide_approval(&tx, &org.id, &id, &approval_id, decision, decided_by, now)? {
        return Err(ApiError::not_found("approval not found or already decided"));
    }
    let event = if decision == "approved" {
        "APPROVAL_APPROVED"
    } else {
        "APPROVAL_DENIED"
    };
    store::insert_event(
        &tx,
        &org.id,
        Some(&id),
        event,
        json!({ "approval_id": approval_id, "decision": decision, "decided_by": decided_by }),
        now,
    )?;
    tx.commit()?;
    Ok(json(
        200,
        &ApprovalDecided {
            status,
            approval_id,
        },
    ))
}
