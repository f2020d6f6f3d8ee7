//! Who is calling a tenant route: AdminAuth and WorkspaceAuth (api-facts §3).
//!
//! Order of the checks (no dev fail-open: every tenant has an ADMIN_TOKEN):
//! 1. a session cookie of an org member (viewers may only read);
//! 2. a bearer that is a live Org API Key of THIS org;
//! 3. a bearer equal to the tenant ADMIN_TOKEN (constant-time);
//! 4. WorkspaceAuth only: a live per-workspace token bound to the route's workspace.
//!
//! Anything else is 401: the tenant routes document no 403 (except the plugin allowlist), so a
//! viewer writing or a non-member session is a 401 with code `FORBIDDEN` / `UNAUTHENTICATED`.

use super::guard::TenantOrg;
use crate::{
    auth::{SessionUser, bearer},
    crypto::{ct_eq, hash_token},
    error::ApiError,
    state::AppState,
    store::tokens,
};
use axum::http::HeaderMap;
use rusqlite::OptionalExtension;

/// The authenticated caller of a tenant route.
#[derive(Debug, Clone)]
pub enum Caller {
    Session { user_id: String, role: String },
    OrgKey { id: String, prefix: String },
    AdminToken,
    Workspace { workspace_id: String },
}

impl Caller {
    /// `created_by` provenance for org keys minted by this caller.
    pub fn provenance(&self) -> String {
        match self {
            Caller::Session { .. } => "session".into(),
            Caller::OrgKey { prefix, .. } => format!("org-token:{prefix}"),
            Caller::AdminToken => "admin-token".into(),
            Caller::Workspace { workspace_id } => format!("workspace:{workspace_id}"),
        }
    }
}

/// Whether the request changes state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

fn session_caller(
    state: &AppState,
    headers: &HeaderMap,
    org: &TenantOrg,
    access: Access,
) -> Result<Option<Caller>, ApiError> {
    let Some(user) = SessionUser::from_headers(state, headers) else {
        return Ok(None);
    };
    let role = crate::store::members::role_of(&state.db.lock(), &org.id, &user.user_id)?;
    match role {
        Some(role) if access == Access::Write && role == "viewer" => Err(ApiError::code(
            403,
            "FORBIDDEN",
            "viewers have read-only access to the tenant",
        )),
        Some(role) => Ok(Some(Caller::Session {
            user_id: user.user_id,
            role,
        })),
        // A signed-in non-member falls through to the bearer checks (and then 401).
        None => Ok(None),
    }
}

/// An Org API Key of this org, marking it used.
pub fn org_key(state: &AppState, org_id: &str, token: &str) -> Result<Option<Caller>, ApiError> {
    let conn = state.db.lock();
    let found = tokens::org_token_by_hash(&conn, &hash_token(token))?;
    match found {
        Some((id, prefix, owner)) if owner == org_id => {
            tokens::touch_org_token(&conn, &id, state.clock.now_ms())?;
            Ok(Some(Caller::OrgKey { id, prefix }))
        }
        _ => Ok(None),
    }
}

/// Whether the bearer is a live Org API Key of ANOTHER org (plugin allowlist isolation).
pub fn foreign_org_key(state: &AppState, org_id: &str, headers: &HeaderMap) -> bool {
    let Some(token) = bearer(headers) else {
        return false;
    };
    tokens::org_token_by_hash(&state.db.lock(), &hash_token(token))
        .ok()
        .flatten()
        .is_some_and(|(_, _, owner)| owner != org_id)
}

fn admin_token_matches(state: &AppState, org_id: &str, token: &str) -> Result<bool, ApiError> {
    let stored = crate::store::orgs::admin_token(&state.db.lock(), org_id).optional()?;
    Ok(stored.flatten().is_some_and(|t| ct_eq(token, &t)))
}

