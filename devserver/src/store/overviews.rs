//! The tenant's read-only overviews, in the real tenant's shapes: events, pending approvals,
//! delegations and schedule health.

use crate::clock::ts;
use molecule_sdk::types::{
    Delegation, PendingApproval, PendingApprovalStatus, PlatformEvent, ScheduleHealth,
    ScheduleHealthStatus,
};
use rusqlite::Connection;

/// Newest first, at most `limit` (default 100), optionally of one workspace.
pub fn event_rows(
    conn: &Connection,
    org_id: &str,
    workspace_id: Option<&str>,
    limit: i64,
) -> rusqlite::Result<Vec<PlatformEvent>> {
    let mut stmt = conn.prepare(
        "SELECT id, event_type, workspace_id, payload, created_at FROM events
         WHERE org_id = ?1 AND (?2 IS NULL OR workspace_id = ?2)
         ORDER BY created_at DESC, rowid DESC LIMIT ?3",
    )?;
    stmt.query_map(rusqlite::params![org_id, workspace_id, limit], |r| {
        Ok(PlatformEvent {
            id: r.get(0)?,
            event_type: r.get(1)?,
            workspace_id: r.get::<_, Option<String>>(2)?.and_then(|w| w.parse().ok()),
            payload: serde_json::from_str(&r.get::<_, String>(3)?).unwrap_or_default(),
            created_at: ts(r.get(4)?),
        })
    })?
    .collect()
}

/// Seconds between two runs of a cron expression's schedule, roughly (the devserver's
/// schedules are hourly, daily or weekly); the stale threshold is twice that.
pub fn cron_interval_secs(cron: &str) -> i64 {
    let fields: Vec<&str> = cron.split_whitespace().collect();
    match fields.as_slice() {
        [_, "*", "*", "*", "*"] => 3_600,
        [_, _, "*", "*", "*"] => 86_400,
        [_, _, "*", "*", _] => 604_800,
        _ => 86_400,
    }
}

/// At most 50 pending approvals of live workspaces, newest first; an empty detail is no `reason`.
pub fn pending_approvals(
    conn: &Connection,
    org_id: &str,
) -> rusqlite::Result<Vec<PendingApproval>> {
    let mut stmt = conn.prepare(
        "SELECT a.id, a.workspace_id, w.name, a.action, a.detail, a.requested_at FROM approvals a
         JOIN workspaces w ON w.id = a.workspace_id WHERE a.org_id = ?1 AND a.status = 'pending'
         AND w.status <> 'removed' ORDER BY a.requested_at DESC LIMIT 50",
    )?;
    stmt.query_map([org_id], |r| {
        Ok(PendingApproval {
            id: r.get::<_, String>(0)?.parse().unwrap_or_default(),
            workspace_id: r.get::<_, String>(1)?.parse().unwrap_or_default(),
            workspace_name: r.get(2)?,
            action: r.get(3)?,
            reason: Some(r.get::<_, String>(4)?).filter(|d| !d.is_empty()),
            status: PendingApprovalStatus::Pending,
            created_at: ts(r.get(5)?),
        })
    })?
    .collect()
}

/// Records a person's decision on a pending approval of `workspace_id`; false when there is no
/// such pending approval (never existed, another workspace's, or already decided).
pub fn decide_approval(
    conn: &Connection,
    org_id: &str,
    workspace_id: &str,
    approval_id: &str,
    decision: &str,
    decided_by: &str,
    at: i64,
) -> rusqlite::Result<bool> {
    let changed = conn.execute(
        "UPDATE approvals SET status = ?1, decided_by = ?2, decided_at = ?3
         WHERE id = ?4 AND workspace_id = ?5 AND org_id = ?6 AND status = 'pending'",
        rusqlite::params![decision, decided_by, at, approval_id, workspace_id, org_id],
    )?;
    Ok(changed == 1)
}

/// Delegations in one of `states`, newest first, at most `limit`.
pub fn delegations(
    conn: &Connection,
    org_id: &str,
    states: &[&str],
    limit: u32,
) -> rusqlite::Result<Vec<Delegation>> {
    let mut stmt = conn.prepare(
        "SELECT id, from_workspace_id, to_workspace_id, status, summary, created_at, updated_at, deadline,
                retry_count, last_heartbeat, result_preview, error_detail
         FROM delegations WHERE org_id = ?1 AND status IN (SELECT value FROM json_each(?2))
         ORDER BY created_at DESC, id LIMIT ?3",
    )?;
    let wanted = serde_json::json!(states).to_string();
    stmt.query_map(rusqlite::params![org_id, wanted, limit], |r| {
        let created: i64 = r.get(5)?;
        Ok(Delegation {
            delegation_id: r.get(0)?,
            caller_id: r.get::<_, String>(1)?.parse().unwrap_or_default(),
            callee_id: r.get::<_, String>(2)?.parse().unwrap_or_default(),
            status: r
                .get::<_, String>(3)?
                .parse()
                .unwrap_or(molecule_sdk::types::DelegationStatus::Queued),
            task_preview: r.get(4)?,
            created_at: ts(created),
            updated_at: ts(r.get(6)?),
            // Without a recorded deadline: the platform default of 30 minutes.
            deadline: ts(r.get::<_, Option<i64>>(7)?.unwrap_or(created + 1_800_000)),
            retry_count: r.get(8)?,
            last_heartbeat: r.get::<_, Option<i64>>(9)?.map(ts),
            result_preview: r.get(10)?,
            error_detail: r.get(11)?,
        })
    })?
    .collect()
}

/// One row per schedule of a live workspace: ok, stale (no run for twice its interval) or never run.
pub fn schedule_health(
    conn: &Connection,
    org_id: &str,
    now: i64,
) -> rusqlite::Result<Vec<ScheduleHealth>> {
    let mut stmt = conn.prepare(
        "SELECT s.workspace_id, w.name, s.id, s.name, s.cron_expr, s.last_run_at, s.next_run_at, s.enabled
         FROM schedules s JOIN workspaces w ON w.id = s.workspace_id
         WHERE s.org_id = ?1 AND w.status <> 'removed' ORDER BY w.name, s.id",
    )?;
    stmt.query_map([org_id], |r| {
        let cron: String = r.get(4)?;
        let last_run: Option<i64> = r.get(5)?;
        let threshold = 2 * cron_interval_secs(&cron);
        let status = match last_run {
            None => ScheduleHealthStatus::NeverRun,
            Some(at) if now - at > threshold * 1000 => ScheduleHealthStatus::Stale,
            Some(_) => ScheduleHealthStatus::Ok,
        };
        let id: String = r.get(2)?;
        let name: String = r.get(3)?;
        Ok(ScheduleHealth {
            workspace_id: r.get::<_, String>(0)?.parse().unwrap_or_default(),
            workspace_name: r.get(1)?,
            schedule_name: if name.is_empty() { id.clone() } else { name },
            schedule_id: id,
            cron_expr: cron,
            last_run_at: last_run.map(ts),
            expected_next_run: (r.get::<_, i64>(7)? != 0).then(|| ts(r.get(6).unwrap_or(now))),
            status,
            stale_threshold_seconds: threshold,
        })
    })?
    .collect()
}
