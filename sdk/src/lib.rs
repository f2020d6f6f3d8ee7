//! molecule-sdk: the typed client side of `spec/management.yaml`.
//!
//! - [`types`], [`ops`] and [`calls`] are generated from the spec (see `sdk/codegen`).
//! - [`Endpoints`] builds URLs for both surfaces: the control plane, the `/cp/*` proxy form on a
//!   tenant host, and tenant hosts from a slug and a configurable host suffix.
//! - [`CallContext`] + [`Call::request`] apply the header policy (org routing headers on tenant
//!   calls, bearer only where the tier takes one, cookies only for session-tier operations).
//! - [`Transport`] is implemented by the console (gloo-net) and by native code (reqwest).
//! - [`tools`] turns an operation's JSON arguments into a call: shared by the CLI and the MCP
//!   server, whose commands and tools come from the generated [`commands`] table.
//! - [`ApiError`] parses the error schema and exposes status, machine code and a human message.

// Generated code keeps the generator's formatting (the drift test compares it byte for byte).
#[rustfmt::skip]
pub mod generated;

#[cfg(feature = "native")]
pub mod client;
mod error;
pub mod json;
#[cfg(feature = "native")]
pub mod native;
#[cfg(feature = "native")]
pub mod signin;
#[doc(hidden)]
pub mod tolerant;
pub mod tools;
mod url;

pub use error::{ApiError, ErrorKind, human_message};
pub use generated::{calls, commands, operations as ops, schemas, types};
pub use url::{Endpoints, auth_host_allows, encode_component, proxy_allows};

use json::FromJson;
use serde::Serialize;
use std::{future::Future, marker::PhantomData};

/// Stable control-plane prefix; `/cp` is its sunset-headed mirror.
pub const CP_PREFIX: &str = "/api/v1";
/// Prefix of the mirror that tenant hosts forward to the control plane.
pub const CP_PROXY_PREFIX: &str = "/cp";
/// Header the tenant guard checks (the org's UUID).
pub const ORG_ID_HEADER: &str = "X-Molecule-Org-Id";
/// Header carrying the org slug (routing hint; never an authorization).
pub const ORG_SLUG_HEADER: &str = "X-Molecule-Org-Slug";
/// Header naming the workspace on a destructive delete.
pub const CONFIRM_NAME_HEADER: &str = "X-Confirm-Name";
/// Header carrying the tenant ADMIN_TOKEN on provisioning calls.
pub const ADMIN_TOKEN_HEADER: &str = "X-Molecule-Admin-Token";
/// Longest `Retry-After` a client honours before giving up on the retry (seconds).
pub const MAX_RETRY_AFTER_SECS: u64 = 20;

/// HTTP method of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// Which host serves an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Surface {
    /// `api.moleculesai.app` under `/api/v1` (or `/cp` through a tenant host).
    ControlPlane,
    /// `<slug>.moleculesai.app`, at the root.
    Tenant,
}

/// An authentication tier (a `securitySchemes` entry of the spec).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tier {
    /// AuthKit session cookie (`mcp_session`).
    Session,
    /// `Authorization: Bearer <CP_ADMIN_API_TOKEN>`.
    CpAdmin,
    /// `Authorization: Bearer <provision shared secret>`.
    ProvisionSecret,
    /// `X-Molecule-Admin-Token: <tenant ADMIN_TOKEN>`.
    TenantAdminToken,
    /// AdminAuth bearer: an Org API Key or the tenant ADMIN_TOKEN.
    AdminBearer,
    /// WorkspaceAuth bearer: a per-workspace token.
    WorkspaceToken,
    /// `Stripe-Signature` HMAC header.
    StripeSignature,
    /// A scheme this SDK does not know (the spec test forbids it).
    Unknown,
}

impl Tier {
    /// Whether the tier is carried in `Authorization: Bearer`.
    pub fn is_bearer(self) -> bool {
        matches!(
            self,
            Tier::CpAdmin | Tier::ProvisionSecret | Tier::AdminBearer | Tier::WorkspaceToken
        )
    }
}

/// Whether the real platform publishes the operation or the project designed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Confirmed,
    Designed,
}

/// One row of the operation table.
#[derive(Debug, PartialEq, Eq)]
pub struct Operation {
    pub id: &'static str,
    pub method: Method,
    /// Path template as written in the spec (control-plane paths carry `/api/v1`).
    pub path: &'static str,
    pub surface: Surface,
    /// Alternatives; each inner slice lists tiers that must all be present.
    pub security: &'static [&'static [Tier]],
    /// Whether a client may retry it automatically (idempotent GETs only).
    pub retry: bool,
    pub source: Source,
    pub path_params: &'static [&'static str],
    pub query_params: &'static [&'static str],
    /// Header parameters and whether each is required.
    pub header_params: &'static [(&'static str, bool)],
    /// Request body schema name.
    pub request: Option<&'static str>,
    /// Documented statuses and their body schema (`Vec<..>` for arrays).
    pub responses: &'static [(u16, Option<&'static str>)],
}

impl Operation {
    /// No authentication at all.
    pub fn is_public(&self) -> bool {
        self.security.is_empty()
    }

