//! Hosts, the /cp forwarder, the tenant guard, headers, CORS and secret-free logs.

mod common;

use common::*;
use molecule_devserver::seed;

#[tokio::test]
async fn cp_forwarder_allowlist_and_traversal() {
    let t = seeded();
    let ada = t.sign_in("user_ada").await;
    let tenant = "acme.localhost:8080";
    for path in [
        "/cp/orgs/../admin/orgs",
        "/cp/orgs/%2e%2e/admin/orgs",
        "/cp/orgs/%2E%2E%2Fadmin%2Forgs",
        "/cp/admin/orgs",
        "/cp/admin/orgs/acme/admin-token",
        "/cp/webhooks/stripe",
        "/cp/orgsX",
        "/cp",
    ] {
        for host in [tenant, APP] {
            let res = t.raw("GET", host, path, &[("cookie", &ada)], vec![]).await;
            assert_eq!(res.status, 404, "{host}{path}");
            assert!(res.body.is_empty(), "{host}{path}: body must be empty");
        }
    }
    let res = t.on(tenant, "GET", "/cp/orgs/acme", Some(&ada), None).await;
    assert_eq!(res.status, 200);
    // Invitations are forwarded by the app (auth) host only, where the accept link opens.
    let preview = format!("/cp/invitations/{}", seed::PENDING_INVITE_TOKEN);
    let res = t.raw("GET", tenant, &preview, &[], vec![]).await;
    assert_eq!((res.status, res.body.is_empty()), (404, true));
    let res = t.on(APP, "GET", &preview, None, None).await;
    assert_eq!(
        (res.status, res.json()["org_slug"].as_str()),
        (200, Some("acme"))
    );
    for path in [
        "/cp/invitations/../admin/orgs",
        "/cp/invitations/%2e%2e/admin/orgs",
    ] {
        let res = t.raw("GET", APP, path, &[], vec![]).await;
        assert_eq!(res.status, 404, "{path}");
    }
    // Authorization is forwarded too (and a cp-admin bearer is still not a session).
    let res = t
        .raw(
            "GET",
            tenant,
            "/cp/auth/me",
            &[("authorization", "Bearer dev-cp-admin-token")],
            vec![],
        )
        .await;
    assert_eq!(res.status, 401);
}

