//! Runtime configuration: which hosts this console talks to.
//!
//! Nothing is baked into the build. At start-up the console derives the hosts from the page's
//! own origin (it is always served by the platform: the auth host `app.<suffix>` or a tenant
//! host `<slug>.<suffix>`), so the same bundle runs on the devserver (`*.localhost:<port>`) and in
//! production (`*.moleculesai.app`).

use molecule_sdk::Endpoints;

/// Hosts plus what the current page's host says about the org.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub endpoints: Endpoints,
    /// Slug when the console is served by a tenant host.
    pub host_slug: Option<String>,
}

impl Config {
    /// Derives the configuration from a page origin's scheme and host (`host` may carry a port).
    pub fn from_origin(scheme: &str, host: &str) -> Config {
        let scheme = scheme.trim_end_matches(':').to_string();
        // `app.localhost:8080` -> suffix `.localhost:8080`; a bare host (no label to strip)
        // falls back to production hosts.
        let endpoints = match host.split_once('.') {
            Some((_, rest)) if !rest.is_empty() => Endpoints {
                scheme: scheme.clone(),
                control_plane_host: format!("api.{rest}"),
                tenant_suffix: format!(".{rest}"),
                auth_host: format!("app.{rest}"),
            },
            _ => Endpoints::production(),
        };
        let host_slug = endpoints.slug_of_host(host);
        Config {
            endpoints,
            host_slug,
        }
    }

    /// From `window.location`.
    pub fn from_window() -> Config {
        let loc = web_sys::window().map(|w| w.location());
        let scheme = loc
            .as_ref()
            .and_then(|l| l.protocol().ok())
            .unwrap_or_else(|| "https:".into());
        let host = loc.as_ref().and_then(|l| l.host().ok()).unwrap_or_default();
        Config::from_origin(&scheme, &host)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_and_production_origins() {
        let c = Config::from_origin("http:", "app.localhost:8080");
        assert_eq!(c.endpoints, Endpoints::local(8080));
        assert_eq!(c.host_slug, None);
        let c = Config::from_origin("https:", "acme.moleculesai.app");
        assert_eq!(c.endpoints, Endpoints::production());
        assert_eq!(c.host_slug.as_deref(), Some("acme"));
        let c = Config::from_origin("http:", "localhost");
        assert_eq!(c.endpoints, Endpoints::production());
    }
}
