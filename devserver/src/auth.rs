//! Credentials: the session cookie, the `SessionUser` / `CpAdmin` extractors, and the
//! return-URL allowlist (random tokens and hashing live in `crypto.rs`).
//!
//! Secrets (cookies, tokens, codes, tickets) are stored only as SHA-256 hashes and never logged.

use crate::{
    crypto::{ct_eq, hash_token, random_token},
    error::ApiError,
    state::AppState,
    store::sessions,
};
use axum::{extract::FromRequestParts, http::HeaderMap, http::request::Parts};

pub const SESSION_COOKIE: &str = "mcp_session";
pub const STATE_COOKIE: &str = "mcp_auth_state";
/// Session lifetime (seconds).
pub const SESSION_TTL_SECS: i64 = 7 * 24 * 3600;
pub const TERMS_VERSION: &str = "2026-04-01";

/// Every value of cookie `name` in the request (browsers may send several).
pub fn cookie_values(headers: &HeaderMap, name: &str) -> Vec<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .filter(|(k, _)| *k == name)
        .map(|(_, v)| v.trim().to_string())
        .collect()
}

/// `Set-Cookie` for the session: host-only (Chromium ignores `Domain=localhost`, see README),
/// HttpOnly, SameSite=Lax, no `Secure` on plain http.
pub fn session_cookie(token: &str) -> String {
    format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={SESSION_TTL_SECS}")
}

pub fn clear_cookie(name: &str) -> String {
    format!("{name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
}

/// The signed-in user behind a valid `mcp_session` cookie.
#[derive(Debug, Clone)]
pub struct SessionUser {
    pub user_id: String,
    pub email: String,
    pub name: String,
    pub login_id: String,
    pub terms_accepted_at: Option<i64>,
}

impl SessionUser {
    /// Looks the cookie(s) of a request up; `None` when anonymous or expired.
    pub fn from_headers(state: &AppState, headers: &HeaderMap) -> Option<SessionUser> {
        let now = state.clock.now_ms();
        let conn = state.db.lock();
        for token in cookie_values(headers, SESSION_COOKIE) {
            let found = sessions::session(&conn, &hash_token(&token), now)
                .ok()
                .flatten();
            if let Some(s) = found {
                return Some(SessionUser {
                    user_id: s.user_id,
                    email: s.email,
                    name: s.name,
                    login_id: s.login_id,
                    terms_accepted_at: s.terms_accepted_at,
                });
            }
        }
        None
    }
}

impl FromRequestParts<AppState> for SessionUser {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        SessionUser::from_headers(state, &parts.headers).ok_or_else(ApiError::unauthorized)
    }
}

/// Creates a session row for `user_id` (in sign-in group `login_id`) and returns the raw token.
pub fn create_session(state: &AppState, user_id: &str, login_id: &str) -> Result<String, ApiError> {
    let token = random_token(32);
    let now = state.clock.now_ms();
    sessions::insert_session(
        &state.db.lock(),
        &hash_token(&token),
        login_id,
        user_id,
        now,
        now + SESSION_TTL_SECS * 1000,
    )?;
    Ok(token)
}

/// The bearer token of `Authorization: Bearer <t>`.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

/// Operator tier: `Authorization: Bearer <Config.cp_admin_token>`.
#[derive(Debug, Clone, Copy)]
pub struct CpAdmin;

impl FromRequestParts<AppState> for CpAdmin {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        match bearer(&parts.headers) {
            Some(t)
                if !state.config.cp_admin_token.is_empty()
                    && ct_eq(t, &state.config.cp_admin_token) =>
            {
                Ok(CpAdmin)
            }
            _ => Err(ApiError::unauthorized()),
        }
    }
}

/// Provisioning tier: bearer = provision secret AND `X-Molecule-Admin-Token` = an org's tenant
/// ADMIN_TOKEN. Yields the org id the token belongs to.
#[derive(Debug, Clone)]
pub struct ProvisionAuth {
    pub org_id: String,
}

impl FromRequestParts<AppState> for ProvisionAuth {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let secret_ok = bearer(&parts.headers).is_some_and(|t| {
            !state.config.provision_secret.is_empty() && ct_eq(t, &state.config.provision_secret)
        });
        let admin = parts
            .headers
            .get("x-molecule-admin-token")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if !secret_ok || admin.is_empty() {
            return Err(ApiError::unauthorized());
        }
        let rows = crate::store::orgs::admin_tokens(&state.db.lock())?;
        // Compare against every org so the time taken does not depend on which one matched.
        let mut found = None;
        for (id, token) in rows {
            if ct_eq(admin, &token) {
                found = Some(id);
            }
        }
        found
            .map(|org_id| ProvisionAuth { org_id })
            .ok_or_else(ApiError::unauthorized)
    }
}

