//! One error type for every handler: the spec's error body (`error`, optional `code` and
//! context fields). Internal details are logged, never returned.

use axum::{
    Json,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde_json::{Map, Value, json};

/// An error response in the contract's shape.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub body: Map<String, Value>,
    /// Answer with no body at all (the tenant guard's 404 for a wrong org).
    pub empty: bool,
}

impl ApiError {
    pub fn new(status: u16, message: &str) -> Self {
        let mut body = Map::new();
        body.insert("error".into(), json!(message));
        Self {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            body,
            empty: false,
        }
    }

    /// A JSON body without `error`, for the few real bodies that have none (fields follow with
    /// [`ApiError::with`]).
    pub fn bare(status: u16) -> Self {
        let mut e = Self::new(status, "");
        e.body.clear();
        e
    }

    /// With a machine code.
    pub fn code(status: u16, code: &str, message: &str) -> Self {
        Self::new(status, message).with("code", json!(code))
    }

    /// Adds a context field.
    pub fn with(mut self, key: &str, value: Value) -> Self {
        self.body.insert(key.into(), value);
        self
    }

    /// A 404 without a body.
    pub fn empty_404() -> Self {
        Self {
            status: StatusCode::NOT_FOUND,
            body: Map::new(),
            empty: true,
        }
    }

    pub fn bad_request(message: &str) -> Self {
        Self::code(400, "VALIDATION_FAILED", message)
    }
    pub fn unauthorized() -> Self {
        Self::code(401, "UNAUTHENTICATED", "authentication required")
    }
    pub fn forbidden(message: &str) -> Self {
        Self::code(403, "FORBIDDEN", message)
    }
    pub fn not_found(what: &str) -> Self {
        Self::code(404, "NOT_FOUND", &format!("{what} not found"))
    }
    pub fn conflict(code: &str, message: &str) -> Self {
        Self::code(409, code, message)
    }

    /// Logs the cause and hides it.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "internal error");
        Self::new(500, "internal error")
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> Self {
        ApiError::internal(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if self.empty {
            return self.status.into_response();
        }
        let retry_after = self.body.get("retry_after").and_then(Value::as_i64);
        let mut res = (self.status, Json(Value::Object(self.body))).into_response();
        if let Some(secs) = retry_after {
            res.headers_mut()
                .insert(axum::http::header::RETRY_AFTER, secs.into());
        }
        res
    }
}

/// Handler result.
pub type ApiResult<T> = Result<T, ApiError>;
