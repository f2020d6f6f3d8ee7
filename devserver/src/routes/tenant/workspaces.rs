//! Workspaces: list, create, read, update and delete (`X-Confirm-Name`, cascade, purge).

use super::{
    access::{self, Access, WsAdminWrite, WsCall, WsWrite},
    create::{
        NewWorkspace, create_workspace, unsupported_runtime, valid_name, validate_compute,
        validate_dir,
    },
    guard::TenantOrg,
    registry,
};
use crate::{
    api::{JsonBody, Params, decode, is_true, json},
    clock::ts,
    error::{ApiError, ApiResult},
    state::AppState,
    store::{
        tenant::{self as store, WsRow},
        tokens::insert_workspace_token,
        workspaces::{self, Column},
    },
};
use axum::{
    Extension, Router,
    extract::{Path, State},
    http::HeaderMap,
    response::Response,
    routing::get,
};
use molecule_sdk::types::{
    CreateWorkspaceRequest, UpdateWorkspaceRequest, WorkspaceCreated, WorkspaceCreatedStatus,
    WorkspaceDeleteResult, WorkspaceDeleteResultStatus, WorkspaceRef, WorkspaceUpdateResult,
    WorkspaceUpdateResultStatus,
};
use serde::Deserialize;
use serde_json::{Value, json};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/workspaces", get(list).post(create))
        .route(
            "/workspaces/{id}",
            get(get_one).patch(update).delete(delete),
        )
}

async fn list(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    access::admin(&state, &headers, &org, Access::Read)?;
    let conn = state.db.lock();
    store::refresh_org(&conn, &state, &org.id)?;
    let rows = store::list(&conn, &org.id)?;
    let out = store::to_workspaces(&state, &conn, &rows)?;
    Ok(json(200, &out))
}

async fn create(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    access::admin(&state, &headers, &org, Access::Write)?;
    if let Some(name) = body.get("name").and_then(Value::as_str)
        && !valid_name(name)
    {
        return Err(ApiError::bad_request("invalid workspace name").field("name"));
    }
    let req: CreateWorkspaceRequest = decode(body)?;
    if let Some(c) = &req.compute {
        validate_compute(c)?;
    }
    let new = NewWorkspace {
        name: req.name.to_string(),
        role: req.role.map(|r| r.to_string()),
        template: req.template.clone(),
        runtime: req.runtime.clone(),
        model: req.model.map(|m| m.to_string()),
        external: req.external.unwrap_or(false),
        url: req.url.clone().filter(|u| !u.is_empty()),
        delivery_mode: req.delivery_mode.to_string(),
        workspace_access: req.workspace_access.to_string(),
        workspace_dir: req.workspace_dir.clone(),
        parent_id: req.parent_id.map(|p| p.to_string()),
        budget_limit: req.budget_limit,
        max_concurrent_tasks: req.max_concurrent_tasks.unwrap_or(1) as i64,
        compute: serde_json::to_value(req.compute.unwrap_or_default()).unwrap_or(json!({})),
        x: req.canvas.as_ref().map(|c| c.x).unwrap_or(0.0),
        y: req.canvas.as_ref().map(|c| c.y).unwrap_or(0.0),
        secrets: req.secrets.into_iter().collect(),
        bundle_extra: json!({}),
        agent_card: None,
    };
    let mut conn = state.db.lock();
    let tx = conn.transaction()?;
    let (row, token) = create_workspace(&tx, &state, &org, new)?;
    // Like the real tenant: an agent on the platform gets its first token inline.
    let auth_token = if row.external {
        None
    } else {
        Some(insert_workspace_token(&tx, &state, &org.id, &row.id)?.0)
    };
    tx.commit()?;
    let origin = state.tenant_origin(&org.slug);
    let body = WorkspaceCreated {
        id: row.id.parse().unwrap_or_default(),
        status: row
            .status
            .parse()
            .unwrap_or(WorkspaceCreatedStatus::Provisioning),
        workspace_access: (!row.external)
            .then(|| row.workspace_access.parse().ok())
            .flatten(),
        external: row.external.then_some(true),
        auth_token,
        connection: token.map(|t| super::external::connection(&origin, &row.id, &t)),
    };
    tracing::info!(workspace = %row.id, "workspace created");
    Ok(json(201, &body))
}

/// `?include_removed=true` shows a removed workspace.
#[derive(Deserialize)]
struct IncludeRemoved {
    include_removed: Option<String>,
}

/// `?confirm=true` (cascade to children) and `?purge=true` of a delete.
#[derive(Deserialize)]
struct DeleteFlags {
    confirm: Option<String>,
    purge: Option<String>,
}

async fn get_one(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    Path(id): Path<String>,
    Params(q): Params<IncludeRemoved>,
) -> ApiResult<Response> {
    let id = store::uuid_param(&id)?;
    let conn = state.db.lock();
    store::refresh_org(&conn, &state, &org.id)?;
    let row = store::find(&conn, &org.id, &id)?.ok_or_else(|| ApiError::not_found("workspace"))?;
    if row.status == "removed" && !is_true(&q.include_removed) {
        return Err(removed_error(&row));
    }
    Ok(json(200, &store::to_workspace(&state, &conn, &row, false)))
}

fn removed_error(row: &WsRow) -> ApiError {
    ApiError::code(410, "WORKSPACE_REMOVED", "workspace removed").with(|e| {
        e.id = Some(row.id.clone());
        e.removed_at = Some(ts(row.removed_at.unwrap_or(row.updated_at)));
        e.hint =
            Some("the workspace was deleted; pass include_removed=true to read it anyway".into());
    })
}