#[tokio::test]
async fn tenant_guard_and_unknown_hosts() {
    let t = seeded();
    let tenant = "acme.localhost:8080";
    let json = [("accept", "application/json")];
    let res = t.raw("GET", tenant, "/workspaces", &json, vec![]).await;
    assert_eq!(
        (res.status, res.code().as_str()),
        (400, "TENANT_ORG_HEADER_REQUIRED")
    );
    assert_eq!(res.json()["required_header"], "X-Molecule-Org-Id");
    let other = [
        ("accept", "application/json"),
        ("x-molecule-org-id", "0b7e2c1a-5d4f-4e3a-9b8c-1d2e3f4a5b6c"),
    ];
    let res = t.raw("GET", tenant, "/workspaces", &other, vec![]).await;
    assert_eq!(res.status, 404);
    assert!(res.body.is_empty());
    // Same-origin rule of the real tenant: a Referer under `http(s)://<Host>/` (or equal to it)
    // or an Origin equal to `http(s)://<Host>` (Host verbatim, port included) passes the guard
    // even without (or with a wrong) org header; authentication is still required after it.
    let wrong_org = ("x-molecule-org-id", "0b7e2c1a-5d4f-4e3a-9b8c-1d2e3f4a5b6c");
    for (headers, passes) in [
        (
            vec![("referer", "http://acme.localhost:8080/workspaces")],
            true,
        ),
        (vec![("referer", "https://acme.localhost:8080")], true),
        (vec![("origin", "http://acme.localhost:8080")], true),
        (
            vec![("origin", "https://acme.localhost:8080"), wrong_org],
            true,
        ),
        (
            vec![("referer", "http://acme.localhost:8080/x"), wrong_org],
            true,
        ),
        // Another host, another port, a look-alike host, a path on the Origin, another scheme.
        (vec![("referer", "http://evil.localhost:8080/")], false),
        (vec![("referer", "http://acme.localhost:9999/")], false),
        (
            vec![("referer", "http://acme.localhost:8080.evil.com/")],
            false,
        ),
        (vec![("origin", "http://acme.localhost")], false),
        (vec![("origin", "http://acme.localhost:8080/")], false),
        (vec![("origin", "ftp://acme.localhost:8080")], false),
        (vec![("origin", "http://hopper-lab.localhost:8080")], false),
        (
            vec![("origin", "http://acme.localhost:9999"), wrong_org],
            false,
        ),
    ] {
        let res = t.raw("GET", tenant, "/workspaces", &headers, vec![]).await;
        let expected = match (passes, headers.contains(&wrong_org)) {
            (true, _) => 401,
            (false, true) => 404,
            (false, false) => 400,
        };
        assert_eq!(res.status, expected, "{headers:?}");
    }
    let ok = [
        ("accept", "application/json"),
        ("x-molecule-org-id", seed::ACME_ID),
    ];
    let res = t.raw("GET", tenant, "/workspaces", &ok, vec![]).await;
    assert_eq!(
        (res.status, res.body.is_empty()),
        (401, false),
        "guard passed; the tenant API then wants a credential"
    );
    assert_eq!(
        t.raw("GET", "nosuch.localhost:8080", "/", &[], vec![])
            .await
            .status,
        404
    );
    assert_eq!(
        t.raw("GET", "evil.example", "/api/v1/plans", &[], vec![])
            .await
            .status,
        404
    );
    // The control plane also answers on 127.0.0.1 and localhost.
    assert_eq!(
        t.raw("GET", "127.0.0.1:8080", "/api/v1/plans", &[], vec![])
            .await
            .status,
        200
    );
    assert_eq!(
        t.raw("GET", "localhost:8080", "/cp/plans", &[], vec![])
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn security_headers_csp_and_cors() {
    let t = seeded();
    let res = t.call("GET", "/api/v1/plans", None, None).await;
    for (h, v) in [
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        ("referrer-policy", "strict-origin-when-cross-origin"),
    ] {
        assert_eq!(res.header(h).as_deref(), Some(v), "{h}");
    }
    assert!(res.header("permissions-policy").is_some());
    assert_eq!(
        res.header("content-security-policy").as_deref(),
        Some("default-src 'none'; frame-ancestors 'none'")
    );
    assert!(res.header("deprecation").is_none());
    let (_, state) = t.start_login(API, "/api/v1/auth/login").await;
    let page = t
        .raw(
            "GET",
            APP,
            &format!("/authkit/login?state={state}&screen=sign-in"),
            &[],
            vec![],
        )
        .await;
    let csp = page.header("content-security-policy").unwrap();
    assert!(
        csp.contains("connect-src 'self' http://*.localhost:8080")
            && csp.contains("frame-ancestors 'none'")
    );
    assert!(!csp.contains("unsafe-inline"));
    let html = String::from_utf8_lossy(&page.body);
    assert!(
        html.contains("ada@example.com") && !html.contains("<script") && !html.contains("style=")
    );
    // CORS: platform origins only, with credentials.
    let res = t
        .raw(
            "GET",
            API,
            "/api/v1/plans",
            &[("origin", "http://app.localhost:8080")],
            vec![],
        )
        .await;
    assert_eq!(
        res.header("access-control-allow-origin").as_deref(),
        Some("http://app.localhost:8080")
    );
    assert_eq!(
        res.header("access-control-allow-credentials").as_deref(),
        Some("true")
    );
    let res = t
        .raw(
            "GET",
            API,
            "/api/v1/plans",
            &[("origin", "http://evil.example")],
            vec![],
        )
        .await;
    assert!(res.header("access-control-allow-origin").is_none());
    let res = t
        .raw(
            "OPTIONS",
            API,
            "/api/v1/orgs",
            &[
                ("origin", "http://acme.localhost:8080"),
                ("access-control-request-method", "POST"),
            ],
            vec![],
        )
        .await;
    assert_eq!(res.status, 204);
    let allowed = res.header("access-control-allow-headers").unwrap();
    for h in [
        "X-Molecule-Org-Id",
        "X-Molecule-Org-Slug",
        "X-Confirm-Name",
        "Authorization",
        "Content-Type",
        "Idempotency-Key",
    ] {
        assert!(allowed.contains(h), "{h}");
    }
}

/// Finding 1: a `Host` naming another port is refused (the login would otherwise build its
/// callback URL from it and the hosted page would send the code there); every URL the server
/// hands out uses its own port.
#[tokio::test]
async fn host_on_another_port_is_refused() {
    let t = seeded();
    let ada = t.sign_in("user_ada").await;
    for host in [
        "localhost:9999",
        "api.localhost:9999",
        "127.0.0.1:1",
        "app.localhost:8081",
        "acme.localhost:9999",
        "localhost",
    ] {
        for path in [
            "/api/v1/auth/login?return_to=%2F",
            "/cp/auth/login",
            "/api/v1/plans",
            "/workspaces",
        ] {
            let res = t.raw("GET", host, path, &[("cookie", &ada)], vec![]).await;
            assert_eq!(
                (res.status, res.code().as_str()),
                (400, "HOST_NOT_ALLOWED"),
                "{host}{path}"
            );
            assert!(res.location().is_empty() && session_cookie(&res).is_none());
        }
    }
    // On the server's own port the callback names that port.
    let (_, state) = t.start_login("localhost:8080", "/api/v1/auth/login").await;
    let callback = t.authorize(&state, &[("user_id", "user_ada")]).await;
    assert!(
        callback.starts_with("http://localhost:8080/api/v1/auth/callback?"),
        "{callback}"
    );
}

fn invitation_count(t: &T) -> i64 {
    t.state
        .db
        .lock()
        .query_row("SELECT COUNT(*) FROM invitations", [], |r| r.get(0))
        .unwrap()
}

/// Finding 2: cookie-authenticated writes need one of our origins (or `Sec-Fetch-Site:
/// same-origin`) and a JSON content type; bearer requests and the hosted forms keep working.
#[tokio::test]
async fn cookie_writes_need_our_origin_and_json() {
    let t = seeded();
    let ada = t.sign_in("user_ada").await;
    let path = "/api/v1/orgs/acme/invitations";
    let body = br#"{"email":"mallory@example.com","role":"admin"}"#.to_vec();
    let before = invitation_count(&t);
    for (headers, status, code) in [
        // The probe: a page on another port, fetch no-cors with text/plain.
        (
            vec![
                ("origin", "http://localhost:9999"),
                ("content-type", "text/plain;charset=UTF-8"),
            ],
            403,
            "CSRF_REJECTED",
        ),
        (
            vec![
                ("origin", "http://app.localhost:9999"),
                ("content-type", "application/json"),
            ],
            403,
            "CSRF_REJECTED",
        ),
        (
            vec![("origin", "null"), ("content-type", "application/json")],
            403,
            "CSRF_REJECTED",
        ),
        (
            vec![("content-type", "application/json")],
            403,
            "CSRF_REJECTED",
        ),
        (
            vec![
                ("sec-fetch-site", "same-site"),
                ("content-type", "application/json"),
            ],
            403,
            "CSRF_REJECTED",
        ),
        // Our own origin, but a body a cross-origin page could send without a preflight.
        (
            vec![
                ("origin", "http://app.localhost:8080"),
                ("content-type", "text/plain"),
            ],
            415,
            "UNSUPPORTED_MEDIA_TYPE",
        ),
        (
            vec![("origin", "http://app.localhost:8080")],
            415,
            "UNSUPPORTED_MEDIA_TYPE",
        ),
        (
            vec![
                ("origin", "http://app.localhost:8080"),
                ("content-type", "application/x-www-form-urlencoded"),
            ],
            415,
            "UNSUPPORTED_MEDIA_TYPE",
        ),
    ] {
        let mut h = headers.clone();
        h.push(("cookie", &ada));
        let res = t.raw("POST", API, path, &h, body.clone()).await;
        assert_eq!(
            (res.status, res.code().as_str()),
            (status, code),
            "{headers:?}"
        );
        assert!(res.json()["error"].is_string());
    }
    assert_eq!(invitation_count(&t), before, "nothing was created");
    // Same-origin without Origin (Sec-Fetch-Site) and a platform origin both work.
    for extra in [
        ("sec-fetch-site", "same-origin"),
        ("origin", "http://acme.localhost:8080"),
    ] {
        let res = t
            .raw(
                "POST",
                API,
                path,
                &[
                    ("cookie", &ada),
                    extra,
                    ("content-type", "application/json; charset=utf-8"),
                ],
                format!(
                    r#"{{"email":"friend-{}@example.com","role":"viewer"}}"#,
                    extra.0
                )
                .into_bytes(),
            )
            .await;
        assert_eq!(
            res.status,
            201,
            "{extra:?}: {}",
            String::from_utf8_lossy(&res.body)
        );
    }
    // Deletes carry no body but still need the origin.
    let res = t
        .raw(
            "DELETE",
            "acme.localhost:8080",
            "/org/tokens/nope",
            &[("cookie", &ada), ("x-molecule-org-id", seed::ACME_ID)],
            vec![],
        )
        .await;
    assert_eq!(res.code(), "CSRF_REJECTED");
    // The tenant guard's same-origin rule still lets the console's own writes through.
    let res = t
        .raw(
            "POST",
            "acme.localhost:8080",
            "/org/tokens",
            &[
                ("cookie", &ada),
                ("origin", "http://acme.localhost:8080"),
                ("content-type", "application/json"),
            ],
            br#"{"name":"console"}"#.to_vec(),
        )
        .await;
    assert_eq!(res.status, 200, "{}", String::from_utf8_lossy(&res.body));
    // Bearer requests (no cookie) are not affected, whatever their content type or origin.
    let res = t
        .raw(
            "POST",
            "acme.localhost:8080",
            "/org/tokens",
            &[
                ("authorization", "Bearer demo-admin-token-acme"),
                ("x-molecule-org-id", seed::ACME_ID),
                ("content-type", "text/plain"),
            ],
            br#"{"name":"script"}"#.to_vec(),
        )
        .await;
    assert_eq!(res.status, 200);
    // The hosted sign-in form: same-origin form posts work, another origin is refused.
    let (_, state) = t.start_login(API, "/api/v1/auth/login").await;
    let form = format!("state={state}&user_id=user_ada").into_bytes();
    let res = t
        .raw(
            "POST",
            APP,
            "/authkit/authorize",
            &[
                ("origin", "http://localhost:9999"),
                ("content-type", "application/x-www-form-urlencoded"),
            ],
            form.clone(),
        )
        .await;
    assert_eq!((res.status, res.code().as_str()), (403, "CSRF_REJECTED"));
    let res = t
        .raw(
            "POST",
            APP,
            "/authkit/authorize",
            &[
                ("origin", "http://app.localhost:8080"),
                ("cookie", &ada),
                ("content-type", "application/x-www-form-urlencoded"),
            ],
            form,
        )
        .await;
    assert_eq!(res.status, 302);
}

/// Finding 5: `Accept: text/html` does not turn an API call into a console navigation.
#[tokio::test]
async fn navigation_headers_do_not_skip_the_tenant_guard() {
    let t = seeded_with(molecule_devserver::Config {
        tenant_rate_limit: 3,
        ..Default::default()
    });
    let tenant = "acme.localhost:8080";
    let bearer = ("authorization", "Bearer demo-admin-token-acme");
    for nav in [("accept", "text/html"), ("sec-fetch-mode", "navigate")] {
        for path in [
            "/workspaces",
            "/org/tokens",
            "/settings/secrets/X",
            "/admin/liveness",
        ] {
            let res = t.raw("GET", tenant, path, &[nav, bearer], vec![]).await;
            assert_eq!(
                (res.status, res.code().as_str()),
                (400, "TENANT_ORG_HEADER_REQUIRED"),
                "{nav:?} {path}"
            );
            let res = t
                .raw(
                    "GET",
                    tenant,
                    path,
                    &[nav, bearer, ("x-molecule-org-id", seed::HOPPER_ID)],
                    vec![],
                )
                .await;
            assert_eq!(res.status, 404, "{nav:?} {path} with another org");
        }
    }
    // Console pages still load without the header (no console built here: the not-built 404),
    // and are not counted against the org's rate limit.
    for _ in 0..5 {
        let res = t
            .raw(
                "GET",
                tenant,
                "/console/workspaces",
                &[("accept", "text/html")],
                vec![],
            )
            .await;
        assert_eq!(res.status, 404);
        assert!(String::from_utf8_lossy(&res.body).contains("console not built"));
    }
    // API calls are counted per org, whatever header they send.
    let ok = [
        bearer,
        ("x-molecule-org-id", seed::ACME_ID),
        ("accept", "text/html"),
    ];
    for _ in 0..3 {
        assert_eq!(
            t.raw("GET", tenant, "/workspaces", &ok, vec![])
                .await
                .status,
            200
        );
    }
    let res = t.raw("GET", tenant, "/workspaces", &ok, vec![]).await;
    assert_eq!(res.status, 429);
    let same_origin = [bearer, ("origin", "http://acme.localhost:8080")];
    let res = t
        .raw("GET", tenant, "/workspaces", &same_origin, vec![])
        .await;
    assert_eq!(
        res.status, 429,
        "same-origin calls count against the same org"
    );
}

/// Finding 7: answers carrying tokens, sessions or user data are `no-store`.
#[tokio::test]
async fn token_and_session_answers_are_no_store() {
    let t = seeded();
    let no_store = |res: &Resp, what: &str| {
        assert_eq!(
            res.header("cache-control").as_deref(),
            Some("no-store"),
            "{what}"
        );
    };
    // Sign-in: callback, handoff.
    let res = t
        .login_callback(
            "/api/v1/auth/login?return_to=%2Forgs",
            &[("user_id", "user_ada")],
        )
        .await;
    no_store(&res, "callback");
    let ada = session_cookie(&res).unwrap();
    let tenant = "acme.localhost:8080";
    let admin = [
        ("authorization", "Bearer demo-admin-token-acme"),
        ("x-molecule-org-id", seed::ACME_ID),
        ("content-type", "application/json"),
    ];
    let res = t
        .raw(
            "POST",
            tenant,
            "/org/tokens",
            &admin,
            br#"{"name":"n"}"#.to_vec(),
        )
        .await;
    assert_eq!(res.status, 200);
    no_store(&res, "org token mint");
    let res = t
        .raw(
            "POST",
            tenant,
            &format!("/workspaces/{}/tokens", seed::WS_LEAD),
            &admin,
            vec![],
        )
        .await;
    assert_eq!(res.status, 201);
    no_store(&res, "workspace token mint");
    let res = t
        .raw(
            "GET",
            API,
            "/api/v1/admin/orgs/acme/admin-token",
            &[("authorization", "Bearer dev-cp-admin-token")],
            vec![],
        )
        .await;
    assert_eq!(res.status, 200);
    no_store(&res, "admin token reveal");
    no_store(
        &t.call("GET", "/api/v1/auth/me", Some(&ada), None).await,
        "me",
    );
    no_store(&t.call("GET", "/api/v1/plans", None, None).await, "plans");
    // The hosted pages' stylesheet is a static asset.
    let css = t.raw("GET", APP, "/_dev/pages.css", &[], vec![]).await;
    assert_ne!(css.header("cache-control").as_deref(), Some("no-store"));
}

/// Finding 3: unauthenticated requests cannot grow memory: malformed slugs get no limiter key,
/// the limiter is bounded, log lines carry a bounded path.
#[tokio::test]
async fn limiter_is_bounded_and_validates_first() {
    let t = seeded();
    let before = t.state.limiter_keys();
    for i in 0..50 {
        let res = t
            .raw(
                "GET",
                API,
                &format!("/api/v1/orgs/Not_A_Slug-{i}-{}/instance", "x".repeat(200)),
                &[],
                vec![],
            )
            .await;
        assert_eq!(res.status, 404);
    }
    assert_eq!(
        t.state.limiter_keys(),
        before,
        "malformed slugs are not keyed"
    );
    for i in 0..50 {
        t.raw(
            "GET",
            API,
            &format!("/api/v1/orgs/probe-{i}/instance"),
            &[],
            vec![],
        )
        .await;
    }
    assert_eq!(t.state.limiter_keys(), before + 50);
    // However many keys a client makes up, the limiter stays bounded.
    for i in 0..(molecule_devserver::state::LIMITER_MAX_KEYS * 2) {
        let _ = t.state.rate_limit(&format!("instance:probe-x{i}"), 120, 60);
    }
    assert!(t.state.limiter_keys() <= molecule_devserver::state::LIMITER_MAX_KEYS);
    // Known orgs are still limited.
    for _ in 0..120 {
        t.raw("GET", API, "/api/v1/orgs/acme/instance", &[], vec![])
            .await;
    }
    let res = t
        .raw("GET", API, "/api/v1/orgs/acme/instance", &[], vec![])
        .await;
    assert_eq!(res.status, 429);
}

/// Finding 9: deprovisioning with another org's admin token (or an unknown instance) terminates
/// nothing and answers 404, never a 200 "terminated".
#[tokio::test]
async fn deprovision_of_another_orgs_instance_is_404() {
    let t = seeded();
    let ws = "e0000000-0000-4000-8000-0000000000aa";
    let json_headers = |token: &'static str| {
        vec![
            ("authorization", "Bearer dev-provision-secret"),
            ("x-molecule-admin-token", token),
            ("content-type", "application/json"),
        ]
    };
    let body = serde_json::json!({"org_id": seed::ACME_ID, "workspace_id": ws,
        "runtime": "claude-code", "platform_url": "http://acme.localhost:8080"});
    let r = t
        .raw(
            "POST",
            API,
            "/api/v1/workspaces/provision",
            &json_headers("demo-admin-token-acme"),
            serde_json::to_vec(&body).unwrap(),
        )
        .await;
    assert_eq!(r.status, 201);
    let iid = r.json()["instance_id"].as_str().unwrap().to_string();
    let path = format!("/api/v1/workspaces/{ws}?instance_id={iid}");
    let r = t
        .raw(
            "DELETE",
            API,
            &path,
            &json_headers("demo-admin-token-hopper-lab"),
            vec![],
        )
        .await;
    assert_eq!((r.status, r.code().as_str()), (404, "NOT_FOUND"));
    let other = format!("/api/v1/workspaces/{ws}?instance_id=i-0123456789abcdef0");
    let r = t
        .raw(
            "DELETE",
            API,
            &other,
            &json_headers("demo-admin-token-acme"),
            vec![],
        )
        .await;
    assert_eq!(r.status, 404);
    let terminated: Option<i64> = t
        .state
        .db
        .lock()
        .query_row(
            "SELECT terminated_at FROM workspace_instances WHERE instance_id = ?1",
            [&iid],
            |r| r.get(0),
        )
        .unwrap();
    assert!(terminated.is_none(), "the instance still runs");
    let r = t
        .raw(
            "DELETE",
            API,
            &path,
            &json_headers("demo-admin-token-acme"),
            vec![],
        )
        .await;
    assert_eq!(
        (r.status, r.json()["status"].as_str()),
        (200, Some("terminated"))
    );
}

/// Finding 4: the webhook signing secret is per database (or configured), never a fixed value;
/// an event signed with the old fixed secret is refused; the simulated Checkout signs with the
/// same secret (its Pay button still completes the payment: `billing_checkout_webhook_and_credits`).
#[tokio::test]
async fn webhook_secret_is_per_database_or_configured() {
    let a = seeded();
    let b = seeded();
    assert!(a.state.webhook_secret().starts_with("whsec_"));
    assert!(a.state.webhook_secret().len() > 30);
    assert_ne!(a.state.webhook_secret(), b.state.webhook_secret());
    assert_ne!(a.state.webhook_secret(), "whsec_dev_molecule");
    let c = seeded_with(molecule_devserver::Config {
        stripe_webhook_secret: "whsec_configured".into(),
        ..Default::default()
    });
    assert_eq!(c.state.webhook_secret(), "whsec_configured");
    let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let parsed =
        molecule_devserver::Config::from_args(args(&["--webhook-secret", "whsec_flag"])).unwrap();
    assert_eq!(parsed.stripe_webhook_secret, "whsec_flag");
    // Kept across restarts of the same database file.
    let db = std::env::temp_dir().join(format!("molecule-sec-{}.sqlite", uuid_like()));
    let open = || {
        molecule_devserver::AppState::new(
            molecule_devserver::Config::default(),
            molecule_devserver::db::Db::open(&db).unwrap(),
        )
    };
    let first = open().webhook_secret().to_string();
    assert_eq!(open().webhook_secret(), first);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    // An event signed with the formerly fixed secret is refused.
    let now = a.state.clock.now_secs();
    let event = serde_json::to_vec(&serde_json::json!({
        "id": "evt_forged", "object": "event", "type": "invoice.paid", "created": now,
        "data": {"object": {"object": "invoice", "client_reference_id": seed::ACME_ID}}
    }))
    .unwrap();
    let sig = molecule_devserver::stripe::sign("whsec_dev_molecule", now, &event);
    let res = a
        .raw(
            "POST",
            API,
            "/api/v1/webhooks/stripe",
            &[
                ("stripe-signature", &sig),
                ("content-type", "application/json"),
            ],
            event,
        )
        .await;
    assert_eq!(res.status, 400);
}

fn uuid_like() -> String {
    use std::time::{SystemTime, UNIX_EPOCH};
    format!(
        "{}-{}",
        std::process::id(),
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    )
}

/// Finding 6: a handoff ticket signs in only the browser that signed in (no login CSRF: an
/// attacker cannot hand a victim the attacker's own session on another host).
#[tokio::test]
async fn handoff_tickets_are_bound_to_the_signing_in_browser() {
    let t = seeded();
    let victim = t.sign_in("user_ada").await;
    // The attacker signs in as grace, stopping at the handoff to acme's host.
    let res = t.login_callback("/api/v1/auth/login?return_to=http%3A%2F%2Facme.localhost%3A8080%2Fconsole%2Fworkspaces", &[("user_id", "user_grace")]).await;
    let attacker_api = session_cookie(&res).unwrap();
    let link = res.location();
    let (host, path) = split_url(&link);
    assert_eq!(host, "acme.localhost:8080");
    // The victim follows the attacker's link: no session on acme, only a nonce and a detour.
    let first = t.raw("GET", &host, &path, &[], vec![]).await;
    assert_eq!(first.status, 302);
    assert!(session_cookie(&first).is_none());
    let nonce = set_cookie_pair(&first, "mcp_handoff").unwrap();
    let (src, confirm) = split_url(&first.location());
    assert_eq!(src, "api.localhost:8080");
    // At the source host the victim's browser holds its own sign-in (or none): refused.
    for cookie in [vec![("cookie", victim.as_str())], vec![]] {
        let res = t.raw("GET", &src, &confirm, &cookie, vec![]).await;
        assert_eq!((res.status, res.code().as_str()), (400, "INVALID_CODE"));
    }
    // Without the bound nonce the ticket redeems nothing, whoever asks.
    let redeem = t
        .raw("GET", &host, &path, &[("cookie", &nonce)], vec![])
        .await;
    assert_eq!(redeem.status, 302, "unbound: another confirmation round");
    assert!(session_cookie(&redeem).is_none());
    // The attacker binds the ticket to the attacker's own nonce ...
    let mine = t.raw("GET", &host, &path, &[], vec![]).await;
    let my_nonce = set_cookie_pair(&mine, "mcp_handoff").unwrap();
    let (_, my_confirm) = split_url(&mine.location());
    let bound = t
        .raw(
            "GET",
            &src,
            &my_confirm,
            &[("cookie", &attacker_api)],
            vec![],
        )
        .await;
    assert_eq!(bound.status, 302);
    // ... which the victim's browser does not have.
    for cookie in [vec![("cookie", nonce.as_str())], vec![]] {
        let res = t.raw("GET", &host, &path, &cookie, vec![]).await;
        assert_eq!((res.status, res.code().as_str()), (400, "INVALID_CODE"));
        assert!(session_cookie(&res).is_none());
    }
    // The browser that signed in gets its session (once).
    let res = t
        .raw("GET", &host, &path, &[("cookie", &my_nonce)], vec![])
        .await;
    assert_eq!(res.status, 302);
    assert!(session_cookie(&res).is_some());
    let res = t
        .raw("GET", &host, &path, &[("cookie", &my_nonce)], vec![])
        .await;
    assert_eq!(res.status, 400);
}

/// Finding 10: one answer to a body over the limit on every route (JSON 413 `PAYLOAD_TOO_LARGE`,
/// raw-body routes included), documented in the contract; a non-object reboot body is a
/// documented 400.
#[tokio::test]
async fn oversized_bodies_are_one_json_413() {
    let t = seeded();
    let big = vec![b' '; 3 * 1024 * 1024];
    let op = [
        ("authorization", "Bearer dev-cp-admin-token"),
        ("content-type", "application/json"),
    ];
    let tenant = [
        ("authorization", "Bearer demo-admin-token-acme"),
        ("x-molecule-org-id", seed::ACME_ID),
        ("content-type", "application/json"),
    ];
    for (host, path, headers) in [
        (API, "/api/v1/admin/tenants/acme/reboot", &op[..]),
        (API, "/api/v1/admin/tenants/acme/redeploy", &op[..]),
        (API, "/api/v1/admin/orgs", &op[..]),
        ("acme.localhost:8080", "/org/tokens", &tenant[..]),
        (
            "acme.localhost:8080",
            "/workspaces/a0000000-0000-4000-8000-000000000001/restart",
            &tenant[..],
        ),
        ("acme.localhost:8080", "/workspaces", &tenant[..]),
    ] {
        // `raw` checks the answer against the contract: the 413 must be documented there.
        let res = t.raw("POST", host, path, headers, big.clone()).await;
        assert_eq!(
            (res.status, res.code().as_str()),
            (413, "PAYLOAD_TOO_LARGE"),
            "{host}{path}"
        );
    }
    for body in [&b"[]"[..], b"\"hard\"", b"42"] {
        let res = t
            .raw(
                "POST",
                API,
                "/api/v1/admin/tenants/acme/reboot",
                &op,
                body.to_vec(),
            )
            .await;
        assert_eq!(
            (res.status, res.code().as_str()),
            (400, "VALIDATION_FAILED")
        );
    }
}

/// Names and descriptions with NUL, other control characters or bidi overrides, or of absurd
/// length, are refused with a 400 naming the field (they used to be stored verbatim).
#[tokio::test]
async fn names_refuse_control_and_bidi_characters() {
    let t = seeded();
    let ada = t.sign_in("user_ada").await;
    let tenant = [
        ("authorization", "Bearer demo-admin-token-acme"),
        ("x-molecule-org-id", seed::ACME_ID),
        ("content-type", "application/json"),
    ];
    let huge = "x".repeat(1_000_000);
    for bad in [
        "nul\u{0}byte",
        "evil\u{202E}gpj.exe",
        "iso\u{2066}late",
        "bell\u{7}",
        &huge,
    ] {
        let res = t
            .call(
                "POST",
                "/api/v1/orgs",
                Some(&ada),
                Some(serde_json::json!({"slug": "spoof-org", "name": bad})),
            )
            .await;
        assert_eq!(
            (res.status, res.json()["field"].as_str()),
            (400, Some("name"))
        );
        for (path, body) in [
            (
                "/workspaces",
                serde_json::json!({"name": bad, "runtime": "mock"}),
            ),
            ("/org/tokens", serde_json::json!({"name": bad})),
            (
                "/workspaces",
                serde_json::json!({"name": "ok", "runtime": "mock", "description": format!("a\n{bad}")}),
            ),
        ] {
            let res = t
                .raw(
                    "POST",
                    "acme.localhost:8080",
                    path,
                    &tenant,
                    serde_json::to_vec(&body).unwrap(),
                )
                .await;
            assert_eq!(res.status, 400, "{path} {:?}", &bad.get(..20));
            assert!(res.json()["error"].as_str().unwrap().contains("must"));
        }
    }
    // Multi-line descriptions and ordinary Unicode names are fine.
    let res = t
        .raw(
            "POST",
            "acme.localhost:8080",
            "/workspaces",
            &tenant,
            serde_json::to_vec(
                &serde_json::json!({"name": "Recherche – équipe 研究", "runtime": "mock", "model": "m",
                "description": "line one\nline two\tend"}),
            )
            .unwrap(),
        )
        .await;
    assert_eq!(res.status, 201, "{}", String::from_utf8_lossy(&res.body));
}

/// A person who opens the address of an org that does not exist gets a page that says so and
/// leads back; an API call there still gets the platform's empty 404.
#[tokio::test]
async fn the_address_of_a_missing_org_says_so_to_people_and_nothing_to_programs() {
    let t = seeded_with(molecule_devserver::Config::default());
    let host = "no-such-org.localhost:8080";
    let page = t
        .raw(
            "GET",
            host,
            "/console/workspaces",
            &[("sec-fetch-mode", "navigate")],
            vec![],
        )
        .await;
    assert_eq!(page.status, 404);
    let html = String::from_utf8_lossy(&page.body);
    assert!(
        html.contains("No organization lives at <strong>no-such-org</strong>"),
        "{html}"
    );
    assert!(
        html.contains("href=\"http://app.localhost:8080/\""),
        "{html}"
    );
    let api = t.raw("GET", host, "/workspaces", &[], vec![]).await;
    assert_eq!((api.status, api.body.len()), (404, 0));
}
