//! The tenant guard (real: `tenant_guard.go` + `isSameOriginCanvas`): which org a tenant host
//! serves and whether a request may reach its API.

use crate::error::ApiError;
use axum::{extract::Request, middleware::Next, response::Response};

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
        .with(|e| e.required_header = Some("X-Molecule-Org-Id".into()))
        .with(|e| {
            e.detail = Some("send X-Molecule-Org-Id: <org uuid> on every tenant request".into())
        })),
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
