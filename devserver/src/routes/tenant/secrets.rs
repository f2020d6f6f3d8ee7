//! Workspace and org-wide (global) secrets. Values are AES-256-GCM encrypted at rest with a key
//! from `MOLECULE_SECRETS_KEY` (base64, 32 bytes) or one generated once and kept in `settings`;
//! no route ever returns a value. Setting or deleting a secret restarts the affected workspaces.

use super::{
    access::{self, Access},
    guard::TenantOrg,
    rules::vendor_key_blocked,
};
use crate::{
    api::{JsonBody, decode, json},
    error::{ApiError, ApiResult},
    state::AppState,
    store::{
        secrets::{self, metadata, store_secret},
        tenant::{self as store, WsRow},
    },
};
use axum::{
    Extension, Router,
    extract::{Path, State},
    http::HeaderMap,
    response::Response,
    routing::{delete, get},
};
use molecule_sdk::types::{
    SecretDeleted, SecretDeletedScope, SecretDeletedStatus, SecretMetadataScope, SecretSaved,
    SecretSavedScope, SecretSavedStatus, SetSecretRequest,
};
use rusqlite::Connection;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/workspaces/{id}/secrets",
            get(list_ws).put(set_ws).post(set_ws),
        )
        .route("/workspaces/{id}/secrets/{key}", delete(delete_ws))
        .route(
            "/settings/secrets",
            get(list_global).put(set_global).post(set_global),
        )
        .route("/settings/secrets/{key}", delete(delete_global))
}

fn valid_key(key: &str) -> ApiResult<()> {
    if key.is_empty() || key.len() > 256 || key.chars().any(|c| c.is_control()) {
        return Err(ApiError::bad_request("invalid secret key").field("key"));
    }
    Ok(())
}

fn parse_set(body: serde_json::Value) -> ApiResult<(String, String)> {
    let req: SetSecretRequest = decode(body)?;
    let (key, value) = (req.key.to_string(), req.value.to_string());
    valid_key(&key)?;
    Ok((key, value))
}

async fn list_ws(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let id = store::uuid_param(&id)?;
    access::workspace(&state, &headers, &org, &id, Access::Read)?;
    let conn = state.db.lock();
    store::live(&conn, &org.id, &id)?;
    let mut out = metadata(&conn, &org.id, &id, SecretMetadataScope::Workspace)?;
    for g in metadata(&conn, &org.id, "", SecretMetadataScope::Global)? {
        if !out.iter().any(|w| w.key == g.key) {
            out.push(g);
        }
    }
    out.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(json(200, &out))
}

async fn set_ws(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    Path(id): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let id = store::uuid_param(&id)?;
    access::workspace(&state, &headers, &org, &id, Access::Write)?;
    let (key, value) = parse_set(body)?;
    let mut conn = state.db.lock();
    store::refresh_org(&conn, &state, &org.id)?;
    let tx = conn.transaction()?;
    let row = store::live(&tx, &org.id, &id)?;
    vendor_key_blocked(store::resolved_billing_mode(&row), &key, &id)?;
    store_secret(&tx, state.clock.now_ms(), &org.id, &id, &key, &value)?;
    store::auto_restart(&tx, &state, &row)?;
    tx.commit()?;
    tracing::info!(workspace = %id, "workspace secret saved");
    Ok(json(
        200,
        &SecretSaved {
            status: SecretSavedStatus::Saved,
            key,
            scope: Some(SecretSavedScope::Workspace),
        },
    ))
}

async fn delete_ws(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    Path((id, key)): Path<(String, String)>,
) -> ApiResult<Response> {
    let id = store::uuid_param(&id)?;
    access::workspace(&state, &headers, &org, &id, Access::Write)?;
    let mut conn = state.db.lock();
    store::refresh_org(&conn, &state, &org.id)?;
    let tx = conn.transaction()?;
    let row = store::live(&tx, &org.id, &id)?;
    if !secrets::delete(&tx, &org.id, &id, &key)? {
        return Err(ApiError::not_found("secret"));
    }
    store::auto_restart(&tx, &state, &row)?;
    tx.commit()?;
    Ok(json(
        200,
        &SecretDeleted {
            status: SecretDeletedStatus::Deleted,
            key,
            scope: Some(SecretDeletedScope::Workspace),
        },
    ))
}

/// Workspaces a change of global secret `key` restarts: not removed/paused, not external, and
/// without their own value for the key.
fn fan_out(conn: &Connection, state: &AppState, org_id: &str, key: &str) -> ApiResult<usize> {
    let mut n = 0;
    for w in store::list(conn, org_id)? {
        let overridden = secrets::exists(conn, org_id, &w.id, key)?;
        if !overridden && !w.external && restart_for_global(conn, state, &w)? {
            n += 1;
        }
    }
    Ok(n)
}

fn restart_for_global(conn: &Connection, state: &AppState, w: &WsRow) -> ApiResult<bool> {
    Ok(store::auto_restart(conn, state, w)?)
}

async fn list_global(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    access::admin(&state, &headers, &org, Access::Read)?;
    let conn = state.db.lock();
    Ok(json(
        200,
        &metadata(&conn, &org.id, "", SecretMetadataScope::Global)?,
    ))
}

async fn set_global(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    access::admin(&state, &headers, &org, Access::Write)?;
    let (key, value) = parse_set(body)?;
    let mut conn = state.db.lock();
    store::refresh_org(&conn, &state, &org.id)?;
    let tx = conn.transaction()?;
    store_secret(&tx, state.clock.now_ms(), &org.id, "", &key, &value)?;
    let restarted = fan_out(&tx, &state, &org.id, &key)?;
    tx.commit()?;
    tracing::info!(restarted, "org secret saved");
    Ok(json(
        200,
        &SecretSaved {
            status: SecretSavedStatus::Saved,
            key,
            scope: Some(SecretSavedScope::Global),
        },
    ))
}

async fn delete_global(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    Path(key): Path<String>,
) -> ApiResult<Response> {
    access::admin(&state, &headers, &org, Access::Write)?;
    let mut conn = state.db.lock();
    store::refresh_org(&conn, &state, &org.id)?;
    let tx = conn.transaction()?;
    if !secrets::delete(&tx, &org.id, "", &key)? {
        return Err(ApiError::not_found("secret"));
    }
    fan_out(&tx, &state, &org.id, &key)?;
    tx.commit()?;
    Ok(json(
        200,
        &SecretDeleted {
            status: SecretDeletedStatus::Deleted,
            key,
            scope: Some(SecretDeletedScope::Global),
        },
    ))
}
