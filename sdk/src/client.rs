//! A native client for the generated commands (feature `native`), shared by the `molecule` CLI
//! and the `molecule-mcp` server: picks the credential each operation's tiers take from the ones
//! configured, finds the org's id when a tenant call needs it, and sends the call.
//!
//! Credentials travel only where the operation's tier takes them (the header policy of
//! [`crate::Call::request`]); the session cookie only to session-tier operations, with the
//! request's own origin as `Origin` (the platform refuses cookie writes without one).

use crate::{
    ApiError, CallContext, Endpoints, HttpRequest, Surface, Tier, calls, native::NativeTransport,
    parse_response, send_with_retry, tools::Command,
};
use serde_json::Value;
use std::time::Duration;

/// Machine code of the client's refusal when no configured credential fits the operation.
pub const MISSING_CREDENTIAL: &str = "MISSING_CREDENTIAL";
/// Machine code of the client's refusal when a tenant operation has no org to go to.
pub const ORG_REQUIRED: &str = "ORG_REQUIRED";
/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "mcp_session";

/// Everything a caller may hold. Never printed (`Debug` shows which are set, not their values).
#[derive(Clone, Default)]
pub struct Credentials {
    /// The `mcp_session` cookie value.
    pub session: Option<String>,
    /// An Org API key (tenant AdminAuth bearer).
    pub org_api_key: Option<String>,
    /// The tenant's ADMIN_TOKEN (also an AdminAuth bearer).
    pub tenant_admin_token: Option<String>,
    /// A per-workspace token (WorkspaceAuth bearer).
    pub workspace_token: Option<String>,
    /// The control plane's admin bearer.
    pub cp_admin_token: Option<String>,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let set = |o: &Option<String>| if o.is_some() { "set" } else { "-" };
        f.debug_struct("Credentials")
            .field("session", &set(&self.session))
            .field("org_api_key", &set(&self.org_api_key))
            .field("tenant_admin_token", &set(&self.tenant_admin_token))
            .field("workspace_token", &set(&self.workspace_token))
            .field("cp_admin_token", &set(&self.cp_admin_token))
            .finish()
    }
}

/// The credential chosen for one call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Chosen {
    /// A public operation.
    Nothing,
    Bearer(String),
    Session(String),
}

/// What the operation's tiers would take, in words (for the missing-credential message).
pub fn needs(cmd: &Command) -> String {
    let mut words: Vec<&str> = Vec::new();
    for alt in cmd.op.security {
        for t in *alt {
            let w = match t {
                Tier::Session => "a session (molecule login / MOLECULE_SESSION)",
                Tier::CpAdmin => "the CP admin token (CP_ADMIN_API_TOKEN)",
                Tier::AdminBearer => {
                    "an Org API key (MOLECULE_ORG_API_KEY) or the tenant admin token (MOLECULE_ADMIN_TOKEN)"
                }
                Tier::WorkspaceToken => "a workspace token (MOLECULE_WORKSPACE_TOKEN)",
                _ => "a machine credential",
            };
            if !words.contains(&w) {
                words.push(w);
            }
        }
    }
    words.join(", or ")
}

fn refusal(code: &str, text: String) -> ApiError {
    let mut e = ApiError::invalid(text);
    e.code = Some(code.into());
    e
}

/// A configured native client.
#[derive(Debug, Clone)]
pub struct Client {
    pub endpoints: Endpoints,
    pub org_slug: Option<String>,
    pub org_id: Option<String>,
    pub creds: Credentials,
    http: NativeTransport,
}

impl Client {
    pub fn new(endpoints: Endpoints, creds: Credentials) -> Result<Self, ApiError> {
        let http =
            NativeTransport::new(Duration::from_secs(35)).map_err(ApiError::from_transport)?;
        Ok(Self {
            endpoints,
            org_slug: None,
            org_id: None,
            creds,
            http,
        })
    }

    /// The transport (for the sign-in's own requests).
    pub fn transport(&self) -> &NativeTransport {
        &self.http
    }

