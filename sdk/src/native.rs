//! A [`Transport`] for native code over reqwest (feature `native`): cookies and bearer come from
//! the request's headers exactly as the header policy built them; no cookie jar, no redirects
//! followed (a 302 is an answer the caller inspects), a timeout per request.

use crate::{HttpRequest, HttpResponse, Method, Transport, TransportError};
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use std::{net::SocketAddr, sync::Arc, time::Duration};

/// Resolves `localhost` and every `*.localhost` name to 127.0.0.1 (as browsers do; the system
/// resolver often does not), and everything else through the system.
struct LoopbackAware;

impl Resolve for LoopbackAware {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_ascii_lowercase();
        Box::pin(async move {
            if host == "localhost" || host.ends_with(".localhost") {
                let addrs: Addrs = Box::new(std::iter::once(SocketAddr::from(([127, 0, 0, 1], 0))));
                return Ok(addrs);
            }
            let found: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let addrs: Addrs = Box::new(found.into_iter());
            Ok(addrs)
        })
    }
}

/// reqwest-backed transport.
#[derive(Clone, Debug)]
pub struct NativeTransport {
    client: reqwest::Client,
    /// Extra headers on every request, e.g. a `Cookie` for session-tier calls.
    pub default_headers: Vec<(String, String)>,
}

impl NativeTransport {
    /// A transport with the given timeout.
    pub fn new(timeout: Duration) -> Result<Self, TransportError> {
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .dns_resolver(Arc::new(LoopbackAware))
            .build()
            .map_err(|e| TransportError::Network(e.to_string()))?;
        Ok(Self {
            client,
            default_headers: Vec::new(),
        })
    }
}

impl Transport for NativeTransport {
    async fn send(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        let method = match req.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Patch => reqwest::Method::PATCH,
            Method::Delete => reqwest::Method::DELETE,
        };
        let mut builder = self.client.request(method, &req.url);
        for (k, v) in self.default_headers.iter().chain(req.headers.iter()) {
            // Cookies only travel on session-tier requests, as in the browser.
            if k.eq_ignore_ascii_case("cookie") && !req.with_credentials {
                continue;
            }
            builder = builder.header(k, v);
        }
        if let Some(body) = req.body {
            builder = builder.body(body);
        }
        let resp = builder.send().await.map_err(|e| {
            if e.is_timeout() {
                TransportError::Timeout
            } else {
                TransportError::Network(e.to_string())
            }
        })?;
        let status = resp.status().as_u16();
        let headers = resp
            .headers()
            .iter()
            .filter_map(|(k, v)| v.to_str().ok().map(|v| (k.to_string(), v.to_string())))
            .collect();
        let body = resp
            .text()
            .await
            .map_err(|e| TransportError::Network(e.to_string()))?;
        Ok(HttpResponse {
            status,
            headers,
            body,
        })
    }

    async fn sleep(&self, millis: u64) {
        tokio::time::sleep(Duration::from_millis(millis)).await;
    }
}
