//! One listener, three kinds of host (dispatched on `Host`):
//! - `api.localhost`, `127.0.0.1`, `localhost`: the control plane (`/api/v1/*` and `/cp/*`);
//! - `app.localhost`: hosted pages, the allowlisted `/cp/*` mirror and the console SPA;
//! - `<slug>.localhost` of a live org: the console SPA, the `/cp/*` forwarder (allowlist, empty
//!   404 otherwise) and the guarded tenant API.
//!
//! Cross-cutting layers: request log (no query strings, secret path segments redacted), fault
//! injection and the tenant rate limit (both in `layers.rs`), CORS for the platform's own
//! origins, security headers and CSP.

use crate::{
    assets::{is_console_request, is_static_file},
    auth::request_host,
    error::ApiError,
    routes::{self, tenant::guard::TenantOrg},
    state::AppState,
};
use axum::{
    Router,
    extract::{Request, State},
    http::{HeaderValue, Method, StatusCode, header},
    middleware::{self, Next},
    response::{IntoResponse, Response},
};
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

/// Classifies a `Host` value by its name (the port is checked separately, by [`dispatch`]).
pub fn classify(host: &str) -> HostKind {
    let (name, _) = crate::auth::split_host(host);
    match name {
        "" | "api.localhost" | "localhost" | "127.0.0.1" => HostKind::ControlPlane,
        "app.localhost" => HostKind::App,
        _ => match name.strip_suffix(".localhost") {
            Some(slug)
                if crate::store::orgs::valid_slug(slug)
                    && !crate::store::orgs::RESERVED_SLUGS.contains(&slug) =>
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
            axum::routing::any(forward_cp_auth_host).with_state(cp.clone()),
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
            crate::layers::tenant_rate_limit,
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
            crate::layers::faults,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), csrf_guard))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            headers_and_cors,
        ))
        // API answers above 1 KiB go out compressed (brotli or gzip, as the client accepts);
        // the console's files are precompressed at build time and pass through untouched.
        .layer(
            // Brotli's default (quality 11) costs milliseconds per answer. Quality 1: the
            // 2.5 MB workspace list of `--seed scale` answers in 38-39 ms instead of 91 ms at
            // quality 4 (`bench lists`), bringing its load to 1.91-1.99x the demo seed's.
            tower_http::compression::CompressionLayer::new()
                .quality(tower_http::CompressionLevel::Precise(1))
                .compress_when({
                    use tower_http::compression::predicate::{
                        DefaultPredicate, Predicate, SizeAbove,
                    };
                    DefaultPredicate::new().and(SizeAbove::new(1024))
                }),
        )
        .layer(middleware::from_fn(log_requests))
        .with_state(state)
}

