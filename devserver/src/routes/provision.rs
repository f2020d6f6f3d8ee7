//! Tenant-to-CP workspace provisioning (server to server): every call needs `Authorization:
//! Bearer <provision secret>` and the tenant's `X-Molecule-Admin-Token` (the org comes from it).
//! A repeated provision with the same `idempotency_key` answers the same instance, or 409
//! `provision_in_progress` while it is still pending.
//!
//! A launched instance is `pending` for a few simulated seconds, then `running`. A runtime needs
//! a runtime-image pin (any region) or the launch is refused with 422 `RUNTIME_PIN_MISSING`.

use crate::{
    api::{Body, Params, is_true, json},
    auth::ProvisionAuth,
    error::{ApiError, ApiResult},
    state::AppState,
    store::provisioned::{self, Launched},
};
use axum::{
    Router,
    extract::{Path, State},
    response::Response,
    routing::{delete, get, post},
};
use molecule_sdk::types::{
    DeprovisionResult, DeprovisionResultStatus, InstanceStatus, ProvisionWorkspaceRequest,
    ProvisionedInstance,
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/workspaces/provision", post(provision))
        .route("/workspaces/{workspace_id}", delete(deprovision))
        .route("/workspaces/{workspace_id}/status", get(status))
}

/// Simulated seconds an instance stays `pending`.
pub const BOOT_SECS: f64 = 8.0;

/// `platform_url` must be an http(s) URL without userinfo that does not point at a private,
/// link-local or metadata address (`*.localhost` names are the dev tenants and allowed).
fn safe_platform_url(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.is_empty()
        || authority.contains('@')
        || url.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return false;
    }
    let host = authority
        .rsplit_once(':')
        .filter(|(_, p)| p.bytes().all(|b| b.is_ascii_digit()))
        .map(|(h, _)| h)
        .unwrap_or(authority)
        .to_ascii_lowercase();
    if host.ends_with(".localhost") || host == "localhost" {
        return true;
    }
    if host.contains("metadata") {
        return false;
    }
    match host.parse::<std::net::Ipv4Addr>() {
        Ok(ip) => {
            !(ip.is_private() || ip.is_link_local() || ip.is_unspecified() || ip.is_loopback())
        }
        Err(_) => !host.starts_with('['),
    }
}

fn state_of(state: &AppState, launched_at: i64, terminated: bool) -> &'static str {
    if terminated {
        "terminated"
    } else if state.clock.simulated_secs_since(launched_at) < BOOT_SECS {
        "pending"
    } else {
        "running"
    }
}

