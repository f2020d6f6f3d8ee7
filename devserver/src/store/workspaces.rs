//! Workspace writes: creation, single-field updates, budgets and removal, plus the lookups the
//! create and update checks need. Rows, reads and the simulated lifecycle are in `tenant.rs`.

use crate::{
    state::AppState,
    store::tenant::{WsRow, insert_event, set_status},
};
use rusqlite::{Connection, OptionalExtension, ToSql, params};
use serde_json::json;

/// A new `workspaces` row (tier is always 4; created and updated at `now`).
pub struct NewRow<'a> {
    pub id: &'a str,
    pub org_id: &'a str,
    pub name: &'a str,
    pub role: Option<&'a str>,
    pub status: &'a str,
    pub now: i64,
    pub online_since: Option<i64>,
    pub url: &'a str,
    pub parent_id: Option<&'a str>,
    pub max_concurrent_tasks: i64,
    pub runtime: &'a str,
    pub model: Option<&'a str>,
    pub template: Option<&'a str>,
    pub workspace_dir: Option<&'a str>,
    pub x: f64,
    pub y: f64,
    pub compute: &'a str,
    pub agent_card: Option<&'a str>,
    pub delivery_mode: &'a str,
    pub workspace_access: &'a str,
    pub bundle_extra: &'a str,
    pub external: bool,
}

pub fn insert(conn: &Connection, w: &NewRow) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO workspaces (id, org_id, name, role, tier, status, status_since, online_since, url, parent_id,
            max_concurrent_tasks, runtime, model, template, workspace_dir, x, y, compute, agent_card, delivery_mode,
            workspace_access, bundle_extra, external, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, 4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?6, ?6)",
        params![
            w.id,
            w.org_id,
            w.name,
            w.role,
            w.status,
            w.now,
            w.online_since,
            w.url,
            w.parent_id,
            w.max_concurrent_tasks,
            w.runtime,
            w.model,
            w.template,
            w.workspace_dir,
            w.x,
            w.y,
            w.compute,
            w.agent_card,
            w.delivery_mode,
            w.workspace_access,
            w.bundle_extra,
            w.external as i64,
        ],
    )?;
    Ok(())
}

/// How many workspaces of the org are not removed.
pub fn live_count(conn: &Connection, org_id: &str) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT COUNT(*) FROM workspaces WHERE org_id = ?1 AND status <> 'removed'",
        [org_id],
        |r| r.get(0),
    )
}

/// Whether a workspace of the org that is not removed has this name.
pub fn name_taken(conn: &Connection, org_id: &str, name: &str) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT COUNT(*) FROM workspaces WHERE org_id = ?1 AND name = ?2 AND status <> 'removed'",
        params![org_id, name],
        |r| r.get::<_, i64>(0),
    )
    .map(|c| c > 0)
}

/// (runtime, model) of an org's workspace template.
pub fn template_runtime_model(
    conn: &Connection,
    org_id: &str,
    template_id: &str,
) -> rusqlite::Result<Option<(String, String)>> {
    conn.query_row(
        "SELECT runtime, model FROM workspace_templates WHERE org_id = ?1 AND id = ?2",
        params![org_id, template_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
}

/// Columns a route sets one at a time.
#[derive(Debug, Clone, Copy)]
pub enum Column {
    Name,
    Role,
    ParentId,
    Collapsed,
    Runtime,
    WorkspaceDir,
    Compute,
    Model,
    BroadcastEnabled,
    TalkToUserEnabled,
}

impl Column {
    fn sql(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::Role => "role",
            Column::ParentId => "parent_id",
            Column::Collapsed => "collapsed",
            Column::Runtime => "runtime",
            Column::WorkspaceDir => "workspace_dir",
            Column::Compute => "compute",
            Column::Model => "model",
            Column::BroadcastEnabled => "broadcast_enabled",
            Column::TalkToUserEnabled => "talk_to_user_enabled",
        }
    }
}

/// Sets one column of a workspace.
pub fn set(conn: &Connection, id: &str, column: Column, value: impl ToSql) -> rusqlite::Result<()> {
    conn.execute(
        &format!("UPDATE workspaces SET {} = ?2 WHERE id = ?1", column.sql()),
        params![id, value],
    )?;
    Ok(())
}

/// The canvas position.
pub fn set_position(conn: &Connection, id: &str, x: f64, y: f64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE workspaces SET x = ?2, y = ?3 WHERE id = ?1",
        params![id, x, y],
    )?;
    Ok(())
}