async fn update(
    WsCall { state, org, id, .. }: WsWrite,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    if let Some(name) = body.get("name").and_then(Value::as_str)
        && !valid_name(name)
    {
        return Err(ApiError::bad_request("invalid workspace name").field("name"));
    }
    let parent_sent = body
        .as_object()
        .is_some_and(|o| o.contains_key("parent_id"));
    let req: UpdateWorkspaceRequest = decode(body)?;
    if req.x.is_some() != req.y.is_some() {
        return Err(ApiError::bad_request("send x and y together").field("x"));
    }
    if let Some(c) = &req.compute {
        validate_compute(c)?;
    }
    if let Some(d) = &req.workspace_dir {
        validate_dir(d)?;
    }
    if let Some(r) = &req.runtime
        && !registry::known_runtime(r)
    {
        return Err(unsupported_runtime(r));
    }
    let mut conn = state.db.lock();
    let tx = conn.transaction()?;
    let row = store::live(&tx, &org.id, &id)?;
    if parent_sent && let Some(p) = req.parent_id.map(|p| p.to_string()) {
        let bad = || ApiError::bad_request("invalid parent_id").field("parent_id");
        if p == id || store::live(&tx, &org.id, &p).is_err() {
            return Err(bad());
        }
        if store::descendants(&tx, &id)?.iter().any(|d| d.id == p) {
            return Err(bad());
        }
    }
    let mut needs_restart = false;
    let now = state.clock.now_ms();
    if let Some(n) = &req.name {
        workspaces::set(&tx, &id, Column::Name, n.to_string())?;
    }
    if let Some(r) = &req.role {
        workspaces::set(&tx, &id, Column::Role, r.to_string())?;
    }
    if parent_sent {
        let parent = req.parent_id.map(|p| p.to_string());
        workspaces::set(&tx, &id, Column::ParentId, parent)?;
    }
    if let Some(c) = req.collapsed {
        workspaces::set(&tx, &id, Column::Collapsed, c as i64)?;
    }
    if let Some(r) = &req.runtime
        && *r != row.runtime
    {
        needs_restart = true;
        workspaces::set(&tx, &id, Column::Runtime, r)?;
    }
    if let Some(d) = &req.workspace_dir
        && Some(d) != row.workspace_dir.as_ref()
    {
        needs_restart = true;
        workspaces::set(&tx, &id, Column::WorkspaceDir, d)?;
    }
    if let Some(c) = &req.compute {
        let c = serde_json::to_string(c).unwrap_or_else(|_| "{}".into());
        if c != row.compute {
            needs_restart = true;
            workspaces::set(&tx, &id, Column::Compute, c)?;
        }
    }
    if let (Some(x), Some(y)) = (req.x, req.y) {
        workspaces::set_position(&tx, &id, x, y)?;
    }
    // Tier is forced to 4 on SaaS; the value is accepted and ignored.
    workspaces::touch(&tx, &id, now)?;
    tx.commit()?;
    Ok(json(
        200,
        &WorkspaceUpdateResult {
            status: WorkspaceUpdateResultStatus::Updated,
            needs_restart: needs_restart.then_some(true),
        },
    ))
}

async fn delete(
    WsCall { state, org, id, .. }: WsAdminWrite,
    headers: HeaderMap,
    Params(q): Params<DeleteFlags>,
) -> ApiResult<Response> {
    let mut conn = state.db.lock();
    let tx = conn.transaction()?;
    let row = store::find(&tx, &org.id, &id)?.ok_or_else(|| ApiError::not_found("workspace"))?;
    if row.status == "removed" {
        return Err(removed_error(&row));
    }
    let children = store::descendants(&tx, &id)?;
    let direct: Vec<&WsRow> = children
        .iter()
        .filter(|c| c.parent_id.as_deref() == Some(id.as_str()))
        .collect();
    let confirm_name = headers
        .get("x-confirm-name")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if confirm_name != row.name {
        let schedules = workspaces::enabled_schedules(&tx, &id)?;
        return Err(ApiError::code(
            400,
            "CONFIRMATION_REQUIRED",
            "destructive_action_requires_confirmation",
        )
        .with(|e| {
            e.hint = Some("send X-Confirm-Name with the workspace's exact current name".into())
        })
        .with(|e| e.workspace_name = Some(row.name.to_string()))
        .with(|e| e.active_tasks = Some(row.active_tasks as i32))
        .with(|e| e.child_count = Some(direct.len() as i32))
        .with(|e| e.schedule_count = Some(schedules as i32)));
    }
    if !children.is_empty() && !is_true(&q.confirm) {
        let refs: Vec<WorkspaceRef> = direct
            .iter()
            .map(|c| WorkspaceRef {
                id: c.id.parse().unwrap_or_default(),
                name: c.name.clone(),
            })
            .collect();
        // The real body has no `error` (workspace_crud.go:726-734@aeec8e47).
        return Err(ApiError::bare(409).with(|e| {
            e.status = Some("confirmation_required".into());
            e.message = Some(
                "This workspace has sub-workspaces. Delete with ?confirm=true to cascade delete."
                    .into(),
            );
            e.children_count = Some(refs.len() as i32);
            e.children = refs;
        }));
    }
    let purge = is_true(&q.purge);
    let now = state.clock.now_ms();
    let mut all = vec![row.clone()];
    all.extend(children.iter().cloned());
    for w in &all {
        workspaces::remove(&tx, &state, w, purge, now)?;
    }
    tx.commit()?;
    tracing::info!(workspace = %id, cascade = children.len(), "workspace deleted");
    Ok(json(
        200,
        &WorkspaceDeleteResult {
            status: if purge {
                WorkspaceDeleteResultStatus::Purged
            } else {
                WorkspaceDeleteResultStatus::Removed
            },
            cascade_deleted: Some(children.len() as i32),
            approval_id: None,
            action: None,
            reason: None,
        },
    ))
}
