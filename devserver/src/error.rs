//! One error type for every handler. The body is the contract's `Error` (the generated
//! `molecule_sdk::types::Error`: `error`, optional `code` and context fields), nothing else.
//! Internal details are logged, never returned.

use axum::{
    Json,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use molecule_sdk::types::Error;

/// An error response in the contract's shape.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    /// Boxed: the type has some thirty fields and rides in every handler's `Result`.
    pub body: Box<Error>,
    /// Answer with no body at all (the tenant guard's 404 for a wrong org).
    pub empty: bool,
}

impl ApiError {
    pub fn new(status: u16, message: &str) -> Self {
        Self {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            body: Box::new(Error {
                error: Some(message.to_string()),
                ..Error::default()
            }),
            empty: false,
        }
    }

    /// A JSON body without `error`, for the few real bodies that have none (fields follow with
    /// [`ApiError::with`]).
    pub fn bare(status: u16) -> Self {
        let mut e = Self::new(status, "");
        e.body.error = None;
        e
    }

    /// With a machine code.
    pub fn code(status: u16, code: &str, message: &str) -> Self {
        let mut e = Self::new(status, message);
        e.body.code = Some(code.to_string());
        e
    }

    /// Names the request field that failed validation.
    pub fn field(mut self, name: impl Into<String>) -> Self {
        self.body.field = Some(name.into());
        self
    }

    /// Sets context fields of the body.
    pub fn with(mut self, set: impl FnOnce(&mut Error)) -> Self {
        set(&mut self.body);
        self
    }

    /// A 404 without a body.
    pub fn empty_404() -> Self {
        Self {
            status: StatusCode::NOT_FOUND,
            body: Box::default(),
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
        let retry_after = self.body.retry_after;
        let mut res = (self.status, Json(&*self.body)).into_response();
        if let Some(secs) = retry_after {
            res.headers_mut()
                .insert(axum::http::header::RETRY_AFTER, secs.into());
        }
        res
    }
}

/// Handler result.
pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;

    async fn wire(e: ApiError) -> (u16, Option<String>, String) {
        let res = e.into_response();
        let retry = res
            .headers()
            .get("retry-after")
            .map(|v| v.to_str().unwrap().to_string());
        let status = res.status().as_u16();
        let bytes = axum::body::to_bytes(res.into_body(), 1 << 16)
            .await
            .unwrap();
        (status, retry, String::from_utf8(bytes.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn bodies_on_the_wire() {
        let e = ApiError::bad_request("name must be short").field("name");
        assert_eq!(
            wire(e).await,
            (
                400,
                None,
                r#"{"code":"VALIDATION_FAILED","error":"name must be short","field":"name"}"#
                    .into()
            )
        );
        let e = ApiError::code(429, "RATE_LIMITED", "slow down").with(|e| e.retry_after = Some(7));
        let (status, retry, body) = wire(e).await;
        assert_eq!((status, retry.as_deref()), (429, Some("7")));
        assert_eq!(
            body,
            r#"{"code":"RATE_LIMITED","error":"slow down","retry_after":7}"#
        );
        let e =
            ApiError::new(400, "limit must be 1..1000").with(|e| e.requested = Some("0".into()));
        assert_eq!(
            wire(e).await.2,
            r#"{"error":"limit must be 1..1000","requested":"0"}"#
        );
        let e = ApiError::bare(409).with(|e| e.status = Some("confirmation_required".into()));
        assert_eq!(wire(e).await.2, r#"{"status":"confirmation_required"}"#);
        assert_eq!(
            wire(ApiError::empty_404()).await,
            (404, None, String::new())
        );
    }
}
