//! Org API Keys and workspace tokens: 32 random bytes base64url, stored as a SHA-256 hash with an
//! 8-character prefix.

use crate::{
    crypto::{hash_token, random_token},
    error::{ApiError, ApiResult},
    state::AppState,
};
use rusqlite::{Connection, params};

pub const MAX_LIVE_WORKSPACE_TOKENS: i64 = 50;

/// Inserts an org key with a known plaintext (seed) or a fresh one; returns (plaintext, id).
pub fn insert_org_token(
    conn: &Connection,
    org_id: &str,
    name: Option<&str>,
    created_by: &str,
    plaintext: Option<&str>,
    now: i64,
) -> rusqlite::Result<(String, String)> {
    let token = plaintext
        .map(str::to_string)
        .unwrap_or_else(|| random_token(32));
    let id = uuid::Uuid::new_v4().to_string();
    conn.execute(
        "INSERT INTO org_tokens (id, org_id, prefix, token_hash, name, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, org_id, &token[..8], hash_token(&token), name, created_by, now],
    )?;
    Ok((token, id))
}

/// Inserts a workspace token; returns (plaintext, id).
pub fn insert_workspace_token(
    conn: &Connection,
    state: &AppState,
    org_id: &str,
    workspace_id: &str,
) -> ApiResult<(String, String)> {
    let live: i64 = conn.query_row(
        "SELECT COUNT(*) FROM workspace_tokens WHERE workspace_id = ?1 AND revoked_at IS NULL",
        [workspace_id],
        |r| r.get(0),
    )?;
    if live >= MAX_LIVE_WORKSPACE_TOKENS {
        return Err(ApiError::code(
            429,
            "TOKEN_LIMIT_REACHED",
            "the workspace already has 50 live tokens; revoke one first",
        )
        .with(|e| e.retry_after = Some(60)));
    }
    Ok(insert_workspace_token_raw(
        conn,
        org_id,
        workspace_id,
        None,
        state.clock.now_ms(),
    )?)
}

pub fn insert_workspace_token_raw(
    conn: &Connection,
    org_id: &str,
    workspace_id: &str,
    plaintext: Option<&str>,
    now: i64,
) -> rusqlite::Result<(String, String)> {
    let token = plaintext
        .map(str::to_string)
        .unwrap_or_else(|| random_token(32));
    let id = uuid::Uuid::new_v4().to_string();
    conn.execute(
        "INSERT INTO workspace_tokens (id, org_id, workspace_id, prefix, token_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, org_id, workspace_id, &token[..8], hash_token(&token), now],
    )?;
    Ok((token, id))
}
