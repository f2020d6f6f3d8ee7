//! Invitations: one row per invitation, its secret token stored only as a hash.

use rusqlite::{Connection, OptionalExtension, params};

/// One `invitations` row.
pub struct Row {
    pub id: String,
    pub org_id: String,
    pub email: String,
    pub role: String,
    pub status: String,
    pub invited_by: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub accepted_at: Option<i64>,
    pub last_sent_at: i64,
}

const COLUMNS: &str = "id, org_id, email, role, status, invited_by, created_at, expires_at, accepted_at, last_sent_at";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Row> {
    Ok(Row {
        id: r.get(0)?,
        org_id: r.get(1)?,
        email: r.get(2)?,
        role: r.get(3)?,
        status: r.get(4)?,
        invited_by: r.get(5)?,
        created_at: r.get(6)?,
        expires_at: r.get(7)?,
        accepted_at: r.get(8)?,
        last_sent_at: r.get(9)?,
    })
}

/// Marks pending invitations past their expiry as expired.
pub fn expire(conn: &Connection, now: i64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE invitations SET status = 'expired' WHERE status = 'pending' AND expires_at <= ?1",
        [now],
    )?;
    Ok(())
}

/// An org's invitations, newest first, optionally of one status.
pub fn list(conn: &Connection, org_id: &str, status: Option<&str>) -> rusqlite::Result<Vec<Row>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM invitations WHERE org_id = ?1 AND (?2 IS NULL OR status = ?2) ORDER BY created_at DESC, id"
    ))?;
    stmt.query_map(params![org_id, status], from_row)?.collect()
}

/// Whether someone with this email is already a member of the org.
pub fn email_is_member(conn: &Connection, org_id: &str, email: &str) -> rusqlite::Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM members m JOIN users u ON u.id = m.user_id WHERE m.org_id = ?1 AND u.email = ?2",
            params![org_id, email],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Whether a pending invitation for this email exists in the org.
pub fn pending_for(conn: &Connection, org_id: &str, email: &str) -> rusqlite::Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM invitations WHERE org_id = ?1 AND email = ?2 AND status = 'pending'",
            params![org_id, email],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// How many invitations the org created after `since`.
pub fn created_since(conn: &Connection, org_id: &str, since: i64) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT COUNT(*) FROM invitations WHERE org_id = ?1 AND created_at > ?2",
        params![org_id, since],
        |r| r.get(0),
    )
}

pub fn insert(conn: &Connection, row: &Row, token_hash: &str) -> rusqlite::Result<()> {
    conn.execute(
        &format!("INSERT INTO invitations ({COLUMNS}, token_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"),
        params![
            row.id,
            row.org_id,
            row.email,
            row.role,
            row.status,
            row.invited_by,
            row.created_at,
            row.expires_at,
            row.accepted_at,
            row.last_sent_at,
            token_hash
        ],
    )?;
    Ok(())
}

/// One invitation of an org.
pub fn find(conn: &Connection, org_id: &str, id: &str) -> rusqlite::Result<Option<Row>> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM invitations WHERE org_id = ?1 AND id = ?2"),
        params![org_id, id],
        from_row,
    )
    .optional()
}

/// The invitation with this token hash in a live org, with the org's slug and name.
pub fn by_token_hash(
    conn: &Connection,
    token_hash: &str,
) -> rusqlite::Result<Option<(Row, String, String)>> {
    conn.query_row(
        &format!(
            "SELECT {}, o.slug, o.name FROM invitations i JOIN orgs o ON o.id = i.org_id WHERE i.token_hash = ?1 AND o.status <> 'purged'",
            COLUMNS.split(", ").map(|c| format!("i.{c}")).collect::<Vec<_>>().join(", ")
        ),
        [token_hash],
        |r| Ok((from_row(r)?, r.get(10)?, r.get(11)?)),
    )
    .optional()
}

pub fn revoke(conn: &Connection, id: &str) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE invitations SET status = 'revoked' WHERE id = ?1",
        [id],
    )?;
    Ok(())
}

/// A resend: a new token, a new expiry.
pub fn renew(
    conn: &Connection,
    id: &str,
    token_hash: &str,
    expires_at: i64,
    now: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE invitations SET token_hash = ?2, expires_at = ?3, last_sent_at = ?4 WHERE id = ?1",
        params![id, token_hash, expires_at, now],
    )?;
    Ok(())
}

pub fn mark_accepted(conn: &Connection, id: &str, now: i64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE invitations SET status = 'accepted', accepted_at = ?2 WHERE id = ?1",
        params![id, now],
    )?;
    Ok(())
}
