//! Health, build info and the read-only admin overviews (events, approvals, delegations,
//! schedules, liveness), in the real tenant's shapes (workspace-server@aeec8e47).

use super::{
    access::{self, Access},
    guard::TenantOrg,
};
use crate::{
    api::{Params, int_param, json},
    clock::ts,
    error::{ApiError, ApiResult},
    state::AppState,
    store::tenant as store,
};
use axum::{
    Extension, Router,
    extract::{Path, State},
    http::HeaderMap,
    response::Response,
    routing::get,
};
use molecule_sdk::types::{
    BuildInfo, Delegation, DelegationList, Health, HealthStatus, Liveness, PendingApproval,
    PendingApprovalStatus, PlatformEvent, ScheduleHealth, ScheduleHealthStatus, SubsystemTick,
};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/health", get(health))
        .route("/buildinfo", get(buildinfo))
        .route("/events", get(events))
        .route("/events/{workspace_id}", get(workspace_events))
        .route("/approvals/pending", get(approvals))
        .route("/admin/delegations", get(delegations))
        .route("/admin/schedules/health", get(schedules))
        .route("/admin/liveness", get(liveness))
}

async fn health() -> Response {
    json(
        200,
        &Health {
            status: HealthStatus::Ok,
        },
    )
}

async fn buildinfo() -> Response {
    json(
        200,
        &BuildInfo {
            git_sha: option_env!("MOLECULE_GIT_SHA")
                .unwrap_or("devserver-local")
                .into(),
        },
    )
}

