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
