//! Tenant host (`<slug>.localhost`): the tenant guard and the tenant API (one simulated workspace
//! server per org; every row is keyed by the org the host names).

pub mod access;
pub mod catalog;
pub mod external;
pub mod misc;
pub mod registry;
pub mod rules;
pub mod secrets;
pub mod tokens;
pub mod workspaces;

use crate::{error::ApiError, state::AppState};
use axum::{
    Router,
    extract::{Request, State},
    http::HeaderValue,
    middleware::Next,
    response::Response,
};

/// The org a tenant host serves; the host dispatcher inserts it as a request extension.
#[derive(Debug, Clone)]
pub struct TenantOrg {
    pub id: String,
    pub slug: String,
}

/// Paths the guard lets through without `X-Molecule-Org-Id`.
pub fn guard_exempt(path: &str) -> bool {
    path == "/health" || path == "/buildinfo" || path == "/cp" || path.starts_with("/cp/")
}

/// The real tenant's same-origin rule (wsauth_middleware.go `isSameOriginCanvas`@aeec8e47): the
/// Referer starts with `http(s)://<Host>/` or equals `http(s)://<Host>`, or else the Origin
/// equals `http(s)://<Host>`, where Host is the request's Host header verbatim (port included,
/// case-sensitive).
pub fn same_origin(req: &Request) -> bool {
    let header = |name: &str| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    };
    let host = header("host");
    if host.is_empty() {
        return false;
    }
    let origins = [format!("https://{host}"), format!("http://{host}")];
    let referer = header("referer");
    if !referer.is_empty()
        && origins
            .iter()
            .any(|o| referer == o || referer.starts_with(&format!("{o}/")))
    {
        return true;
    }
    let origin = header("origin");
    origins.iter().any(|o| origin == o)
}

/// The tenant guard check: the org's `X-Molecule-Org-Id`, or a same-origin request (see
/// [`same_origin`]); otherwise a missing header is a 400 `TENANT_ORG_HEADER_REQUIRED` and another
/// org's id an EMPTY 404 (does not reveal that the tenant exists). Authentication is separate.
pub fn check_org_header(req: &Request, org: &TenantOrg) -> Result<(), ApiError> {
    if guard_exempt(req.uri().path()) {
        return Ok(());
    }
    let sent = req
        .headers()
        .get("x-molecule-org-id")
        .and_then(|v| v.to_str().ok());
    if sent.is_some_and(|v| v.trim().eq_ignore_ascii_case(&org.id)) || same_origin(req) {
        return Ok(());
    }
    match sent {
        None => Err(ApiError::code(
            400,
            "TENANT_ORG_HEADER_REQUIRED",
            "missing tenant routing header",
        )
        .with("required_header", serde_json::json!("X-Molecule-Org-Id"))
        .with(
            "detail",
            serde_json::json!("send X-Molecule-Org-Id: <org uuid> on every tenant request"),
        )),
        Some(_) => Err(ApiError::empty_404()),
    }
}

/// The guard as a middleware layer (`axum::middleware::from_fn(tenant_guard)`); needs the
/// [`TenantOrg`] extension.
pub async fn tenant_guard(req: Request, next: Next) -> Response {
    use axum::response::IntoResponse;
    let Some(org) = req.extensions().get::<TenantOrg>().cloned() else {
        return ApiError::empty_404().into_response();
    };
    match check_org_header(&req, &org) {
        Ok(()) => next.run(req).await,
        Err(e) => e.into_response(),
    }
}

/// The tenant's per-org rate limit (`Config::tenant_rate_limit` a minute per org):
/// `X-RateLimit-Limit/Remaining/Reset` on every answer, and 429 with `Retry-After` once the window
/// is used up. Runs after the guard, so every request that reaches it is counted against the org
/// the host names (keyed by the org, never by a client-chosen header value); only the console's
/// own files and page navigations are not counted.
pub async fn rate_limit(State(state): State<AppState>, req: Request, next: Next) -> Response {
    use axum::response::IntoResponse;
    let Some(org) = req.extensions().get::<TenantOrg>().cloned() else {
        return next.run(req).await;
    };
    if guard_exempt(req.uri().path()) || crate::hosts::is_console_request(&state.config.dist, &req)
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
            .with("retry_after", serde_json::json!(reset))
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

/// Tenant API routes (part 2 mounts `/workspaces` etc. here). The host dispatcher wraps the whole
/// tenant host in [`tenant_guard`], so routes added here are guarded automatically.
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(workspaces::routes())
        .merge(secrets::routes())
        .merge(tokens::routes())
        .merge(catalog::routes())
        .merge(misc::routes())
}
