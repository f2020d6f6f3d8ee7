//! Control-plane behaviour, every request checked against the contract (see `common`).

mod common;

use common::*;
use molecule_devserver::{seed, stripe};
use serde_json::json;

#[tokio::test]
async fn sign_in_me_signout_and_cookie_flags() {
    let t = seeded();
    assert_eq!(
        t.call("GET", "/api/v1/auth/me", None, None).await.status,
        401
    );
    let (state_cookie, state) = t
        .start_login(API, "/api/v1/auth/login?return_to=%2Forgs")
        .await;
    let callback = t.authorize(&state, &[("user_id", "user_ada")]).await;
    let path = callback.trim_start_matches("http://api.localhost:8080");
    // Wrong or missing state cookie: 400, no session.
    let res = t
        .raw(
            "GET",
            API,
            path,
            &[("cookie", "mcp_auth_state=forged")],
            vec![],
        )
        .await;
    assert_eq!((res.status, res.code().as_str()), (400, "INVALID_STATE"));
    assert!(session_cookie(&res).is_none());
    let res = t.raw("GET", API, path, &[], vec![]).await;
    assert_eq!(res.status, 400);
    // The real callback.
    let res = t
        .raw("GET", API, path, &[("cookie", &state_cookie)], vec![])
        .await;
    assert_eq!(res.status, 302);
    let set = res
        .header_all("set-cookie")
        .into_iter()
        .find(|c| c.starts_with("mcp_session="))
        .unwrap();
    for flag in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age="] {
        assert!(set.contains(flag), "{set} lacks {flag}");
    }
    assert!(!set.contains("Secure") && !set.contains("Domain="), "{set}");
    // return_to /orgs lives on the console host: handoff there.
    assert!(
        res.location()
            .starts_with("http://app.localhost:8080/cp/auth/handoff?ticket=")
    );
    let cookie = session_cookie(&res).unwrap();
    // Replaying the code fails.
    let res = t
        .raw("GET", API, path, &[("cookie", &state_cookie)], vec![])
        .await;
    assert_eq!(res.status, 400);
    let me = t.call("GET", "/api/v1/auth/me", Some(&cookie), None).await;
    assert_eq!(me.status, 200);
    assert_eq!(me.json()["email"], "ada@example.com");
    // Cross-site sign-out is refused; same-site works and kills the session.
    let res = t
        .raw(
            "POST",
            API,
            "/api/v1/auth/signout",
            &[("cookie", &cookie), ("origin", "http://evil.example")],
            vec![],
        )
        .await;
    assert_eq!(res.status, 403);
    let res = t
        .call("POST", "/api/v1/auth/signout", Some(&cookie), None)
        .await;
    assert_eq!(res.status, 200);
    assert!(
        res.header_all("set-cookie")
            .iter()
            .any(|c| c.starts_with("mcp_session=;") && c.contains("Max-Age=0"))
    );
    assert_eq!(
        t.call("GET", "/api/v1/auth/me", Some(&cookie), None)
            .await
            .status,
        401
    );
    // Idempotent without a session.
    assert_eq!(
        t.call("POST", "/api/v1/auth/signout", None, None)
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn handoff_gives_the_tenant_host_its_own_cookie() {
    let t = seeded();
    let (state_cookie, state) = t
        .start_login(
            API,
            "/api/v1/auth/signup?return_to=http%3A%2F%2Facme.localhost%3A8080%2Fw",
        )
        .await;
    let callback = t.authorize(&state, &[("user_id", "user_ada")]).await;
    let path = callback.trim_start_matches("http://api.localhost:8080");
    let res = t
        .raw("GET", API, path, &[("cookie", &state_cookie)], vec![])
        .await;
    let loc = res.location();
    let api_session = session_cookie(&res).unwrap();
    let ticket_path = loc
        .strip_prefix("http://acme.localhost:8080")
        .expect("handoff on the tenant host")
        .to_string();
    // The ticket only works on its own host.
    let wrong = t
        .raw("GET", "grace-lab.localhost:8080", &ticket_path, &[], vec![])
        .await;
    assert_eq!(wrong.status, 404);
    let wrong = t
        .raw(
            "GET",
            "hopper-lab.localhost:8080",
            &ticket_path,
            &[],
            vec![],
        )
        .await;
    assert_eq!(wrong.status, 400);
    let res = t.follow_handoff(&loc, &api_session).await;
    assert_eq!(res.status, 302);
    assert_eq!(res.location(), "http://acme.localhost:8080/w");
    let tenant_cookie = session_cookie(&res).unwrap();
    let me = t
        .on(
            "acme.localhost:8080",
            "GET",
            "/cp/auth/me",
            Some(&tenant_cookie),
            None,
        )
        .await;
    assert_eq!(me.status, 200);
    assert_eq!(me.header("deprecation").as_deref(), Some("true"));
    assert!(me.header("sunset").is_some());
    // Single use.
    assert_eq!(
        t.raw("GET", "acme.localhost:8080", &ticket_path, &[], vec![])
            .await
            .status,
        400
    );
    // Signing out on the tenant ends the control-plane session too (same sign-in).
    let api_cookie = session_cookie(
        &t.raw("GET", API, path, &[("cookie", &state_cookie)], vec![])
            .await,
    );
    assert!(api_cookie.is_none(), "code is single use");
    t.on(
        "acme.localhost:8080",
        "POST",
        "/cp/auth/signout",
        Some(&tenant_cookie),
        None,
    )
    .await;
    assert_eq!(
        t.on(
            "acme.localhost:8080",
            "GET",
            "/cp/auth/me",
            Some(&tenant_cookie),
            None
        )
        .await
        .status,
        401
    );
}

#[tokio::test]
async fn open_redirects_are_refused() {
    let t = seeded();
    for evil in [
        "https%3A%2F%2Fevil.com",
        "%2F%2Fevil.com",
        "http%3A%2F%2Fevil.com%40app.localhost%3A8080%2F",
        "javascript%3Aalert(1)",
    ] {
        let (state_cookie, state) = t
            .start_login(API, &format!("/api/v1/auth/login?return_to={evil}"))
            .await;
        let callback = t.authorize(&state, &[("user_id", "user_ada")]).await;
        let res = t
            .raw(
                "GET",
                API,
                callback.trim_start_matches("http://api.localhost:8080"),
                &[("cookie", &state_cookie)],
                vec![],
            )
            .await;
        let loc = res.location();
        assert!(
            loc.starts_with("http://app.localhost:8080/cp/auth/handoff?ticket="),
            "{evil} -> {loc}"
        );
        let api_session = session_cookie(&res).unwrap();
        let res = t.follow_handoff(&loc, &api_session).await;
        assert_eq!(res.location(), "http://app.localhost:8080/", "{evil}");
    }
}

#[tokio::test]
async fn auth_tiers_and_terms() {
    let t = seeded();
    // The operator bearer is not a session.
    let res = t
        .raw(
            "GET",
            API,
            "/api/v1/auth/me",
            &[(
                "authorization",
                &format!("Bearer {}", t.state.config.cp_admin_token),
            )],
            vec![],
        )
        .await;
    assert_eq!(res.status, 401);
    for path in [
        "/api/v1/orgs",
        "/api/v1/templates",
        "/api/v1/auth/terms-status",
        "/api/v1/billing/invoices?org_slug=acme",
    ] {
        assert_eq!(t.call("GET", path, None, None).await.status, 401, "{path}");
    }
    assert_eq!(t.call("GET", "/api/v1/plans", None, None).await.status, 200);
    let linus = t.sign_in("user_linus").await;
    assert_eq!(
        t.call("GET", "/api/v1/auth/terms-status", Some(&linus), None)
            .await
            .json()["accepted"],
        false
    );
    let res = t
        .call(
            "POST",
            "/api/v1/orgs",
            Some(&linus),
            Some(json!({"slug": "linux", "name": "Linux"})),
        )
        .await;
    assert_eq!(
        (res.status, res.code().as_str()),
        (412, "TERMS_NOT_ACCEPTED")
    );
    let res = t
        .call("POST", "/api/v1/auth/accept-terms", Some(&linus), None)
        .await;
    assert_eq!(res.json()["accepted"], true);
    let res = t
        .call(
            "POST",
            "/api/v1/orgs",
            Some(&linus),
            Some(json!({"slug": "linux", "name": "Linux"})),
        )
        .await;
    assert_eq!(res.status, 201);
    assert_eq!(res.json()["status"], "provisioning");
    assert_eq!(res.json()["role"], "owner");
    // tenant-member
    let res = t
        .call(
            "GET",
            "/api/v1/auth/tenant-member?slug=acme",
            Some(&linus),
            None,
        )
        .await;
    assert_eq!(
        (res.json()["member"].clone(), res.json()["role"].clone()),
        (json!(true), json!("viewer"))
    );
    let res = t
        .call(
            "GET",
            "/api/v1/auth/tenant-member?slug=beta-labs",
            Some(&linus),
            None,
        )
        .await;
    assert_eq!(res.json()["member"], false);
    assert_eq!(
        t.call(
            "GET",
            "/api/v1/auth/tenant-member?slug=A",
            Some(&linus),
            None
        )
        .await
        .status,
        400
    );
    assert_eq!(
        t.call("GET", "/api/v1/auth/tenant-member?slug=acme", None, None)
            .await
            .status,
        401
    );
}

#[tokio::test]
async fn org_lifecycle() {
    let t = seeded();
    let ada = t.sign_in("user_ada").await;
    let grace = t.sign_in("user_grace").await;
    // Ada owns five orgs already: quota.
    let res = t
        .call(
            "POST",
            "/api/v1/orgs",
            Some(&ada),
            Some(json!({"slug": "sixth", "name": "Sixth"})),
        )
        .await;
    assert_eq!((res.status, res.code().as_str()), (402, "QUOTA_EXCEEDED"));
    for (body, code) in [
        (json!({"slug": "Bad Slug", "name": "x"}), "INVALID_SLUG"),
        (json!({"slug": "admin", "name": "x"}), "INVALID_SLUG"),
        (json!({"slug": "ok-slug", "name": ""}), "VALIDATION_FAILED"),
        (
            json!({"slug": "ok-slug", "name": "x", "extra": 1}),
            "VALIDATION_FAILED",
        ),
    ] {
        let res = t
            .call("POST", "/api/v1/orgs", Some(&grace), Some(body.clone()))
            .await;
        assert_eq!((res.status, res.code().as_str()), (400, code), "{body}");
    }
    let res = t
        .call(
            "POST",
            "/api/v1/orgs",
            Some(&grace),
            Some(json!({"slug": "acme", "name": "Again"})),
        )
        .await;
    assert_eq!((res.status, res.code().as_str()), (409, "SLUG_TAKEN"));
    let res = t
        .call(
            "POST",
            "/api/v1/orgs",
            Some(&grace),
            Some(json!({"slug": "grace-co", "name": "Grace Co"})),
        )
        .await;
    assert_eq!(res.status, 201);
    let res = t
        .call(
            "POST",
            "/api/v1/orgs",
            Some(&grace),
            Some(json!({"slug": "fail-grace", "name": "Doomed"})),
        )
        .await;
    assert_eq!(res.status, 201);
    // Progress, then running / failed after the simulated time.
    let p = t
        .call(
            "GET",
            "/api/v1/orgs/grace-co/provision-status",
            Some(&grace),
            None,
        )
        .await
        .json();
    assert_eq!(
        (p["status"].as_str(), p["stage"].as_str()),
        (Some("provisioning"), Some("launching"))
    );
    t.state.clock.advance(10);
    let p = t
        .call(
            "GET",
            "/api/v1/orgs/grace-co/provision-status",
            Some(&grace),
            None,
        )
        .await
        .json();
    assert_eq!(p["stage"], "starting");
    assert!(p["progress"].as_i64().unwrap() >= 50);
    t.state.clock.advance(11);
    let p = t
        .call(
            "GET",
            "/api/v1/orgs/grace-co/provision-status",
            Some(&grace),
            None,
        )
        .await
        .json();
    assert_eq!(
        (p["status"].as_str(), p["progress"].as_i64()),
        (Some("running"), Some(100))
    );
    let p = t
        .call(
            "GET",
            "/cp/orgs/fail-grace/provision-status",
            Some(&grace),
            None,
        )
        .await
        .json();
    assert_eq!(p["status"], "failed");
    // List: only the caller's orgs, with role.
    let list = t
        .call("GET", "/api/v1/orgs", Some(&grace), None)
        .await
        .json();
    let slugs: Vec<_> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["slug"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(slugs.len(), 4, "{slugs:?}");
    assert!(slugs.contains(&"acme".to_string()) && !slugs.contains(&"beta-labs".to_string()));
    // Get: 200 / 403 / 404; provision-status of a foreign org is 404.
    assert_eq!(
        t.call("GET", "/api/v1/orgs/acme", Some(&grace), None)
            .await
            .json()["role"],
        "admin"
    );
    assert_eq!(
        t.call("GET", "/api/v1/orgs/beta-labs", Some(&grace), None)
            .await
            .status,
        403
    );
    assert_eq!(
        t.call("GET", "/api/v1/orgs/nope-org", Some(&grace), None)
            .await
            .status,
        404
    );
    assert_eq!(
        t.call(
            "GET",
            "/api/v1/orgs/beta-labs/provision-status",
            Some(&grace),
            None
        )
        .await
        .status,
        404
    );
    // Export.
    let ex = t
        .call("GET", "/api/v1/orgs/acme/export", Some(&grace), None)
        .await;
    assert_eq!(ex.status, 200);
    assert_eq!(ex.json()["members"].as_array().unwrap().len(), 3);
    assert!(ex.json()["notes"].is_object());
    // Operators read any org with the CP admin bearer (no caller role then); a wrong bearer
    // is still a 401.
    let r = get_org_as(&t, "dev-cp-admin-token", "beta-labs").await;
    assert_eq!(
        (r.status, r.json()["slug"].as_str()),
        (200, Some("beta-labs"))
    );
    assert!(r.json().get("role").is_none());
    assert_eq!(
        get_org_as(&t, "dev-cp-admin-token", "nope-org")
            .await
            .status,
        404
    );
    assert_eq!(get_org_as(&t, "wrong", "beta-labs").await.status, 401);
    assert_eq!(
        t.call("GET", "/api/v1/orgs/beta-labs/export", Some(&grace), None)
            .await
            .status,
        403
    );
    assert_eq!(
        t.call("GET", "/api/v1/orgs/nope-org/export", Some(&grace), None)
            .await
            .status,
        404
    );
    // Public instance lookup.
    let inst = t
        .call("GET", "/api/v1/orgs/acme/instance", None, None)
        .await;
    assert_eq!(
        (inst.status, inst.json()["org_id"].as_str()),
        (200, Some(seed::ACME_ID))
    );
    assert_eq!(
        t.call("GET", "/api/v1/orgs/nope-org/instance", None, None)
            .await
            .status,
        404
    );
    // Delete: admin refused, owner purges; the tenant host stops serving.
    let res = t
        .call("DELETE", "/api/v1/orgs/acme", Some(&grace), None)
        .await;
    assert_eq!((res.status, res.code().as_str()), (403, "NOT_OWNER"));
    assert_eq!(
        t.call("DELETE", "/api/v1/orgs/beta-labs", Some(&grace), None)
            .await
            .status,
        403
    );
    assert_eq!(
        t.call("DELETE", "/api/v1/orgs/nope-org", Some(&grace), None)
            .await
            .status,
        404
    );
    let navigate = [("accept", "text/html")];
    assert_eq!(
        t.raw("GET", "grace-co.localhost:8080", "/", &navigate, vec![])
            .await
            .status,
        404,
        "no dist: console not built"
    );
    assert_eq!(
        t.call("DELETE", "/api/v1/orgs/grace-co", Some(&grace), None)
            .await
            .status,
        204
    );
    assert_eq!(
        t.call("GET", "/api/v1/orgs/grace-co", Some(&grace), None)
            .await
            .status,
        404
    );
    assert_eq!(
        t.call("GET", "/api/v1/orgs/grace-co/instance", None, None)
            .await
            .status,
        404
    );
    let res = t
        .raw(
            "GET",
            "grace-co.localhost:8080",
            "/cp/auth/me",
            &[("cookie", &grace)],
            vec![],
        )
        .await;
    assert_eq!(res.status, 404);
    // The slug is free again.
    let res = t
        .call(
            "POST",
            "/api/v1/orgs",
            Some(&grace),
            Some(json!({"slug": "grace-co", "name": "Grace Co 2"})),
        )
        .await;
    assert_eq!(res.status, 201);
}

#[tokio::test]
async fn members_and_roles() {
    let t = seeded();
    let ada = t.sign_in("user_ada").await;
    let grace = t.sign_in("user_grace").await;
    let linus = t.sign_in("user_linus").await;
    let list = t
        .call("GET", "/api/v1/orgs/acme/members", Some(&linus), None)
        .await
        .json();
    assert_eq!(list[0]["role"], "owner");
    assert_eq!(
        t.call("GET", "/api/v1/orgs/beta-labs/members", Some(&grace), None)
            .await
            .status,
        403
    );
    assert_eq!(
        t.call("GET", "/api/v1/orgs/nope-org/members", Some(&grace), None)
            .await
            .status,
        404
    );
    let p = "/api/v1/orgs/acme/members/user_linus";
    assert_eq!(
        t.call("PATCH", p, Some(&grace), Some(json!({"role": "member"})))
            .await
            .json()["role"],
        "member"
    );
    let res = t
        .call("PATCH", p, Some(&grace), Some(json!({"role": "owner"})))
        .await;
    assert_eq!((res.status, res.code().as_str()), (403, "NOT_OWNER"));
    assert_eq!(
        t.call("PATCH", p, Some(&grace), Some(json!({"role": "boss"})))
            .await
            .status,
        400
    );
    assert_eq!(
        t.call(
            "PATCH",
            "/api/v1/orgs/acme/members/user_x",
            Some(&grace),
            Some(json!({"role": "admin"}))
        )
        .await
        .status,
        404
    );
    assert_eq!(
        t.call(
            "PATCH",
            "/api/v1/orgs/acme/members/user_grace",
            Some(&linus),
            Some(json!({"role": "viewer"}))
        )
        .await
        .status,
        403
    );
    let res = t
        .call(
            "PATCH",
            "/api/v1/orgs/acme/members/user_ada",
            Some(&ada),
            Some(json!({"role": "admin"})),
        )
        .await;
    assert_eq!((res.status, res.code().as_str()), (409, "LAST_OWNER"));
    let res = t
        .call(
            "DELETE",
            "/api/v1/orgs/acme/members/user_ada",
            Some(&ada),
            None,
        )
        .await;
    assert_eq!((res.status, res.code().as_str()), (409, "LAST_OWNER"));
    assert_eq!(
        t.call(
            "DELETE",
            "/api/v1/orgs/acme/members/user_ada",
            Some(&grace),
            None
        )
        .await
        .code(),
        "NOT_OWNER"
    );
    assert_eq!(
        t.call(
            "DELETE",
            "/api/v1/orgs/acme/members/user_grace",
            Some(&linus),
            None
        )
        .await
        .status,
        403
    );
    assert_eq!(
        t.call(
            "DELETE",
            "/api/v1/orgs/acme/members/user_x",
            Some(&ada),
            None
        )
        .await
        .status,
        404
    );
    // Ownership can be shared, then the first owner may step down.
    assert_eq!(
        t.call(
            "PATCH",
            "/api/v1/orgs/acme/members/user_grace",
            Some(&ada),
            Some(json!({"role": "owner"}))
        )
        .await
        .status,
        200
    );
    assert_eq!(
        t.call(
            "PATCH",
            "/api/v1/orgs/acme/members/user_ada",
            Some(&ada),
            Some(json!({"role": "admin"}))
        )
        .await
        .status,
        200
    );
    // Anyone may leave.
    assert_eq!(
        t.call(
            "DELETE",
            "/api/v1/orgs/acme/members/user_linus",
            Some(&linus),
            None
        )
        .await
        .status,
        204
    );
    assert_eq!(
        t.call("GET", "/api/v1/orgs/acme", Some(&linus), None)
            .await
            .status,
        403
    );
}

#[tokio::test]
async fn invitations() {
    let t = seeded();
    let ada = t.sign_in("user_ada").await;
    let linus = t.sign_in("user_linus").await;
    let base = "/api/v1/orgs/acme/invitations";
    let list = t.call("GET", base, Some(&ada), None).await.json();
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .all(|i| i.get("accept_url").is_none())
    );
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .any(|i| i["status"] == "expired")
    );
    assert_eq!(
        t.call("GET", &format!("{base}?status=pending"), Some(&ada), None)
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        t.call("GET", &format!("{base}?status=bogus"), Some(&ada), None)
            .await
            .status,
        400
    );
    assert_eq!(t.call("GET", base, Some(&linus), None).await.status, 403);
    assert_eq!(
        t.call("GET", "/api/v1/orgs/nope-org/invitations", Some(&ada), None)
            .await
            .status,
        404
    );
    // Create.
    let res = t
        .call(
            "POST",
            base,
            Some(&ada),
            Some(json!({"email": "Carol@Example.com", "role": "member"})),
        )
        .await;
    assert_eq!(res.status, 201);
    let inv = res.json();
    let url = inv["accept_url"].as_str().unwrap().to_string();
    assert!(url.starts_with("http://app.localhost:8080/invitations/"));
    let token = url.rsplit('/').next().unwrap().to_string();
    let res = t
        .call(
            "POST",
            base,
            Some(&ada),
            Some(json!({"email": "carol@example.com", "role": "member"})),
        )
        .await;
    assert_eq!(res.code(), "INVITATION_PENDING");
    let res = t
        .call(
            "POST",
            base,
            Some(&ada),
            Some(json!({"email": "grace@example.com", "role": "member"})),
        )
        .await;
    assert_eq!(res.code(), "ALREADY_MEMBER");
    for body in [
        json!({"email": "nope", "role": "member"}),
        json!({"email": "a@b.co", "role": "owner"}),
    ] {
        assert_eq!(
            t.call("POST", base, Some(&ada), Some(body)).await.status,
            400
        );
    }
    assert_eq!(
        t.call(
            "POST",
            base,
            Some(&linus),
            Some(json!({"email": "x@y.io", "role": "viewer"}))
        )
        .await
        .status,
        403
    );
    // Preview.
    let res = t
        .call("GET", &format!("/api/v1/invitations/{token}"), None, None)
        .await;
    assert_eq!(
        (res.status, res.json()["org_slug"].as_str()),
        (200, Some("acme"))
    );
    let res = t
        .call(
            "GET",
            &format!("/api/v1/invitations/{}", seed::EXPIRED_INVITE_TOKEN),
            None,
            None,
        )
        .await;
    assert_eq!(
        (res.status, res.code().as_str()),
        (410, "INVITATION_EXPIRED")
    );
    assert_eq!(
        t.call(
            "GET",
            "/api/v1/invitations/unknown-token-0000000",
            None,
            None
        )
        .await
        .status,
        404
    );
    // Resend: rate-limited, then rotates the token.
    let id = inv["id"].as_str().unwrap();
    let res = t
        .call("POST", &format!("{base}/{id}/resend"), Some(&ada), None)
        .await;
    assert_eq!(res.status, 429);
    assert!(res.header("retry-after").is_some());
    t.state.clock.advance(61);
    let res = t
        .call("POST", &format!("{base}/{id}/resend"), Some(&ada), None)
        .await;
    assert_eq!(res.status, 200);
    let new_token = res.json()["accept_url"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    assert_ne!(new_token, token);
    assert_eq!(
        t.call("GET", &format!("/api/v1/invitations/{token}"), None, None)
            .await
            .status,
        404
    );
    assert_eq!(
        t.call(
            "POST",
            &format!("{base}/7a1b2c3d-0000-4000-8000-000000000002/resend"),
            Some(&ada),
            None
        )
        .await
        .status,
        409
    );
    // Accept: wrong email, terms gate, success, twice.
    let res = t
        .call(
            "POST",
            &format!("/api/v1/invitations/{new_token}/accept"),
            Some(&ada),
            None,
        )
        .await;
    assert_eq!((res.status, res.code().as_str()), (403, "EMAIL_MISMATCH"));
    let carol = t
        .sign_in_with(&[("email", "carol@example.com"), ("name", "Carol")])
        .await;
    let accept = format!("/api/v1/invitations/{new_token}/accept");
    assert_eq!(
        t.call("POST", &accept, Some(&carol), None).await.code(),
        "TERMS_NOT_ACCEPTED"
    );
    t.call("POST", "/api/v1/auth/accept-terms", Some(&carol), None)
        .await;
    let res = t.call("POST", &accept, Some(&carol), None).await;
    assert_eq!(
        (res.status, res.json()["role"].as_str()),
        (200, Some("member"))
    );
    assert_eq!(
        t.call("POST", &accept, Some(&carol), None).await.code(),
        "ALREADY_MEMBER"
    );
    assert_eq!(t.call("POST", &accept, None, None).await.status, 401);
    // Revoke.
    let res = t
        .call(
            "POST",
            base,
            Some(&ada),
            Some(json!({"email": "dave@example.com", "role": "viewer"})),
        )
        .await;
    let (rid, rtoken) = (
        res.json()["id"].as_str().unwrap().to_string(),
        res.json()["accept_url"]
            .as_str()
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap()
            .to_string(),
    );
    assert_eq!(
        t.call("DELETE", &format!("{base}/{rid}"), Some(&ada), None)
            .await
            .status,
        204
    );
    assert_eq!(
        t.call("DELETE", &format!("{base}/{rid}"), Some(&ada), None)
            .await
            .status,
        409
    );
    assert_eq!(
        t.call(
            "DELETE",
            &format!("{base}/00000000-0000-4000-8000-000000000000"),
            Some(&ada),
            None
        )
        .await
        .status,
        404
    );
    assert_eq!(
        t.call("GET", &format!("/api/v1/invitations/{rtoken}"), None, None)
            .await
            .code(),
        "INVITATION_REVOKED"
    );
    // Expiry after 7 days.
    t.state.clock.advance(8 * 86_400);
    assert_eq!(
        t.call(
            "GET",
            &format!("/api/v1/invitations/{}", seed::PENDING_INVITE_TOKEN),
            None,
            None
        )
        .await
        .status,
        410
    );
}

#[tokio::test]
async fn billing_checkout_webhook_and_credits() {
    let t = seeded();
    let ada = t.sign_in("user_ada").await;
    let grace = t.sign_in("user_grace").await;
    let linus = t.sign_in("user_linus").await;
    let plans = t.call("GET", "/api/v1/plans", None, None).await.json();
    assert_eq!(plans.as_array().unwrap().len(), 3);
    let ok_urls = json!({"success_url": "http://app.localhost:8080/orgs/gamma-co?checkout=success", "cancel_url": "http://app.localhost:8080/orgs/gamma-co"});
    let body = |slug: &str, plan: &str| {
        let mut b = ok_urls.clone();
        b["org_slug"] = json!(slug);
        b["plan"] = json!(plan);
        b
    };
    let mut evil = body("gamma-co", "pro");
    evil["success_url"] = json!("https://evil.example/x");
    assert_eq!(
        t.call("POST", "/api/v1/billing/checkout", Some(&ada), Some(evil))
            .await
            .code(),
        "INVALID_RETURN_URL"
    );
    assert_eq!(
        t.call(
            "POST",
            "/api/v1/billing/checkout",
            Some(&ada),
            Some(body("gamma-co", "enterprise"))
        )
        .await
        .code(),
        "UNKNOWN_PLAN"
    );
    assert_eq!(
        t.call(
            "POST",
            "/api/v1/billing/checkout",
            Some(&linus),
            Some(body("acme", "pro"))
        )
        .await
        .status,
        403
    );
    assert_eq!(
        t.call(
            "POST",
            "/api/v1/billing/checkout",
            Some(&ada),
            Some(body("nope-org", "pro"))
        )
        .await
        .status,
        404
    );
    // Idempotency-Key replays the first answer.
    let send = |key: &'static str| {
        let b = serde_json::to_vec(&body("gamma-co", "pro")).unwrap();
        let ada = ada.clone();
        let t = &t;
        async move {
            t.raw(
                "POST",
                API,
                "/api/v1/billing/checkout",
                &[
                    ("cookie", &ada),
                    ("origin", "http://api.localhost:8080"),
                    ("idempotency-key", key),
                    ("content-type", "application/json"),
                ],
                b,
            )
            .await
        }
    };
    let first = send("k1").await.json();
    assert_eq!(send("k1").await.json(), first);
    assert_ne!(send("k2").await.json()["id"], first["id"]);
    let url = first["url"].as_str().unwrap();
    let page_path = url.strip_prefix("http://app.localhost:8080").unwrap();
    let page = t.raw("GET", APP, page_path, &[], vec![]).await;
    assert_eq!(page.status, 200);
    assert!(String::from_utf8_lossy(&page.body).contains("$99.00"));
    assert!(
        page.header("content-security-policy")
            .unwrap()
            .contains("script-src 'self' 'wasm-unsafe-eval'")
    );
    // Paying posts the signed webhook: gamma-co leaves awaiting_payment.
    let res = t
        .raw("POST", APP, &format!("{page_path}/pay"), &[], vec![])
        .await;
    assert_eq!(
        res.location(),
        "http://app.localhost:8080/orgs/gamma-co?checkout=success"
    );
    let org = t
        .call("GET", "/api/v1/orgs/gamma-co", Some(&ada), None)
        .await
        .json();
    assert_eq!(
        (org["status"].as_str(), org["plan"].as_str()),
        (Some("provisioning"), Some("pro"))
    );
    let inv = t
        .call(
            "GET",
            "/api/v1/billing/invoices?org_slug=gamma-co",
            Some(&ada),
            None,
        )
        .await
        .json();
    assert_eq!(inv["total"], 1);
    // Invoices paging.
    let inv = t
        .call(
            "GET",
            "/api/v1/billing/invoices?org_slug=acme&limit=2&offset=0",
            Some(&ada),
            None,
        )
        .await
        .json();
    assert_eq!(
        (
            inv["invoices"].as_array().unwrap().len(),
            inv["total"].as_i64()
        ),
        (2, Some(3))
    );
    for q in ["limit=0", "limit=101", "offset=-1", "limit=x"] {
        assert_eq!(
            t.call(
                "GET",
                &format!("/api/v1/billing/invoices?org_slug=acme&{q}"),
                Some(&ada),
                None
            )
            .await
            .status,
            400,
            "{q}"
        );
    }
    assert_eq!(
        t.call(
            "GET",
            "/api/v1/billing/invoices?org_slug=acme",
            Some(&linus),
            None
        )
        .await
        .status,
        403
    );
    assert_eq!(
        t.call(
            "GET",
            "/api/v1/billing/invoices?org_slug=nope-org",
            Some(&ada),
            None
        )
        .await
        .status,
        404
    );
    // Portal.
    let portal = json!({"org_slug": "acme", "return_url": "http://app.localhost:8080/orgs/acme"});
    let res = t
        .call("POST", "/api/v1/billing/portal", Some(&ada), Some(portal))
        .await;
    assert!(
        res.json()["url"]
            .as_str()
            .unwrap()
            .starts_with("http://app.localhost:8080/portal/")
    );
    let res = t
        .call(
            "POST",
            "/api/v1/billing/portal",
            Some(&grace),
            Some(json!({"org_slug": "hopper-lab", "return_url": "http://app.localhost:8080/"})),
        )
        .await;
    assert_eq!(
        (res.status, res.code().as_str()),
        (404, "NO_BILLING_CUSTOMER")
    );
    let res = t
        .call(
            "POST",
            "/api/v1/billing/portal",
            Some(&ada),
            Some(json!({"org_slug": "acme", "return_url": "http://evil.com/"})),
        )
        .await;
    assert_eq!(res.code(), "INVALID_RETURN_URL");
    // Top-up.
    let res = t
        .call(
            "POST",
            "/api/v1/billing/topup",
            Some(&ada),
            Some(json!({"org_slug": "acme", "credits": 50000})),
        )
        .await;
    assert_eq!(
        (res.status, res.json()["credits_balance"].as_i64()),
        (200, Some(92_000))
    );
    assert_eq!(
        t.call(
            "POST",
            "/api/v1/billing/topup",
            Some(&ada),
            Some(json!({"org_slug": "acme", "credits": 5}))
        )
        .await
        .status,
        400
    );
    let res = t
        .call(
            "POST",
            "/api/v1/billing/topup",
            Some(&grace),
            Some(json!({"org_slug": "hopper-lab", "credits": 5000})),
        )
        .await;
    assert_eq!((res.status, res.code().as_str()), (402, "PAYMENT_REQUIRED"));
    // Auto-credits.
    let ac = "/api/v1/billing/auto-credits?org_slug=acme";
    assert_eq!(
        t.call("GET", ac, Some(&ada), None).await.json()["enabled"],
        false
    );
    let s = json!({"enabled": true, "threshold_credits": 1000, "topup_credits": 20000, "monthly_cap_credits": null});
    assert_eq!(
        t.call("PUT", ac, Some(&ada), Some(s.clone())).await.json(),
        s
    );
    assert_eq!(t.call("GET", ac, Some(&ada), None).await.json(), s);
    let bad = json!({"enabled": true, "threshold_credits": 1000, "topup_credits": 10, "monthly_cap_credits": null});
    assert_eq!(t.call("PUT", ac, Some(&ada), Some(bad)).await.status, 400);
    let res = t
        .call(
            "PUT",
            "/api/v1/billing/auto-credits?org_slug=hopper-lab",
            Some(&grace),
            Some(s),
        )
        .await;
    assert_eq!(res.status, 402);
    assert_eq!(t.call("GET", ac, Some(&linus), None).await.status, 403);
}

