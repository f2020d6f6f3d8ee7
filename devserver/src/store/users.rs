//! Users (created on first sign-in, or by the seed).

use rusqlite::{Connection, OptionalExtension};

pub fn exists(conn: &Connection, user_id: &str) -> rusqlite::Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM users WHERE id = ?1", [user_id], |_| Ok(()))
        .optional()?
        .is_some())
}
