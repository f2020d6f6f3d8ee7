//! SQLite storage: one connection behind a mutex (the devserver is single-user and every
//! statement is short), WAL journal, numbered migrations recorded in `schema_migrations`.
//!
//! A new migration is a file in `migrations/` plus an entry in [`MIGRATIONS`]; versions must stay
//! in ascending order. Every other statement lives in `store/`.

use rusqlite::{Connection, OptionalExtension, params};
use std::{
    path::Path,
    sync::{Arc, Mutex, MutexGuard},
};

/// Ordered migrations: (version, name, SQL).
pub const MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "control_plane",
        include_str!("../migrations/0001_control_plane.sql"),
    ),
    (2, "tenant", include_str!("../migrations/0002_tenant.sql")),
    (
        3,
        "real_platform",
        include_str!("../migrations/0003_real_platform.sql"),
    ),
    (
        4,
        "handoff_binding",
        include_str!("../migrations/0004_handoff_binding.sql"),
    ),
    (
        5,
        "code_login",
        include_str!("../migrations/0005_code_login.sql"),
    ),
    (
        6,
        "approval_decisions",
        include_str!("../migrations/0006_approval_decisions.sql"),
    ),
    (
        7,
        "workspace_list_order",
        include_str!("../migrations/0007_workspace_list_order.sql"),
    ),
];

/// Shared handle to the database.
#[derive(Clone)]
pub struct Db {
    conn: Arc<Mutex<Connection>>,
}

impl Db {
    /// Opens (creating if needed) and migrates the database at `path`.
    pub fn open(path: &Path) -> Result<Db, String> {
        let conn = Connection::open(path)
            .map_err(|e| format!("cannot open database {}: {e}", path.display()))?;
        Self::init(conn).map_err(|e| format!("cannot use database {}: {e}", path.display()))
    }

    /// A private in-memory database (tests).
    pub fn memory() -> Db {
        Self::init(Connection::open_in_memory().expect("in-memory sqlite"))
            .expect("migrations apply")
    }

    fn init(conn: Connection) -> Result<Db, rusqlite::Error> {
        // WAL is refused for in-memory databases; that is fine.
        let _: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        conn.execute_batch(
            "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;",
        )?;
        migrate(&conn)?;
        Ok(Db {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// Locks the connection. Never hold the guard across an `.await`.
    pub fn lock(&self) -> MutexGuard<'_, Connection> {
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Writes the WAL back into the main file (used on shutdown).
    pub fn checkpoint(&self) {
        let conn = self.lock();
        if let Err(e) = conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);") {
            tracing::warn!(error = %e, "WAL checkpoint failed");
        }
    }
}

fn migrate(conn: &Connection) -> Result<(), rusqlite::Error> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)",
    )?;
    for (version, name, sql) in MIGRATIONS {
        let done: Option<i64> = conn
            .query_row(
                "SELECT version FROM schema_migrations WHERE version = ?1",
                [version],
                |r| r.get(0),
            )
            .optional()?;
        if done.is_some() {
            continue;
        }
        conn.execute_batch(&format!("BEGIN; {sql}\nCOMMIT;"))
            .inspect_err(|_| {
                let _ = conn.execute_batch("ROLLBACK;");
            })?;
        conn.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
            params![version, name, chrono::Utc::now().timestamp_millis()],
        )?;
        tracing::info!(version, name, "applied migration");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_ordered_and_idempotent() {
        assert!(MIGRATIONS.windows(2).all(|w| w[0].0 < w[1].0));
        let dir = std::env::temp_dir().join(format!("mdv-{}.sqlite", uuid::Uuid::new_v4()));
        Db::open(&dir).unwrap();
        let db = Db::open(&dir).unwrap();
        let n: i64 = db
            .lock()
            .query_row("SELECT COUNT(*) FROM schema_migrations", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, MIGRATIONS.len() as i64);
        let _ = std::fs::remove_file(&dir);
    }
}
