//! The control-plane template registry, read side (operator writes: `routes/admin/templates.rs`).

use crate::{
    api::json,
    auth::SessionUser,
    error::{ApiError, ApiResult},
    state::AppState,
    store::templates,
};
use axum::{
    Router,
    extract::{Path, State},
    response::Response,
    routing::get,
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/templates", get(list))
        .route("/templates/{slug}", get(one))
}

async fn list(State(state): State<AppState>, _user: SessionUser) -> ApiResult<Response> {
    Ok(json(200, &templates::all(&state.db.lock())?))
}

async fn one(
    State(state): State<AppState>,
    _user: SessionUser,
    Path(slug): Path<String>,
) -> ApiResult<Response> {
    let t =
        templates::one(&state.db.lock(), &slug)?.ok_or_else(|| ApiError::not_found("template"))?;
    Ok(json(200, &t))
}
