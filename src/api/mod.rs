//! The only module that talks to the network.
//!
//! - [`Fetch`] implements the SDK's `Transport` over gloo-net: cookies only where the request
//!   asks for them, a timeout, and an `AbortController` that cancels the request when its
//!   reactive owner is cleaned up (the page unmounted or the resource re-ran) or its future dropped.
//! - [`send`] runs an SDK `Call` with the console's context (org routing headers, `/cp/*` on
//!   the page's own origin) and applies the one 401 rule: probe the session, and if it is gone,
//!   go to sign-in with `return_to` pointing back at the current page.

pub mod handle;
pub mod pages;

pub use handle::{Api, use_api};

use crate::config::Config;
use gloo_net::http::{Request, RequestBuilder};
use molecule_sdk::json::FromJson;
use molecule_sdk::{
    ApiError, Call, CallContext, HttpRequest, HttpResponse, Method, Operation, Tier, Transport,
    TransportError, calls, send_with_retry,
};
use std::{cell::Cell, rc::Rc};
use web_sys::{AbortController, RequestCredentials};

/// Requests that take longer than this are abandoned.
pub const TIMEOUT_MS: u32 = 35_000;

/// gloo-net transport.
#[derive(Clone, Copy, Default)]
pub struct Fetch;

/// Aborts the in-flight request when dropped (page unmounted, resource re-run).
struct AbortOnDrop(Option<AbortController>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let Some(c) = self.0.take() {
            c.abort();
        }
    }
}

impl Transport for Fetch {
    async fn send(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        let controller = AbortController::new().ok();
        let signal = controller.as_ref().map(|c| c.signal());
        let timed_out = Rc::new(Cell::new(false));
        let timer = controller.clone().map(|c| {
            let flag = timed_out.clone();
            gloo_timers::callback::Timeout::new(TIMEOUT_MS, move || {
                flag.set(true);
                c.abort();
            })
        });
        if let Some(c) = &controller {
            abort_on_cleanup(c);
        }
        let mut guard = AbortOnDrop(controller);
        let mut builder: RequestBuilder = match req.method {
            Method::Get => Request::get(&req.url),
            Method::Post => Request::post(&req.url),
            Method::Put => Request::put(&req.url),
            Method::Patch => Request::patch(&req.url),
            Method::Delete => Request::delete(&req.url),
        };
        for (k, v) in &req.headers {
            builder = builder.header(k, v);
        }
        builder = builder
            .credentials(if req.with_credentials {
                RequestCredentials::Include
            } else {
                RequestCredentials::SameOrigin
            })
            .abort_signal(signal.as_ref());
        let request = match req.body {
            Some(body) => builder.body(body),
            None => builder.build(),
        }
        .map_err(network)?;
        let result = request.send().await;
        drop(timer);
        let response = match result {
            Ok(r) => r,
            Err(_) if timed_out.get() => return Err(TransportError::Timeout),
            Err(e) => return Err(network(e)),
        };
        let headers = response.headers().entries().collect();
        // The body's bytes, decoded here: `text()` makes a JavaScript string that is then
        // re-encoded into the module's memory, which took ~40 ms of a 2.5 MB list.
        let body = response
            .binary()
            .await
            .map(molecule_sdk::body_text)
            .unwrap_or_default();
        // Completed: nothing left to abort.
        guard.0 = None;
        Ok(HttpResponse {
            status: response.status(),
            headers,
            body,
        })
    }

    async fn sleep(&self, millis: u64) {
        gloo_timers::future::TimeoutFuture::new(millis.min(u32::MAX as u64) as u32).await;
    }
}

/// Why a request got no answer, for the logs (`ApiError::server_message`): the browser's error
/// as JavaScript writes it ("TypeError: Failed to fetch"). Not through `Display`, whose JSON
/// arm (a variant this transport never sees) would bring serde_json's error texts into the
/// first download.
fn network(e: gloo_net::Error) -> TransportError {
    TransportError::Network(match e {
        gloo_net::Error::JsError(js) => format!("{}: {}", js.name, js.message),
        gloo_net::Error::GlooError(text) => text,
        _ => "the request failed".into(),
    })
}

