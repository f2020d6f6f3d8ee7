//! Workspace rows, reads and the simulated lifecycle shared by every tenant route (writes are in
//! `workspaces.rs`).
//!
//! Simulation (driven by `clock.rs`, `Config.clock_speed` simulated seconds per real second):
//! - `provisioning` becomes `online` [`BOOT_SECS`] simulated seconds after it started (checked
//!   lazily on every tenant request, so reads always see the current state);
//! - while `online` a workspace spends [`SPEND_CENTS_PER_HOUR`] cents per simulated hour on top
//!   of its `base_spend`; leaving `online` folds the accrued spend into `base_spend`;
//! - `uptime_seconds` counts simulated seconds since it last came online.

use crate::{clock::ts, error::ApiError, state::AppState};
use molecule_sdk::types::{Budget, BudgetPeriod, BudgetPeriods, Workspace, WorkspaceCompute};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Value, json};

/// Simulated seconds from `provisioning` to `online`.
pub const BOOT_SECS: f64 = 5.0;
/// Simulated spend of an online workspace.
pub const SPEND_CENTS_PER_HOUR: f64 = 60.0;
/// Budget periods and their rolling windows (seconds).
pub const PERIODS: [(&str, i64); 4] = [
    ("hourly", 3_600),
    ("daily", 86_400),
    ("weekly", 604_800),
    ("monthly", 2_592_000),
];
/// Runtimes the platform cannot restart (restart answers `noop`).
pub const NOOP_RUNTIMES: &[&str] = &["external", "kimi", "kimi-cli", "mock"];
/// Runtimes whose agent runs outside the platform.
pub const EXTERNAL_RUNTIMES: &[&str] = &["external", "kimi", "kimi-cli"];
/// One `workspaces` row.
#[derive(Debug, Clone)]
pub struct WsRow {
    pub id: String,
    pub org_id: String,
    pub name: String,
    pub role: Option<String>,
    pub tier: i64,
    pub status: String,
    pub status_since: i64,
    pub online_since: Option<i64>,
    pub url: String,
    pub parent_id: Option<String>,
    pub active_tasks: i64,
    pub max_concurrent_tasks: i64,
    pub last_error_rate: f64,
    pub last_sample_error: String,
    pub current_task: String,
    pub runtime: String,
    pub model: Option<String>,
    pub template: Option<String>,
    pub workspace_dir: Option<String>,
    pub x: f64,
    pub y: f64,
    pub collapsed: bool,
    pub broadcast_enabled: bool,
    pub talk_to_user_enabled: bool,
    pub compute: String,
    pub agent_card: Option<String>,
    pub delivery_mode: String,
    pub workspace_access: String,
    pub billing_mode: Option<String>,
    pub base_spend: i64,
    pub env: String,
    pub bundle_extra: String,
    pub external: bool,
    pub last_outbound_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    pub removed_at: Option<i64>,
}

pub const WS_COLUMNS: &str = "id, org_id, name, role, tier, status, status_since, online_since, url, parent_id, active_tasks,
    max_concurrent_tasks, last_error_rate, last_sample_error, current_task, runtime, model, template, workspace_dir, x, y,
    collapsed, broadcast_enabled, talk_to_user_enabled, compute, agent_card, delivery_mode, workspace_access, billing_mode,
    base_spend, env, bundle_extra, external, last_outbound_at, created_at, updated_at, removed_at";

pub fn ws_from_row(r: &rusqlite::Row) -> rusqlite::Result<WsRow> {
    Ok(WsRow {
        id: r.get(0)?,
        org_id: r.get(1)?,
        name: r.get(2)?,
        role: r.get(3)?,
        tier: r.get(4)?,
        status: r.get(5)?,
        status_since: r.get(6)?,
        online_since: r.get(7)?,
        url: r.get(8)?,
        parent_id: r.get(9)?,
        active_tasks: r.get(10)?,
        max_concurrent_tasks: r.get(11)?,
        last_error_rate: r.get(12)?,
        last_sample_error: r.get(13)?,
        current_task: r.get(14)?,
        runtime: r.get(15)?,
        model: r.get(16)?,
        template: r.get(17)?,
        workspace_dir: r.get(18)?,
        x: r.get(19)?,
        y: r.get(20)?,
        collapsed: r.get::<_, i64>(21)? != 0,
        broadcast_enabled: r.get::<_, i64>(22)? != 0,
        talk_to_user_enabled: r.get::<_, i64>(23)? != 0,
        compute: r.get(24)?,
        agent_card: r.get(25)?,
        delivery_mode: r.get(26)?,
        workspace_access: r.get(27)?,
        billing_mode: r.get(28)?,
        base_spend: r.get(29)?,
        env: r.get(30)?,
        bundle_extra: r.get(31)?,
        external: r.get::<_, i64>(32)? != 0,
        last_outbound_at: r.get(33)?,
        created_at: r.get(34)?,
        updated_at: r.get(35)?,
        removed_at: r.get(36)?,
    })
}

