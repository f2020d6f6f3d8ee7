//! Test harness: the devserver in process (`app(state).oneshot`), every response checked
//! against `spec/management.yaml` by `molecule_devserver::contract`.
#![allow(dead_code)]

use axum::{
    Router,
    body::Body,
    http::{HeaderMap, Request},
};
use http_body_util::BodyExt;
use molecule_devserver::{AppState, Config, app, contract::contract};
use serde_json::Value;
use tower::ServiceExt;

pub const API: &str = "api.localhost:8080";
pub const APP: &str = "app.localhost:8080";

pub struct Resp {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    }
    pub fn header_all(&self, name: &str) -> Vec<String> {
        self.headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(str::to_string)
            .collect()
    }
    pub fn code(&self) -> String {
        self.json()["code"].as_str().unwrap_or_default().to_string()
    }
    pub fn location(&self) -> String {
        self.header("location").unwrap_or_default()
    }
}

pub struct T {
    pub state: AppState,
    pub app: Router,
}

/// A seeded devserver on an in-memory database (public port 8080).
pub fn seeded() -> T {
    seeded_with(Config::default())
}

/// [`seeded`] with configuration changes (port, seed and dist are fixed).
pub fn seeded_with(config: Config) -> T {
    let state = AppState::for_tests(Config {
        port: 8080,
        seed: true,
        dist: None,
        ..config
    });
    molecule_devserver::seed::seed_if_empty(&state.db, &state.clock).unwrap();
    T {
        app: app(state.clone()),
        state,
    }
}

/// Asserts that a response satisfies the contract (or is a documented exception).
pub fn check_contract(host: &str, method: &str, path: &str, resp: &Resp) {
    let tenant_or_app =
        !host.starts_with("api.") && !host.starts_with("127.") && !host.starts_with("localhost");
    // The /cp forwarder's allowlist miss and the tenant guard's wrong-org answer are EMPTY 404s
    // (documented in the Error schema), not control-plane answers.
    if tenant_or_app && resp.status == 404 && resp.body.is_empty() {
        return;
    }
    // The cross-cutting refusals of the devserver's own defences (a Host on another port, a
    // cross-origin cookie write, a cookie write without a JSON content type) answer before any
    // operation runs; see SECURITY.md. They are JSON errors with their machine code.
    let code = serde_json::from_slice::<Value>(&resp.body)
        .ok()
        .and_then(|v| v["code"].as_str().map(str::to_string))
        .unwrap_or_default();
    if matches!(
        (resp.status, code.as_str()),
        (400, "HOST_NOT_ALLOWED") | (403, "CSRF_REJECTED") | (415, "UNSUPPORTED_MEDIA_TYPE")
    ) {
        return;
    }
    if let Err(e) = contract().check(method, path, resp.status, &resp.body) {
        panic!("contract violation on {host}: {e}");
    }
}

impl T {
    pub async fn raw(
        &self,
        method: &str,
        host: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Vec<u8>,
    ) -> Resp {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header("host", host);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let res = self
            .app
            .clone()
            .oneshot(req.body(Body::from(body)).unwrap())
            .await
            .unwrap();
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
        let resp = Resp {
            status,
            headers,
            body,
        };
        check_contract(host, method, path, &resp);
        resp
    }

    /// A request with an optional cookie and JSON body, on `host`.
    pub async fn on(
        &self,
        host: &str,
        method: &str,
        path: &str,
        cookie: Option<&str>,
        body: Option<Value>,
    ) -> Resp {
        let mut headers = vec![];
        // A browser's same-origin fetch: the cookie, and on writes the page's Origin.
        let origin = format!("http://{host}");
        if let Some(c) = cookie {
            headers.push(("cookie", c));
            if method != "GET" && method != "HEAD" {
                headers.push(("origin", origin.as_str()));
            }
        }
        let bytes = body
            .map(|b| serde_json::to_vec(&b).unwrap())
            .unwrap_or_default();
        if !bytes.is_empty() {
            headers.push(("content-type", "application/json"));
        }
        self.raw(method, host, path, &headers, bytes).await
    }