/// Aborts `controller` when the reactive owner that is running this request is cleaned up:
/// the component that owns a resource unmounted, or the resource is re-running. Leptos lets a
/// resource's future run to completion otherwise, so this is what cancels the network request.
pub fn abort_on_cleanup(controller: &AbortController) {
    let c = send_wrapper::SendWrapper::new(controller.clone());
    leptos::prelude::on_cleanup(move || c.abort());
}

/// Current page origin (`http://app.localhost:8080`).
pub fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// Context for control-plane calls: through `/cp/*` on this page's origin, cookies included.
pub fn cp_context() -> CallContext {
    CallContext {
        cp_proxy_origin: Some(origin()),
        ..Default::default()
    }
}

/// Context for tenant calls of one org.
pub fn tenant_context(slug: &str, org_id: &str) -> CallContext {
    CallContext {
        org_slug: Some(slug.to_string()),
        org_id: Some(org_id.to_string()),
        cp_proxy_origin: Some(origin()),
        ..Default::default()
    }
}

/// Sends a call with the given context; on 401 checks whether the session is gone and, if so,
/// sends the browser to sign-in with a `return_to` of the current page.
pub async fn send_with<T: FromJson>(call: Call<T>, ctx: CallContext) -> Result<T, ApiError> {
    let request = call.request(&Config::from_window().endpoints, &ctx);
    // Everything but decoding is shared by all response types (one copy in the bundle).
    let response = exchange(call.op, request).await?;
    molecule_sdk::parse_response(&response)
}

/// Sends a built request (one retry for idempotent GETs) and applies the 401 rule.
async fn exchange(
    op: &'static Operation,
    request: Result<HttpRequest, ApiError>,
) -> Result<HttpResponse, ApiError> {
    let response = send_with_retry(&Fetch, request?).await?;
    // Only a session-tier call can mean "the session ended" (an operator's refused admin token
    // is the operator's to fix, not a reason to sign in).
    let session_tier = op
        .security
        .iter()
        .any(|alternatives| alternatives.contains(&Tier::Session));
    if response.status == 401
        && session_tier
        && op.id != calls::auth_me().op.id
        && session_is_gone().await
    {
        redirect_to_sign_in();
    }
    Ok(response)
}

/// Control-plane call with the default context.
pub async fn send<T: FromJson>(call: Call<T>) -> Result<T, ApiError> {
    send_with(call, cp_context()).await
}

/// The session probe: `GET /cp/auth/me` answering 401 means signed out.
async fn session_is_gone() -> bool {
    let config = Config::from_window();
    matches!(
        calls::auth_me().send(&Fetch, &config.endpoints, &cp_context()).await,
        Err(e) if e.is_unauthorized()
    )
}

/// Where sign-in starts for a given page to come back to.
pub fn sign_in_url(return_to: &str) -> String {
    hosted_auth_url(calls::auth_login().op, return_to)
}

/// Where sign-up starts (the hosted page's account-creation screen).
pub fn sign_up_url(return_to: &str) -> String {
    hosted_auth_url(calls::auth_signup().op, return_to)
}

/// `/cp` form of a hosted AuthKit entry on this origin, with `return_to`.
fn hosted_auth_url(op: &molecule_sdk::Operation, return_to: &str) -> String {
    let path = op.path.trim_start_matches(molecule_sdk::CP_PREFIX);
    format!(
        "{}{}{path}?return_to={}",
        origin(),
        molecule_sdk::CP_PROXY_PREFIX,
        molecule_sdk::encode_component(return_to)
    )
}

thread_local! {
    /// Set once a sign-in redirect has started: several requests failing with 401 together
    /// must not start several navigations (each would abort the one before).
    static REDIRECTING: Cell<bool> = const { Cell::new(false) };
}

/// Navigates the whole page to sign-in (AuthKit is a full-page redirect, not an XHR).
pub fn redirect_to_sign_in() {
    if REDIRECTING.with(|r| r.replace(true)) {
        return;
    }
    if let Some(w) = web_sys::window() {
        // A page meant for signed-out visitors (sign-in, an invitation) stays where it is: a
        // read that needed the session (a tenant host's org, say) must not carry them away.
        let path = w.location().pathname().unwrap_or_default();
        if crate::paths::is_public_page(&path) {
            return;
        }
        let here = w.location().href().unwrap_or_default();
        let _ = w.location().set_href(&sign_in_url(&here));
    }
}
