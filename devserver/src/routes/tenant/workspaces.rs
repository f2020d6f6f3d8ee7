//! Workspaces: CRUD, lifecycle (restart, pause, resume, hibernate), abilities, console, model,
//! LLM billing mode and budgets.

use super::{
    access::{self, Access},
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
    routing::{get, patch, post},
};
use molecule_sdk::types::{
    AbilitiesUpdateRequest, BillingModeResolution, BillingModeResolutionSource,
    BudgetUpdateRequest, CreateWorkspaceRequest, HibernateResult, HibernateResultStatus,
    ModelSetting, ModelUpdateResult, ModelUpdateResultStatus, PauseResult, PauseResultStatus,
    RestartRequest, RestartResult, RestartResultStatus, ResumeResult, ResumeResultStatus,
    SetModelRequest, StatusUpdated, StatusUpdatedStatus, UpdateWorkspaceRequest, WorkspaceConsole,
    WorkspaceCreated, WorkspaceCreatedStatus, WorkspaceDeleteResult, WorkspaceDeleteResultStatus,
    WorkspaceRef, WorkspaceUpdateResult, WorkspaceUpdateResultStatus,
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
        .route("/workspaces/{id}/restart", post(restart))
        .route("/workspaces/{id}/pause", post(pause))
        .route("/workspaces/{id}/resume", post(resume))
        .route("/workspaces/{id}/hibernate", post(hibernate))
        .route("/workspaces/{id}/abilities", patch(abilities))
        .route("/workspaces/{id}/console", get(console))
        .route("/workspaces/{id}/model", get(get_model).put(set_model))
        .route(
            "/admin/workspaces/{id}/llm-billing-mode",
            get(get_billing_mode).put(set_billing_mode),
        )
        .route(
            "/workspaces/{id}/budget",
            get(get_budget).patch(update_budget),
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
    let out: Vec<_> = rows
        .iter()
        .map(|r| store::to_workspace(&state, &conn, r, true))
        .collect();
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
    ApiError::code(410, "WORKSPACE_REMOVED", "workspace removed")
        .with(|e| e.id = Some(row.id.to_string()))
        .with(|e| {
            e.removed_at = Some(ts::<String>(row.removed_at.unwrap_or(row.updated_at)).to_string())
        })
        .with(|e| {
            e.hint = Some(
                "the workspace was deleted; pass include_removed=true to read it anyway".into(),
            )
        })
}

/// The workspace for a WorkspaceAuth route: UUID check, auth, refresh, live row.
fn ws_route(
    state: &AppState,
    org: &TenantOrg,
    headers: &HeaderMap,
    id: &str,
    access: Access,
    workspace_token_ok: bool,
) -> ApiResult<(String, access::Caller)> {
    let id = store::uuid_param(id)?;
    let caller = if workspace_token_ok {
        access::workspace(state, headers, org, &id, access)?
    } else {
        access::admin(state, headers, org, access)?
    };
    store::refresh_org(&state.db.lock(), state, &org.id)?;
    Ok((id, caller))
}

async fn update(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    Path(id): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let (id, _) = ws_route(&state, &org, &headers, &id, Access::Write, true)?;
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
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Params(q): Params<DeleteFlags>,
) -> ApiResult<Response> {
    let (id, _) = ws_route(&state, &org, &headers, &id, Access::Write, false)?;
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

async fn restart(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Params(q): Params<ResetFlag>,
    crate::api::RawBody(body): crate::api::RawBody,
) -> ApiResult<Response> {
    let (id, _) = ws_route(&state, &org, &headers, &id, Access::Write, true)?;
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

async fn pause(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let (id, _) = ws_route(&state, &org, &headers, &id, Access::Write, true)?;
    let mut conn = state.db.lock();
    let tx = conn.transaction()?;
    let row = match store::find(&tx, &org.id, &id)? {
        Some(r) if !matches!(r.status.as_str(), "removed" | "paused") => r,
        _ => return Err(ApiError::not_found("workspace not found or already paused")),
    };
    let mut count = 0;
    for w in std::iter::once(row.clone()).chain(store::descendants(&tx, &id)?) {
        if w.status != "paused" {
            store::set_status(&tx, &state, &w, "paused")?;
            count += 1;
        }
    }
    tx.commit()?;
    Ok(json(
        200,
        &PauseResult {
            status: PauseResultStatus::Paused,
            paused_count: std::num::NonZeroU32::new(count).unwrap_or(std::num::NonZeroU32::MIN),
        },
    ))
}

async fn resume(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let (id, _) = ws_route(&state, &org, &headers, &id, Access::Write, true)?;
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
    let mut count = 0;
    for w in std::iter::once(row.clone()).chain(store::descendants(&tx, &id)?) {
        if w.status == "paused" {
            store::set_status(&tx, &state, &w, "provisioning")?;
            count += 1;
        }
    }
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
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Params(q): Params<ForceFlag>,
) -> ApiResult<Response> {
    let (id, _) = ws_route(&state, &org, &headers, &id, Access::Write, true)?;
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

async fn abilities(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    Path(id): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let (id, _) = ws_route(&state, &org, &headers, &id, Access::Write, false)?;
    let req: AbilitiesUpdateRequest = decode(body)?;
    if req.broadcast_enabled.is_none() && req.talk_to_user_enabled.is_none() {
        return Err(ApiError::bad_request(
            "send broadcast_enabled and/or talk_to_user_enabled",
        ));
    }
    let conn = state.db.lock();
    store::live(&conn, &org.id, &id)?;
    if let Some(b) = req.broadcast_enabled {
        workspaces::set(&conn, &id, Column::BroadcastEnabled, b as i64)?;
    }
    if let Some(t) = req.talk_to_user_enabled {
        workspaces::set(&conn, &id, Column::TalkToUserEnabled, t as i64)?;
    }
    Ok(json(
        200,
        &StatusUpdated {
            status: StatusUpdatedStatus::Updated,
        },
    ))
}

async fn console(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let (id, _) = ws_route(&state, &org, &headers, &id, Access::Read, false)?;
    let conn = state.db.lock();
    let row = store::live(&conn, &org.id, &id)?;
    let mut out = String::new();
    for (kind, at) in workspaces::event_log(&conn, &id)? {
        out.push_str(&format!("[{}] {kind}\n", ts::<String>(at)));
    }
    out.push_str(&format!(
        "[{}] workspace {} ({}) is {}\n",
        ts::<String>(state.clock.now_ms()),
        row.name,
        row.runtime,
        row.status
    ));
    Ok(json(200, &WorkspaceConsole { output: out }))
}

async fn get_model(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let (id, _) = ws_route(&state, &org, &headers, &id, Access::Read, true)?;
    let conn = state.db.lock();
    let row = store::live(&conn, &org.id, &id)?;
    let (model, source) = match (&row.model, &row.template) {
        (Some(m), _) => (m.clone(), "workspace"),
        (None, Some(t)) => (
            workspaces::template_runtime_model(&conn, &org.id, t)
                .ok()
                .flatten()
                .map(|(_, model)| model)
                .unwrap_or_default(),
            "template",
        ),
        (None, None) => (String::new(), "default"),
    };
    Ok(json(
        200,
        &ModelSetting {
            model,
            source: source.into(),
        },
    ))
}

async fn set_model(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    Path(id): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let (id, _) = ws_route(&state, &org, &headers, &id, Access::Write, true)?;
    let req: SetModelRequest = decode(body)?;
    if req.model.chars().count() > 100 {
        return Err(ApiError::bad_request("model is at most 100 characters"));
    }
    let mut conn = state.db.lock();
    let tx = conn.transaction()?;
    let row = store::live(&tx, &org.id, &id)?;
    // Any model is stored: the contract documents no 422 here (the real tenant answers 422
    // UNREGISTERED_MODEL_FOR_RUNTIME, secrets.go:954@aeec8e47).
    let value = (!req.model.is_empty()).then(|| req.model.clone());
    workspaces::set(&tx, &id, Column::Model, &value)?;
    store::auto_restart(&tx, &state, &row)?;
    tx.commit()?;
    Ok(json(
        200,
        &ModelUpdateResult {
            status: if value.is_some() {
                ModelUpdateResultStatus::Saved
            } else {
                ModelUpdateResultStatus::Cleared
            },
            model: value,
        },
    ))
}

fn resolution(row: &WsRow) -> BillingModeResolution {
    BillingModeResolution {
        workspace_id: row.id.parse().unwrap_or_default(),
        resolved_mode: store::resolved_billing_mode(row)
            .parse()
            .unwrap_or(molecule_sdk::types::LlmBillingMode::PlatformManaged),
        workspace_override: row.billing_mode.as_deref().and_then(|m| m.parse().ok()),
        org_default: "platform_managed".into(),
        source: if row.billing_mode.is_some() {
            BillingModeResolutionSource::WorkspaceOverride
        } else {
            BillingModeResolutionSource::OrgDefault
        },
        provider_selection: None,
    }
}

async fn get_billing_mode(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let (id, _) = ws_route(&state, &org, &headers, &id, Access::Read, false)?;
    let row = store::live(&state.db.lock(), &org.id, &id)?;
    Ok(json(200, &resolution(&row)))
}

async fn set_billing_mode(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    Path(id): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let (id, _) = ws_route(&state, &org, &headers, &id, Access::Write, false)?;
    let mode = match body.as_object().and_then(|o| o.get("mode")) {
        None => {
            return Err(ApiError::bad_request(
                "missing required field 'mode' (use null to clear override)",
            )
            .field("mode"));
        }
        Some(Value::Null) => None,
        Some(Value::String(m))
            if ["platform_managed", "byok", "disabled"].contains(&m.as_str()) =>
        {
            Some(m.clone())
        }
        Some(_) => {
            return Err(
                ApiError::code(400, "UNKNOWN_BILLING_MODE", "unknown billing mode").with(|e| {
                    e.detail = Some("mode must be platform_managed, byok, disabled or null".into())
                }),
            );
        }
    };
    let conn = state.db.lock();
    store::live(&conn, &org.id, &id)?;
    workspaces::set_billing_mode(&conn, &id, mode.as_deref(), state.clock.now_ms())?;
    let row = store::live(&conn, &org.id, &id)?;
    Ok(json(200, &resolution(&row)))
}

async fn get_budget(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let (id, _) = ws_route(&state, &org, &headers, &id, Access::Read, true)?;
    let conn = state.db.lock();
    let row = store::live(&conn, &org.id, &id)?;
    Ok(json(200, &store::budget(&state, &conn, &row)))
}

async fn update_budget(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    Path(id): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let (id, _) = ws_route(&state, &org, &headers, &id, Access::Write, false)?;
    let obj = body
        .as_object()
        .ok_or_else(|| ApiError::bad_request("body must be an object"))?;
    // Name unknown periods and negative values before the strict decode.
    let limits: Option<Vec<(String, Option<i64>)>> = match obj.get("budget_limits") {
        Some(Value::Object(map)) => {
            let mut out = Vec::new();
            for (k, v) in map {
                if !store::PERIODS.iter().any(|(p, _)| p == k) {
                    return Err(ApiError::code(
                        400,
                        "UNKNOWN_BUDGET_PERIOD",
                        &format!(
                            "unknown budget period: {k} (allowed: hourly, daily, weekly, monthly)"
                        ),
                    ));
                }
                match v {
                    Value::Null => out.push((k.clone(), None)),
                    v => match v.as_i64() {
                        Some(n) if n >= 0 => out.push((k.clone(), Some(n))),
                        _ => {
                            return Err(ApiError::bad_request(&format!(
                                "budget for {k} must be an integer >= 0 or null"
                            ))
                            .field(format!("budget_limits.{k}")));
                        }
                    },
                }
            }
            Some(out)
        }
        Some(Value::Null) | None => None,
        Some(_) => return Err(ApiError::bad_request("budget_limits must be an object")),
    };
    let req: BudgetUpdateRequest = decode(body.clone())?;
    let limits = match limits {
        Some(l) => l,
        None if obj.contains_key("budget_limit") => match req.budget_limit {
            Some(n) if n < 0 => {
                return Err(
                    ApiError::bad_request("budget_limit must be >= 0").field("budget_limit")
                );
            }
            n => vec![("monthly".to_string(), n)],
        },
        None => {
            return Err(ApiError::bad_request(
                "send budget_limits (or the legacy budget_limit)",
            ));
        }
    };
    let mut conn = state.db.lock();
    let tx = conn.transaction()?;
    let row = store::live(&tx, &org.id, &id)?;
    workspaces::replace_budgets(&tx, &id, &limits)?;
    let out = store::budget(&state, &tx, &row);
    tx.commit()?;
    Ok(json(200, &out))
}
