//! Creating a workspace, shared by `POST /workspaces` and the template and bundle imports:
//! name, directory, compute, runtime and model checks, the plan's workspace limit, the name
//! auto-suffix, and the first token of an external agent.

use super::{guard::TenantOrg, registry, rules::vendor_key_blocked};
use crate::{
    error::{ApiError, ApiResult},
    state::AppState,
    store::{
        billing::plan,
        secrets::store_secret,
        tenant::{self as store, WsRow},
        tokens::insert_workspace_token,
        workspaces::{self, NewRow},
    },
};
use molecule_sdk::types::WorkspaceCompute;
use rusqlite::Connection;
use serde_json::{Value, json};

pub fn valid_name(name: &str) -> bool {
    !name.trim().is_empty()
        && name.chars().count() <= 255
        && !name.chars().any(|c| "\n\r{}[]|>*&!".contains(c))
}

pub fn validate_dir(dir: &str) -> ApiResult<()> {
    let system = [
        "/", "/etc", "/bin", "/sbin", "/usr", "/proc", "/sys", "/dev", "/boot", "/root", "/var",
    ];
    if !dir.starts_with('/')
        || dir.split('/').any(|s| s == "..")
        || system.contains(&dir.trim_end_matches('/'))
        || system
            .iter()
            .any(|s| *s != "/" && dir.starts_with(&format!("{s}/")))
    {
        return Err(ApiError::bad_request(
            "workspace_dir must be an absolute path without .. outside system directories",
        )
        .field("workspace_dir"));
    }
    Ok(())
}

pub fn validate_compute(c: &WorkspaceCompute) -> ApiResult<()> {
    let bad = |f: &str| ApiError::bad_request("invalid compute settings").field(f);
    if let Some(v) = &c.volume
        && let Some(gb) = v.root_gb
        && !(30..=500).contains(&gb)
    {
        return Err(bad("compute.volume.root_gb"));
    }
    if let Some(d) = &c.display {
        if d.width.is_some_and(|w| !(800..=3840).contains(&w)) {
            return Err(bad("compute.display.width"));
        }
        if d.height.is_some_and(|h| !(600..=2160).contains(&h)) {
            return Err(bad("compute.display.height"));
        }
    }
    Ok(())
}

/// An external agent URL: http(s), no userinfo, not a private, loopback or metadata address.
pub fn safe_external_url(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.is_empty() || authority.contains('@') || url.chars().any(char::is_whitespace) {
        return false;
    }
    let host = authority
        .rsplit_once(':')
        .filter(|(_, p)| p.bytes().all(|b| b.is_ascii_digit()))
        .map(|(h, _)| h)
        .unwrap_or(authority)
        .trim_matches(['[', ']'])
        .to_ascii_lowercase();
    if host == "localhost" || host.ends_with(".internal") || host == "metadata.google.internal" {
        return false;
    }
    match host.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(ip)) => {
            !(ip.is_private()
                || ip.is_loopback()
                || ip.is_link_local()
                || ip.is_unspecified()
                || ip.is_broadcast())
        }
        Ok(std::net::IpAddr::V6(ip)) => !(ip.is_loopback() || ip.is_unspecified()),
        Err(_) => true,
    }
}

pub fn unsupported_runtime(runtime: &str) -> ApiError {
    ApiError::code(422, "RUNTIME_UNSUPPORTED", "unknown runtime")
        .with(|e| e.runtime = Some(runtime.to_string()))
}

/// The registry check of `registry.rs`: 422 `RUNTIME_UNSUPPORTED` or
/// `UNREGISTERED_MODEL_FOR_RUNTIME`.
pub fn check_model(runtime: &str, model: &str) -> ApiResult<()> {
    match registry::check(runtime, model) {
        Ok(()) => Ok(()),
        Err(registry::Refusal::UnknownRuntime) => Err(unsupported_runtime(runtime)),
        Err(registry::Refusal::UnregisteredModel) => Err(ApiError::code(
            422,
            "UNREGISTERED_MODEL_FOR_RUNTIME",
            "the model is not registered for this runtime",
        )
        .with(|e| e.runtime = Some(runtime.to_string()))
        .with(|e| e.model = Some(model.to_string()))),
    }
}

/// Everything needed to create one workspace (also used by org and bundle import).
#[derive(Debug, Default, Clone)]
pub struct NewWorkspace {
    pub name: String,
    pub role: Option<String>,
    pub template: Option<String>,
    pub runtime: Option<String>,
    pub model: Option<String>,
    pub external: bool,
    pub url: Option<String>,
    pub delivery_mode: String,
    pub workspace_access: String,
    pub workspace_dir: Option<String>,
    pub parent_id: Option<String>,
    pub budget_limit: Option<i64>,
    pub max_concurrent_tasks: i64,
    pub compute: Value,
    pub x: f64,
    pub y: f64,
    pub secrets: Vec<(String, String)>,
    pub bundle_extra: Value,
    pub agent_card: Option<Value>,
}

