//! Where the CLI finds its platform and credentials: a profile file and the environment.
//!
//! The file is `$MOLECULE_CONFIG`, else `$XDG_CONFIG_HOME/molecule/profiles.toml`, else
//! `~/.config/molecule/profiles.toml`:
//!
//! ```toml
//! default = "local"
//! [profiles.local]
//! base_url = "http://api.localhost:8080"   # the control plane; tenants at <slug>.localhost:8080
//! org = "acme"
//! org_api_key = "..."
//! ```
//!
//! The environment wins over the file (`MOLECULE_BASE_URL`, `MOLECULE_ORG`, `MOLECULE_ORG_ID`,
//! `MOLECULE_ORG_API_KEY`, `MOLECULE_ADMIN_TOKEN`, `MOLECULE_WORKSPACE_TOKEN`,
//! `CP_ADMIN_API_TOKEN`, `MOLECULE_SESSION`), and flags win over both. `molecule login` writes
//! the session into the profile (file mode 0600). No value is ever printed.

use molecule_sdk::{Endpoints, client::Credentials};
use serde::{Deserialize, Serialize};
use std::{collections::BTreeMap, path::PathBuf};

/// The production control plane.
pub const DEFAULT_BASE_URL: &str = "https://api.moleculesai.app";

/// One profile of the file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Profile {
    pub base_url: Option<String>,
    pub org: Option<String>,
    pub org_id: Option<String>,
    pub org_api_key: Option<String>,
    pub admin_token: Option<String>,
    pub workspace_token: Option<String>,
    pub cp_admin_token: Option<String>,
    pub session: Option<String>,
}

/// The whole file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct File {
    pub default: Option<String>,
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

/// Path of the profile file.
pub fn path() -> PathBuf {
    if let Some(p) = std::env::var_os("MOLECULE_CONFIG") {
        return PathBuf::from(p);
    }
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("molecule").join("profiles.toml")
}

/// Reads the file (an absent file is an empty one).
pub fn load() -> Result<File, String> {
    let p = path();
    match std::fs::read_to_string(&p) {
        Ok(text) => toml::from_str(&text).map_err(|e| format!("{}: {e}", p.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(File::default()),
        Err(e) => Err(format!("{}: {e}", p.display())),
    }
}

/// Writes the file, readable by its owner only.
pub fn save(file: &File) -> Result<(), String> {
    let p = path();
    if let Some(dir) = p.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let text = toml::to_string_pretty(file).map_err(|e| e.to_string())?;
    std::fs::write(&p, text).map_err(|e| format!("{}: {e}", p.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600));
    }
    Ok(())
}

/// The profile name in use: `--profile`, `$MOLECULE_PROFILE`, the file's default, `default`.
pub fn profile_name(flag: Option<&str>, file: &File) -> String {
    flag.map(str::to_string)
        .or_else(|| env("MOLECULE_PROFILE"))
        .or_else(|| file.default.clone())
        .unwrap_or_else(|| "default".into())
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// Everything resolved for one run.
#[derive(Debug, Clone)]
pub struct Settings {
    pub base_url: String,
    pub org: Option<String>,
    pub org_id: Option<String>,
    pub creds: Credentials,
}

/// Profile, then environment, then flags.
pub fn settings(profile: &Profile, base_url: Option<&str>, org: Option<&str>) -> Settings {
    let pick = |var: &str, file: &Option<String>| env(var).or_else(|| file.clone());
    Settings {
        base_url: base_url
            .map(str::to_string)
            .or_else(|| pick("MOLECULE_BASE_URL", &profile.base_url))
            .unwrap_or_else(|| DEFAULT_BASE_URL.into()),
        org: org
            .map(str::to_string)
            .or_else(|| pick("MOLECULE_ORG", &profile.org)),
        // An org id from the file belongs to the file's org only.
        org_id: env("MOLECULE_ORG_ID").or_else(|| {
            let same = org.is_none_or(|o| profile.org.as_deref() == Some(o));
            profile.org_id.clone().filter(|_| same)
        }),
        creds: Credentials {
            session: pick("MOLECULE_SESSION", &profile.session),
            org_api_key: pick("MOLECULE_ORG_API_KEY", &profile.org_api_key),
            tenant_admin_token: pick("MOLECULE_ADMIN_TOKEN", &profile.admin_token),
            workspace_token: pick("MOLECULE_WORKSPACE_TOKEN", &profile.workspace_token),
            cp_admin_token: pick("CP_ADMIN_API_TOKEN", &profile.cp_admin_token),
        },
    }
}

/// Endpoints from the control plane's base URL: `http://api.localhost:8080` gives tenants at
/// `http://<slug>.localhost:8080` and the sign-in pages at `http://app.localhost:8080`.
pub fn endpoints(base_url: &str) -> Result<Endpoints, String> {
    let (scheme, rest) = base_url
        .trim_end_matches('/')
        .split_once("://")
        .ok_or_else(|| format!("base URL {base_url:?} needs http:// or https://"))?;
    if !matches!(scheme, "http" | "https") || rest.is_empty() || rest.contains('/') {
        return Err(format!(
            "base URL {base_url:?} must be like https://api.example.com"
        ));
    }
    let domain = rest.strip_prefix("api.").unwrap_or(rest);
    Ok(Endpoints {
        scheme: scheme.into(),
        control_plane_host: rest.into(),
        tenant_suffix: format!(".{domain}"),
        auth_host: format!("app.{domain}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_follow_the_base_url() {
        let ep = endpoints("http://api.localhost:9000/").unwrap();
        assert_eq!(ep.tenant_base("acme"), "http://acme.localhost:9000");
        assert_eq!(ep.auth_origin(), "http://app.localhost:9000");
        assert_eq!(ep.control_plane_base(), "http://api.localhost:9000");
        assert!(endpoints("api.localhost").is_err());
        assert!(endpoints("ftp://x").is_err());
    }
}
