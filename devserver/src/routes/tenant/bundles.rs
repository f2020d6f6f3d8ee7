//! Workspace bundles: export a workspace with its children, import one as new workspaces.

use super::{
    access::{self, Access},
    create::{NewWorkspace, create_workspace},
    guard::TenantOrg,
    registry,
};
use crate::{
    api::{JsonBody, json},
    error::{ApiError, ApiResult},
    state::AppState,
    store::tenant::{self as store, WsRow},
};
use axum::{
    Extension, Router,
    extract::{Path, State},
    http::HeaderMap,
    response::Response,
    routing::{get, post},
};
use molecule_sdk::types::{Bundle, BundleImportResult, BundleImportResultStatus};
use rusqlite::Connection;
use serde_json::{Value, json};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/bundles/export/{id}", get(export_bundle))
        .route("/bundles/import", post(import_bundle))
}

fn bundle_of(conn: &Connection, row: &WsRow) -> rusqlite::Result<Bundle> {
    let extra: serde_json::Map<String, Value> =
        serde_json::from_str(&row.bundle_extra).unwrap_or_default();
    let get_str = |k: &str| extra.get(k).and_then(Value::as_str).map(str::to_string);
    let mut subs = Vec::new();
    let children = store::children(conn, &row.id)?;
    for c in &children {
        subs.push(bundle_of(conn, c)?);
    }
    Ok(Bundle {
        schema: Some("1.0".into()),
        id: Some(row.id.clone()),
        name: row
            .name
            .parse()
            .unwrap_or_else(|_| "workspace".parse().expect("valid")),
        description: row.role.clone().or_else(|| get_str("description")),
        tier: std::num::NonZeroU32::new(row.tier.clamp(1, 4) as u32),
        model: row.model.clone(),
        system_prompt: get_str("system_prompt"),
        skills: extra
            .get("skills")
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default(),
        tools: extra
            .get("tools")
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default(),
        prompts: extra
            .get("prompts")
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default(),
        sub_workspaces: subs,
        agent_card: row
            .agent_card
            .as_deref()
            .and_then(|c| serde_json::from_str(c).ok()),
        author: get_str("author"),
        version: get_str("version"),
    })
}

async fn export_bundle(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    access::admin(&state, &headers, &org, Access::Read)?;
    let conn = state.db.lock();
    let not_found = || ApiError::not_found("bundle");
    let id = uuid::Uuid::parse_str(&id)
        .map_err(|_| not_found())?
        .to_string();
    let row = store::live(&conn, &org.id, &id).map_err(|_| not_found())?;
    Ok(json(200, &bundle_of(&conn, &row).map_err(|_| not_found())?))
}

fn import_node(
    conn: &Connection,
    state: &AppState,
    org: &TenantOrg,
    b: &Bundle,
    parent: Option<String>,
) -> BundleImportResult {
    let mut extra = serde_json::Map::new();
    for (k, v) in [
        ("system_prompt", json!(b.system_prompt)),
        ("skills", json!(b.skills)),
        ("tools", json!(b.tools)),
        ("prompts", json!(b.prompts)),
        ("author", json!(b.author)),
        ("version", json!(b.version)),
    ] {
        if !v.is_null() {
            extra.insert(k.into(), v);
        }
    }
    // The first registry runtime the model is registered for, else the mock runtime.
    let runtime = b
        .model
        .as_deref()
        .and_then(|m| {
            registry::RUNTIMES
                .iter()
                .find(|(r, _)| registry::derive_provider(r, m).is_some())
                .map(|(r, _)| r.to_string())
        })
        .or_else(|| Some("mock".into()));
    let new = NewWorkspace {
        name: b.name.to_string(),
        role: b.description.clone(),
        runtime,
        model: b.model.clone().or_else(|| Some("mock-model".into())),
        parent_id: parent,
        max_concurrent_tasks: 1,
        compute: json!({}),
        bundle_extra: Value::Object(extra),
        agent_card: b.agent_card.clone().map(Value::Object),
        ..NewWorkspace::default()
    };
    match create_workspace(conn, state, org, new) {
        Ok((row, _)) => {
            let children = b
                .sub_workspaces
                .iter()
                .map(|s| import_node(conn, state, org, s, Some(row.id.clone())))
                .collect();
            BundleImportResult {
                workspace_id: row.id.parse().unwrap_or_default(),
                name: row.name.clone(),
                status: BundleImportResultStatus::Provisioning,
                error: None,
                children,
            }
        }
        Err(e) => BundleImportResult {
            workspace_id: uuid::Uuid::nil(),
            name: b.name.to_string(),
            status: BundleImportResultStatus::Failed,
            error: e.body.error,
            children: vec![],
        },
    }
}

async fn import_bundle(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    access::admin(&state, &headers, &org, Access::Write)?;
    if body.get("name").is_none() {
        return Err(ApiError::bad_request("bundle name is required").field("name"));
    }
    let bundle: Bundle = serde_json::from_value(body)
        .map_err(|e| ApiError::bad_request(&format!("invalid bundle: {e}")))?;
    let mut conn = state.db.lock();
    let tx = conn.transaction()?;
    let result = import_node(&tx, &state, &org, &bundle, None);
    tx.commit()?;
    Ok(json(201, &result))
}