/// Validates and inserts a workspace (status `provisioning`, or `awaiting_agent`/`online` for an
/// external agent). Returns the row and, for a url-less external agent, its show-once token.
pub fn create_workspace(
    conn: &Connection,
    state: &AppState,
    org: &TenantOrg,
    new: NewWorkspace,
) -> ApiResult<(WsRow, Option<String>)> {
    if !valid_name(&new.name) {
        return Err(ApiError::bad_request(
            "invalid workspace name (1-255 characters, none of \\n{}[]|>*&!)",
        )
        .field("name"));
    }
    // Runtime: explicit, else the template's, else claude-code.
    let mut runtime = new.runtime.clone().filter(|r| !r.is_empty());
    let mut model = new.model.clone().filter(|m| !m.is_empty());
    if let Some(t) = &new.template {
        let found = workspaces::template_runtime_model(conn, &org.id, t)
            .ok()
            .flatten();
        let Some((t_runtime, t_model)) = found else {
            return Err(ApiError::bad_request("invalid template")
                .with(|e| e.template = Some(t.to_string())));
        };
        if runtime.is_none() {
            if t_runtime.is_empty() {
                return Err(ApiError::code(
                    422,
                    "RUNTIME_UNRESOLVED",
                    "the template declares no runtime",
                )
                .with(|e| e.template = Some(t.to_string())));
            }
            runtime = Some(t_runtime);
        }
        if model.is_none() && !t_model.is_empty() {
            model = Some(t_model);
        }
    }
    let runtime = if new.external {
        runtime.unwrap_or_else(|| "external".into())
    } else {
        runtime.unwrap_or_else(|| "claude-code".into())
    };
    if !registry::known_runtime(&runtime) {
        return Err(unsupported_runtime(&runtime));
    }
    let external = new.external || store::EXTERNAL_RUNTIMES.contains(&runtime.as_str());
    match &model {
        None if !external => {
            return Err(ApiError::code(
                422,
                "MODEL_REQUIRED",
                "model is required unless the runtime is external",
            )
            .with(|e| e.runtime = Some(runtime.to_string())));
        }
        Some(m) => check_model(&runtime, m)?,
        None => {}
    }
    if let Some(url) = &new.url
        && !safe_external_url(url)
    {
        return Err(ApiError::bad_request(
            "unsafe workspace URL: private, loopback or non-http address",
        )
        .field("url"));
    }
    if let Some(dir) = &new.workspace_dir {
        validate_dir(dir)?;
    }
    if new.max_concurrent_tasks < 0 {
        return Err(ApiError::bad_request("max_concurrent_tasks must be >= 0")
            .field("max_concurrent_tasks"));
    }
    if new.budget_limit.is_some_and(|b| b < 0) {
        return Err(ApiError::bad_request("budget_limit must be >= 0").field("budget_limit"));
    }
    if let Some(p) = &new.parent_id {
        store::live(conn, &org.id, p)
            .map_err(|_| ApiError::bad_request("parent workspace not found").field("parent_id"))?;
    }
    // New workspaces resolve to platform-managed billing: vendor keys are refused.
    for (k, _) in &new.secrets {
        if k.is_empty() {
            return Err(ApiError::bad_request("secret keys must not be empty"));
        }
        vendor_key_blocked("platform_managed", k, &uuid::Uuid::nil().to_string())?;
    }
    // Plan limit.
    let org_plan = crate::store::orgs::plan_of(conn, &org.id)?;
    if let Some(limit) = plan(&org_plan).and_then(|p| p.workspace_limit) {
        let live = workspaces::live_count(conn, &org.id)?;
        if live >= limit as i64 {
            return Err(ApiError::code(
                409,
                "QUOTA_EXCEEDED",
                "the plan's workspace limit is reached",
            )
            .with(|e| e.hint = Some("upgrade the plan to create more workspaces".into())));
        }
    }
    // Name: auto-suffix " (2)" .. " (9)".
    let taken = |n: &str| workspaces::name_taken(conn, &org.id, n);
    let mut name = new.name.clone();
    if taken(&name)? {
        let mut found = None;
        for i in 2..=9 {
            let candidate = format!("{} ({i})", new.name);
            if candidate.chars().count() <= 255 && !taken(&candidate)? {
                found = Some(candidate);
                break;
            }
        }
        name = found.ok_or_else(|| {
            ApiError::conflict("NAME_IN_USE", "workspace name already in use").field("name")
        })?;
    }
    let now = state.clock.now_ms();
    let id = uuid::Uuid::new_v4().to_string();
    let status = if !external {
        "provisioning"
    } else if new.url.is_some() {
        "online"
    } else {
        "awaiting_agent"
    };
    let agent_card = new.agent_card.as_ref().map(|c| c.to_string());
    workspaces::insert(
        conn,
        &NewRow {
            id: &id,
            org_id: &org.id,
            name: &name,
            role: new.role.as_deref(),
            status,
            now,
            online_since: (status == "online").then_some(now),
            url: new.url.as_deref().unwrap_or_default(),
            parent_id: new.parent_id.as_deref(),
            max_concurrent_tasks: new.max_concurrent_tasks.max(1),
            runtime: &runtime,
            model: model.as_deref(),
            template: new.template.as_deref(),
            workspace_dir: new.workspace_dir.as_deref(),
            x: new.x,
            y: new.y,
            compute: &new.compute.to_string(),
            agent_card: agent_card.as_deref(),
            delivery_mode: if new.delivery_mode.is_empty() {
                "push"
            } else {
                &new.delivery_mode
            },
            workspace_access: if new.workspace_access.is_empty() {
                "none"
            } else {
                &new.workspace_access
            },
            bundle_extra: &new.bundle_extra.to_string(),
            external,
        },
    )?;
    if let Some(limit) = new.budget_limit {
        workspaces::add_monthly_budget(conn, &id, limit)?;
    }
    for (k, v) in &new.secrets {
        store_secret(conn, now, &org.id, &id, k, v)?;
    }
    store::insert_event(
        conn,
        &org.id,
        Some(&id),
        "WORKSPACE_PROVISIONING",
        json!({ "name": name, "runtime": runtime }),
        now,
    )?;
    let token = if external && new.url.is_none() {
        Some(insert_workspace_token(conn, state, &org.id, &id)?.0)
    } else {
        None
    };
    let row = store::find(conn, &org.id, &id)?.ok_or_else(|| ApiError::internal("vanished"))?;
    Ok((row, token))
}
