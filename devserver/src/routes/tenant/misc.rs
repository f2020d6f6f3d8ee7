//! Health, build info and the read-only admin overviews (events, spend per day, delegations,
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
    store::{overviews, tenant as store, usage},
};
use axum::{
    Extension, Router,
    extract::{Path, State},
    http::HeaderMap,
    response::Response,
    routing::get,
};
use molecule_sdk::types::{
    BuildInfo, DelegationList, Health, HealthStatus, Liveness, SubsystemTick,
};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/health", get(health))
        .route("/buildinfo", get(buildinfo))
        .route("/events", get(events))
        .route("/events/{workspace_id}", get(workspace_events))
        .route("/usage/spend", get(spend_history))
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
    Ok(json(
        200,
        &overviews::event_rows(&conn, &org.id, None, limit)?,
    ))
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
    Ok(json(
        200,
        &overviews::event_rows(&conn, &org.id, Some(&id), 100)?,
    ))
}

/// `?days=` of the spend history.
#[derive(Deserialize)]
struct Days {
    days: Option<String>,
}

/// Spend per UTC day of every live workspace (designed; see `store::usage`).
async fn spend_history(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    Params(q): Params<Days>,
) -> ApiResult<Response> {
    access::admin(&state, &headers, &org, Access::Read)?;
    let days = int_param(&q.days, "days", 30, 1, 90)?;
    let conn = state.db.lock();
    store::refresh_org(&conn, &state, &org.id)?;
    Ok(json(200, &usage::history(&state, &conn, &org.id, days)?))
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
        return Err(ApiError::new(400, "unknown status filter").with(|e| {
            e.allowed = allowed.iter().map(|s| s.to_string()).collect();
            e.requested_status = Some(filter.clone());
        }));
    };
    // 1..1000, never clamped.
    let limit = match q.limit {
        None => 100,
        Some(v) => match v.parse::<u32>() {
            Ok(n) if (1..=1000).contains(&n) => n,
            _ => {
                return Err(ApiError::new(400, "limit must be 1..1000")
                    .with(|e| e.requested = Some(v.clone())));
            }
        },
    };
    let conn = state.db.lock();
    let out = overviews::delegations(&conn, &org.id, states, limit)?;
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

/// A bare array, one row per schedule of a live workspace.
async fn schedules(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    access::admin(&state, &headers, &org, Access::Read)?;
    let conn = state.db.lock();
    let now = state.clock.now_ms();
    let out = overviews::schedule_health(&conn, &org.id, now)?;
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