    /// A control-plane request on `api.localhost`.
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        cookie: Option<&str>,
        body: Option<Value>,
    ) -> Resp {
        self.on(API, method, path, cookie, body).await
    }

    /// Full simulated AuthKit sign-in on `host` (returns `mcp_session=<token>`).
    pub async fn sign_in(&self, user_id: &str) -> String {
        self.sign_in_with(&[("user_id", user_id)]).await
    }

    /// Sign-in through the hosted page with arbitrary form fields.
    pub async fn sign_in_with(&self, form: &[(&str, &str)]) -> String {
        let res = self
            .login_callback("/api/v1/auth/login?return_to=%2Forgs", form)
            .await;
        assert_eq!(
            res.status,
            302,
            "callback: {}",
            String::from_utf8_lossy(&res.body)
        );
        session_cookie(&res).expect("session cookie set")
    }

    /// A whole sign-in up to the control plane's answer to the callback: `GET login_path` on
    /// the control plane, the hosted form with `form`, then the callback with the state cookie.
    pub async fn login_callback(&self, login_path: &str, form: &[(&str, &str)]) -> Resp {
        let (state_cookie, state) = self.start_login(API, login_path).await;
        let callback = self.authorize(&state, form).await;
        let path = callback.trim_start_matches("http://api.localhost:8080");
        self.raw("GET", API, path, &[("cookie", &state_cookie)], vec![])
            .await
    }

    /// `GET login` -> (state cookie pair, state value).
    pub async fn start_login(&self, host: &str, path: &str) -> (String, String) {
        let res = self.raw("GET", host, path, &[], vec![]).await;
        assert_eq!(res.status, 302);
        let loc = res.location();
        assert!(
            loc.starts_with("http://app.localhost:8080/authkit/login?state="),
            "{loc}"
        );
        let state = loc
            .split("state=")
            .nth(1)
            .unwrap()
            .split('&')
            .next()
            .unwrap()
            .to_string();
        let cookie = res
            .header_all("set-cookie")
            .into_iter()
            .find(|c| c.starts_with("mcp_auth_state="))
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_string();
        (cookie, state)
    }

    /// Submits the hosted sign-in form; returns the callback URL.
    pub async fn authorize(&self, state: &str, form: &[(&str, &str)]) -> String {
        let mut body = format!("state={state}");
        for (k, v) in form {
            body.push_str(&format!("&{k}={}", v.replace('@', "%40").replace(' ', "+")));
        }
        let res = self
            .raw(
                "POST",
                APP,
                "/authkit/authorize",
                &[("content-type", "application/x-www-form-urlencoded")],
                body.into_bytes(),
            )
            .await;
        assert_eq!(res.status, 302, "{}", String::from_utf8_lossy(&res.body));
        res.location()
    }
}

/// `http://host:port/path?q` -> (`host:port`, `/path?q`).
pub fn split_url(url: &str) -> (String, String) {
    let rest = url.strip_prefix("http://").expect("http URL");
    let i = rest.find('/').unwrap_or(rest.len());
    (rest[..i].to_string(), rest[i..].to_string())
}

/// The `name=value` pair of cookie `name` a response sets, if any.
pub fn set_cookie_pair(res: &Resp, name: &str) -> Option<String> {
    res.header_all("set-cookie")
        .into_iter()
        .find(|c| c.starts_with(&format!("{name}=")) && !c.starts_with(&format!("{name}=;")))
        .map(|c| c.split(';').next().unwrap().to_string())
}

impl T {
    /// Follows a handoff redirect like the browser that signed in: the target host sets its
    /// nonce cookie, the source host confirms it (with `source_cookie`, that browser's session
    /// there), the target host redeems the ticket. Returns the last answer.
    pub async fn follow_handoff(&self, location: &str, source_cookie: &str) -> Resp {
        let (host, path) = split_url(location);
        let first = self.raw("GET", &host, &path, &[], vec![]).await;
        assert_eq!(
            first.status,
            302,
            "{}",
            String::from_utf8_lossy(&first.body)
        );
        let nonce = set_cookie_pair(&first, "mcp_handoff").expect("handoff nonce cookie");
        let (src, confirm) = split_url(&first.location());
        let second = self
            .raw("GET", &src, &confirm, &[("cookie", source_cookie)], vec![])
            .await;
        assert_eq!(
            second.status,
            302,
            "{}",
            String::from_utf8_lossy(&second.body)
        );
        let (back, redeem) = split_url(&second.location());
        assert_eq!(back, host);
        self.raw("GET", &back, &redeem, &[("cookie", &nonce)], vec![])
            .await
    }
}

/// The `mcp_session=<token>` pair a response sets, if any (ignores deletions).
pub fn session_cookie(res: &Resp) -> Option<String> {
    res.header_all("set-cookie")
        .into_iter()
        .find(|c| c.starts_with("mcp_session=") && !c.starts_with("mcp_session=;"))
        .map(|c| c.split(';').next().unwrap().to_string())
}
