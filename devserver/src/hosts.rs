//! One listener, three kinds of host (dispatched on `Host`):
//! - `api.localhost`, `127.0.0.1`, `localhost`: the control plane (`/api/v1/*` and `/cp/*`);
//! - `app.localhost`: hosted pages, the allowlisted `/cp/*` mirror and the console SPA;
//! - `<slug>.localhost` of a live org: the console SPA, the `/cp/*` forwarder (allowlist, empty
//!   404 otherwise) and the guarded tenant API (part 2).
//!
//! Cross-cutting layers: request log (no query strings, secret path segments redacted), fault
//! injection, CORS for the platform's own origins, security headers and CSP.

use crate::{
    auth::request_host,
    error::ApiError,
    routes::{self, tenant::TenantOrg},
    state::AppState,
};
use axum::{
    Router,
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::{self, Next},
    response::{IntoResponse, Response},
};
use rusqlite::OptionalExtension;
use std::{path::PathBuf, sync::Arc, time::Instant};
use tower::ServiceExt;

/// Which surface a `Host` names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostKind {
    ControlPlane,
    App,
    Tenant(String),
    Unknown,
}

/// Classifies a `Host` value (the port is not checked: one listener serves them all).
pub fn classify(host: &str) -> HostKind {
    let name = match host.rsplit_once(':') {
        Some((n, p)) if p.bytes().all(|b| b.is_ascii_digit()) => n,
        _ => host,
    };
    match name {
        "" | "api.localhost" | "localhost" | "127.0.0.1" => HostKind::ControlPlane,
        "app.localhost" => HostKind::App,
        _ => match name.strip_suffix(".localhost") {
            Some(slug)
                if routes::orgs::valid_slug(slug)
                    && !routes::orgs::RESERVED_SLUGS.contains(&slug) =>
            {
                HostKind::Tenant(slug.to_string())
            }
            _ => HostKind::Unknown,
        },
    }
}

struct Routers {
    cp: Router,
    app: Router,
    tenant: Router,
}

/// The whole devserver as one router (tests call it with `oneshot`).
pub fn app(state: AppState) -> Router {
    let cp = routes::control_plane(state.clone());
    let dist = state.config.dist.clone();
    let app_host = crate::pages::routes()
        .with_state(state.clone())
        .route("/cp", axum::routing::any(empty_404))
        .route(
            "/cp/{*rest}",
            axum::routing::any(forward_cp).with_state(cp.clone()),
        )
        .route(
            "/api/{*rest}",
            axum::routing::any(|| async { ApiError::not_found("route") }),
        )
        .fallback(axum::routing::any(spa).with_state(dist.clone()));
    let tenant = Router::new()
        .route("/cp", axum::routing::any(empty_404))
        .route(
            "/cp/{*rest}",
            axum::routing::any(forward_cp).with_state(cp.clone()),
        )
        .merge(routes::tenant::routes().with_state(state.clone()))
        .fallback(axum::routing::any(tenant_fallback).with_state(dist.clone()))
        // Like the real tenant (gin without HandleMethodNotAllowed): a wrong method is a 404.
        .method_not_allowed_fallback(|| async { ApiError::not_found("route") })
        // Inner layer: runs after the guard has accepted the org header.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            routes::tenant::rate_limit,
        ))
        .layer(middleware::from_fn_with_state(dist, guard_tenant_host));
    let routers = Arc::new(Routers {
        cp,
        app: app_host,
        tenant,
    });
    Router::new()
        .fallback(axum::routing::any(
            move |State(state): State<AppState>, req: Request| {
                dispatch(state, routers.clone(), req)
            },
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::faults::layer,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            headers_and_cors,
        ))
        // API answers above 1 KiB go out compressed (brotli or gzip, as the client accepts);
        // the console's files are precompressed at build time and pass through untouched.
        .layer(
            tower_http::compression::CompressionLayer::new().compress_when({
                use tower_http::compression::predicate::{DefaultPredicate, Predicate, SizeAbove};
                DefaultPredicate::new().and(SizeAbove::new(1024))
            }),
        )
        .layer(middleware::from_fn(log_requests))
        .with_state(state)
}