/// AdminAuth.
pub fn admin(
    state: &AppState,
    headers: &HeaderMap,
    org: &TenantOrg,
    access: Access,
) -> Result<Caller, ApiError> {
    if let Some(c) = session_caller(state, headers, org, access)? {
        return Ok(c);
    }
    if let Some(token) = bearer(headers) {
        if let Some(c) = org_key(state, &org.id, token)? {
            return Ok(c);
        }
        if admin_token_matches(state, &org.id, token)? {
            return Ok(Caller::AdminToken);
        }
    }
    Err(ApiError::unauthorized())
}

/// WorkspaceAuth for workspace `workspace_id`: AdminAuth, or that workspace's own token.
pub fn workspace(
    state: &AppState,
    headers: &HeaderMap,
    org: &TenantOrg,
    workspace_id: &str,
    access: Access,
) -> Result<Caller, ApiError> {
    match admin(state, headers, org, access) {
        Ok(c) => return Ok(c),
        Err(e) if e.body.code.as_deref() == Some("FORBIDDEN") => {
            return Err(e);
        }
        Err(_) => {}
    }
    if let Some(token) = bearer(headers) {
        let conn = state.db.lock();
        let found = tokens::workspace_token_by_hash(&conn, &org.id, &hash_token(token))?;
        if let Some((id, ws)) = found
            && ws == workspace_id
        {
            tokens::touch_workspace_token(&conn, &id, state.clock.now_ms())?;
            return Ok(Caller::Workspace { workspace_id: ws });
        }
    }
    Err(ApiError::unauthorized())
}

/// The workspace for a WorkspaceAuth route: UUID check, auth, refresh, live row.
pub fn ws_route(
    state: &AppState,
    org: &TenantOrg,
    headers: &HeaderMap,
    id: &str,
    access: Access,
    workspace_token_ok: bool,
) -> Result<(String, Caller), ApiError> {
    let id = crate::store::tenant::uuid_param(id)?;
    let caller = if workspace_token_ok {
        workspace(state, headers, org, &id, access)?
    } else {
        admin(state, headers, org, access)?
    };
    crate::store::tenant::refresh_org(&state.db.lock(), state, &org.id)?;
    Ok((id, caller))
}

/// A workspace route's call, checked before the handler runs: the `{id}` path parameter is a
/// UUID, the caller may make it (`WRITE`: it changes something; `TOKEN`: the workspace's own
/// token may call it too, as WorkspaceAuth routes allow), and the org's workspaces are brought
/// up to date. Replaces the state, org, headers and path extractors and the `ws_route` call.
pub struct WsCall<const WRITE: bool, const TOKEN: bool> {
    pub state: AppState,
    pub org: TenantOrg,
    /// The workspace id, checked.
    pub id: String,
    pub caller: Caller,
}

/// A reading WorkspaceAuth route (the workspace's own token may call it).
pub type WsRead = WsCall<false, true>;
/// A writing WorkspaceAuth route.
pub type WsWrite = WsCall<true, true>;
/// A reading AdminAuth route about one workspace.
pub type WsAdminRead = WsCall<false, false>;
/// A writing AdminAuth route about one workspace.
pub type WsAdminWrite = WsCall<true, false>;

impl<const WRITE: bool, const TOKEN: bool> axum::extract::FromRequestParts<AppState>
    for WsCall<WRITE, TOKEN>
{
    type Rejection = ApiError;
    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, ApiError> {
        let org = parts
            .extensions
            .get::<TenantOrg>()
            .cloned()
            .ok_or_else(|| ApiError::internal("tenant route without its org"))?;
        let params = axum::extract::RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError::bad_request("the workspace id in the path is not valid"))?;
        let raw = params
            .iter()
            .find_map(|(k, v)| (k == "id").then(|| v.to_string()))
            .ok_or_else(|| ApiError::internal("workspace route without {id}"))?;
        let access = if WRITE { Access::Write } else { Access::Read };
        let (id, caller) = ws_route(state, &org, &parts.headers, &raw, access, TOKEN)?;
        Ok(Self {
            state: state.clone(),
            org,
            id,
            caller,
        })
    }
}
