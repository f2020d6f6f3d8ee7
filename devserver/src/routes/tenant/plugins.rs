//! The plugin allowlist of an org root workspace (a live workspace without parent); an Org API
//! Key of another org is 403 `ORG_ACCESS_DENIED`.

use super::{
    access::{self, Access},
    guard::TenantOrg,
};
use crate::{
    api::{JsonBody, decode, json},
    error::{ApiError, ApiResult},
    state::AppState,
    store::{
        catalog::{self},
        tenant::{self as store},
    },
};
use axum::{
    Extension, Router,
    extract::{Path, State},
    http::HeaderMap,
    response::Response,
    routing::get,
};
use molecule_sdk::types::{PluginAllowlist, PluginAllowlistUpdate, PluginAllowlistUpdated};
use rusqlite::Connection;
use serde_json::Value;

pub fn routes() -> Router<AppState> {
    Router::new().route(
        "/orgs/{id}/plugins/allowlist",
        get(get_allowlist).put(put_allowlist),
    )
}

/// The org root workspace `id` (a live workspace without parent) or 404 `org not found`.
fn root(conn: &Connection, org: &TenantOrg, id: &str) -> ApiResult<String> {
    let not_found = || ApiError::not_found("org");
    let id = uuid::Uuid::parse_str(id)
        .map_err(|_| not_found())?
        .to_string();
    match store::find(conn, &org.id, &id)? {
        Some(w) if w.status != "removed" && w.parent_id.is_none() => Ok(id),
        _ => Err(not_found()),
    }
}

fn allowlist_auth(
    state: &AppState,
    headers: &HeaderMap,
    org: &TenantOrg,
    access: Access,
) -> ApiResult<()> {
    if access::foreign_org_key(state, &org.id, headers) {
        return Err(
            ApiError::code(403, "ORG_ACCESS_DENIED", "org access denied")
                .with(|e| e.detail = Some("the Org API Key belongs to another org".into())),
        );
    }
    access::admin(state, headers, org, access).map(|_| ())
}

async fn get_allowlist(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    allowlist_auth(&state, &headers, &org, Access::Read)?;
    let conn = state.db.lock();
    let root_id = root(&conn, &org, &id)?;
    let plugins = catalog::allowlist(&conn, &root_id)?;
    Ok(json(
        200,
        &PluginAllowlist {
            org_id: root_id.parse().unwrap_or_default(),
            allow_all: plugins.is_empty(),
            plugins,
        },
    ))
}

async fn put_allowlist(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    Path(id): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    allowlist_auth(&state, &headers, &org, Access::Write)?;
    if body
        .get("enabled_by")
        .and_then(Value::as_str)
        .is_none_or(str::is_empty)
    {
        return Err(ApiError::bad_request("enabled_by is required").field("enabled_by"));
    }
    let req: PluginAllowlistUpdate = decode(body)?;
    for p in &req.plugins {
        if p.is_empty() || p.contains('/') || p.contains('\\') || p.contains("..") {
            return Err(
                ApiError::code(400, "INVALID_PLUGIN_NAME", "invalid plugin name")
                    .with(|e| e.plugin_name = Some(p.to_string()))
                    .with(|e| e.detail = Some("plugin names may not contain /, \\ or ..".into())),
            );
        }
    }
    let mut names: Vec<String> = req.plugins.clone();
    names.sort();
    names.dedup();
    let mut conn = state.db.lock();
    let root_id = root(&conn, &org, &id)?;
    let tx = conn.transaction()?;
    let now = state.clock.now_ms();
    catalog::replace_allowlist(&tx, &root_id, &names, &req.enabled_by.to_string(), now)?;
    tx.commit()?;
    Ok(json(
        200,
        &PluginAllowlistUpdated {
            org_id: root_id.parse().unwrap_or_default(),
            allow_all: names.is_empty(),
            plugins: names,
        },
    ))
}