    /// Whether any alternative includes `tier`.
    pub fn accepts(&self, tier: Tier) -> bool {
        self.security.iter().any(|alt| alt.contains(&tier))
    }

    /// Whether the status is documented for this operation.
    pub fn documents(&self, status: u16) -> bool {
        self.responses.iter().any(|(s, _)| *s == status)
    }

    /// Whether a tenant host forwards this control-plane path (`/cp/*` allowlist).
    pub fn proxyable(&self) -> bool {
        self.forwarded_by(proxy_allows)
    }

    /// Whether the auth host forwards this control-plane path (the tenant allowlist plus
    /// [`url::AUTH_HOST_EXTRA`]).
    pub fn proxyable_on_auth_host(&self) -> bool {
        self.forwarded_by(auth_host_allows)
    }

    /// Whether a host whose `/cp` mirror passes what `allows` passes forwards this operation.
    fn forwarded_by(&self, allows: fn(&str) -> bool) -> bool {
        self.surface == Surface::ControlPlane
            && self
                .path
                .strip_prefix(CP_PREFIX)
                .is_some_and(|rest| allows(&format!("{CP_PROXY_PREFIX}{rest}")))
    }

    /// Finds an operation by id.
    pub fn by_id(id: &str) -> Option<&'static Operation> {
        ops::ALL.iter().copied().find(|o| o.id == id)
    }
}

/// Who is calling and for which org: everything the header policy needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallContext {
    /// Org slug: selects the tenant host and is sent as `X-Molecule-Org-Slug`.
    pub org_slug: Option<String>,
    /// Org UUID, sent as `X-Molecule-Org-Id` on tenant calls (the tenant guard requires it).
    pub org_id: Option<String>,
    /// Bearer credential, sent only to operations whose tier takes a bearer.
    pub bearer: Option<String>,
    /// Tenant ADMIN_TOKEN, sent only where the tier is `X-Molecule-Admin-Token`.
    pub admin_token: Option<String>,
    /// Send proxyable control-plane operations to `<origin>/cp/...` instead of the control-plane
    /// host: the console passes its own origin (a tenant host, or the auth host which serves the
    /// mirror too), so the session cookie stays same-origin. See [`Endpoints::tenant_base`].
    pub cp_proxy_origin: Option<String>,
}

/// A request ready for a [`Transport`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: Method,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
    /// Send cookies (only for session-tier operations).
    pub with_credentials: bool,
    /// The operation may be retried once automatically.
    pub retryable: bool,
}

/// A response body's bytes as text, as `Response.text()` gives it: UTF-8, a leading byte
/// order mark dropped, malformed sequences replaced (never an empty body). For a transport
/// that reads bytes: in the browser, `text()` builds a JavaScript string that must then be
/// copied into wasm memory again, which took ~40 ms of a 2.5 MB list.
pub fn body_text(bytes: Vec<u8>) -> String {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    }
}

/// What a [`Transport`] got back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl HttpResponse {
    /// Case-insensitive header lookup.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Why a request never produced a response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportError {
    Timeout,
    Aborted,
    Network(String),
}

/// Sends requests. The console implements it over gloo-net; native code over reqwest.
pub trait Transport {
    fn send(&self, req: HttpRequest) -> impl Future<Output = Result<HttpResponse, TransportError>>;
    /// Waits before the single automatic retry.
    fn sleep(&self, millis: u64) -> impl Future<Output = ()>;
}

/// A typed call of one operation; `T` is the body of its first documented 2xx response.
#[derive(Debug, Clone)]
pub struct Call<T> {
    pub op: &'static Operation,
    path_params: Vec<(&'static str, String)>,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Option<Result<String, String>>,
    _response: PhantomData<fn() -> T>,
}

impl<T> Call<T> {
    pub fn new(op: &'static Operation, path_params: &[(&'static str, &str)]) -> Self {
        Self {
            op,
            path_params: path_params
                .iter()
                .map(|(k, v)| (*k, (*v).to_string()))
                .collect(),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            _response: PhantomData,
        }
    }

    /// Sets the JSON body.
    pub fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        self.body = Some(serde_json::to_string(body).map_err(|e| e.to_string()));
        self
    }

    /// Adds a query parameter (must be documented for the operation).
    pub fn query(mut self, name: &str, value: impl ToString) -> Self {
        self.query.push((name.to_string(), value.to_string()));
        self
    }

    /// Adds a header parameter such as `X-Confirm-Name`.
    pub fn header(mut self, name: &str, value: impl ToString) -> Self {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    /// Builds the request: URL for the surface, header policy, body.
    pub fn request(
        &self,
        endpoints: &Endpoints,
        ctx: &CallContext,
    ) -> Result<HttpRequest, ApiError> {
        build_request(
            self.op,
            &self.path_params,
            &self.query,
            &self.headers,
            &self.body,
            endpoints,
            ctx,
        )
    }
}

