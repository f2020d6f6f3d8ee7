//! Operator workspace env: sets (or merges) a workspace's environment and restarts it; keys
//! that look like secrets need `force`.

use crate::{
    api::{Body, json},
    auth::CpAdmin,
    error::{ApiError, ApiResult},
    state::AppState,
    store::{instances::short_hash, tenant as store},
};
use axum::{
    Router,
    extract::{Path, State},
    response::Response,
    routing::post,
};
use molecule_sdk::types::{WorkspaceEnvRequest, WorkspaceEnvResult};

pub fn routes() -> Router<AppState> {
    Router::new().route("/admin/workspaces/{workspace_id}/env", post(workspace_env))
}

fn sensitive(key: &str) -> bool {
    let k = key.to_ascii_uppercase();
    ["TOKEN", "SECRET", "KEY", "PASSWORD"]
        .iter()
        .any(|s| k.contains(s))
}

async fn workspace_env(
    State(state): State<AppState>,
    _admin: CpAdmin,
    Path(workspace_id): Path<String>,
    Body(req): Body<WorkspaceEnvRequest>,
) -> ApiResult<Response> {
    if req.env.is_empty() {
        return Err(ApiError::bad_request("env must have at least one key").field("env"));
    }
    if req.env.keys().any(|k| k.is_empty()) {
        return Err(ApiError::bad_request("env keys must not be empty").field("env"));
    }
    let flagged: Vec<&String> = req.env.keys().filter(|k| sensitive(k)).collect();
    if !flagged.is_empty() && !req.force {
        return Err(ApiError::code(
            400,
            "SENSITIVE_KEY_REQUIRES_FORCE",
            "keys that look like secrets need force=true (prefer workspace secrets)",
        )
        .with(|e| e.key = Some(flagged[0].to_string())));
    }
    let id = uuid::Uuid::parse_str(&workspace_id)
        .map_err(|_| ApiError::not_found("workspace"))?
        .to_string();
    let mut conn = state.db.lock();
    let org_id =
        store::workspace_org(&conn, &id)?.ok_or_else(|| ApiError::not_found("workspace"))?;
    store::refresh_org(&conn, &state, &org_id)?;
    let tx = conn.transaction()?;
    let row = store::live(&tx, &org_id, &id)?;
    let mut env: std::collections::BTreeMap<String, String> =
        serde_json::from_str(&row.env).unwrap_or_default();
    if !req.merge {
        env.clear();
    }
    for (k, v) in &req.env {
        env.insert(k.clone(), v.clone());
    }
    store::set_env(&tx, &id, &serde_json::to_string(&env).unwrap_or_default())?;
    let restarted = store::auto_restart(&tx, &state, &row)?;
    tx.commit()?;
    Ok(json(
        200,
        &WorkspaceEnvResult {
            ok: Some(true),
            workspace_id: id.parse().ok(),
            instance_id: Some(format!("i-0{}", short_hash(&id, 16))),
            ssm_status: Some("Success".into()),
            ssm_exit_code: Some(0),
            container_restarted: Some(restarted),
            applied_keys: req.env.keys().cloned().collect(),
            env_keys_after: env.keys().cloned().collect(),
        },
    ))
}
