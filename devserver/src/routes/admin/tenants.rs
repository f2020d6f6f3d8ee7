//! Operator tenant-instance reads and clean-up: the instance, teardown (queued while a
//! lifecycle operation holds the org), diagnostics, console output, boot events and the
//! artifact scrub.

use super::lookup::{confirm_guard, org_by_slug};
use crate::{
    api::{JsonBody, Params, decode, int_param, json},
    auth::CpAdmin,
    clock::ts,
    error::{ApiError, ApiResult},
    state::AppState,
    store::{
        instances::{self, Instance, boot_event_rows, instance, instance_state, short_hash},
        orgs::{self, OrgRow, purge_id, purge_org},
    },
};
use axum::{
    Router,
    extract::{Path, State},
    response::Response,
    routing::{get, post},
};
use molecule_sdk::types::{
    BootEventList, ConfirmSlugRequest, ConsoleOutput, ScrubResult, TenantDiagnostics,
    TenantDiagnosticsDb, TenantDiagnosticsDns, TenantDiagnosticsTunnel, TenantInstance,
    TenantTeardownResult,
};
use serde_json::{Value, json};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/tenants/{slug}", get(get_tenant).delete(teardown))
        .route("/admin/tenants/{slug}/diagnostics", get(diagnostics))
        .route("/admin/tenants/{slug}/console-output", get(console_output))
        .route("/admin/tenants/{slug}/boot-events", get(boot_events))
        .route("/admin/tenants/{slug}/scrub-artifacts", post(scrub))
}

fn tenant_instance(state: &AppState, org: &OrgRow, inst: Option<&Instance>) -> TenantInstance {
    TenantInstance {
        slug: org.slug.clone(),
        org_id: org.id.parse().unwrap_or_default(),
        instance_id: inst.map(|i| i.instance_id.clone()),
        instance_status: inst
            .map(|i| instance_state(state, org, i))
            .unwrap_or_else(|| "none".into()),
        region: Some(org.region.clone()),
        instance_type: inst.map(|i| i.instance_type.clone()),
        public_ip: (org.status == "running").then(|| org.ip.clone()).flatten(),
        image_tag: inst.map(|i| i.image_tag.clone()),
        ami_id: inst.map(|i| i.ami_id.clone()),
        launched_at: inst.map(|i| ts(i.launched_at)),
    }
}

async fn get_tenant(
    State(state): State<AppState>,
    _admin: CpAdmin,
    Path(slug): Path<String>,
) -> ApiResult<Response> {
    let conn = state.db.lock();
    let org = org_by_slug(&conn, &state, &slug)?;
    let inst = instance(&conn, &org)?;
    Ok(json(200, &tenant_instance(&state, &org, inst.as_ref())))
}

/// Teardown: 200 with `deleted: true` when done; 202 with `deleted: false` while a reboot,
/// redeploy or volume migration holds the org (the teardown then runs when it is over). The
/// `purge_id` is kept, so a repeated DELETE answers the same one.
async fn teardown(
    State(state): State<AppState>,
    _admin: CpAdmin,
    Path(slug): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let confirm = body
        .get("confirm")
        .and_then(Value::as_str)
        .map(str::to_string);
    let mut conn = state.db.lock();
    let org = org_by_slug(&conn, &state, &slug)?;
    confirm_guard(confirm.as_deref(), &org.slug)?;
    let _: ConfirmSlugRequest = decode(body)?;
    let now = state.clock.now_ms();
    let busy = instance(&conn, &org)?
        .filter(|i| i.busy_until > now)
        .map(|i| {
            i.busy_reason
                .unwrap_or_else(|| "a lifecycle operation".into())
        });
    let tx = conn.transaction()?;
    let purge_id = purge_id(&tx, &org, now)?;
    let receipt = |deleted: bool, message: Option<String>| TenantTeardownResult {
        deleted,
        slug: org.slug.clone(),
        org_id: org.id.parse().unwrap_or_default(),
        purge_id: purge_id.parse().unwrap_or_default(),
        message,
    };
    if let Some(reason) = busy {
        tx.commit()?;
        let message = format!(
            "teardown queued: the tenant is {reason}; it runs when that operation finishes"
        );
        return Ok(json(202, &receipt(false, Some(message))));
    }
    purge_org(&tx, &org, "operator", now)?;
    orgs::complete_purge(&tx, &org.id, now)?;
    tx.commit()?;
    tracing::info!(slug = %org.slug, "tenant torn down by operator");
    Ok(json(200, &receipt(true, None)))
}

