//! Workspace lifecycle: restart, pause and resume (both cascade to children), hibernate
//! (online or degraded only; `force` with active tasks).

use super::access::{WsCall, WsWrite};
use crate::{
    api::{Params, is_true, json},
    error::{ApiError, ApiResult},
    state::AppState,
    store::tenant as store,
};
use axum::{Router, response::Response, routing::post};
use molecule_sdk::types::{
    HibernateResult, HibernateResultStatus, PauseResult, PauseResultStatus, RestartRequest,
    RestartResult, RestartResultStatus, ResumeResult, ResumeResultStatus,
};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/workspaces/{id}/restart", post(restart))
        .route("/workspaces/{id}/pause", post(pause))
        .route("/workspaces/{id}/resume", post(resume))
        .route("/workspaces/{id}/hibernate", post(hibernate))
}

/// `?reset=true` of a restart (same as the body's `reset`).
#[derive(Deserialize)]
struct ResetFlag {
    reset: Option<String>,
}

/// `?force=true` hibernates a workspace with active tasks.
#[derive(Deserialize)]
struct ForceFlag {
    force: Option<String>,
}

async fn restart(
    WsCall { state, org, id, .. }: WsWrite,
    Params(q): Params<ResetFlag>,
    crate::api::RawBody(body): crate::api::RawBody,
) -> ApiResult<Response> {
    let req: RestartRequest = if body.iter().all(u8::is_ascii_whitespace) {
        RestartRequest::default()
    } else {
        serde_json::from_slice(&body).map_err(|_| ApiError::bad_request("invalid JSON body"))?
    };
    let reset = is_true(&q.reset) || req.reset.unwrap_or(false);
    let mut conn = state.db.lock();
    let tx = conn.transaction()?;
    let row = store::live(&tx, &org.id, &id)?;
    if store::NOOP_RUNTIMES.contains(&row.runtime.as_str()) {
        return Ok(json(
            200,
            &RestartResult {
                status: RestartResultStatus::Noop,
                config_dir: None,
                reset_session: None,
                runtime: Some(row.runtime.clone()),
                message: Some(format!(
                    "the {} runtime is not restarted by the platform",
                    row.runtime
                )),
            },
        ));
    }
    if store::ancestor_paused(&tx, &row)? {
        return Err(ApiError::conflict(
            "ANCESTOR_PAUSED",
            "an ancestor workspace is paused; resume it first",
        ));
    }
    store::set_status(&tx, &state, &row, "provisioning")?;
    tx.commit()?;
    Ok(json(
        200,
        &RestartResult {
            status: RestartResultStatus::Provisioning,
            config_dir: Some(format!("/configs/{id}")),
            reset_session: Some(reset),
            runtime: None,
            message: None,
        },
    ))
}

async fn pause(WsCall { state, org, id, .. }: WsWrite) -> ApiResult<Response> {
    let mut conn = state.db.lock();
    let tx = conn.transaction()?;
    let row = match store::find(&tx, &org.id, &id)? {
        Some(r) if !matches!(r.status.as_str(), "removed" | "paused") => r,
        _ => return Err(ApiError::not_found("workspace not found or already paused")),
    };
    let count = cascade(&tx, &state, &row, |s| s != "paused", "paused")?;
    tx.commit()?;
    Ok(json(
        200,
        &PauseResult {
            status: PauseResultStatus::Paused,
            paused_count: std::num::NonZeroU32::new(count).unwrap_or(std::num::NonZeroU32::MIN),
        },
    ))
}

/// Moves `row` and its descendants whose status `from` accepts to `to`; how many moved.
fn cascade(
    tx: &rusqlite::Transaction,
    state: &AppState,
    row: &store::WsRow,
    from: impl Fn(&str) -> bool,
    to: &str,
) -> ApiResult<u32> {
    let mut count = 0;
    for w in std::iter::once(row.clone()).chain(store::descendants(tx, &row.id)?) {
        if from(&w.status) {
            store::set_status(tx, state, &w, to)?;
            count += 1;
        }
    }
    Ok(count)
}

async fn resume(WsCall { state, org, id, .. }: WsWrite) -> ApiResult<Response> {
    let mut conn = state.db.lock();
    let tx = conn.transaction()?;
    let row = match store::find(&tx, &org.id, &id)? {
        Some(r) if r.status == "paused" => r,
        _ => return Err(ApiError::not_found("workspace not found or not paused")),
    };
    if store::ancestor_paused(&tx, &row)? {
        return Err(ApiError::conflict(
            "ANCESTOR_PAUSED",
            "its parent is still paused; resume the parent first",
        ));
    }
    let count = cascade(&tx, &state, &row, |s| s == "paused", "provisioning")?;
    tx.commit()?;
    Ok(json(
        200,
        &ResumeResult {
            status: ResumeResultStatus::Provisioning,
            resumed_count: std::num::NonZeroU32::new(count).unwrap_or(std::num::NonZeroU32::MIN),
        },
    ))
}

async fn hibernate(
    WsCall { state, org, id, .. }: WsWrite,
    Params(q): Params<ForceFlag>,
) -> ApiResult<Response> {
    let mut conn = state.db.lock();
    let tx = conn.transaction()?;
    let row = match store::find(&tx, &org.id, &id)? {
        Some(r) if matches!(r.status.as_str(), "online" | "degraded") => r,
        _ => {
            return Err(ApiError::code(
                404,
                "NOT_HIBERNATABLE",
                "workspace not found or not in a hibernatable state",
            ));
        }
    };
    if row.active_tasks > 0 && !is_true(&q.force) {
        return Err(ApiError::conflict(
            "ACTIVE_TASKS",
            "the workspace has active tasks; pass force=true to hibernate anyway",
        )
        .with(|e| e.active_tasks = Some(row.active_tasks as i32)));
    }
    store::set_status(&tx, &state, &row, "hibernated")?;
    tx.commit()?;
    Ok(json(
        200,
        &HibernateResult {
            status: HibernateResultStatus::Hibernated,
        },
    ))
}