/// The non-generic body of [`Call::request`] (one copy in the binary, whatever `T` is).
fn build_request(
    op: &'static Operation,
    path_params: &[(&'static str, String)],
    query: &[(String, String)],
    extra_headers: &[(String, String)],
    body: &Option<Result<String, String>>,
    endpoints: &Endpoints,
    ctx: &CallContext,
) -> Result<HttpRequest, ApiError> {
    for (name, _) in query {
        if !op.query_params.contains(&name.as_str()) {
            return Err(ApiError::invalid(format!(
                "query parameter {name} is not documented for {}",
                op.id
            )));
        }
    }
    let body = match body {
        Some(Ok(b)) => Some(b.clone()),
        Some(Err(e)) => return Err(ApiError::invalid(format!("request body: {e}"))),
        None => None,
    };
    let url = endpoints.url(op, path_params, query, ctx)?;
    let mut headers = vec![("Accept".to_string(), "application/json".to_string())];
    if body.is_some() {
        headers.push(("Content-Type".into(), "application/json".into()));
    }
    if op.surface == Surface::Tenant {
        if let Some(slug) = &ctx.org_slug {
            headers.push((ORG_SLUG_HEADER.into(), slug.clone()));
        }
        // Every tenant route needs the org id except the few the tenant guard exempts.
        let needs_org_id = op
            .header_params
            .iter()
            .any(|(name, required)| *name == ORG_ID_HEADER && *required);
        match &ctx.org_id {
            Some(id) => headers.push((ORG_ID_HEADER.into(), id.clone())),
            None if !needs_org_id => {}
            None => {
                return Err(ApiError::invalid(format!(
                    "{} is a tenant operation and needs the org id",
                    op.id
                )));
            }
        }
    }
    if let Some(token) = &ctx.bearer
        && op
            .security
            .iter()
            .flat_map(|a| a.iter())
            .any(|t| t.is_bearer())
    {
        headers.push(("Authorization".into(), format!("Bearer {token}")));
    }
    if let Some(token) = &ctx.admin_token
        && op.accepts(Tier::TenantAdminToken)
    {
        headers.push((ADMIN_TOKEN_HEADER.into(), token.clone()));
    }
    for (name, required) in op.header_params {
        let given = extra_headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name));
        match given {
            Some((k, v)) if !matches!(*name, ORG_ID_HEADER | ORG_SLUG_HEADER) => {
                headers.push((k.clone(), v.clone()))
            }
            None if *required && !matches!(*name, ORG_ID_HEADER | ORG_SLUG_HEADER) => {
                return Err(ApiError::invalid(format!(
                    "{} requires the {name} header",
                    op.id
                )));
            }
            _ => {}
        }
    }
    Ok(HttpRequest {
        method: op.method,
        url,
        headers,
        body,
        with_credentials: op.accepts(Tier::Session),
        retryable: op.retry,
    })
}

impl<T: FromJson> Call<T> {
    /// Turns a response into the success type or an [`ApiError`].
    pub fn parse(&self, resp: &HttpResponse) -> Result<T, ApiError> {
        parse_response(resp)
    }

    /// Sends the call; idempotent GETs are retried once on 429/502/503/504 or a network error,
    /// honouring `Retry-After` up to [`MAX_RETRY_AFTER_SECS`].
    pub async fn send<Tr: Transport>(
        &self,
        transport: &Tr,
        endpoints: &Endpoints,
        ctx: &CallContext,
    ) -> Result<T, ApiError> {
        let req = self.request(endpoints, ctx)?;
        let resp = send_with_retry(transport, req).await?;
        self.parse(&resp)
    }
}

/// Parses a response body as `T` on 2xx, otherwise as the error schema.
pub fn parse_response<T: FromJson>(resp: &HttpResponse) -> Result<T, ApiError> {
    if (200..300).contains(&resp.status) {
        let text = if resp.body.trim().is_empty() {
            "null"
        } else {
            &resp.body
        };
        json::from_str(text).map_err(|e| ApiError::decode(resp.status, e.to_string()))
    } else {
        Err(ApiError::from_response(resp))
    }
}

/// One automatic retry for retryable requests; everything else is sent once.
pub async fn send_with_retry<Tr: Transport>(
    transport: &Tr,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let first = transport.send(req.clone()).await;
    if !req.retryable {
        return first.map_err(ApiError::from_transport);
    }
    let wait = match &first {
        Ok(r) if matches!(r.status, 429 | 502 | 503 | 504) => {
            match r.header("Retry-After").map(|v| v.trim().parse::<u64>()) {
                Some(Ok(s)) if s > MAX_RETRY_AFTER_SECS => return Ok(first.unwrap_or_default()),
                Some(Ok(s)) => s * 1000,
                _ => 1000,
            }
        }
        Err(TransportError::Network(_)) => 500,
        _ => return first.map_err(ApiError::from_transport),
    };
    transport.sleep(wait).await;
    transport.send(req).await.map_err(ApiError::from_transport)
}

impl types::OrgList {
    /// The orgs, whichever of its two shapes the server answered with.
    pub fn into_vec(self) -> Vec<types::Organization> {
        match self {
            Self::Array(orgs) => orgs,
            Self::OrgListEnvelope(envelope) => envelope.orgs,
        }
    }
}

#[cfg(test)]
mod tests;
