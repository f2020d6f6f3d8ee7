//! Org API Keys and workspace tokens: 32 random bytes base64url, stored as a SHA-256 hash with an
//! 8-character prefix.

use crate::clock::ts;
use crate::{
    crypto::{hash_token, random_token},
    error::{ApiError, ApiResult},
    state::AppState,
};
use molecule_sdk::types::{OrgToken, WorkspaceToken};
use rusqlite::{Connection, OptionalExtension, params};

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
    let live = live_workspace_tokens(conn, workspace_id)?;
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

/// The org's live API keys, newest first (at most 500).
pub fn org_tokens(conn: &Connection, org_id: &str) -> rusqlite::Result<Vec<OrgToken>> {
    let mut stmt = conn.prepare(
        "SELECT id, prefix, name, org_id, created_by, created_at, last_used_at FROM org_tokens
         WHERE org_id = ?1 AND revoked_at IS NULL ORDER BY created_at DESC, rowid DESC LIMIT 500",
    )?;
    stmt.query_map([org_id], |r| {
        Ok(OrgToken {
            id: r.get::<_, String>(0)?.parse().unwrap_or_default(),
            prefix: r
                .get::<_, String>(1)?
                .parse()
                .expect("stored prefixes are 8 characters"),
            name: r.get(2)?,
            org_id: r.get::<_, String>(3)?.parse().ok(),
            created_by: r.get(4)?,
            created_at: ts(r.get(5)?),
            last_used_at: r.get::<_, Option<i64>>(6)?.map(ts),
        })
    })?
    .collect()
}

/// Revokes a live org key of this org; false when there was none.
pub fn revoke_org_token(
    conn: &Connection,
    org_id: &str,
    id: &str,
    now: i64,
) -> rusqlite::Result<bool> {
    Ok(conn.execute(
        "UPDATE org_tokens SET revoked_at = ?3 WHERE id = ?1 AND org_id = ?2 AND revoked_at IS NULL",
        params![id, org_id, now],
    )? > 0)
}

/// How many live tokens the workspace has.
pub fn live_workspace_tokens(conn: &Connection, workspace_id: &str) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT COUNT(*) FROM workspace_tokens WHERE workspace_id = ?1 AND revoked_at IS NULL",
        [workspace_id],
        |r| r.get(0),
    )
}

/// One page of the workspace's live tokens, newest first.
pub fn workspace_tokens(
    conn: &Connection,
    workspace_id: &str,
    limit: i64,
    offset: i64,
) -> rusqlite::Result<Vec<WorkspaceToken>> {
    let mut stmt = conn.prepare(
        "SELECT id, prefix, created_at, last_used_at FROM workspace_tokens WHERE workspace_id = ?1 AND revoked_at IS NULL
         ORDER BY created_at DESC, rowid DESC LIMIT ?2 OFFSET ?3",
    )?;
    stmt.query_map(params![workspace_id, limit, offset], |r| {
        Ok(WorkspaceToken {
            id: r.get::<_, String>(0)?.parse().unwrap_or_default(),
            prefix: r.get(1)?,
            created_at: ts(r.get(2)?),
            last_used_at: r.get::<_, Option<i64>>(3)?.map(ts),
        })
    })?
    .collect()
}

/// Revokes a live token of the workspace; false when there was none.
pub fn revoke_workspace_token(
    conn: &Connection,
    org_id: &str,
    workspace_id: &str,
    id: &str,
    now: i64,
) -> rusqlite::Result<bool> {
    Ok(conn.execute(
        "UPDATE workspace_tokens SET revoked_at = ?4 WHERE id = ?1 AND workspace_id = ?2 AND org_id = ?3 AND revoked_at IS NULL",
        params![id, workspace_id, org_id, now],
    )? > 0)
}

/// The live org key with this hash: (id, prefix, org id).
pub fn org_token_by_hash(
    conn: &Connection,
    token_hash: &str,
) -> rusqlite::Result<Option<(String, String, String)>> {
    conn.query_row(
        "SELECT id, prefix, org_id FROM org_tokens WHERE token_hash = ?1 AND revoked_at IS NULL",
        [token_hash],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .optional()
}

pub fn touch_org_token(conn: &Connection, id: &str, now: i64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE org_tokens SET last_used_at = ?2 WHERE id = ?1",
        params![id, now],
    )?;
    Ok(())
}

/// The live workspace token with this hash in the org: (id, workspace id).
pub fn workspace_token_by_hash(
    conn: &Connection,
    org_id: &str,
    token_hash: &str,
) -> rusqlite::Result<Option<(String, String)>> {
    conn.query_row(
        "SELECT id, workspace_id FROM workspace_tokens WHERE token_hash = ?1 AND org_id = ?2 AND revoked_at IS NULL",
        params![token_hash, org_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
}

pub fn touch_workspace_token(conn: &Connection, id: &str, now: i64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE workspace_tokens SET last_used_at = ?2 WHERE id = ?1",
        params![id, now],
    )?;
    Ok(())
}