#[tokio::test]
async fn stripe_webhook_security() {
    let t = seeded();
    let secret = t.state.webhook_secret().to_string();
    let now = t.state.clock.now_secs();
    let event = serde_json::to_vec(&json!({
        "id": "evt_test_1", "object": "event", "type": "invoice.payment_failed", "created": now,
        "data": {"object": {"object": "invoice", "client_reference_id": seed::ACME_ID}}
    }))
    .unwrap();
    let post = |sig: String, body: Vec<u8>| {
        let t = &t;
        async move {
            t.raw(
                "POST",
                API,
                "/api/v1/webhooks/stripe",
                &[
                    ("stripe-signature", &sig),
                    ("content-type", "application/json"),
                ],
                body,
            )
            .await
        }
    };
    let res = post(stripe::sign("whsec_forged", now, &event), event.clone()).await;
    assert_eq!(
        (res.status, res.code().as_str()),
        (400, "INVALID_SIGNATURE")
    );
    assert!(!String::from_utf8_lossy(&res.body).contains("v1="));
    let res = post(stripe::sign(&secret, now - 301, &event), event.clone()).await;
    assert_eq!(
        (res.status, res.code().as_str()),
        (400, "SIGNATURE_EXPIRED")
    );
    let mut tampered = event.clone();
    tampered.push(b' ');
    assert_eq!(
        post(stripe::sign(&secret, now, &event), tampered)
            .await
            .status,
        400
    );
    let res = post(stripe::sign(&secret, now, &event), event.clone()).await;
    assert_eq!(
        (res.status, res.json()["duplicate"].as_bool()),
        (200, Some(false))
    );
    let ada = t.sign_in("user_ada").await;
    assert_eq!(
        t.call("GET", "/api/v1/orgs/acme", Some(&ada), None)
            .await
            .json()["status"],
        "suspended"
    );
    // Redelivery (new timestamp, same id) is acknowledged without a second effect.
    let res = post(stripe::sign(&secret, now + 5, &event), event.clone()).await;
    assert_eq!(res.json()["duplicate"], true);
    let big = vec![b' '; 1024 * 1024 + 10];
    let res = post(stripe::sign(&secret, now, &big), big).await;
    assert_eq!(
        (res.status, res.code().as_str()),
        (413, "PAYLOAD_TOO_LARGE")
    );
}

