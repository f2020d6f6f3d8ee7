//! Control-plane routes, one module per resource (the tenant API is in [`tenant`]).
//! [`control_plane`] mounts them under `/api/v1` and again under `/cp` (the sunset-headed
//! mirror).

pub mod admin;
pub mod auth;
pub mod billing;
pub mod invitations;
pub mod members;
pub mod membership;
pub mod orgs;
pub mod provision;
pub mod templates;
pub mod tenant;

use crate::{error::ApiError, state::AppState};
use axum::{Router, http::HeaderValue, response::Response};

/// `Sunset` date announced on every `/cp/*` answer.
pub const CP_SUNSET: &str = "Thu, 01 Jul 2027 00:00:00 GMT";

/// The API routes without prefix (`/auth/me`, `/orgs`, ...).
pub fn api_routes() -> Router<AppState> {
    Router::new()
        .merge(auth::routes())
        .merge(orgs::routes())
        .merge(members::routes())
        .merge(invitations::routes())
        .merge(billing::routes())
        .merge(templates::routes())
        .merge(admin::routes())
        .merge(provision::routes())
        .fallback(|| async { ApiError::not_found("route") })
}

/// `/api/v1/*` plus the `/cp/*` mirror (adds `Deprecation` and `Sunset`).
pub fn control_plane(state: AppState) -> Router {
    let cp = api_routes().layer(axum::middleware::map_response(
        |mut res: Response| async move {
            res.headers_mut()
                .insert("deprecation", HeaderValue::from_static("true"));
            res.headers_mut()
                .insert("sunset", HeaderValue::from_static(CP_SUNSET));
            res
        },
    ));
    Router::new()
        // Platform scripts call `$CP_URL/health` before anything else and read only the status.
        .route(
            "/health",
            axum::routing::get(|| async { axum::Json(serde_json::json!({"status": "ok"})) }),
        )
        .nest("/api/v1", api_routes())
        .nest("/cp", cp)
        .fallback(|| async { ApiError::not_found("route") })
        .with_state(state)
}
