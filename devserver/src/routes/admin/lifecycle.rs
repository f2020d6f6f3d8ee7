//! Operator lifecycle actions on one tenant instance: redeploy, reboot and data-volume
//! migration. Each adds boot events and keeps the instance busy for a few simulated seconds.

use super::lookup::{confirm_guard, org_by_slug};
use crate::{
    api::{Body, decode, json},
    auth::CpAdmin,
    error::{ApiError, ApiResult},
    state::AppState,
    store::instances::{
        self, BUSY_SECS, DEFAULT_IMAGE_TAG, add_boot_event, deploy, instance, instance_state,
        set_busy, short_hash,
    },
};
use axum::{
    Router,
    extract::{Path, State},
    response::Response,
    routing::post,
};
use molecule_sdk::types::{
    MigrateDataVolumeRequest, MigrateDataVolumeResult, MigrateDataVolumeResultPhase, RebootRequest,
    RedeployRequest, RedeployResult, TenantActionResult, TenantActionResultAction,
};
use serde_json::{Value, json};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/tenants/{slug}/redeploy", post(redeploy))
        .route("/admin/tenants/{slug}/reboot", post(reboot))
        .route("/admin/tenants/{slug}/migrate-data-volume", post(migrate))
}

/// Optional JSON body: empty means `{}`.
fn optional_body(body: &[u8]) -> ApiResult<Value> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(json!({}));
    }
    serde_json::from_slice(body).map_err(|_| ApiError::bad_request("invalid JSON body"))
}

async fn redeploy(
    State(state): State<AppState>,
    _admin: CpAdmin,
    Path(slug): Path<String>,
    crate::api::RawBody(body): crate::api::RawBody,
) -> ApiResult<Response> {
    let body = optional_body(&body)?;
    let conn = state.db.lock();
    let org = org_by_slug(&conn, &state, &slug)?;
    if body.get("target_tag").and_then(Value::as_str) == Some("") {
        return Err(ApiError::bad_request("target_tag must not be empty").field("target_tag"));
    }
    let req: RedeployRequest = decode(body)?;
    if instance(&conn, &org)?.is_none() {
        return Err(ApiError::not_found("tenant"));
    }
    // No target_tag: the current release.
    let tag = req
        .target_tag
        .as_ref()
        .map(|t| t.to_string())
        .unwrap_or_else(|| DEFAULT_IMAGE_TAG.into());
    let (ok, ssm_status, code, healthz, error) = deploy(&conn, &state, &org, &tag, req.dry_run)?;
    Ok(json(
        200,
        &RedeployResult {
            ok: Some(ok),
            slug: Some(org.slug.clone()),
            target_tag: Some(tag),
            dry_run: Some(req.dry_run),
            ssm_status: Some(ssm_status),
            ssm_exit_code: code,
            healthz_ok: Some(healthz),
            error,
        },
    ))
}

async fn reboot(
    State(state): State<AppState>,
    _admin: CpAdmin,
    Path(slug): Path<String>,
    crate::api::RawBody(body): crate::api::RawBody,
) -> ApiResult<Response> {
    let req: RebootRequest = if body.iter().all(u8::is_ascii_whitespace) {
        RebootRequest::default()
    } else {
        let v: Value = serde_json::from_slice(&body)
            .map_err(|_| ApiError::bad_request("invalid JSON body"))?;
        if !v.is_object() {
            return Err(ApiError::bad_request("the body must be a JSON object"));
        }
        decode(v)?
    };
    let conn = state.db.lock();
    let org = org_by_slug(&conn, &state, &slug)?;
    let inst = instance(&conn, &org)?.ok_or_else(|| ApiError::not_found("tenant"))?;
    if instance_state(&state, &org, &inst) != "running" {
        return Err(ApiError::conflict(
            "INSTANCE_NOT_RUNNING",
            "the instance is not running",
        ));
    }
    let now = state.clock.now_ms();
    let kind = if req.hard { "hard_reboot" } else { "reboot" };
    let reason = req
        .reason
        .clone()
        .unwrap_or_else(|| "operator request".into());
    set_busy(&conn, &state, &org.id, "rebooting")?;
    add_boot_event(
        &conn,
        &org.id,
        now,
        kind,
        "warn",
        &format!("{kind} requested: {reason}"),
    )?;
    add_boot_event(
        &conn,
        &org.id,
        now,
        "kernel",
        "info",
        "Linux version 6.1 booting",
    )?;
    add_boot_event(
        &conn,
        &org.id,
        now,
        "services",
        "info",
        "workspace server started",
    )?;
    Ok(json(
        200,
        &TenantActionResult {
            ok: true,
            slug: org.slug.clone(),
            action: if req.hard {
                TenantActionResultAction::HardReboot
            } else {
                TenantActionResultAction::Reboot
            },
            instance_id: inst.instance_id,
            message: Some(format!(
                "{kind} in progress (about {BUSY_SECS} simulated seconds)"
            )),
        },
    ))
}

async fn migrate(
    State(state): State<AppState>,
    _admin: CpAdmin,
    Path(slug): Path<String>,
    Body(req): Body<MigrateDataVolumeRequest>,
) -> ApiResult<Response> {
    if req.target_size_gb.is_some_and(|g| !(30..=500).contains(&g)) {
        return Err(ApiError::bad_request("target_size_gb must be 30-500").field("target_size_gb"));
    }
    let conn = state.db.lock();
    let org = org_by_slug(&conn, &state, &slug)?;
    let inst = instance(&conn, &org)?.ok_or_else(|| ApiError::not_found("tenant"))?;
    let to_volume = format!(
        "vol-0{}",
        short_hash(&format!("{}{}", inst.volume_id, state.clock.now_ms()), 16)
    );
    let snapshot = format!("snap-0{}", short_hash(&inst.volume_id, 16));
    if req.dry_run {
        return Ok(json(
            200,
            &MigrateDataVolumeResult {
                ok: true,
                slug: org.slug.clone(),
                dry_run: true,
                phase: MigrateDataVolumeResultPhase::Planned,
                from_volume_id: Some(inst.volume_id.clone()),
                to_volume_id: None,
                snapshot_id: Some(snapshot),
                error: None,
            },
        ));
    }
    confirm_guard(Some(req.confirm.as_str()), &org.slug)?;
    if inst.busy_until > state.clock.now_ms() && inst.busy_reason.as_deref() == Some("migrating") {
        return Err(ApiError::conflict(
            "OPERATION_IN_PROGRESS",
            "a data-volume migration is already running",
        ));
    }
    let now = state.clock.now_ms();
    instances::set_volume(&conn, &org.id, &to_volume)?;
    set_busy(&conn, &state, &org.id, "migrating")?;
    add_boot_event(
        &conn,
        &org.id,
        now,
        "migrate",
        "warn",
        &format!("snapshot {snapshot} of {}", inst.volume_id),
    )?;
    add_boot_event(
        &conn,
        &org.id,
        now,
        "migrate",
        "info",
        &format!("attached {to_volume}; restarting"),
    )?;
    Ok(json(
        200,
        &MigrateDataVolumeResult {
            ok: true,
            slug: org.slug.clone(),
            dry_run: false,
            phase: MigrateDataVolumeResultPhase::Completed,
            from_volume_id: Some(inst.volume_id),
            to_volume_id: Some(to_volume),
            snapshot_id: Some(snapshot),
            error: None,
        },
    ))
}
