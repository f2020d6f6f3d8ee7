//! Named values kept per database (`settings`): generated keys and secrets that must survive a
//! restart.

use rusqlite::{Connection, OptionalExtension, params};

pub fn get(conn: &Connection, name: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT value FROM settings WHERE name = ?1", [name], |r| {
        r.get(0)
    })
    .optional()
}

pub fn put(conn: &Connection, name: &str, value: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO settings (name, value) VALUES (?1, ?2)",
        params![name, value],
    )?;
    Ok(())
}
