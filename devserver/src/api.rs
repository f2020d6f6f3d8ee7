//! What every API route shares: body extractors that answer in the contract's error shape, the
//! name/description checks, decoding into generated SDK types, and JSON answers.

use crate::error::{ApiError, ApiResult};
use axum::{
    body::Bytes,
    extract::{FromRequest, Request},
    http::{HeaderValue, header},
    response::Response,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// The request body limit (axum's default), answered by [`payload_too_large`].
pub const BODY_LIMIT_BYTES: usize = 2 * 1024 * 1024;

/// The one answer to a body over the limit, on every route: JSON 413 `PAYLOAD_TOO_LARGE`.
pub fn payload_too_large() -> ApiError {
    ApiError::code(413, "PAYLOAD_TOO_LARGE", "request body larger than 2 MiB")
}

/// The raw request body (up to [`BODY_LIMIT_BYTES`]): over the limit a JSON 413
/// `PAYLOAD_TOO_LARGE`, unreadable a 400 `VALIDATION_FAILED` (never axum's plain-text answers).
pub struct RawBody(pub Bytes);

impl<S: Send + Sync> FromRequest<S> for RawBody {
    type Rejection = ApiError;
    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        Bytes::from_request(req, state)
            .await
            .map(RawBody)
            .map_err(|e| {
                if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                    payload_too_large()
                } else {
                    ApiError::bad_request("unreadable request body")
                }
            })
    }
}

/// A JSON request body read regardless of `Content-Type` (cookie-authenticated writes must say
/// `application/json`, see `hosts::csrf_guard`); anything unreadable is a 400
/// `VALIDATION_FAILED` (never axum's 415/422, which the contract does not document), a body over
/// the limit a 413 `PAYLOAD_TOO_LARGE`.
pub struct JsonBody(pub Value);

impl<S: Send + Sync> FromRequest<S> for JsonBody {
    type Rejection = ApiError;
    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let RawBody(bytes) = RawBody::from_request(req, state).await?;
        let value: Value = serde_json::from_slice(&bytes)
            .map_err(|_| ApiError::bad_request("request body must be JSON"))?;
        check_text_fields(&value)?;
        Ok(JsonBody(value))
    }
}

/// Keys holding a display name (one line, at most [`NAME_MAX_CHARS`]).
pub const NAME_KEYS: &[&str] = &["name", "display_name", "title", "label"];

/// Keys holding a description (several lines allowed, at most [`DESCRIPTION_MAX_CHARS`]).
pub const DESCRIPTION_KEYS: &[&str] = &["description"];

pub const NAME_MAX_CHARS: usize = 255;

pub const DESCRIPTION_MAX_CHARS: usize = 4096;

/// Bidirectional-text controls (embeddings, overrides, isolates, marks) that make a name read
/// differently from what it is (Trojan Source style spoofing).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Why a name or description is refused, if it is: control characters (NUL included; a
/// description may have line breaks and tabs), bidi controls, or more characters than allowed.
pub fn text_problem(value: &str, multiline: bool) -> Option<String> {
    let max = if multiline {
        DESCRIPTION_MAX_CHARS
    } else {
        NAME_MAX_CHARS
    };
    if value
        .chars()
        .any(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t')))
    {
        return Some("must not contain control characters".into());
    }
    if value.chars().any(is_bidi_control) {
        return Some("must not contain bidirectional override or isolate characters".into());
    }
    if value.chars().count() > max {
        return Some(format!("must be at most {max} characters"));
    }
    None
}

/// Refuses (400 `VALIDATION_FAILED` naming the field) names and descriptions anywhere in a JSON
/// body that carry control characters or bidi controls, or are longer than allowed.
pub fn check_text_fields(value: &Value) -> ApiResult<()> {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                if let Value::String(s) = v {
                    let multiline = DESCRIPTION_KEYS.contains(&key.as_str());
                    if (multiline || NAME_KEYS.contains(&key.as_str()))
                        && let Some(problem) = text_problem(s, multiline)
                    {
                        return Err(ApiError::bad_request(&format!("{key} {problem}"))
                            .with("field", serde_json::json!(key)));
                    }
                }
                check_text_fields(v)?;
            }
            Ok(())
        }
        Value::Array(items) => items.iter().try_for_each(check_text_fields),
        _ => Ok(()),
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