async fn dispatch(state: AppState, routers: Arc<Routers>, mut req: Request) -> Response {
    let host = request_host(req.headers());
    let kind = classify(&host);
    if kind == HostKind::Unknown {
        return empty_404().await;
    }
    // One listener answers for every host name, but only on its own port: a `Host` naming another
    // port is a request meant for someone else (or a trick to make us build URLs to it).
    if !crate::auth::host_port_ok(&state, &host) {
        return ApiError::code(
            400,
            HOST_NOT_ALLOWED,
            "the Host header names another port than this server's",
        )
        .into_response();
    }
    let router = match kind {
        HostKind::ControlPlane => routers.cp.clone(),
        HostKind::App => routers.app.clone(),
        HostKind::Tenant(slug) => {
            let org = crate::store::orgs::live_id(&state.db.lock(), &slug)
                .ok()
                .flatten();
            let Some(id) = org else {
                if crate::assets::is_navigation(req.headers()) {
                    return crate::pages::no_org_page(&state.app_origin(), &slug);
                }
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

/// Machine codes of the cross-cutting refusals (outside the contract; see SECURITY.md).
pub const HOST_NOT_ALLOWED: &str = "HOST_NOT_ALLOWED";
pub const CSRF_REJECTED: &str = "CSRF_REJECTED";
pub const UNSUPPORTED_MEDIA_TYPE: &str = "UNSUPPORTED_MEDIA_TYPE";

async fn empty_404() -> Response {
    StatusCode::NOT_FOUND.into_response()
}

/// `/cp/*` on a tenant host: only `molecule_sdk::proxy_allows` paths reach the control plane
/// (in process, Cookie and Authorization kept); anything else is an empty 404 before any
/// credential is looked at.
async fn forward_cp(State(cp): State<Router>, req: Request) -> Response {
    forward(cp, req, molecule_sdk::proxy_allows).await
}

/// `/cp/*` on the app (auth) host: the tenant allowlist plus the invitation routes
/// (`molecule_sdk::auth_host_allows`), so an invitee accepts on the host where they sign in.
async fn forward_cp_auth_host(State(cp): State<Router>, req: Request) -> Response {
    forward(cp, req, molecule_sdk::auth_host_allows).await
}

/// Hands `req` to the control plane if `allows` passes its path; else an empty 404.
async fn forward(cp: Router, req: Request, allows: fn(&str) -> bool) -> Response {
    if !allows(req.uri().path()) {
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
    routes::tenant::guard::tenant_guard(req, next).await
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
    if !h.contains_key(header::CACHE_CONTROL) && !cacheable(&res) {
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    let h = res.headers_mut();
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

/// Hosted pages that post plain HTML forms to themselves (the simulated AuthKit and Checkout).
fn is_hosted_form(host: &str, path: &str) -> bool {
    classify(host) == HostKind::App
        && (path == "/authkit/authorize"
            || (path.starts_with("/checkout/")
                && (path.ends_with("/pay") || path.ends_with("/cancel"))))
}

/// Whether a request carries a body (a known non-zero length, or a length not known up front).
fn has_body(req: &Request) -> bool {
    use axum::body::HttpBody;
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    match declared {
        Some(n) => n > 0,
        None => {
            req.headers().contains_key(header::TRANSFER_ENCODING)
                || req.body().size_hint().exact() != Some(0)
        }
    }
}

/// CSRF defence for cookie-authenticated writes (beyond SameSite=Lax, which does not separate
/// ports: every `*.localhost:<any port>` page is "same site"). A POST/PUT/PATCH/DELETE that
/// carries the session cookie needs an `Origin` that is one of this server's hosts on this port
/// (or, without `Origin`, `Sec-Fetch-Site: same-origin`), else 403 `CSRF_REJECTED`; with a body it
/// needs `Content-Type: application/json`, else 415 `UNSUPPORTED_MEDIA_TYPE` (a cross-origin page
/// can only send text/plain, form or multipart bodies without a preflight). The hosted pages' own
/// form posts take form bodies and are checked the same way whenever they carry a cookie or an
/// `Origin`. Bearer-only requests (no cookie) are not affected: a browser never adds a bearer.
async fn csrf_guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if !matches!(
        *req.method(),
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    ) {
        return next.run(req).await;
    }
    let headers = req.headers();
    let host = request_host(headers);
    let form = is_hosted_form(&host, req.uri().path());
    let cookie = !crate::auth::cookie_values(headers, crate::auth::SESSION_COOKIE).is_empty();
    let origin = headers
        .get(header::ORIGIN)
        .map(|v| v.to_str().unwrap_or("?"));
    let fetch_site = headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .map(str::to_ascii_lowercase);
    if !cookie && !form {
        return next.run(req).await;
    }
    let refuse = |why: &str| {
        ApiError::code(
            403,
            CSRF_REJECTED,
            &format!("cross-origin write refused: {why}"),
        )
        .into_response()
    };
    let origin_ok = match origin {
        Some(o) if form => o == state.app_origin(),
        Some(o) => routes::auth::platform_origin(&state, o),
        None => {
            fetch_site.as_deref() == Some("same-origin")
                || (form && !cookie && fetch_site.is_none())
        }
    };
    if !origin_ok {
        return refuse(if origin.is_some() {
            "Origin is not one of this server's hosts"
        } else {
            "no Origin (or Sec-Fetch-Site: same-origin) on a request carrying the session cookie"
        });
    }
    if cookie && has_body(&req) {
        let ct = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase();
        let essence = ct.split(';').next().unwrap_or("").trim();
        let allowed = essence == "application/json"
            || (form && essence == "application/x-www-form-urlencoded");
        if !allowed {
            return ApiError::code(
                415,
                UNSUPPORTED_MEDIA_TYPE,
                "a request carrying the session cookie must send Content-Type: application/json",
            )
            .into_response();
        }
    }
    next.run(req).await
}

/// Whether a response may be stored by a cache: only static assets (the console build, the
/// hosted pages' stylesheet). API answers, redirects and anything setting a cookie are `no-store`
/// (they carry tokens, sessions or per-user data).
fn cacheable(res: &Response) -> bool {
    let h = res.headers();
    if h.contains_key(header::SET_COOKIE) {
        return false;
    }
    if res.status() == StatusCode::NOT_MODIFIED {
        return true;
    }
    if res.status().is_redirection() {
        return false;
    }
    let ct = h
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    !(ct.is_empty() || ct.starts_with("application/json"))
}

/// The longest path (in characters) a log line carries.
pub const LOG_PATH_MAX: usize = 200;

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

/// At most `max` characters of `s`, marked with `…` when cut.
pub fn truncate_for_log(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

async fn log_requests(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let host = request_host(req.headers());
    let path = truncate_for_log(&redact_path(req.uri().path()), LOG_PATH_MAX);
    let host = truncate_for_log(&host, 100);
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