fn valid_instance_id(id: &str) -> bool {
    id.strip_prefix("i-").is_some_and(|h| {
        !h.is_empty()
            && h.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

async fn provision(
    State(state): State<AppState>,
    auth: ProvisionAuth,
    Body(req): Body<ProvisionWorkspaceRequest>,
) -> ApiResult<Response> {
    if !safe_platform_url(&req.platform_url) {
        return Err(ApiError::bad_request("unsafe platform_url").field("platform_url"));
    }
    if req.disk_gb.is_some_and(|d| !(30..=500).contains(&d)) {
        return Err(ApiError::bad_request("disk_gb must be 30-500").field("disk_gb"));
    }
    if req.org_id.to_string() != auth.org_id {
        return Err(
            ApiError::bad_request("org_id does not match the tenant admin token").field("org_id"),
        );
    }
    let runtime = req.runtime.to_string();
    let conn = state.db.lock();
    if !provisioned::org_can_provision(&conn, &req.org_id.to_string())? {
        return Err(ApiError::bad_request("unknown org_id").field("org_id"));
    }
    let key = req.idempotency_key.as_ref().map(|k| k.to_string());
    if let Some(key) = &key
        && let Some(done) = repeated(&state, &conn, &auth.org_id, key, &req)?
    {
        return Ok(done);
    }
    if !provisioned::runtime_pinned(&conn, &runtime)? {
        return Err(
            ApiError::code(422, "RUNTIME_PIN_MISSING", "RUNTIME_PIN_MISSING")
                .with(|e| e.runtime = Some(runtime.to_string())),
        );
    }
    let now = state.clock.now_ms();
    let instance_id = format!("i-0{}", &uuid::Uuid::new_v4().simple().to_string()[..16]);
    let n = provisioned::launched_count(&conn)?;
    let private_ip = format!("10.0.{}.{}", (n / 250) % 250, n % 250 + 4);
    provisioned::insert(
        &conn,
        &Launched {
            instance_id: instance_id.clone(),
            workspace_id: req.workspace_id.to_string(),
            runtime: runtime.clone(),
            private_ip: private_ip.clone(),
            launched_at: now,
            terminated_at: None,
        },
        &req.org_id.to_string(),
        key.as_deref(),
    )?;
    tracing::info!(instance = %instance_id, "workspace instance launched");
    Ok(json(
        201,
        &launched(instance_id, private_ip, runtime, "pending", &req),
    ))
}

fn launched(
    instance_id: String,
    private_ip: String,
    runtime: String,
    state: &str,
    req: &ProvisionWorkspaceRequest,
) -> ProvisionedInstance {
    ProvisionedInstance {
        instance_id,
        private_ip: Some(private_ip),
        public_ip: None,
        state: state.into(),
        runtime: Some(runtime),
        domain: Some(format!("{}.ws.localhost", req.workspace_id)),
        error: None,
    }
}

/// A provision repeating an earlier `idempotency_key`: 409 `provision_in_progress` while that
/// instance is pending, 409 `idempotency_key_conflict` for another workspace, else the same
/// instance again (201). `None` = the key is new.
fn repeated(
    state: &AppState,
    conn: &rusqlite::Connection,
    org_id: &str,
    key: &str,
    req: &ProvisionWorkspaceRequest,
) -> ApiResult<Option<Response>> {
    let Some(Launched {
        instance_id,
        workspace_id,
        runtime,
        private_ip: ip,
        launched_at,
        terminated_at: terminated,
    }) = provisioned::by_idempotency_key(conn, org_id, key)?
    else {
        return Ok(None);
    };
    if workspace_id != req.workspace_id.to_string() {
        return Err(ApiError::new(409, "idempotency_key_conflict"));
    }
    match state_of(state, launched_at, terminated.is_some()) {
        "pending" => Err(ApiError::new(409, "provision_in_progress")),
        "running" => Ok(Some(json(
            201,
            &launched(instance_id, ip, runtime, "running", req),
        ))),
        _ => Ok(None),
    }
}

/// `?instance_id=` (required) and, on deprovision, `?prune=true`.
#[derive(serde::Deserialize)]
struct InstanceQuery {
    instance_id: Option<String>,
    prune: Option<String>,
}

fn instance_param(q: &InstanceQuery) -> ApiResult<String> {
    match &q.instance_id {
        Some(id) if valid_instance_id(id) => Ok(id.clone()),
        _ => Err(ApiError::bad_request("instance_id is required (i-<hex>)").field("instance_id")),
    }
}

async fn status(
    State(state): State<AppState>,
    auth: ProvisionAuth,
    Path(workspace_id): Path<String>,
    Params(q): Params<InstanceQuery>,
) -> ApiResult<Response> {
    let instance_id = instance_param(&q)?;
    let row = provisioned::status(
        &state.db.lock(),
        &auth.org_id,
        &workspace_id.to_ascii_lowercase(),
        &instance_id,
    )?;
    // An unknown instance reads like EC2 reports a long-gone one: terminated, no addresses.
    let body = match row {
        Some((ip, launched, terminated)) => InstanceStatus {
            state: state_of(&state, launched, terminated.is_some()).into(),
            private_ip: terminated.is_none().then_some(ip),
            public_ip: None,
            instance_id: Some(instance_id),
        },
        None => InstanceStatus {
            instance_id: Some(instance_id),
            state: "terminated".into(),
            private_ip: None,
            public_ip: None,
        },
    };
    Ok(json(200, &body))
}

async fn deprovision(
    State(state): State<AppState>,
    auth: ProvisionAuth,
    Path(workspace_id): Path<String>,
    Params(q): Params<InstanceQuery>,
) -> ApiResult<Response> {
    let instance_id = instance_param(&q)?;
    let prune = is_true(&q.prune);
    let workspace_id = workspace_id.to_ascii_lowercase();
    // Only an instance of this workspace in the admin token's own org is terminated; anything
    // else (another org's instance, an unknown id) terminated nothing and says so.
    let terminated = provisioned::terminate(
        &state.db.lock(),
        &auth.org_id,
        &workspace_id,
        &instance_id,
        prune,
        state.clock.now_ms(),
    )?;
    if !terminated {
        return Err(ApiError::not_found("instance"));
    }
    Ok(json(
        200,
        &DeprovisionResult {
            status: DeprovisionResultStatus::Terminated,
            workspace_id: workspace_id.parse().ok(),
            instance_id: Some(instance_id),
            volume_pruned: Some(prune),
        },
    ))
}
