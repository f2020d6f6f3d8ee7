//! Workspace instances launched through the provisioning API (`workspace_instances`), and the
//! lookups a launch checks.

use rusqlite::{Connection, OptionalExtension, params};

/// An org that may run workspaces (neither purged nor waiting for its first payment).
pub fn org_can_provision(conn: &Connection, org_id: &str) -> rusqlite::Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM orgs WHERE id = ?1 AND status NOT IN ('purged', 'awaiting_payment')",
            [org_id],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Whether any region pins an image for the runtime.
pub fn runtime_pinned(conn: &Connection, runtime: &str) -> rusqlite::Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM runtime_image_pins WHERE template_name = ?1 LIMIT 1",
            [runtime],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// How many instances were ever launched (numbers the private addresses).
pub fn launched_count(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("SELECT COUNT(*) FROM workspace_instances", [], |r| r.get(0))
}

/// A launched instance.
pub struct Launched {
    pub instance_id: String,
    pub workspace_id: String,
    pub runtime: String,
    pub private_ip: String,
    pub launched_at: i64,
    pub terminated_at: Option<i64>,
}

pub fn insert(
    conn: &Connection,
    l: &Launched,
    org_id: &str,
    idempotency_key: Option<&str>,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO workspace_instances (instance_id, workspace_id, org_id, runtime, private_ip, launched_at, idempotency_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![l.instance_id, l.workspace_id, org_id, l.runtime, l.private_ip, l.launched_at, idempotency_key],
    )?;
    Ok(())
}

/// The latest instance the org launched with this idempotency key.
pub fn by_idempotency_key(
    conn: &Connection,
    org_id: &str,
    key: &str,
) -> rusqlite::Result<Option<Launched>> {
    conn.query_row(
        "SELECT instance_id, workspace_id, runtime, private_ip, launched_at, terminated_at FROM workspace_instances
         WHERE org_id = ?1 AND idempotency_key = ?2 ORDER BY launched_at DESC LIMIT 1",
        params![org_id, key],
        |r| {
            Ok(Launched {
                instance_id: r.get(0)?,
                workspace_id: r.get(1)?,
                runtime: r.get(2)?,
                private_ip: r.get(3)?,
                launched_at: r.get(4)?,
                terminated_at: r.get(5)?,
            })
        },
    )
    .optional()
}

/// (private ip, launched at, terminated at) of one instance of the org's workspace.
pub fn status(
    conn: &Connection,
    org_id: &str,
    workspace_id: &str,
    instance_id: &str,
) -> rusqlite::Result<Option<(String, i64, Option<i64>)>> {
    conn.query_row(
        "SELECT private_ip, launched_at, terminated_at FROM workspace_instances
         WHERE instance_id = ?1 AND workspace_id = ?2 AND org_id = ?3",
        params![instance_id, workspace_id, org_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .optional()
}

/// Terminates (and optionally prunes the volume of) one instance of the org's workspace; false
/// when there is no such instance.
pub fn terminate(
    conn: &Connection,
    org_id: &str,
    workspace_id: &str,
    instance_id: &str,
    prune: bool,
    now: i64,
) -> rusqlite::Result<bool> {
    Ok(conn.execute(
        "UPDATE workspace_instances SET terminated_at = COALESCE(terminated_at, ?4), volume_pruned = MAX(volume_pruned, ?5)
         WHERE instance_id = ?1 AND workspace_id = ?2 AND org_id = ?3",
        params![instance_id, workspace_id, org_id, now, prune as i64],
    )? > 0)
}