/// A path id that must be a UUID (400 otherwise), normalised to lower case.
pub fn uuid_param(id: &str) -> Result<String, ApiError> {
    uuid::Uuid::parse_str(id)
        .map(|u| u.to_string())
        .map_err(|_| ApiError::bad_request("invalid workspace id (expected a UUID)"))
}

/// Brings every provisioning workspace of the org whose boot time is over to `online`.
pub fn refresh_org(conn: &Connection, state: &AppState, org_id: &str) -> rusqlite::Result<()> {
    let boot_ms = (BOOT_SECS / state.clock.speed() * 1000.0).ceil() as i64;
    let cutoff = state.clock.now_ms() - boot_ms;
    let mut stmt = conn.prepare(
        "SELECT id, status_since FROM workspaces WHERE org_id = ?1 AND status = 'provisioning' AND status_since <= ?2",
    )?;
    let due: Vec<(String, i64)> = stmt
        .query_map(params![org_id, cutoff], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (id, since) in due {
        let at = since + boot_ms;
        conn.execute(
            "UPDATE workspaces SET status = 'online', status_since = ?2, online_since = ?2, updated_at = ?2 WHERE id = ?1",
            params![id, at],
        )?;
        insert_event(conn, org_id, Some(&id), "WORKSPACE_ONLINE", json!({}), at)?;
    }
    Ok(())
}

pub fn insert_event(
    conn: &Connection,
    org_id: &str,
    workspace_id: Option<&str>,
    event_type: &str,
    payload: Value,
    at: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO events (id, org_id, workspace_id, event_type, payload, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            uuid::Uuid::new_v4().to_string(),
            org_id,
            workspace_id,
            event_type,
            payload.to_string(),
            at
        ],
    )?;
    Ok(())
}

/// A workspace of the org (removed ones included).
pub fn find(conn: &Connection, org_id: &str, id: &str) -> rusqlite::Result<Option<WsRow>> {
    conn.query_row(
        &format!("SELECT {WS_COLUMNS} FROM workspaces WHERE id = ?1 AND org_id = ?2"),
        params![id, org_id],
        ws_from_row,
    )
    .optional()
}

/// A live (not removed) workspace of the org, or 404.
pub fn live(conn: &Connection, org_id: &str, id: &str) -> Result<WsRow, ApiError> {
    match find(conn, org_id, id)? {
        Some(w) if w.status != "removed" => Ok(w),
        _ => Err(ApiError::not_found("workspace")),
    }
}

/// Every live workspace of the org, oldest first.
pub fn list(conn: &Connection, org_id: &str) -> rusqlite::Result<Vec<WsRow>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {WS_COLUMNS} FROM workspaces WHERE org_id = ?1 AND status <> 'removed' ORDER BY created_at, rowid"
    ))?;
    stmt.query_map([org_id], ws_from_row)?.collect()
}

/// Live descendants of a workspace (breadth first), without the workspace itself.
pub fn descendants(conn: &Connection, id: &str) -> rusqlite::Result<Vec<WsRow>> {
    let mut out = Vec::new();
    let mut frontier = vec![id.to_string()];
    let mut stmt = conn.prepare(&format!(
        "SELECT {WS_COLUMNS} FROM workspaces WHERE parent_id = ?1 AND status <> 'removed' ORDER BY created_at, rowid"
    ))?;
    while let Some(parent) = frontier.pop() {
        for child in stmt.query_map([&parent], ws_from_row)? {
            let child = child?;
            if child.id != id && !out.iter().any(|w: &WsRow| w.id == child.id) {
                frontier.push(child.id.clone());
                out.push(child);
            }
        }
    }
    Ok(out)
}

