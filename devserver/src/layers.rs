//! Request layers that read the shared state: fault injection and the tenant rate limit.

use crate::{
    error::ApiError,
    faults::Effect,
    routes::tenant::guard::{TenantOrg, guard_exempt},
    state::AppState,
};
use axum::{
    extract::{Request, State},
    http::HeaderValue,
    middleware::Next,
    response::{IntoResponse, Response},
};

/// The fault layer: applies the first matching rule of `AppState::faults()`.
pub async fn faults(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let rule = state
        .faults()
        .into_iter()
        .find(|f| f.matches(req.method().as_str(), req.uri().path()));
    match rule.map(|f| f.effect) {
        None => next.run(req).await,
        Some(Effect::Latency(ms)) => {
            tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
            next.run(req).await
        }
        Some(Effect::Status(status)) => {
            let code = if status == 429 {
                "RATE_LIMITED"
            } else {
                "INTERNAL"
            };
            let mut res = ApiError::code(status, code, "injected fault").into_response();
            if status == 429 || status == 503 {
                res.headers_mut()
                    .insert("retry-after", HeaderValue::from_static("1"));
            }
            res
        }
        // Unwinding out of the service makes hyper drop the connection without an answer;
        // `resume_unwind` skips the panic hook, so nothing is printed.
        Some(Effect::Drop) => {
            std::panic::resume_unwind(Box::new("injected fault: drop connection"))
        }
    }
}

/// The tenant's per-org rate limit (`Config::tenant_rate_limit` a minute per org):
/// `X-RateLimit-Limit/Remaining/Reset` on every answer, and 429 with `Retry-After` once the window
/// is used up. Runs after the guard, so every request that reaches it is counted against the org
/// the host names (keyed by the org, never by a client-chosen header value); only the console's
/// own files and page navigations are not counted.
pub async fn tenant_rate_limit(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    let Some(org) = req.extensions().get::<TenantOrg>().cloned() else {
        return next.run(req).await;
    };
    if guard_exempt(req.uri().path()) || crate::assets::is_console_request(&state.config.dist, &req)
    {
        return next.run(req).await;
    }
    let key = format!("tenant-rate:{}", org.id);
    let limit = state.config.tenant_rate_limit;
    let (allowed, remaining, reset) = state.rate_window(&key, limit, 60);
    let mut res = if allowed {
        next.run(req).await
    } else {
        let mut r = ApiError::code(429, "RATE_LIMITED", "rate limit exceeded")
            .with(|e| e.retry_after = Some(reset as i32))
            .into_response();
        r.headers_mut()
            .insert("retry-after", HeaderValue::from(reset));
        r
    };
    let h = res.headers_mut();
    h.insert("x-ratelimit-limit", HeaderValue::from(limit));
    h.insert("x-ratelimit-remaining", HeaderValue::from(remaining));
    h.insert("x-ratelimit-reset", HeaderValue::from(reset));
    res
}
