//! Sign-in state: sessions (grouped by the sign-in that created them, `login_id`), the hosted
//! sign-in's states and single-use codes, and the cross-host handoff tickets. Every secret is
//! looked up by its SHA-256 hash.

use rusqlite::{Connection, OptionalExtension, params};

/// The user behind a live session.
pub struct SessionRow {
    pub user_id: String,
    pub email: String,
    pub name: String,
    pub login_id: String,
    pub terms_accepted_at: Option<i64>,
}

/// The live session with this token hash.
pub fn session(
    conn: &Connection,
    token_hash: &str,
    now: i64,
) -> rusqlite::Result<Option<SessionRow>> {
    conn.query_row(
        "SELECT u.id, u.email, u.name, s.login_id, u.terms_accepted_at FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = ?1 AND s.expires_at > ?2",
        params![token_hash, now],
        |r| {
            Ok(SessionRow {
                user_id: r.get(0)?,
                email: r.get(1)?,
                name: r.get(2)?,
                login_id: r.get(3)?,
                terms_accepted_at: r.get(4)?,
            })
        },
    )
    .optional()
}

pub fn insert_session(
    conn: &Connection,
    token_hash: &str,
    login_id: &str,
    user_id: &str,
    now: i64,
    expires_at: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO sessions (token_hash, login_id, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![token_hash, login_id, user_id, now, expires_at],
    )?;
    Ok(())
}

/// Whether a sign-in still has a live session on some host.
pub fn login_live(conn: &Connection, login_id: &str, now: i64) -> rusqlite::Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM sessions WHERE login_id = ?1 AND expires_at > ?2",
            params![login_id, now],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Sign-out: every session of the sign-in, on every host.
pub fn end_login(conn: &Connection, login_id: &str) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM sessions WHERE login_id = ?1", [login_id])?;
    Ok(())
}

/// A started sign-in (`auth_states`).
pub struct AuthState {
    pub return_to: String,
    pub callback_url: String,
    pub screen: String,
    pub created_at: i64,
    pub used: bool,
}

pub fn insert_state(
    conn: &Connection,
    state_hash: &str,
    return_to: &str,
    callback_url: &str,
    screen: &str,
    now: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO auth_states (state_hash, return_to, callback_url, screen, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![state_hash, return_to, callback_url, screen, now],
    )?;
    Ok(())
}

pub fn auth_state(conn: &Connection, state_hash: &str) -> rusqlite::Result<Option<AuthState>> {
    conn.query_row(
        "SELECT return_to, callback_url, screen, created_at, used FROM auth_states WHERE state_hash = ?1",
        [state_hash],
        |r| {
            Ok(AuthState {
                return_to: r.get(0)?,
                callback_url: r.get(1)?,
                screen: r.get(2)?,
                created_at: r.get(3)?,
                used: r.get::<_, i64>(4)? != 0,
            })
        },
    )
    .optional()
}

/// A code the hosted sign-in page issued (`auth_codes`).
pub struct AuthCode {
    pub user_id: String,
    /// The sign-in the code continues (a browser already signed in on another host).
    pub login_id: Option<String>,
    pub state_hash: String,
    pub created_at: i64,
    pub used: bool,
}

pub fn insert_code(
    conn: &Connection,
    code_hash: &str,
    state_hash: &str,
    user_id: &str,
    login_id: Option<&str>,
    now: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO auth_codes (code_hash, state_hash, user_id, created_at, login_id) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![code_hash, state_hash, user_id, now, login_id],
    )?;
    Ok(())
}

pub fn auth_code(conn: &Connection, code_hash: &str) -> rusqlite::Result<Option<AuthCode>> {
    conn.query_row(
        "SELECT user_id, state_hash, created_at, used, login_id FROM auth_codes WHERE code_hash = ?1",
        [code_hash],
        |r| {
            Ok(AuthCode {
                user_id: r.get(0)?,
                state_hash: r.get(1)?,
                created_at: r.get(2)?,
                used: r.get::<_, i64>(3)? != 0,
                login_id: r.get(4)?,
            })
        },
    )
    .optional()
}

/// Uses up a code and its state.
pub fn consume_code(conn: &Connection, code_hash: &str, state_hash: &str) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE auth_codes SET used = 1 WHERE code_hash = ?1",
        [code_hash],
    )?;
    conn.execute(
        "UPDATE auth_states SET used = 1 WHERE state_hash = ?1",
        [state_hash],
    )?;
    Ok(())
}

/// A cross-host handoff ticket (`auth_handoffs`).
pub struct Handoff {
    pub login_id: String,
    pub user_id: String,
    pub target_host: String,
    pub source_host: String,
    pub return_to: String,
    pub created_at: i64,
    pub used: bool,
    pub binding_hash: Option<String>,
}

#[allow(clippy::too_many_arguments)]
pub fn insert_handoff(
    conn: &Connection,
    ticket_hash: &str,
    login_id: &str,
    user_id: &str,
    target_host: &str,
    return_to: &str,
    now: i64,
    source_host: &str,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO auth_handoffs (ticket_hash, login_id, user_id, target_host, return_to, created_at, source_host) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![ticket_hash, login_id, user_id, target_host, return_to, now, source_host],
    )?;
    Ok(())
}

pub fn handoff(conn: &Connection, ticket_hash: &str) -> rusqlite::Result<Option<Handoff>> {
    conn.query_row(
        "SELECT login_id, user_id, target_host, source_host, return_to, created_at, used, binding_hash FROM auth_handoffs WHERE ticket_hash = ?1",
        [ticket_hash],
        |r| {
            Ok(Handoff {
                login_id: r.get(0)?,
                user_id: r.get(1)?,
                target_host: r.get(2)?,
                source_host: r.get(3)?,
                return_to: r.get(4)?,
                created_at: r.get(5)?,
                used: r.get::<_, i64>(6)? != 0,
                binding_hash: r.get(7)?,
            })
        },
    )
    .optional()
}

/// Binds an unused, unbound ticket to a browser's nonce; false when it was not.
pub fn bind_handoff(
    conn: &Connection,
    ticket_hash: &str,
    nonce_hash: &str,
) -> rusqlite::Result<bool> {
    Ok(conn.execute(
        "UPDATE auth_handoffs SET binding_hash = ?2 WHERE ticket_hash = ?1 AND binding_hash IS NULL AND used = 0",
        params![ticket_hash, nonce_hash],
    )? > 0)
}

/// Uses up a ticket; false when it was used already.
pub fn redeem_handoff(conn: &Connection, ticket_hash: &str) -> rusqlite::Result<bool> {
    Ok(conn.execute(
        "UPDATE auth_handoffs SET used = 1 WHERE ticket_hash = ?1 AND used = 0",
        [ticket_hash],
    )? > 0)
}