/// Whether any ancestor of the workspace is paused.
pub fn ancestor_paused(conn: &Connection, row: &WsRow) -> rusqlite::Result<bool> {
    let mut next = row.parent_id.clone();
    let mut hops = 0;
    while let Some(p) = next {
        hops += 1;
        if hops > 64 {
            break;
        }
        let parent: Option<(String, Option<String>)> = conn
            .query_row(
                "SELECT status, parent_id FROM workspaces WHERE id = ?1",
                [&p],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        match parent {
            Some((status, _)) if status == "paused" => return Ok(true),
            Some((_, grand)) => next = grand,
            None => break,
        }
    }
    Ok(false)
}

/// Simulated cents accrued in the current online stint, limited to the last `window_secs`.
fn accrued(state: &AppState, row: &WsRow, window_secs: Option<i64>) -> i64 {
    if row.status != "online" {
        return 0;
    }
    let Some(since) = row.online_since else {
        return 0;
    };
    let mut secs = state.clock.simulated_secs_since(since);
    if let Some(w) = window_secs {
        secs = secs.min(w as f64);
    }
    (secs / 3600.0 * SPEND_CENTS_PER_HOUR) as i64
}

/// Spend in one rolling window: a share of the historical spend plus what accrued in it.
pub fn spend(state: &AppState, row: &WsRow, window_secs: i64) -> i64 {
    let share = row.base_spend * window_secs / 2_592_000;
    share + accrued(state, row, Some(window_secs))
}

/// Changes a workspace's status, keeping spend and uptime bookkeeping right.
pub fn set_status(
    conn: &Connection,
    state: &AppState,
    row: &WsRow,
    status: &str,
) -> rusqlite::Result<()> {
    let now = state.clock.now_ms();
    let folded = row.base_spend + accrued(state, row, None);
    let online_since = if status == "online" { Some(now) } else { None };
    conn.execute(
        "UPDATE workspaces SET status = ?2, status_since = ?3, online_since = ?4, base_spend = ?5, updated_at = ?3,
            active_tasks = CASE WHEN ?2 IN ('online', 'degraded') THEN active_tasks ELSE 0 END
         WHERE id = ?1",
        params![row.id, status, now, online_since, folded],
    )?;
    let event = match status {
        "provisioning" => "WORKSPACE_PROVISIONING",
        "paused" => "WORKSPACE_PAUSED",
        "hibernated" => "WORKSPACE_HIBERNATED",
        "removed" => "WORKSPACE_REMOVED",
        "online" => "WORKSPACE_ONLINE",
        _ => "WORKSPACE_STATUS_CHANGED",
    };
    insert_event(
        conn,
        &row.org_id,
        Some(&row.id),
        event,
        json!({ "from": row.status, "to": status }),
        now,
    )
}

/// Restarts a workspace as a side effect (secrets, model, env): back to `provisioning` unless it
/// is removed, paused, hibernated or runs outside the platform. Returns whether it restarted.
pub fn auto_restart(conn: &Connection, state: &AppState, row: &WsRow) -> rusqlite::Result<bool> {
    if matches!(row.status.as_str(), "removed" | "paused" | "hibernated")
        || NOOP_RUNTIMES.contains(&row.runtime.as_str())
    {
        return Ok(false);
    }
    set_status(conn, state, row, "provisioning")?;
    Ok(true)
}

/// The resolved LLM billing mode of a workspace (override, else the retired org default).
pub fn resolved_billing_mode(row: &WsRow) -> &str {
    row.billing_mode.as_deref().unwrap_or("platform_managed")
}

/// The wire form. `full` = the list shape; the single GET strips list-only fields and adds
/// `last_outbound_at`.
pub fn to_workspace(state: &AppState, conn: &Connection, row: &WsRow, full: bool) -> Workspace {
    let monthly_limit = budget_limit(conn, &row.id, "monthly");
    with_limit(state, row, full, monthly_limit)
}

/// [`to_workspace`] for a whole list (`full`): the monthly budgets read in one query, not one
/// per row (thousands of rows at `--seed scale`).
pub fn to_workspaces(
    state: &AppState,
    conn: &Connection,
    rows: &[WsRow],
) -> rusqlite::Result<Vec<Workspace>> {
    let limits: std::collections::HashMap<String, i64> = conn
        .prepare_cached(
            "SELECT workspace_id, limit_cents FROM workspace_budgets WHERE period = 'monthly'",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rows
        .iter()
        .map(|r| with_limit(state, r, true, limits.get(&r.id).copied()))
        .collect())
}

fn with_limit(state: &AppState, row: &WsRow, full: bool, monthly_limit: Option<i64>) -> Workspace {
    let uptime = match (row.status.as_str(), row.online_since) {
        ("online" | "degraded", Some(since)) => state.clock.simulated_secs_since(since) as i64,
        _ => 0,
    };
    Workspace {
        active_tasks: row.active_tasks as i32,
        agent_card: row
            .agent_card
            .as_deref()
            .and_then(|c| serde_json::from_str(c).ok()),
        broadcast_enabled: row.broadcast_enabled,
        budget_limit: if full { monthly_limit } else { None },
        collapsed: row.collapsed,
        compute: serde_json::from_str::<WorkspaceCompute>(&row.compute).unwrap_or_default(),
        current_task: full.then(|| row.current_task.clone()),
        delivery_mode: row.delivery_mode.parse().ok(),
        id: row.id.parse().unwrap_or_default(),
        last_error_rate: row.last_error_rate.max(0.0),
        last_outbound_at: if full {
            None
        } else {
            row.last_outbound_at.map(ts)
        },
        last_sample_error: full.then(|| row.last_sample_error.clone()),
        max_concurrent_tasks: std::num::NonZeroU32::new(row.max_concurrent_tasks.max(1) as u32)
            .unwrap_or(std::num::NonZeroU32::MIN),
        monthly_spend: full.then(|| spend(state, row, 2_592_000)),
        name: row
            .name
            .parse()
            .unwrap_or_else(|_| "workspace".parse().expect("valid name")),
        parent_id: row.parent_id.as_deref().and_then(|p| p.parse().ok()),
        provision_timeout_ms: Some(600_000),
        role: row.role.as_deref().and_then(|r| r.parse().ok()),
        runtime: row.runtime.clone(),
        status: row
            .status
            .parse()
            .unwrap_or(molecule_sdk::types::WorkspaceStatus::Failed),
        talk_to_user_enabled: row.talk_to_user_enabled,
        tier: row.tier as i32,
        uptime_seconds: uptime,
        url: workspace_url(row),
        workspace_access: row.workspace_access.parse().ok(),
        workspace_dir: if full {
            row.workspace_dir.clone()
        } else {
            None
        },
        x: row.x,
        y: row.y,
    }
}

/// The agent's A2A address. The real platform stores what the agent reports when it registers
/// (an internal address such as `http://ws-3b9e7c1a:8000`), so a workspace that has not come
/// up yet has none; an external agent keeps the url it was created with.
pub fn workspace_url(row: &WsRow) -> String {
    if !row.url.is_empty() {
        return row.url.clone();
    }
    match row.status.as_str() {
        "online" | "degraded" => format!("http://ws-{}:8000", &row.id[..8.min(row.id.len())]),
        _ => String::new(),
    }
}

pub fn budget_limit(conn: &Connection, workspace_id: &str, period: &str) -> Option<i64> {
    // Cached: a workspace list asks this once per row (thousands at `--seed scale`).
    conn.prepare_cached(
        "SELECT limit_cents FROM workspace_budgets WHERE workspace_id = ?1 AND period = ?2",
    )
    .and_then(|mut stmt| {
        stmt.query_row(params![workspace_id, period], |r| r.get(0))
            .optional()
    })
    .ok()
    .flatten()
}

/// The budget view of a workspace.
pub fn budget(state: &AppState, conn: &Connection, row: &WsRow) -> Budget {
    let period = |name: &str, window: i64| {
        let limit = budget_limit(conn, &row.id, name);
        let spent = spend(state, row, window);
        BudgetPeriod {
            limit,
            spend: spent,
            remaining: limit.map(|l| l - spent),
        }
    };
    let periods = BudgetPeriods {
        hourly: period("hourly", 3_600),
        daily: period("daily", 86_400),
        weekly: period("weekly", 604_800),
        monthly: period("monthly", 2_592_000),
    };
    Budget {
        budget_limit: periods.monthly.limit,
        monthly_spend: periods.monthly.spend,
        budget_remaining: periods.monthly.remaining,
        periods,
    }
}

/// The org of a live (not removed) workspace.
pub fn workspace_org(conn: &Connection, workspace_id: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row(
        "SELECT org_id FROM workspaces WHERE id = ?1 AND status <> 'removed'",
        [workspace_id],
        |r| r.get(0),
    )
    .optional()
}

/// Replaces a workspace's environment (a JSON object of strings).
pub fn set_env(conn: &Connection, workspace_id: &str, env_json: &str) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE workspaces SET env = ?2 WHERE id = ?1",
        params![workspace_id, env_json],
    )?;
    Ok(())
}

/// The live (not removed) children of a workspace, oldest first.
pub fn children(conn: &Connection, parent_id: &str) -> rusqlite::Result<Vec<WsRow>> {
    conn.prepare(&format!(
        "SELECT {WS_COLUMNS} FROM workspaces WHERE parent_id = ?1 AND status <> 'removed' ORDER BY created_at, rowid"
    ))?
    .query_map([parent_id], ws_from_row)?
    .collect()
}
