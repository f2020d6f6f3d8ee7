//! Reading single values out of a raw query string (the lenient parameters whose odd values
//! some routes must tolerate).

use crate::error::{ApiError, ApiResult};
use serde_json::json;

/// `name=value` of a raw query string (first occurrence, percent-decoding not needed for the
/// flags and numbers read here).
pub fn query_value(query: &Option<String>, name: &str) -> Option<String> {
    query
        .as_deref()?
        .split('&')
        .filter_map(|p| p.split_once('=').or(Some((p, ""))))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// A boolean flag: only the literal `true` counts.
pub fn flag(query: &Option<String>, name: &str) -> bool {
    query_value(query, name).as_deref() == Some("true")
}

/// An integer query parameter within `min..=max` (400 otherwise), `default` when absent.
pub fn int_param(
    query: &Option<String>,
    name: &str,
    default: i64,
    min: i64,
    max: i64,
) -> ApiResult<i64> {
    match query_value(query, name) {
        None => Ok(default),
        Some(v) => v
            .parse::<i64>()
            .ok()
            .filter(|n| (min..=max).contains(n))
            .ok_or_else(|| {
                ApiError::bad_request(&format!("{name} must be an integer in {min}..={max}"))
                    .with("field", json!(name))
            }),
    }
}