/// Newest first, at most `limit` (default 100), optionally of one workspace.
fn event_rows(
    conn: &rusqlite::Connection,
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

/// `?limit=` of the event list.
#[derive(Deserialize)]
struct Limit {
    limit: Option<String>,
}

/// `?status=&limit=` of the delegation list.
#[derive(Deserialize)]
struct DelegationQuery {
    status: Option<String>,
    limit: Option<String>,
}

async fn events(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    Params(q): Params<Limit>,
) -> ApiResult<Response> {
    access::admin(&state, &headers, &org, Access::Read)?;
    let limit = int_param(&q.limit, "limit", 100, 1, 500)?;
    let conn = state.db.lock();
    store::refresh_org(&conn, &state, &org.id)?;
    Ok(json(200, &event_rows(&conn, &org.id, None, limit)?))
}

/// The latest 100 events of one workspace (any id: an unknown one simply has none).
async fn workspace_events(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    Path(workspace_id): Path<String>,
) -> ApiResult<Response> {
    access::admin(&state, &headers, &org, Access::Read)?;
    let id = store::uuid_param(&workspace_id)?;
    let conn = state.db.lock();
    store::refresh_org(&conn, &state, &org.id)?;
    Ok(json(200, &event_rows(&conn, &org.id, Some(&id), 100)?))
}

/// At most 50, newest first; `reason` may be null.
async fn approvals(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    access::admin(&state, &headers, &org, Access::Read)?;
    let conn = state.db.lock();
    let mut stmt = conn.prepare(
        "SELECT a.id, a.workspace_id, w.name, a.action, a.detail, a.requested_at FROM approvals a
         JOIN workspaces w ON w.id = a.workspace_id WHERE a.org_id = ?1 AND w.status <> 'removed'
         ORDER BY a.requested_at DESC LIMIT 50",
    )?;
    let out: Vec<PendingApproval> = stmt
        .query_map([&org.id], |r| {
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
        .collect::<Result<_, _>>()?;
    Ok(json(200, &out))
}

/// The delegation states each `status` filter selects (admin_delegations.go@aeec8e47).
const DELEGATION_FILTERS: &[(&str, &[&str])] = &[
    ("completed", &["completed"]),
    ("failed", &["failed"]),
    (
        "in_flight",
        &["queued", "dispatched", "in_progress", "stuck"],
    ),
    ("stuck", &["stuck"]),
];

async fn delegations(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    Params(q): Params<DelegationQuery>,
) -> ApiResult<Response> {
    access::admin(&state, &headers, &org, Access::Read)?;
    let filter = q.status.unwrap_or_else(|| "in_flight".into());
    let Some((_, states)) = DELEGATION_FILTERS.iter().find(|(k, _)| *k == filter) else {
        let allowed: Vec<&str> = DELEGATION_FILTERS.iter().map(|(k, _)| *k).collect();
        return Err(ApiError::new(400, "unknown status filter")
            .with(|e| e.allowed = allowed.iter().map(|s| s.to_string()).collect())
            .extra("requested_status", serde_json::json!(filter)));
    };
    // 1..1000, never clamped.
    let limit = match q.limit {
        None => 100,
        Some(v) => match v.parse::<u32>() {
            Ok(n) if (1..=1000).contains(&n) => n,
            _ => {
                return Err(ApiError::new(400, "limit must be 1..1000")
                    .extra("requested", serde_json::json!(v)));
            }
        },
    };
    let conn = state.db.lock();
    let mut stmt = conn.prepare(
        "SELECT id, from_workspace_id, to_workspace_id, status, summary, created_at, updated_at, deadline,
                retry_count, last_heartbeat, result_preview, error_detail
         FROM delegations WHERE org_id = ?1 AND status IN (SELECT value FROM json_each(?2))
         ORDER BY created_at DESC, id LIMIT ?3",
    )?;
    let wanted = serde_json::json!(states).to_string();
    let out: Vec<Delegation> = stmt
        .query_map(rusqlite::params![org.id, wanted, limit], |r| {
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
        .collect::<Result<_, _>>()?;
    Ok(json(
        200,
        &DelegationList {
            count: out.len() as i32,
            delegations: out,
            status: filter,
            limit: std::num::NonZeroU32::new(limit).unwrap_or(std::num::NonZeroU32::MIN),
        },
    ))
}

/// Seconds between two runs of a cron expression's schedule, roughly (the devserver's
/// schedules are hourly, daily or weekly); the stale threshold is twice that.
fn cron_interval_secs(cron: &str) -> i64 {
    let fields: Vec<&str> = cron.split_whitespace().collect();
    match fields.as_slice() {
        [_, "*", "*", "*", "*"] => 3_600,
        [_, _, "*", "*", "*"] => 86_400,
        [_, _, "*", "*", _] => 604_800,
        _ => 86_400,
    }
}

/// A bare array, one row per schedule of a live workspace.
async fn schedules(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    access::admin(&state, &headers, &org, Access::Read)?;
    let conn = state.db.lock();
    let now = state.clock.now_ms();
    let mut stmt = conn.prepare(
        "SELECT s.workspace_id, w.name, s.id, s.name, s.cron_expr, s.last_run_at, s.next_run_at, s.enabled
         FROM schedules s JOIN workspaces w ON w.id = s.workspace_id
         WHERE s.org_id = ?1 AND w.status <> 'removed' ORDER BY w.name, s.id",
    )?;
    let out: Vec<ScheduleHealth> = stmt
        .query_map([&org.id], |r| {
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
        .collect::<Result<_, _>>()?;
    Ok(json(200, &out))
}

/// How often the simulated hibernation monitor ticks (milliseconds of the devserver clock).
const HIBERNATION_TICK_MS: i64 = 30_000;

/// The subsystems' heartbeats; the only one is the hibernation monitor, as on the real tenant.
async fn liveness(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    access::admin(&state, &headers, &org, Access::Read)?;
    let now = state.clock.now_ms();
    let last = now - now.rem_euclid(HIBERNATION_TICK_MS);
    let tick = SubsystemTick {
        last_tick_at: ts(last),
        seconds_ago: (now - last) / 1000,
    };
    Ok(json(
        200,
        &Liveness {
            subsystems: [("hibernation-monitor".to_string(), tick)].into(),
        },
    ))
}
