//! Thin-AMI pins per region: promote, list, roll back (to the previous or a named entry).

use crate::{
    api::{Body, json},
    auth::CpAdmin,
    error::{ApiError, ApiResult},
    state::AppState,
    store::instances::{self, ami_pins},
};
use axum::{
    Router,
    extract::State,
    response::Response,
    routing::{get, post},
};
use molecule_sdk::types::{ThinAmiPinList, ThinAmiPromoteRequest, ThinAmiRollbackRequest};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/thin-ami/promote", post(promote_ami))
        .route("/admin/thin-ami/list", get(list_amis))
        .route("/admin/thin-ami/rollback", post(rollback_ami))
}

async fn promote_ami(
    State(state): State<AppState>,
    _admin: CpAdmin,
    Body(req): Body<ThinAmiPromoteRequest>,
) -> ApiResult<Response> {
    let ami = req.ami_id.clone();
    let hex_ok = ami.strip_prefix("ami-").is_some_and(|h| {
        (8..=17).contains(&h.len())
            && h.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    });
    if !hex_ok {
        return Err(
            ApiError::bad_request("ami_id must match ^ami-[0-9a-f]{8,17}$").field("ami_id"),
        );
    }
    let region = req.region.to_string();
    if region.trim().is_empty() || region.chars().any(char::is_control) {
        return Err(ApiError::bad_request("invalid region").field("region"));
    }
    let conn = state.db.lock();
    instances::pin_ami(
        &conn,
        &region,
        &ami,
        req.notes.as_deref(),
        state.clock.now_ms(),
    )?;
    let pin = ami_pins(&conn, Some(&region))?.remove(0);
    Ok(json(200, &pin))
}

async fn list_amis(State(state): State<AppState>, _admin: CpAdmin) -> ApiResult<Response> {
    Ok(json(
        200,
        &ThinAmiPinList {
            pins: ami_pins(&state.db.lock(), None)?,
        },
    ))
}

async fn rollback_ami(
    State(state): State<AppState>,
    _admin: CpAdmin,
    Body(req): Body<ThinAmiRollbackRequest>,
) -> ApiResult<Response> {
    let region = req.region.to_string();
    let conn = state.db.lock();
    let pin = ami_pins(&conn, Some(&region))?
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::not_found("pin for the region"))?;
    let target = match &req.to_ami_id {
        Some(t) => {
            if !pin.history.iter().any(|h| &h.ami_id == t) {
                return Err(ApiError::not_found("to_ami_id in the region's history"));
            }
            t.clone()
        }
        None => pin.previous_ami_id.clone().ok_or_else(|| {
            ApiError::conflict("NO_PREVIOUS_PIN", "no previous pin to roll back to")
        })?,
    };
    let notes = format!("rollback from {}", pin.ami_id);
    instances::pin_ami(&conn, &region, &target, Some(&notes), state.clock.now_ms())?;
    Ok(json(200, &ami_pins(&conn, Some(&region))?.remove(0)))
}