async fn get_org_as(t: &T, bearer: &str, slug: &str) -> Resp {
    let auth = format!("Bearer {bearer}");
    t.raw(
        "GET",
        API,
        &format!("/api/v1/orgs/{slug}"),
        &[("authorization", &auth)],
        vec![],
    )
    .await
}

#[tokio::test]
async fn control_plane_health() {
    // Platform scripts call `$CP_URL/health` before anything else.
    let t = seeded();
    for host in [API, "localhost:8080"] {
        let r = t.raw("GET", host, "/health", &[], vec![]).await;
        assert_eq!(
            (r.status, r.json()),
            (200, json!({"status": "ok"})),
            "{host}"
        );
    }
}

#[tokio::test]
async fn templates() {
    let t = seeded();
    let ada = t.sign_in("user_ada").await;
    assert_eq!(
        t.call("GET", "/api/v1/templates", Some(&ada), None)
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        3
    );
    assert_eq!(
        t.call("GET", "/cp/templates/research-team", Some(&ada), None)
            .await
            .json()["tier"],
        4
    );
    assert_eq!(
        t.call("GET", "/api/v1/templates/nope-template", Some(&ada), None)
            .await
            .status,
        404
    );
    assert_eq!(
        t.call("GET", "/api/v1/templates/research-team", None, None)
            .await
            .status,
        401
    );
}

