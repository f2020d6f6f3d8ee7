//! Org API Keys (`/org/tokens`) and per-workspace tokens. Both are 32 random bytes base64url
//! (43 characters, no padding), shown once, stored as SHA-256 hashes with an 8-character prefix,
//! revocable, with `last_used_at` updated on use. Limits: 10 org keys minted per org per hour
//! (429 + Retry-After), 50 live tokens per workspace (429 `TOKEN_LIMIT_REACHED`).

use super::{
    access::{self, Access},
    guard::TenantOrg,
};
use crate::{
    api::{Params, decode, json, rate_limited},
    error::{ApiError, ApiResult},
    state::AppState,
    store::{
        tenant as store,
        tokens::{self, insert_org_token, insert_workspace_token},
    },
};
use axum::{
    Extension, Router,
    extract::{Path, State},
    http::HeaderMap,
    response::Response,
    routing::{delete, get, post},
};
use molecule_sdk::types::{
    MintOrgTokenRequest, MintedOrgToken, MintedWorkspaceToken, OrgTokenList, OrgTokenRevoked,
    WorkspaceTokenList, WorkspaceTokenRevoked, WorkspaceTokenRevokedStatus,
};

pub const ORG_MINTS_PER_HOUR: u32 = 10;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/org/tokens", get(list_org).post(mint_org))
        .route("/org/tokens/{id}", delete(revoke_org))
        .route("/workspaces/{id}/tokens", get(list_ws).post(mint_ws))
        .route("/workspaces/{id}/tokens/{token_id}", delete(revoke_ws))
        .route("/admin/workspaces/{id}/tokens", post(admin_mint_ws))
}

async fn list_org(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    access::admin(&state, &headers, &org, Access::Read)?;
    let conn = state.db.lock();
    let tokens = tokens::org_tokens(&conn, &org.id)?;
    Ok(json(
        200,
        &OrgTokenList {
            count: tokens.len() as i32,
            tokens,
        },
    ))
}

async fn mint_org(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    crate::api::RawBody(body): crate::api::RawBody,
) -> ApiResult<Response> {
    let caller = access::admin(&state, &headers, &org, Access::Write)?;
    let req: MintOrgTokenRequest = if body.iter().all(u8::is_ascii_whitespace) {
        MintOrgTokenRequest::default()
    } else {
        let v: serde_json::Value = serde_json::from_slice(&body)
            .map_err(|_| ApiError::bad_request("invalid JSON body"))?;
        crate::api::check_text_fields(&v)?;
        if v.get("name")
            .and_then(|n| n.as_str())
            .is_some_and(|n| n.chars().count() > 100)
        {
            return Err(ApiError::bad_request("name too long (max 100 chars)").field("name"));
        }
        decode(v)?
    };
    if let Err(retry) = state.rate_limit(
        &format!("org-token-mint:{}", org.id),
        ORG_MINTS_PER_HOUR,
        3600,
    ) {
        return Err(rate_limited(retry));
    }
    let name = req.name.map(|n| n.to_string()).filter(|n| !n.is_empty());
    let (token, id) = insert_org_token(
        &state.db.lock(),
        &org.id,
        name.as_deref(),
        &caller.provenance(),
        None,
        state.clock.now_ms(),
    )?;
    tracing::info!(token_id = %id, "org API key minted");
    Ok(json(
        200,
        &MintedOrgToken {
            id: id.parse().unwrap_or_default(),
            prefix: token[..8].to_string(),
            name,
            auth_token: token,
            warning: "copy this token now; it will not be shown again".into(),
        },
    ))
}

async fn revoke_org(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    access::admin(&state, &headers, &org, Access::Write)?;
    let Ok(id) = uuid::Uuid::parse_str(&id).map(|u| u.to_string()) else {
        return Err(ApiError::not_found("token not found or already revoked"));
    };
    if !tokens::revoke_org_token(&state.db.lock(), &org.id, &id, state.clock.now_ms())? {
        return Err(ApiError::not_found("token not found or already revoked"));
    }
    Ok(json(
        200,
        &OrgTokenRevoked {
            revoked: id.parse().unwrap_or_default(),
        },
    ))
}

/// `?limit=&offset=` of the workspace token list (lenient: see [`list_ws`]).
#[derive(serde::Deserialize)]
struct Page {
    limit: Option<String>,
    offset: Option<String>,
}

async fn list_ws(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Params(q): Params<Page>,
) -> ApiResult<Response> {
    let id = store::uuid_param(&id)?;
    access::workspace(&state, &headers, &org, &id, Access::Read)?;
    // Like tokens.go@aeec8e47: a limit outside 1..200 (or not a number) means 50, a negative or
    // unreadable offset means 0; never a 400.
    let number = |v: &Option<String>| v.as_deref().and_then(|v| v.parse::<i64>().ok());
    let limit = number(&q.limit)
        .filter(|n| (1..=200).contains(n))
        .unwrap_or(50);
    let offset = number(&q.offset).filter(|n| *n >= 0).unwrap_or(0);
    let conn = state.db.lock();
    store::live(&conn, &org.id, &id)?;
    let count = tokens::live_workspace_tokens(&conn, &id)?;
    let tokens = tokens::workspace_tokens(&conn, &id, limit, offset)?;
    Ok(json(
        200,
        &WorkspaceTokenList {
            tokens,
            count: count as i32,
        },
    ))
}

fn mint_for(state: &AppState, org: &TenantOrg, id: &str) -> ApiResult<Response> {
    let conn = state.db.lock();
    store::live(&conn, &org.id, id)?;
    let (token, token_id) = insert_workspace_token(&conn, state, &org.id, id)?;
    tracing::info!(workspace = %id, token_id = %token_id, "workspace token minted");
    Ok(json(
        201,
        &MintedWorkspaceToken {
            auth_token: token,
            workspace_id: id.parse().unwrap_or_default(),
            message: "Save this token now — it cannot be retrieved again.".into(),
        },
    ))
}

async fn mint_ws(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let id = store::uuid_param(&id)?;
    access::workspace(&state, &headers, &org, &id, Access::Write)?;
    mint_for(&state, &org, &id)
}

async fn admin_mint_ws(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let id = store::uuid_param(&id)?;
    access::admin(&state, &headers, &org, Access::Write)?;
    mint_for(&state, &org, &id)
}

async fn revoke_ws(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    Path((id, token_id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let id = store::uuid_param(&id)?;
    access::workspace(&state, &headers, &org, &id, Access::Write)?;
    let revoked = tokens::revoke_workspace_token(
        &state.db.lock(),
        &org.id,
        &id,
        &token_id.to_ascii_lowercase(),
        state.clock.now_ms(),
    )?;
    if !revoked {
        return Err(ApiError::not_found("token"));
    }
    Ok(json(
        200,
        &WorkspaceTokenRevoked {
            status: WorkspaceTokenRevokedStatus::Revoked,
        },
    ))
}