    /// The credential for `cmd`: an Org API key or the tenant admin token first, then a
    /// workspace token, then a session, then the CP admin token, as far as the tiers take them.
    pub fn choose(&self, cmd: &Command) -> Result<Chosen, ApiError> {
        let op = cmd.op;
        if op.is_public() {
            return Ok(Chosen::Nothing);
        }
        let c = &self.creds;
        let admin = c
            .org_api_key
            .clone()
            .or_else(|| c.tenant_admin_token.clone());
        let tries = [
            (Tier::AdminBearer, admin.map(Chosen::Bearer)),
            (
                Tier::WorkspaceToken,
                c.workspace_token.clone().map(Chosen::Bearer),
            ),
            (Tier::Session, c.session.clone().map(Chosen::Session)),
            (Tier::CpAdmin, c.cp_admin_token.clone().map(Chosen::Bearer)),
        ];
        tries
            .into_iter()
            .find_map(|(tier, got)| {
                got.filter(|_| op.security.iter().any(|a| a == &[tier].as_slice()))
            })
            .ok_or_else(|| {
                refusal(
                    MISSING_CREDENTIAL,
                    format!("{} needs {}", op.id, needs(cmd)),
                )
            })
    }

    /// The org's id for tenant calls: configured, or looked up by slug with a session or the
    /// CP admin token.
    pub async fn org_id(&mut self) -> Result<String, ApiError> {
        if let Some(id) = &self.org_id {
            return Ok(id.clone());
        }
        let slug = self.slug()?;
        let cp = self.cp_context();
        let id = if let Some(session) = self.creds.session.clone() {
            let req = calls::get_org(&slug).request(&self.endpoints, &cp)?;
            let v: Value = self.exchange(req, Chosen::Session(session)).await?;
            v["id"].as_str().map(str::to_string)
        } else if let Some(token) = self.creds.cp_admin_token.clone() {
            let ctx = CallContext {
                bearer: Some(token),
                ..cp
            };
            let org = calls::admin_get_org(&slug)
                .send(&self.http, &self.endpoints, &ctx)
                .await?;
            Some(org.id.to_string())
        } else {
            None
        };
        let id = id.ok_or_else(|| {
            refusal(
                MISSING_CREDENTIAL,
                "tenant calls need the org's id: set MOLECULE_ORG_ID, or sign in (or set CP_ADMIN_API_TOKEN) so it can be looked up".into(),
            )
        })?;
        self.org_id = Some(id.clone());
        Ok(id)
    }

    fn slug(&self) -> Result<String, ApiError> {
        self.org_slug.clone().ok_or_else(|| {
            refusal(
                ORG_REQUIRED,
                "this is a tenant operation: name the org (--org SLUG or MOLECULE_ORG)".into(),
            )
        })
    }

    fn cp_context(&self) -> CallContext {
        CallContext::default()
    }

    /// Sends `cmd` with `args` (its input-schema object); the answer as JSON.
    pub async fn run(&mut self, cmd: &Command, args: &Value) -> Result<Value, ApiError> {
        let call = cmd.call(args)?;
        let chosen = self.choose(cmd)?;
        let mut ctx = self.cp_context();
        if cmd.op.surface == Surface::Tenant {
            ctx.org_slug = Some(self.slug()?);
            let needs_id = cmd
                .op
                .header_params
                .iter()
                .any(|(n, r)| *n == crate::ORG_ID_HEADER && *r);
            if needs_id || self.org_id.is_some() {
                ctx.org_id = Some(self.org_id().await?);
            }
        }
        let req = call.request(&self.endpoints, &ctx)?;
        self.exchange(req, chosen).await
    }

    /// Adds the chosen credential to a built request, sends it and parses the answer.
    async fn exchange(&self, mut req: HttpRequest, chosen: Chosen) -> Result<Value, ApiError> {
        match chosen {
            Chosen::Nothing => {}
            Chosen::Bearer(token) => req
                .headers
                .push(("Authorization".into(), format!("Bearer {token}"))),
            Chosen::Session(session) => {
                req.headers
                    .push(("Cookie".into(), format!("{SESSION_COOKIE}={session}")));
                req.headers.push(("Origin".into(), origin_of(&req.url)));
            }
        }
        let resp = send_with_retry(&self.http, req).await?;
        parse_response(&resp)
    }
}

/// `scheme://host[:port]` of a URL.
pub fn origin_of(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("http", url));
    let host = rest.split(['/', '?']).next().unwrap_or(rest);
    format!("{scheme}://{host}")
}
