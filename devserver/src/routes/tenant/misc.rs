//! Health, build info and the read-only admin overviews (events, approvals, delegations,
//! schedules, liveness).

use super::{
    TenantOrg,
    access::{self, Access},
    store,
    workspaces::int_param,
};
use crate::{clock::ts, error::ApiResult, routes::json, state::AppState};
use axum::{
    Extension, Router,
    extract::{RawQuery, State},
    http::HeaderMap,
    response::Response,
    routing::get,
};
use molecule_sdk::types::{
    BuildInfo, Delegation, Health, HealthStatus, Liveness, PendingApproval, PlatformEvent,
    SchedulesHealth, SchedulesHealthStatus, WorkspaceLiveness,
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/health", get(health))
        .route("/buildinfo", get(buildinfo))
        .route("/events", get(events))
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

async fn events(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> ApiResult<Response> {
    access::admin(&state, &headers, &org, Access::Read)?;
    let limit = int_param(&query, "limit", 100, 1, 500)?;
    let conn = state.db.lock();
    store::refresh_org(&conn, &state, &org.id)?;
    let mut stmt = conn.prepare(
        "SELECT id, event_type, workspace_id, payload, created_at FROM events WHERE org_id = ?1
         ORDER BY created_at DESC, rowid DESC LIMIT ?2",
    )?;
    let out: Vec<PlatformEvent> = stmt
        .query_map(rusqlite::params![org.id, limit], |r| {
            Ok(PlatformEvent {
                id: r.get(0)?,
                event_type: r.get(1)?,
                workspace_id: r.get::<_, Option<String>>(2)?.and_then(|w| w.parse().ok()),
                payload: serde_json::from_str(&r.get::<_, String>(3)?).unwrap_or_default(),
                created_at: ts(r.get(4)?),
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(json(200, &out))
}

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
         ORDER BY a.requested_at DESC",
    )?;
    let out: Vec<PendingApproval> = stmt
        .query_map([&org.id], |r| {
            Ok(PendingApproval {
                id: r.get::<_, String>(0)?.parse().unwrap_or_default(),
                workspace_id: r.get::<_, String>(1)?.parse().unwrap_or_default(),
                workspace_name: r.get(2)?,
                action: r.get(3)?,
                detail: r.get(4)?,
                requested_at: ts(r.get(5)?),
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(json(200, &out))
}

async fn delegations(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    access::admin(&state, &headers, &org, Access::Read)?;
    let conn = state.db.lock();
    let mut stmt = conn.prepare(
        "SELECT id, from_workspace_id, to_workspace_id, status, summary, created_at, updated_at FROM delegations
         WHERE org_id = ?1 ORDER BY created_at DESC",
    )?;
    let out: Vec<Delegation> = stmt
        .query_map([&org.id], |r| {
            Ok(Delegation {
                id: r.get(0)?,
                from_workspace_id: r.get::<_, String>(1)?.parse().unwrap_or_default(),
                to_workspace_id: r.get::<_, String>(2)?.parse().unwrap_or_default(),
                status: r
                    .get::<_, String>(3)?
                    .parse()
                    .unwrap_or(molecule_sdk::types::DelegationStatus::Pending),
                summary: r.get(4)?,
                created_at: ts(r.get(5)?),
                updated_at: Some(ts(r.get(6)?)),
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(json(200, &out))
}

async fn schedules(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    access::admin(&state, &headers, &org, Access::Read)?;
    let conn = state.db.lock();
    let now = state.clock.now_ms();
    let count = |sql: &str| -> rusqlite::Result<i32> {
        conn.query_row(sql, rusqlite::params![org.id, now], |r| r.get(0))
    };
    let total = count("SELECT COUNT(*) FROM schedules WHERE org_id = ?1 AND ?2 = ?2")?;
    let enabled =
        count("SELECT COUNT(*) FROM schedules WHERE org_id = ?1 AND enabled = 1 AND ?2 = ?2")?;
    let overdue = count(
        "SELECT COUNT(*) FROM schedules WHERE org_id = ?1 AND enabled = 1 AND next_run_at < ?2 - 3600000",
    )?;
    let orphans = count(
        "SELECT COUNT(*) FROM schedules s LEFT JOIN workspaces w ON w.id = s.workspace_id
         WHERE s.org_id = ?1 AND s.enabled = 1 AND (w.id IS NULL OR w.status = 'removed') AND ?2 = ?2",
    )?;
    Ok(json(
        200,
        &SchedulesHealth {
            status: if overdue + orphans > 0 {
                SchedulesHealthStatus::Degraded
            } else {
                SchedulesHealthStatus::Ok
            },
            total,
            enabled,
            overdue,
            orphans,
            checked_at: Some(ts(now)),
        },
    ))
}

async fn liveness(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    access::admin(&state, &headers, &org, Access::Read)?;
    let conn = state.db.lock();
    store::refresh_org(&conn, &state, &org.id)?;
    let now = state.clock.now_ms();
    let out: Vec<WorkspaceLiveness> = store::list(&conn, &org.id)?
        .into_iter()
        .map(|w| WorkspaceLiveness {
            workspace_id: w.id.parse().unwrap_or_default(),
            name: Some(w.name.clone()),
            // Online agents heartbeat every 30 s; others report when they last changed state.
            last_heartbeat_at: match w.status.as_str() {
                "online" | "degraded" => Some(ts(now - now.rem_euclid(30_000))),
                "provisioning" | "awaiting_agent" => None,
                _ => Some(ts(w.status_since)),
            },
            status: w
                .status
                .parse()
                .unwrap_or(molecule_sdk::types::WorkspaceStatus::Offline),
        })
        .collect();
    Ok(json(
        200,
        &Liveness {
            checked_at: ts(now),
            workspaces: out,
        },
    ))
}