/// Lower-cased `Host` header.
pub fn request_host(headers: &HeaderMap) -> String {
    headers
        .get(axum::http::header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// Splits `name[:port]` into the name and the port (`None` when absent or not a number).
pub fn split_host(host: &str) -> (&str, Option<u16>) {
    match host.rsplit_once(':') {
        Some((n, p)) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => {
            (n, p.parse().ok())
        }
        _ => (host, None),
    }
}

/// Whether a `Host` value names this server's own port (no port means 80).
pub fn host_port_ok(state: &AppState, host: &str) -> bool {
    split_host(host).1.unwrap_or(80) == state.port()
}

/// `name:<our port>` for the request's host name: what URLs sent back to the browser are built
/// from. The port is always the server's own, never the one the client sent; an implausible
/// name falls back to the control plane.
pub fn own_host(state: &AppState, headers: &HeaderMap) -> String {
    let host = request_host(headers);
    let (name, _) = split_host(&host);
    if name.is_empty()
        || !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
    {
        return format!("api.localhost:{}", state.port());
    }
    format!("{name}:{}", state.port())
}

/// Whether a live (not purged) org has this slug.
pub fn org_exists(state: &AppState, slug: &str) -> bool {
    crate::store::orgs::slug_taken(&state.db.lock(), slug).unwrap_or(false)
}

/// Splits an absolute `http://host[:port]/rest` URL into (authority, rest) after rejecting
/// everything a browser could interpret differently: other schemes, userinfo, backslashes,
/// whitespace/control characters.
fn split_http_url(url: &str) -> Option<(String, &str)> {
    if url
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
    {
        return None;
    }
    let rest = url.strip_prefix("http://")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    if authority.is_empty() || authority.contains('@') || authority.contains('%') {
        return None;
    }
    Some((authority.to_ascii_lowercase(), tail))
}

/// Whether `authority` (`host:port`) is one of the platform's hosts on this port: the console,
/// the control plane, or a live org's tenant host.
pub fn allowed_authority(state: &AppState, authority: &str) -> bool {
    let port = state.port().to_string();
    let Some((host, p)) = authority.rsplit_once(':') else {
        return false;
    };
    if p != port {
        return false;
    }
    if matches!(
        host,
        "app.localhost" | "api.localhost" | "localhost" | "127.0.0.1"
    ) {
        return true;
    }
    match host.strip_suffix(".localhost") {
        Some(slug) if crate::store::orgs::valid_slug(slug) => org_exists(state, slug),
        _ => false,
    }
}

/// An absolute URL on an allowed platform host (checkout/portal return URLs).
pub fn allowed_url(state: &AppState, url: &str) -> bool {
    split_http_url(url).is_some_and(|(authority, _)| allowed_authority(state, &authority))
}

/// Where to send the browser after sign-in: `return_to` when it is safe (a relative path on the
/// console, or an http URL on an allowed host), the console home otherwise. Never an open redirect.
pub fn safe_return_to(state: &AppState, return_to: Option<&str>) -> String {
    let home = format!("{}/", state.app_origin());
    let Some(raw) = return_to.filter(|r| !r.is_empty()) else {
        return home;
    };
    if raw.starts_with('/') {
        let bad = raw.starts_with("//")
            || raw.starts_with("/\\")
            || raw
                .chars()
                .any(|c| c.is_control() || c.is_whitespace() || c == '\\');
        return if bad {
            home
        } else {
            format!("{}{raw}", state.app_origin())
        };
    }
    match split_http_url(raw) {
        Some((authority, _)) if allowed_authority(state, &authority) => raw.to_string(),
        _ => home,
    }
}

/// The authority (`host:port`) of an absolute http URL, if it parses safely.
pub fn url_authority(url: &str) -> Option<String> {
    split_http_url(url).map(|(a, _)| a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_to_allowlist() {
        let state = AppState::for_tests(crate::config::Config {
            port: 8080,
            ..crate::config::Config::default()
        });
        let home = "http://app.localhost:8080/";
        for bad in [
            "https://evil.com",
            "//evil.com",
            "/\\evil.com",
            "javascript:alert(1)",
            "http://evil.com@app.localhost:8080/",
            "http://app.localhost:8080@evil.com/",
            "http:evil.com",
            "http://app.localhost.evil.com:8080/",
            "http://app.localhost:9999/",
            "http://nosuchorg.localhost:8080/",
            "data:text/html,hi",
            "http://app.localhost:8080\\@evil.com",
        ] {
            assert_eq!(safe_return_to(&state, Some(bad)), home, "{bad}");
        }
        assert_eq!(
            safe_return_to(&state, Some("/orgs?x=1#y")),
            "http://app.localhost:8080/orgs?x=1#y"
        );
        assert_eq!(
            safe_return_to(&state, Some("http://api.localhost:8080/x")),
            "http://api.localhost:8080/x"
        );
        assert_eq!(safe_return_to(&state, None), home);
    }
}
