//! Operator writes to the control-plane template registry: create and delete.

use crate::{
    api::{Body, json},
    auth::CpAdmin,
    error::{ApiError, ApiResult},
    state::AppState,
    store::{orgs::valid_slug, templates},
};
use axum::{
    Router,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::{delete, post},
};
use molecule_sdk::types::CreateCpTemplateRequest;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/templates", post(create_template))
        .route("/admin/templates/{slug}", delete(delete_template))
}

async fn create_template(
    State(state): State<AppState>,
    _admin: CpAdmin,
    Body(req): Body<CreateCpTemplateRequest>,
) -> ApiResult<Response> {
    if !valid_slug(&req.slug) {
        return Err(ApiError::bad_request("slug must match ^[a-z][a-z0-9-]{2,31}$").field("slug"));
    }
    let conn = state.db.lock();
    if templates::exists(&conn, &req.slug)? {
        return Err(
            ApiError::conflict("TEMPLATE_EXISTS", "a template with this slug exists")
                .with(|e| e.id = Some(req.slug.to_string())),
        );
    }
    templates::insert(&conn, &req, state.clock.now_ms())?;
    let t = templates::all(&conn)?
        .into_iter()
        .find(|t| *t.slug == *req.slug)
        .ok_or_else(|| ApiError::internal("vanished"))?;
    Ok(json(201, &t))
}

async fn delete_template(
    State(state): State<AppState>,
    _admin: CpAdmin,
    Path(slug): Path<String>,
) -> ApiResult<Response> {
    if !templates::delete(&state.db.lock(), &slug)? {
        return Err(ApiError::not_found("template"));
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}