/// The captured real shape: what the control plane's database, DNS and tunnel know.
async fn diagnostics(
    State(state): State<AppState>,
    _admin: CpAdmin,
    Path(slug): Path<String>,
) -> ApiResult<Response> {
    let conn = state.db.lock();
    let org = org_by_slug(&conn, &state, &slug)?;
    let inst = instance(&conn, &org)?;
    let st = inst.as_ref().map(|i| instance_state(&state, &org, i));
    let reachable = matches!(org.status.as_str(), "running" | "suspended");
    let fqdn = format!("{}.localhost", org.slug);
    Ok(json(
        200,
        &TenantDiagnostics {
            slug: org.slug.clone(),
            domain: Some("localhost".into()),
            db: TenantDiagnosticsDb {
                org_present: true,
                org_status: Some(org.status.clone()),
                instance_present: inst.is_some(),
                instance_status: st.clone(),
                instance_id: inst.as_ref().map(|i| i.instance_id.clone()),
            },
            dns: Some(TenantDiagnosticsDns {
                present: reachable,
                type_: reachable.then(|| "CNAME".into()),
                fqdn: reachable.then_some(fqdn),
            }),
            tunnel: Some(TenantDiagnosticsTunnel {
                present: reachable,
                name: reachable.then(|| format!("tenant-{}", org.slug)),
                connections: reachable.then_some(if st.as_deref() == Some("running") {
                    4
                } else {
                    0
                }),
            }),
            checked_at: Some(ts(state.clock.now_ms())),
            last_error: org.last_error.clone().filter(|e| !e.is_empty()),
        },
    ))
}

async fn console_output(
    State(state): State<AppState>,
    _admin: CpAdmin,
    Path(slug): Path<String>,
) -> ApiResult<Response> {
    let conn = state.db.lock();
    let org = org_by_slug(&conn, &state, &slug)?;
    let inst = instance(&conn, &org)?.ok_or_else(|| ApiError::not_found("instance"))?;
    let mut output = String::new();
    for e in boot_event_rows(&conn, &org.id, 500)? {
        let field = |v: Option<String>| v.unwrap_or_default();
        output.push_str(&format!(
            "[{}] {}: {}\n",
            field(e.at),
            field(e.stage),
            field(e.message)
        ));
    }
    Ok(json(
        200,
        &ConsoleOutput {
            slug: org.slug.clone(),
            instance_id: inst.instance_id,
            output,
            captured_at: ts(state.clock.now_ms()),
        },
    ))
}

/// `?limit=` of the boot events.
#[derive(serde::Deserialize)]
struct Limit {
    limit: Option<String>,
}

async fn boot_events(
    State(state): State<AppState>,
    _admin: CpAdmin,
    Path(slug): Path<String>,
    Params(q): Params<Limit>,
) -> ApiResult<Response> {
    let limit = int_param(&q.limit, "limit", 50, 1, 500)?;
    let conn = state.db.lock();
    let org = org_by_slug(&conn, &state, &slug)?;
    let events = boot_event_rows(&conn, &org.id, limit)?;
    Ok(json(
        200,
        &BootEventList {
            slug: org.slug.clone(),
            org_id: org.id.parse().ok(),
            count: Some(events.len() as i32),
            events,
        },
    ))
}

async fn scrub(
    State(state): State<AppState>,
    _admin: CpAdmin,
    Path(slug): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let confirm = body
        .get("confirm")
        .and_then(Value::as_str)
        .map(str::to_string);
    let conn = state.db.lock();
    let org = org_by_slug(&conn, &state, &slug)?;
    confirm_guard(confirm.as_deref(), &org.slug)?;
    let inst = instance(&conn, &org)?;
    let removed = match &inst {
        Some(i) if i.scrubbed_at.is_none() => {
            instances::mark_scrubbed(&conn, &org.id, state.clock.now_ms())?;
            vec![
                format!("dns:{}.localhost", org.slug),
                format!("tunnel:{}", org.slug),
                format!("snapshot:snap-0{}", short_hash(&i.volume_id, 16)),
                format!("log-group:/molecule/tenants/{}", org.slug),
            ]
        }
        _ => vec![],
    };
    // `removed` is sent even when empty (the SDK type leaves an empty list out).
    let mut body = serde_json::to_value(ScrubResult {
        ok: Some(true),
        slug: Some(org.slug.clone()),
        removed: removed.clone(),
    })
    .map_err(ApiError::internal)?;
    body["removed"] = json!(removed);
    Ok(json(200, &body))
}
