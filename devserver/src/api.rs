//! What every API route shares: body and query-string extractors that answer in the contract's
//! error shape, the name/description checks, decoding into generated SDK types, and JSON answers.

use crate::error::{ApiError, ApiResult};
use axum::{
    body::Bytes,
    extract::{FromRequest, FromRequestParts, Query, Request},
    http::{HeaderValue, header, request::Parts},
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

/// A JSON body decoded into `T` (a generated `*Request` type) by [`decode`]: unreadable JSON,
/// a name or description [`check_text_fields`] refuses, a field of the wrong type or an enum value
/// outside its set are all a 400 `VALIDATION_FAILED`. Use it where the decode is the first check
/// of a route; a route that must authorise first takes [`JsonBody`] and calls [`decode`] after.
pub struct Body<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + std::fmt::Debug> FromRequest<S> for Body<T> {
    type Rejection = ApiError;
    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let JsonBody(value) = JsonBody::from_request(req, state).await?;
        decode(value).map(Body)
    }
}

/// A query string decoded into `T` (a small serde struct of optional string fields, checked by
/// the route): values are percent-decoded, the first occurrence of a key wins, other keys are
/// ignored. An undecodable query string is a 400 `VALIDATION_FAILED`, never axum's plain text.
pub struct Params<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Params<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let invalid = |e: &dyn std::fmt::Display| {
            ApiError::bad_request(&format!("invalid query string: {e}"))
        };
        let Query(pairs) =
            Query::<Vec<(String, String)>>::try_from_uri(&parts.uri).map_err(|e| invalid(&e))?;
        let mut map = serde_json::Map::new();
        for (k, v) in pairs {
            map.entry(k).or_insert(Value::String(v));
        }
        serde_json::from_value(Value::Object(map))
            .map(Params)
            .map_err(|e| invalid(&e))
    }
}

/// A boolean query flag: only the literal `true` counts.
pub fn is_true(value: &Option<String>) -> bool {
    value.as_deref() == Some("true")
}

/// An integer query parameter within `min..=max` (400 naming it otherwise), `default` when absent.
pub fn int_param(
    value: &Option<String>,
    name: &str,
    default: i64,
    min: i64,
    max: i64,
) -> ApiResult<i64> {
    match value {
        None => Ok(default),
        Some(v) => v
            .parse::<i64>()
            .ok()
            .filter(|n| (min..=max).contains(n))
            .ok_or_else(|| {
                ApiError::bad_request(&format!("{name} must be an integer in {min}..={max}"))
                    .field(name)
            }),
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
                        return Err(ApiError::bad_request(&format!("{key} {problem}")).field(key));
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
fn has_unknown<T: std::fmt::Debug>(value: &T) -> bool {
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
        .with(|e| e.retry_after = Some(retry_after as i32))
}

/// A plausible single address: `local@domain.tld`, no spaces, at most 254 characters.
pub fn valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    email.len() <= 254
        && !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && email.chars().all(|c| c.is_ascii_graphic())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::Request as HttpRequest;

    #[derive(serde::Deserialize)]
    struct Page {
        limit: Option<String>,
        offset: Option<String>,
    }

    async fn params(uri: &str) -> Result<Page, ApiError> {
        let (mut parts, ()) = HttpRequest::get(uri).body(()).unwrap().into_parts();
        Params::<Page>::from_request_parts(&mut parts, &())
            .await
            .map(|Params(p)| p)
    }

    #[tokio::test]
    async fn query_params_first_occurrence_wins() {
        let p = params("/x?limit=5&limit=7&other=1").await.unwrap();
        assert_eq!(p.limit.as_deref(), Some("5"));
        assert_eq!(p.offset, None);
        let p = params("/x").await.unwrap();
        assert_eq!((p.limit, p.offset), (None, None));
        assert_eq!(
            params("/x?offset=%31").await.unwrap().offset.as_deref(),
            Some("1")
        );
    }

    #[test]
    fn int_and_flag_params() {
        assert_eq!(int_param(&None, "limit", 50, 1, 500).unwrap(), 50);
        assert_eq!(
            int_param(&Some("7".into()), "limit", 50, 1, 500).unwrap(),
            7
        );
        let e = int_param(&Some("0".into()), "limit", 50, 1, 500).unwrap_err();
        assert_eq!(e.status, 400);
        assert!(is_true(&Some("true".into())));
        assert!(!is_true(&Some("1".into())) && !is_true(&None));
    }

    #[test]
    fn decode_refuses_values_outside_an_enum() {
        use molecule_sdk::types::UpdateMemberRequest;
        let ok: UpdateMemberRequest = decode(serde_json::json!({"role": "admin"})).unwrap();
        assert_eq!(ok.role.to_string(), "admin");
        let e = decode::<UpdateMemberRequest>(serde_json::json!({"role": "overlord"})).unwrap_err();
        assert_eq!(e.status, 400);
        // A string that merely spells the variant is not mistaken for one.
        assert!(!has_unknown(&"Unknown(\"x\")"));
    }
}
