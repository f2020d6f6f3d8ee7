//! URL building for both surfaces.

use crate::{ApiError, CP_PREFIX, CP_PROXY_PREFIX, CallContext, Operation, Surface};

/// Path prefixes a tenant host forwards to the control plane (fail-closed prefix match).
pub const PROXY_ALLOWLIST: &[&str] = &[
    "/cp/auth/",
    "/cp/orgs",
    "/cp/billing/",
    "/cp/templates",
    "/cp/legal/",
];

/// Extra prefixes the auth host (`app.<domain>`) forwards besides [`PROXY_ALLOWLIST`]
/// (designed): the invitation accept link opens on the auth host, where sign-in happens, so the
/// invitee's session cookie reaches the preview and accept calls same-origin. Tenant hosts do
/// not forward them (the real tenant allowlist has no such entry).
pub const AUTH_HOST_EXTRA: &[&str] = &["/cp/invitations/"];

/// Whether a tenant host may forward `path` (already split from its query) to the control
/// plane: an allowlisted prefix and no dot segments or encoded traversal anywhere.
pub fn proxy_allows(path: &str) -> bool {
    allowed(path, PROXY_ALLOWLIST)
}

/// Whether the auth host may forward `path`: everything a tenant host forwards plus
/// [`AUTH_HOST_EXTRA`], under the same traversal rules.
pub fn auth_host_allows(path: &str) -> bool {
    proxy_allows(path) || allowed(path, AUTH_HOST_EXTRA)
}

fn allowed(path: &str, list: &[&str]) -> bool {
    let lower = path.to_ascii_lowercase();
    if lower.contains("%2e")
        || lower.contains("%2f")
        || lower.contains("%5c")
        || path.contains('\\')
    {
        return false;
    }
    if path.split('/').any(|seg| seg == "." || seg == "..") {
        return false;
    }
    list.iter().any(|prefix| {
        if prefix.ends_with('/') {
            path.starts_with(prefix)
        } else {
            // `/cp/orgs` and `/cp/templates` match exactly or with a sub-path, never `/cp/orgsX`.
            path == *prefix
                || path
                    .strip_prefix(prefix)
                    .is_some_and(|rest| rest.starts_with('/'))
        }
    })
}

/// Where the two surfaces live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    /// `https` in production, `http` on loopback.
    pub scheme: String,
    /// Control-plane host (with port when not default), e.g. `api.moleculesai.app`.
    pub control_plane_host: String,
    /// Appended to a slug to form its tenant host, e.g. `.moleculesai.app` or `.localhost:8080`.
    pub tenant_suffix: String,
    /// Host of the hosted sign-in pages, e.g. `app.moleculesai.app`.
    pub auth_host: String,
}

impl Endpoints {
    /// The production hosts.
    pub fn production() -> Self {
        Self {
            scheme: "https".into(),
            control_plane_host: "api.moleculesai.app".into(),
            tenant_suffix: ".moleculesai.app".into(),
            auth_host: "app.moleculesai.app".into(),
        }
    }

    /// The devserver on loopback (`*.localhost` resolves to 127.0.0.1 in browsers).
    pub fn local(port: u16) -> Self {
        Self {
            scheme: "http".into(),
            control_plane_host: format!("api.localhost:{port}"),
            tenant_suffix: format!(".localhost:{port}"),
            auth_host: format!("app.localhost:{port}"),
        }
    }

    /// `https://api.moleculesai.app`.
    pub fn control_plane_base(&self) -> String {
        format!("{}://{}", self.scheme, self.control_plane_host)
    }

    /// `https://<slug>.moleculesai.app`.
    pub fn tenant_base(&self, slug: &str) -> String {
        format!("{}://{}{}", self.scheme, slug, self.tenant_suffix)
    }

    /// `https://app.moleculesai.app`.
    pub fn auth_origin(&self) -> String {
        format!("{}://{}", self.scheme, self.auth_host)
    }

    /// The `/cp` form of a control-plane path on another origin (usually a tenant host).
    pub fn cp_proxy_url(origin: &str, cp_path: &str) -> Option<String> {
        let rest = cp_path.strip_prefix(CP_PREFIX)?;
        Some(format!(
            "{}{CP_PROXY_PREFIX}{rest}",
            origin.trim_end_matches('/')
        ))
    }

    /// The slug of a tenant host name (`acme.moleculesai.app` → `acme`), if it is one.
    pub fn slug_of_host(&self, host: &str) -> Option<String> {
        let slug = host.strip_suffix(self.tenant_suffix.as_str())?;
        let reserved = [
            "app",
            "www",
            "api",
            "admin",
            "cp",
            "dashboard",
            "billing",
            "status",
            "docs",
        ];
        (!slug.is_empty() && !slug.contains('.') && !reserved.contains(&slug))
            .then(|| slug.to_string())
    }

    /// Full URL of an operation call.
    pub fn url(
        &self,
        op: &Operation,
        path_params: &[(&'static str, String)],
        query: &[(String, String)],
        ctx: &CallContext,
    ) -> Result<String, ApiError> {
        let mut path = op.path.to_string();
        for name in op.path_params {
            let value = path_params
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
                .ok_or_else(|| {
                    ApiError::invalid(format!("{} needs path parameter {name}", op.id))
                })?;
            if value.is_empty() {
                return Err(ApiError::invalid(format!("{name} must not be empty")));
            }
            path = path.replace(&format!("{{{name}}}"), &encode_component(value));
        }
        let base = match (
            op.surface,
            ctx.org_slug.as_deref(),
            ctx.cp_proxy_origin.as_deref(),
        ) {
            (Surface::Tenant, Some(slug), _) => format!("{}{path}", self.tenant_base(slug)),
            (Surface::Tenant, None, _) => {
                return Err(ApiError::invalid(format!(
                    "{} is a tenant operation and needs the org slug",
                    op.id
                )));
            }
            (Surface::ControlPlane, _, Some(origin))
                if op.proxyable()
                    || (origin == self.auth_origin() && op.proxyable_on_auth_host()) =>
            {
                Self::cp_proxy_url(origin, &path)
                    .ok_or_else(|| ApiError::invalid(format!("{} has no /cp form", op.id)))?
            }
            (Surface::ControlPlane, _, _) => format!("{}{path}", self.control_plane_base()),
        };
        if query.is_empty() {
            return Ok(base);
        }
        let pairs: Vec<String> = query
            .iter()
            .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
            .collect();
        Ok(format!("{base}?{}", pairs.join("&")))
    }
}

/// Percent-encodes everything except RFC 3986 unreserved characters.
pub fn encode_component(value: &str) -> String {
    // A whole segment of dots would be a dot segment once decoded: encode the dots too.
    if value.bytes().all(|b| b == b'.') {
        return value.replace('.', "%2E");
    }
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