pub fn touch(conn: &Connection, id: &str, now: i64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE workspaces SET updated_at = ?2 WHERE id = ?1",
        params![id, now],
    )?;
    Ok(())
}

/// The LLM billing mode override (`None` clears it).
pub fn set_billing_mode(
    conn: &Connection,
    id: &str,
    mode: Option<&str>,
    now: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE workspaces SET billing_mode = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, mode, now],
    )?;
    Ok(())
}

/// How many enabled schedules the workspace has.
pub fn enabled_schedules(conn: &Connection, id: &str) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT COUNT(*) FROM schedules WHERE workspace_id = ?1 AND enabled = 1",
        [id],
        |r| r.get(0),
    )
}

/// The workspace's events in order: (event type, at).
pub fn event_log(conn: &Connection, id: &str) -> rusqlite::Result<Vec<(String, i64)>> {
    conn.prepare(
        "SELECT event_type, created_at FROM events WHERE workspace_id = ?1 ORDER BY created_at, rowid",
    )?
    .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
    .collect()
}

/// A monthly budget limit (at creation).
pub fn add_monthly_budget(conn: &Connection, id: &str, limit_cents: i64) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO workspace_budgets (workspace_id, period, limit_cents) VALUES (?1, 'monthly', ?2)",
        params![id, limit_cents],
    )?;
    Ok(())
}

/// Replaces the workspace's budget limits with these (period, limit) pairs; `None` sets none.
pub fn replace_budgets(
    conn: &Connection,
    id: &str,
    limits: &[(String, Option<i64>)],
) -> rusqlite::Result<()> {
    conn.execute(
        "DELETE FROM workspace_budgets WHERE workspace_id = ?1",
        [id],
    )?;
    for (period, limit) in limits {
        if let Some(l) = limit {
            conn.execute(
                "INSERT INTO workspace_budgets (workspace_id, period, limit_cents) VALUES (?1, ?2, ?3)",
                params![id, period, l],
            )?;
        }
    }
    Ok(())
}
/// Marks a workspace removed (or deletes its rows): tokens revoked, schedules disabled.
pub fn remove(
    conn: &Connection,
    state: &AppState,
    w: &WsRow,
    purge: bool,
    now: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE workspace_tokens SET revoked_at = ?2 WHERE workspace_id = ?1 AND revoked_at IS NULL",
        params![w.id, now],
    )?;
    conn.execute(
        "UPDATE schedules SET enabled = 0 WHERE workspace_id = ?1",
        [&w.id],
    )?;
    if purge {
        for sql in [
            "DELETE FROM workspaces WHERE id = ?1",
            "DELETE FROM workspace_budgets WHERE workspace_id = ?1",
            "DELETE FROM secrets WHERE workspace_id = ?1",
            "DELETE FROM workspace_tokens WHERE workspace_id = ?1",
            "DELETE FROM schedules WHERE workspace_id = ?1",
            "DELETE FROM plugin_allowlist WHERE root_id = ?1",
        ] {
            conn.execute(sql, [&w.id])?;
        }
        insert_event(
            conn,
            &w.org_id,
            Some(&w.id),
            "WORKSPACE_PURGED",
            json!({}),
            now,
        )
    } else {
        set_status(conn, state, w, "removed")?;
        conn.execute(
            "UPDATE workspaces SET removed_at = ?2 WHERE id = ?1",
            params![w.id, now],
        )?;
        Ok(())
    }
}
