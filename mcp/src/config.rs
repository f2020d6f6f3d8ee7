//! Configuration from the environment, named like the platform's own management MCP server:
//!
//! | variable | meaning |
//! |---|---|
//! | `MOLECULE_API_URL` | the org's tenant base URL (default `https://<slug>.moleculesai.app`) |
//! | `MOLECULE_ORG_SLUG` | the org's slug (the tenant host's first label) |
//! | `MOLECULE_ORG_ID` | the org's id (`X-Molecule-Org-Id`); looked up when a session or the CP token is set |
//! | `MOLECULE_ORG_API_KEY` | an Org API key: the tenant tools' credential |
//! | `MOLECULE_ADMIN_TOKEN` | the tenant's ADMIN_TOKEN (instead of an Org API key) |
//! | `MOLECULE_WORKSPACE_TOKEN` | a workspace token (the tools for one workspace) |
//! | `MOLECULE_CP_URL` | the control plane (default `https://api.moleculesai.app`) |
//! | `CP_ADMIN_API_TOKEN` | the CP admin bearer: operator tools, off unless set |
//! | `MOLECULE_SESSION` | a session cookie value: the session-tier tools, off unless set |

use molecule_sdk::{Endpoints, client::Credentials};

/// What the server was started with.
#[derive(Debug, Clone)]
pub struct Config {
    pub endpoints: Endpoints,
    pub org_slug: Option<String>,
    pub org_id: Option<String>,
    pub creds: Credentials,
}

/// `scheme://host[:port]` split into its scheme and authority.
fn split(url: &str, var: &str) -> Result<(String, String), String> {
    let (scheme, rest) = url
        .trim_end_matches('/')
        .split_once("://")
        .ok_or_else(|| format!("{var}={url:?} needs http:// or https://"))?;
    if rest.is_empty() || rest.contains('/') {
        return Err(format!("{var}={url:?} must be a bare origin"));
    }
    Ok((scheme.to_string(), rest.to_string()))
}

/// Reads the configuration through `get` (the environment in production, a map in tests).
pub fn from(get: impl Fn(&str) -> Option<String>) -> Result<Config, String> {
    let get = |k: &str| get(k).filter(|v| !v.is_empty());
    let org_slug = get("MOLECULE_ORG_SLUG");
    let cp = get("MOLECULE_CP_URL").unwrap_or_else(|| "https://api.moleculesai.app".into());
    let (scheme, cp_host) = split(&cp, "MOLECULE_CP_URL")?;
    let domain = cp_host.strip_prefix("api.").unwrap_or(&cp_host).to_string();
    let mut endpoints = Endpoints {
        scheme,
        tenant_suffix: format!(".{domain}"),
        auth_host: format!("app.{domain}"),
        control_plane_host: cp_host,
    };
    if let Some(api) = get("MOLECULE_API_URL") {
        let (scheme, host) = split(&api, "MOLECULE_API_URL")?;
        let slug = org_slug
            .as_deref()
            .ok_or("MOLECULE_API_URL needs MOLECULE_ORG_SLUG (the org whose host it is)")?;
        let suffix = host
            .strip_prefix(slug)
            .filter(|s| s.starts_with('.'))
            .ok_or_else(|| format!("MOLECULE_API_URL={api:?} is not the host of org {slug:?}"))?;
        endpoints.tenant_suffix = suffix.to_string();
        endpoints.scheme = scheme;
    }
    Ok(Config {
        endpoints,
        org_id: get("MOLECULE_ORG_ID"),
        creds: Credentials {
            session: get("MOLECULE_SESSION"),
            org_api_key: get("MOLECULE_ORG_API_KEY"),
            tenant_admin_token: get("MOLECULE_ADMIN_TOKEN"),
            workspace_token: get("MOLECULE_WORKSPACE_TOKEN"),
            cp_admin_token: get("CP_ADMIN_API_TOKEN"),
        },
        org_slug,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tenant_host_and_the_control_plane_come_from_the_environment() {
        let env = |k: &str| match k {
            "MOLECULE_API_URL" => Some("http://acme.localhost:9000".to_string()),
            "MOLECULE_ORG_SLUG" => Some("acme".into()),
            "MOLECULE_CP_URL" => Some("http://api.localhost:9000".into()),
            _ => None,
        };
        let c = from(env).unwrap();
        assert_eq!(
            c.endpoints.tenant_base("acme"),
            "http://acme.localhost:9000"
        );
        assert_eq!(
            c.endpoints.control_plane_base(),
            "http://api.localhost:9000"
        );
        let wrong = |k: &str| match k {
            "MOLECULE_API_URL" => Some("http://other.localhost:9000".to_string()),
            "MOLECULE_ORG_SLUG" => Some("acme".into()),
            _ => None,
        };
        assert!(from(wrong).is_err());
        let prod = from(|k: &str| (k == "MOLECULE_ORG_SLUG").then(|| "acme".to_string())).unwrap();
        assert_eq!(
            prod.endpoints.tenant_base("acme"),
            "https://acme.moleculesai.app"
        );
    }
}