async fn dispatch(state: AppState, routers: Arc<Routers>, mut req: Request) -> Response {
    let host = request_host(req.headers());
    let router = match classify(&host) {
        HostKind::ControlPlane => routers.cp.clone(),
        HostKind::App => routers.app.clone(),
        HostKind::Tenant(slug) => {
            let org: Option<String> = state
                .db
                .lock()
                .query_row(
                    "SELECT id FROM orgs WHERE slug = ?1 AND status <> 'purged'",
                    [&slug],
                    |r| r.get(0),
                )
                .optional()
                .ok()
                .flatten();
            let Some(id) = org else {
                return empty_404().await;
            };
            req.extensions_mut().insert(TenantOrg { id, slug });
            routers.tenant.clone()
        }
        HostKind::Unknown => return empty_404().await,
    };
    match router.oneshot(req).await {
        Ok(res) => res,
        Err(never) => match never {},
    }
}

async fn empty_404() -> Response {
    StatusCode::NOT_FOUND.into_response()
}

/// `/cp/*` on the app and tenant hosts: only `molecule_sdk::proxy_allows` paths reach the
/// control plane (in process, Cookie and Authorization kept); anything else is an empty 404
/// before any credential is looked at.
async fn forward_cp(State(cp): State<Router>, req: Request) -> Response {
    if !molecule_sdk::proxy_allows(req.uri().path()) {
        return StatusCode::NOT_FOUND.into_response();
    }
    // Fresh extensions: the outer route's path parameters must not leak into the CP routes.
    let (mut parts, body) = req.into_parts();
    parts.extensions = axum::http::Extensions::new();
    match cp.oneshot(Request::from_parts(parts, body)).await {
        Ok(res) => res,
        Err(never) => match never {},
    }
}

/// A browser navigation (as opposed to an API call) on a console host.
fn is_navigation(headers: &HeaderMap) -> bool {
    let dest = headers.get("sec-fetch-mode").and_then(|v| v.to_str().ok());
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    dest == Some("navigate") || accept.contains("text/html")
}

/// Whether the path names an existing file of the console build.
fn is_static_file(dist: &Option<PathBuf>, path: &str) -> bool {
    let Some(dist) = dist else { return false };
    let rel = path.trim_start_matches('/');
    !rel.is_empty()
        && !rel
            .split('/')
            .any(|s| s == ".." || s == "." || s.is_empty() || s.contains('\\'))
        && dist.join(rel).is_file()
}

/// Serves the console: files from `dist/`, `index.html` for anything else.
async fn spa(State(dist): State<Option<PathBuf>>, req: Request) -> Response {
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        return ApiError::not_found("route").into_response();
    }
    let Some(dir) = dist else {
        return (
            StatusCode::NOT_FOUND,
            "console not built: run `trunk build` and start with --dist dist/",
        )
            .into_response();
    };
    // A missing asset (a wasm chunk of an older build, say) is a 404, never the page itself:
    // the console reports a failed chunk load, where HTML in its place would be a confusing error.
    let path = req.uri().path();
    if path
        .rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'))
        && !is_static_file(&Some(dir.clone()), path)
    {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    }
    crate::assets::serve(&dir, req).await
}

/// Whether a tenant-host request is for the console itself (static file or page navigation).
fn is_console_request(dist: &Option<PathBuf>, req: &Request) -> bool {
    matches!(*req.method(), Method::GET | Method::HEAD)
        && (is_static_file(dist, req.uri().path()) || is_navigation(req.headers()))
}

/// The tenant guard around the whole tenant host: console files/navigations, `/cp/*`, `/health`
/// and `/buildinfo` pass; everything else needs the org's `X-Molecule-Org-Id`.
async fn guard_tenant_host(
    State(dist): State<Option<PathBuf>>,
    req: Request,
    next: Next,
) -> Response {
    if is_console_request(&dist, &req) {
        return next.run(req).await;
    }
    routes::tenant::tenant_guard(req, next).await
}

/// Tenant host, nothing else matched: the console for navigations and files, else 404.
async fn tenant_fallback(State(dist): State<Option<PathBuf>>, req: Request) -> Response {
    if is_console_request(&dist, &req) {
        return spa(State(dist), req).await;
    }
    ApiError::not_found("route").into_response()
}

/// The console/hosted-page CSP (no inline script or style anywhere).
pub fn html_csp(port: u16) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
         connect-src 'self' http://*.localhost:{port}; frame-ancestors 'none'; base-uri 'none'; \
         form-action 'self' http://*.localhost:{port}"
    )
}

