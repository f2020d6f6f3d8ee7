//! Logs never carry credentials or secret values. One global subscriber captures every log line
//! of this test binary (per-thread subscribers miss lines when tracing's callsite cache was
//! filled by another thread), and each test checks its own secrets against all of it.

mod common;

use common::*;
use molecule_devserver::seed::{self, *};
use serde_json::{Value, json};
use std::sync::{Arc, Mutex, OnceLock};

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn capture() -> Capture {
    static C: OnceLock<Capture> = OnceLock::new();
    C.get_or_init(|| {
        let capture = Capture::default();
        let writer = capture.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_max_level(tracing::Level::TRACE)
            .finish();
        tracing::subscriber::set_global_default(subscriber).expect("first subscriber");
        capture
    })
    .clone()
}

const ACME: &str = "acme.localhost:8080";
const ADMIN: &str = "Bearer demo-admin-token-acme";

fn bearer(t: &str) -> String {
    format!("Bearer {t}")
}

async fn ten(t: &T, method: &str, path: &str, hdrs: &[(&str, &str)], body: Option<Value>) -> Resp {
    let mut h: Vec<(&str, &str)> = vec![
        ("x-molecule-org-id", ACME_ID),
        ("accept", "application/json"),
    ];
    h.extend_from_slice(hdrs);
    let bytes = body
        .map(|b| serde_json::to_vec(&b).unwrap())
        .unwrap_or_default();
    if !bytes.is_empty() {
        h.push(("content-type", "application/json"));
    }
    t.raw(method, ACME, path, &h, bytes).await
}

async fn admin(t: &T, method: &str, path: &str, body: Option<Value>) -> Resp {
    ten(t, method, path, &[("authorization", ADMIN)], body).await
}

#[tokio::test]
async fn logs_contain_no_secrets() {
    let capture = capture();
    let t = seeded();
    let (state_cookie, state) = t
        .start_login(
            API,
            "/api/v1/auth/login?return_to=http%3A%2F%2Facme.localhost%3A8080%2F",
        )
        .await;
    let callback = t.authorize(&state, &[("user_id", "user_ada")]).await;
    let code = callback
        .split("code=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap()
        .to_string();
    let res = t
        .raw(
            "GET",
            API,
            callback.trim_start_matches("http://api.localhost:8080"),
            &[
                ("cookie", &state_cookie),
                ("authorization", "Bearer top-secret-bearer"),
            ],
            vec![],
        )
        .await;
    let cookie = session_cookie(&res).unwrap();
    let ticket = res.location().split("ticket=").nth(1).unwrap().to_string();
    let res = t
        .on(
            "api.localhost:8080",
            "POST",
            "/api/v1/orgs/acme/invitations",
            Some(&cookie),
            Some(serde_json::json!({"email": "z@example.com", "role": "member"})),
        )
        .await;
    let invite = res.json()["accept_url"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    t.call("GET", &format!("/api/v1/invitations/{invite}"), None, None)
        .await;
    t.call(
        "GET",
        &format!("/api/v1/invitations/{}", seed::PENDING_INVITE_TOKEN),
        None,
        None,
    )
    .await;
    let logs = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("request"), "logging works: {logs}");
    let token = cookie.trim_start_matches("mcp_session=");
    for secret in [
        token,
        state.as_str(),
        code.as_str(),
        ticket.as_str(),
        invite.as_str(),
        seed::PENDING_INVITE_TOKEN,
        "top-secret-bearer",
        "demo-admin-token",
        t.state.webhook_secret(),
        &t.state.config.cp_admin_token,
    ] {
        assert!(!logs.contains(secret), "log leaks {secret}");
    }
}

/// Minted tokens, secret values, admin tokens and bearers never reach a log line.
#[tokio::test]
async fn tenant_and_operator_logs_contain_no_secrets() {
    let capture = capture();
    let t = seeded();
    let org_tok = admin(&t, "POST", "/org/tokens", Some(json!({"name": "log test"})))
        .await
        .json()["auth_token"]
        .as_str()
        .unwrap()
        .to_string();
    ten(
        &t,
        "GET",
        "/workspaces",
        &[("authorization", &bearer(&org_tok))],
        None,
    )
    .await;
    let ws_tok = admin(
        &t,
        "POST",
        &format!("/admin/workspaces/{WS_DEGRADED}/tokens"),
        None,
    )
    .await
    .json()["auth_token"]
        .as_str()
        .unwrap()
        .to_string();
    ten(
        &t,
        "GET",
        &format!("/workspaces/{WS_DEGRADED}/tokens"),
        &[("authorization", &bearer(&ws_tok))],
        None,
    )
    .await;
    let value = "log-test-secret-value-42";
    admin(
        &t,
        "PUT",
        &format!("/workspaces/{WS_DEGRADED}/secrets"),
        Some(json!({"key": "LOG_TEST", "value": value})),
    )
    .await;
    admin(
        &t,
        "PUT",
        "/settings/secrets",
        Some(json!({"key": "LOG_TEST_GLOBAL", "value": value})),
    )
    .await;
    t.raw(
        "GET",
        API,
        "/api/v1/admin/orgs/acme/admin-token",
        &[("authorization", "Bearer dev-cp-admin-token")],
        vec![],
    )
    .await;
    t.raw(
        "POST",
        API,
        "/api/v1/admin/workspaces/a0000000-0000-4000-8000-000000000006/env",
        &[
            ("authorization", "Bearer dev-cp-admin-token"),
            ("content-type", "application/json"),
        ],
        serde_json::to_vec(&json!({"env": {"DB_PASSWORD": value}, "force": true})).unwrap(),
    )
    .await;
    let logs = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("request") && logs.contains("org API key minted"),
        "logging works: {logs}"
    );
    for secret in [
        org_tok.as_str(),
        ws_tok.as_str(),
        value,
        "demo-admin-token-acme",
        DEV_ACME_ORG_KEY,
        "dev-cp-admin-token",
        "ghp_demo_not_a_real_token",
    ] {
        assert!(!logs.contains(secret), "log leaks {secret}");
    }
}

/// Finding 3: a request's logged path is bounded (a 10 000-character path logs at most
/// `LOG_PATH_MAX` characters of it).
#[tokio::test]
async fn long_paths_are_cut_in_logs() {
    let capture = capture();
    let t = seeded();
    let marker = "q".repeat(10_000);
    let res = t
        .raw(
            "GET",
            API,
            &format!("/api/v1/orgs/{marker}/instance"),
            &[],
            vec![],
        )
        .await;
    assert_eq!(res.status, 404);
    let logs = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    let cut = "q".repeat(molecule_devserver::hosts::LOG_PATH_MAX);
    assert!(logs.contains("qqqq"), "the request is logged");
    assert!(!logs.contains(&cut), "the logged path is cut");
}
