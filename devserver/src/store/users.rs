//! Users (created on first sign-in, or by the seed).

use rusqlite::{Connection, OptionalExtension};

pub fn exists(conn: &Connection, user_id: &str) -> rusqlite::Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM users WHERE id = ?1", [user_id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// A user's display name.
pub fn name(conn: &Connection, user_id: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT name FROM users WHERE id = ?1", [user_id], |r| {
        r.get(0)
    })
    .optional()
}

pub fn accept_terms(
    conn: &Connection,
    user_id: &str,
    now: i64,
    version: &str,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE users SET terms_accepted_at = ?2, terms_version = ?3 WHERE id = ?1",
        rusqlite::params![user_id, now, version],
    )?;
    Ok(())
}

/// The first users (oldest first), as (id, email, name): the hosted sign-in page's list.
pub fn first(conn: &Connection, limit: i64) -> rusqlite::Result<Vec<(String, String, String)>> {
    conn.prepare("SELECT id, email, name FROM users ORDER BY created_at, email LIMIT ?1")?
        .query_map([limit], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect()
}

pub fn id_by_email(conn: &Connection, email: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT id FROM users WHERE email = ?1", [email], |r| {
        r.get(0)
    })
    .optional()
}

pub fn insert(
    conn: &Connection,
    id: &str,
    email: &str,
    name: &str,
    now: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO users (id, email, name, created_at) VALUES (?1, ?2, ?3, ?4)",
        rusqlite::params![id, email, name, now],
    )?;
    Ok(())
}

/// How many users exist (the seed only fills an empty database).
pub fn count(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("SELECT COUNT(*) FROM users", [], |r| r.get(0))
}