pub const API_CSP: &str = "default-src 'none'; frame-ancestors 'none'";
const CORS_HEADERS: &str = "Content-Type, Authorization, X-Molecule-Org-Id, X-Molecule-Org-Slug, X-Confirm-Name, Idempotency-Key";

async fn headers_and_cors(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .filter(|o| routes::auth::platform_origin(&state, o))
        .map(str::to_string);
    let preflight = req.method() == Method::OPTIONS
        && req.headers().contains_key("access-control-request-method");
    let mut res = if preflight {
        let mut r = StatusCode::NO_CONTENT.into_response();
        if origin.is_some() {
            let h = r.headers_mut();
            h.insert(
                "access-control-allow-methods",
                HeaderValue::from_static("GET, POST, PUT, PATCH, DELETE, OPTIONS"),
            );
            h.insert(
                "access-control-allow-headers",
                HeaderValue::from_static(CORS_HEADERS),
            );
            h.insert("access-control-max-age", HeaderValue::from_static("600"));
        }
        r
    } else {
        next.run(req).await
    };
    let h = res.headers_mut();
    if let Some(o) = origin.and_then(|o| HeaderValue::from_str(&o).ok()) {
        h.insert("access-control-allow-origin", o);
        h.insert(
            "access-control-allow-credentials",
            HeaderValue::from_static("true"),
        );
        h.insert(
            "access-control-expose-headers",
            HeaderValue::from_static("Retry-After, Deprecation, Sunset"),
        );
    }
    h.append(header::VARY, HeaderValue::from_static("Origin"));
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    h.insert(
        "referrer-policy",
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    h.insert(
        "permissions-policy",
        HeaderValue::from_static(
            "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
        ),
    );
    let html = h
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html"));
    let csp = if html {
        html_csp(state.port())
    } else {
        API_CSP.to_string()
    };
    // A 304 carries no content type; browsers merge its headers into the cached page, so an
    // API policy here would replace the console's policy on a revalidated index.html.
    if res.status() != StatusCode::NOT_MODIFIED
        && let Ok(v) = HeaderValue::from_str(&csp)
    {
        res.headers_mut().insert("content-security-policy", v);
    }
    res
}

/// The path with secret-bearing segments replaced (the token of `/invitations/<token>`).
pub fn redact_path(path: &str) -> String {
    if path.contains("/orgs/") {
        return path.to_string();
    }
    let mut out = Vec::new();
    let mut redact_next = false;
    for seg in path.split('/') {
        out.push(if redact_next && !seg.is_empty() {
            "<redacted>"
        } else {
            seg
        });
        redact_next = seg == "invitations";
    }
    out.join("/")
}

async fn log_requests(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let host = request_host(req.headers());
    let path = redact_path(req.uri().path());
    let res = next.run(req).await;
    tracing::info!(
        method = %method,
        host = %host,
        path = %path,
        status = res.status().as_u16(),
        ms = started.elapsed().as_millis() as u64,
        "request"
    );
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        assert_eq!(classify("api.localhost:8080"), HostKind::ControlPlane);
        assert_eq!(classify("127.0.0.1:8080"), HostKind::ControlPlane);
        assert_eq!(classify("app.localhost:8080"), HostKind::App);
        assert_eq!(
            classify("acme.localhost:8080"),
            HostKind::Tenant("acme".into())
        );
        assert_eq!(classify("evil.com"), HostKind::Unknown);
        assert_eq!(classify("a.b.localhost:1"), HostKind::Unknown);
        assert_eq!(classify("www.localhost:1"), HostKind::Unknown);
    }

    #[test]
    fn redaction() {
        assert_eq!(
            redact_path("/api/v1/invitations/secret-token/accept"),
            "/api/v1/invitations/<redacted>/accept"
        );
        assert_eq!(
            redact_path("/cp/invitations/secret-token"),
            "/cp/invitations/<redacted>"
        );
        assert_eq!(
            redact_path("/invitations/secret-token"),
            "/invitations/<redacted>"
        );
        assert_eq!(
            redact_path("/api/v1/orgs/acme/invitations/abc"),
            "/api/v1/orgs/acme/invitations/abc"
        );
    }
}