#[tokio::test]
async fn a_paid_plan_waits_for_payment_and_a_free_one_starts_at_once() {
    let t = common::seeded();
    let grace = t.sign_in("user_grace").await;
    let paid = t
        .call(
            "POST",
            "/api/v1/orgs",
            Some(&grace),
            Some(json!({"slug": "paid-co", "name": "Paid Co", "plan": "starter"})),
        )
        .await;
    assert_eq!(paid.status, 201);
    assert_eq!(paid.json()["status"], "awaiting_payment");
    assert_eq!(paid.json()["plan"], "starter");
    assert_eq!(
        paid.json()["credits_balance"],
        0,
        "credits arrive with the payment"
    );
    let free = t
        .call(
            "POST",
            "/api/v1/orgs",
            Some(&grace),
            Some(json!({"slug": "free-co", "name": "Free Co", "plan": "free"})),
        )
        .await;
    assert_eq!(free.json()["status"], "provisioning");
    let bad = t
        .call(
            "POST",
            "/api/v1/orgs",
            Some(&grace),
            Some(json!({"slug": "odd-co", "name": "Odd Co", "plan": "platinum"})),
        )
        .await;
    assert_eq!(bad.status, 400);
}

#[tokio::test]
async fn the_hosted_page_completes_at_once_for_a_browser_signed_in_at_the_provider() {
    let t = common::seeded();
    let ada = t.sign_in("user_ada").await;
    // A sign-in started on a tenant host (which has no cookie of its own yet)...
    let (_, state) = t
        .start_login(
            "acme.localhost:8080",
            "/cp/auth/login?return_to=http%3A%2F%2Facme.localhost%3A8080%2F",
        )
        .await;
    let page = format!("/authkit/login?state={state}&screen=sign-in");
    // ...shows the hosted page to a browser that is not signed in at the provider...
    let anonymous = t.raw("GET", common::APP, &page, &[], vec![]).await;
    assert_eq!(anonymous.status, 200);
    // ...and goes straight back to the callback for one that is.
    let known = t
        .raw("GET", common::APP, &page, &[("cookie", &ada)], vec![])
        .await;
    assert_eq!(known.status, 302);
    assert!(
        known
            .location()
            .starts_with("http://acme.localhost:8080/cp/auth/callback?code="),
        "{}",
        known.location()
    );
}
