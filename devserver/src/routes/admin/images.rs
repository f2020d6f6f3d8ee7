//! Runtime-image pins per template and region: promote, list, roll back.

use crate::{
    api::{Body, json},
    auth::CpAdmin,
    error::{ApiError, ApiResult},
    state::AppState,
    store::instances::{self, image_pins},
};
use axum::{
    Router,
    extract::State,
    response::Response,
    routing::{get, post},
};
use molecule_sdk::types::{
    RuntimeImagePinList, RuntimeImagePromoteRequest, RuntimeImagePromoteResult,
    RuntimeImageRollbackRequest,
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/runtime-image/promote", post(promote_image))
        .route("/admin/runtime-image", get(list_images))
        .route("/admin/runtime-image/list", get(list_images))
        .route("/admin/runtime-image/rollback", post(rollback_image))
}

fn valid_digest(d: &str) -> bool {
    d.strip_prefix("sha256:").is_some_and(|h| {
        h.len() == 64
            && h.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

async fn promote_image(
    State(state): State<AppState>,
    _admin: CpAdmin,
    Body(req): Body<RuntimeImagePromoteRequest>,
) -> ApiResult<Response> {
    if !valid_digest(&req.image_digest) {
        return Err(
            ApiError::bad_request("image_digest must be sha256:<64 hex>").field("image_digest"),
        );
    }
    let template = req.template_name.to_string();
    if template.trim().is_empty() || template.chars().any(char::is_control) || req.region.is_empty()
    {
        return Err(ApiError::bad_request("invalid template name or region").field("template_name"));
    }
    let conn = state.db.lock();
    instances::pin_image(
        &conn,
        &template,
        &req.region,
        &req.image_digest,
        req.git_sha.as_deref(),
        req.notes.as_deref(),
        state.clock.now_ms(),
    )?;
    let pin = image_pins(&conn, Some(&template), Some(&req.region))?.remove(0);
    Ok(json(
        200,
        &RuntimeImagePromoteResult {
            template_name: Some(pin.template_name),
            region: pin.region,
            image_digest: Some(pin.image_digest),
            git_sha: pin.git_sha,
            notes: pin.notes,
            promoted_by: pin.promoted_by,
            promoted_at: pin.promoted_at,
            previous_image_digest: pin.previous_image_digest,
            history: pin.history,
        },
    ))
}

async fn list_images(State(state): State<AppState>, _admin: CpAdmin) -> ApiResult<Response> {
    Ok(json(
        200,
        &RuntimeImagePinList {
            pins: image_pins(&state.db.lock(), None, None)?,
        },
    ))
}

async fn rollback_image(
    State(state): State<AppState>,
    _admin: CpAdmin,
    Body(req): Body<RuntimeImageRollbackRequest>,
) -> ApiResult<Response> {
    let template = req.template_name.to_string();
    let conn = state.db.lock();
    let pin = image_pins(&conn, Some(&template), Some(&req.region))?
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::not_found("pin for the template"))?;
    let target = match &req.to_image_digest {
        Some(t) => {
            if !pin.history.iter().any(|h| &h.image_digest == t) {
                return Err(ApiError::not_found(
                    "to_image_digest in the template's history",
                ));
            }
            t.clone()
        }
        None => pin.previous_image_digest.clone().ok_or_else(|| {
            ApiError::conflict("NO_PREVIOUS_PIN", "no previous pin to roll back to")
        })?,
    };
    let notes = format!("rollback from {}", pin.image_digest);
    instances::pin_image(
        &conn,
        &template,
        &req.region,
        &target,
        None,
        Some(&notes),
        state.clock.now_ms(),
    )?;
    Ok(json(
        200,
        &image_pins(&conn, Some(&template), Some(&req.region))?.remove(0),
    ))
}
