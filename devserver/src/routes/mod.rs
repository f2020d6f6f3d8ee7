//! Control-plane routes, one module per resource. [`control_plane`] mounts them under
//! `/api/v1` and again under `/cp` (the sunset-headed mirror).
//!
//! Part 2 (operator, provisioning and tenant routes) adds modules here and merges its routers in
//! [`api_routes`] / [`tenant`].

pub mod admin;
pub mod auth;
pub mod billing;
pub mod invitations;
pub mod members;
pub mod orgs;
pub mod provision;
pub mod templates;
pub mod tenant;

use crate::{
    error::{ApiError, ApiResult},
    state::AppState,
};
use axum::{
    Router,
    body::Bytes,
    extract::{FromRequest, Request},
    http::{HeaderValue, header},
    response::Response,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

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

/// A JSON request body read regardless of `Content-Type`; anything unreadable is a 400
/// `VALIDATION_FAILED` (never axum's 415/422, which the contract does not document).
pub struct JsonBody(pub Value);

impl<S: Send + Sync> FromRequest<S> for JsonBody {
    type Rejection = ApiError;
    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|_| ApiError::bad_request("unreadable request body"))?;
        serde_json::from_slice(&bytes)
            .map(JsonBody)
            .map_err(|_| ApiError::bad_request("request body must be JSON"))
    }
}

/// Decodes a body into a generated SDK type. The SDK keeps unknown enum values as
/// `Unknown(raw)` (tolerant reading of responses); a request is strict, so those are a 400.
pub fn decode<T: DeserializeOwned + std::fmt::Debug>(value: Value) -> ApiResult<T> {
    let v: T = serde_json::from_value(value)
        .map_err(|e| ApiError::bad_request(&format!("invalid request body: {e}")))?;
    if has_unknown(&v) {
        return Err(ApiError::bad_request(
            "invalid request body: a field has a value outside its allowed set",
        ));
    }
    Ok(v)
}

/// Whether a decoded SDK value holds an enum value kept as `Unknown(raw)`. Uses the derived
/// `Debug` form: the variant prints as `Unknown("raw")`, while a string that merely contains that
/// text prints with its quotes escaped (`Unknown(\"`), so it cannot be mistaken for one.
pub fn has_unknown<T: std::fmt::Debug>(value: &T) -> bool {
    format!("{value:?}").contains("Unknown(\"")
}

/// A JSON response with a status.
pub fn json<T: serde::Serialize>(status: u16, body: &T) -> Response {
    let mut res = Response::new(axum::body::Body::from(
        serde_json::to_vec(body).unwrap_or_default(),
    ));
    *res.status_mut() =
        axum::http::StatusCode::from_u16(status).unwrap_or(axum::http::StatusCode::OK);
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    res
}

/// A 302 to `location`.
pub fn redirect(location: &str) -> Response {
    let mut res = Response::new(axum::body::Body::empty());
    *res.status_mut() = axum::http::StatusCode::FOUND;
    if let Ok(v) = HeaderValue::from_str(location) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res
}

/// 429 with `Retry-After` and `retry_after`.
pub fn rate_limited(retry_after: i64) -> ApiError {
    ApiError::code(429, "RATE_LIMITED", "too many requests")
        .with("retry_after", serde_json::json!(retry_after))
}
