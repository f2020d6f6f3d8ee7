//! Tenant API (part 2) through the contract checker: workspaces and their lifecycle, budgets,
//! billing mode, model, secrets, tokens, allowlist, templates, org import, bundles, overviews,
//! auth tiers and a concurrency run.

mod common;

use common::*;
use molecule_devserver::seed::{self, *};
use serde_json::{Value, json};

const ACME: &str = "acme.localhost:8080";
const ADMIN: &str = "Bearer demo-admin-token-acme";

fn bearer(t: &str) -> String {
    format!("Bearer {t}")
}

/// A request on acme's tenant host with the org header and the given extra headers.
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
    // A browser's write carrying the cookie also carries its page's Origin.
    if method != "GET" && h.iter().any(|(k, _)| *k == "cookie") {
        h.push(("origin", "http://acme.localhost:8080"));
    }
    t.raw(method, ACME, path, &h, bytes).await
}

async fn admin(t: &T, method: &str, path: &str, body: Option<Value>) -> Resp {
    ten(t, method, path, &[("authorization", ADMIN)], body).await
}

fn upgrade_acme(t: &T) {
    t.state
        .db
        .lock()
        .execute("UPDATE orgs SET plan = 'pro' WHERE id = ?1", [ACME_ID])
        .unwrap();
}

async fn create(t: &T, body: Value) -> Resp {
    admin(t, "POST", "/workspaces", Some(body)).await
}

async fn status_of(t: &T, id: &str) -> String {
    let r = ten(
        t,
        "GET",
        &format!("/workspaces/{id}?include_removed=true"),
        &[],
        None,
    )
    .await;
    r.json()["status"].as_str().unwrap_or_default().to_string()
}

#[tokio::test]
async fn auth_tiers_on_the_tenant() {
    let t = seeded();
    let ada = t.sign_in("user_ada").await;
    let linus = t.sign_in("user_linus").await;
    let ops = t.sign_in("user_ops").await;
    let key = bearer(DEV_ACME_ORG_KEY);
    let wst = bearer(DEV_ACME_WORKSPACE_TOKEN);
    // Reads: session of a member, org key, ADMIN_TOKEN.
    for h in [
        ("cookie", ada.as_str()),
        ("authorization", key.as_str()),
        ("authorization", ADMIN),
    ] {
        assert_eq!(
            ten(&t, "GET", "/workspaces", &[h], None).await.status,
            200,
            "{h:?}"
        );
    }
    assert_eq!(
        ten(&t, "GET", "/workspaces", &[("cookie", &linus)], None)
            .await
            .status,
        200,
        "viewer reads"
    );
    // Anonymous, non-member session, wrong bearer, workspace token on an AdminAuth route, CP admin bearer.
    for h in [
        ("cookie", ops.as_str()),
        ("authorization", "Bearer nope"),
        ("authorization", wst.as_str()),
        ("authorization", "Bearer dev-cp-admin-token"),
        ("authorization", "Bearer demo-admin-token-hopper-lab"),
    ] {
        let r = ten(&t, "GET", "/workspaces", &[h], None).await;
        assert_eq!(r.status, 401, "{h:?}");
    }
    assert_eq!(ten(&t, "GET", "/workspaces", &[], None).await.status, 401);
    // A viewer may not write.
    let r = ten(
        &t,
        "POST",
        "/workspaces",
        &[("cookie", &linus)],
        Some(json!({"name": "x", "model": "claude-sonnet-4"})),
    )
    .await;
    assert_eq!((r.status, r.code().as_str()), (403, "FORBIDDEN"));
    let r = ten(
        &t,
        "POST",
        &format!("/workspaces/{WS_LEAD}/restart"),
        &[("cookie", &linus)],
        None,
    )
    .await;
    assert_eq!((r.status, r.code().as_str()), (403, "FORBIDDEN"));
    // The workspace token works for its own workspace only.
    let r = ten(
        &t,
        "GET",
        &format!("/workspaces/{WS_LEAD}/budget"),
        &[("authorization", &wst)],
        None,
    )
    .await;
    assert_eq!(r.status, 200);
    let r = ten(
        &t,
        "GET",
        &format!("/workspaces/{WS_DEGRADED}/budget"),
        &[("authorization", &wst)],
        None,
    )
    .await;
    assert_eq!(r.status, 401);
    // ...and cannot lift its own budget (AdminAuth).
    let r = ten(
        &t,
        "PATCH",
        &format!("/workspaces/{WS_LEAD}/budget"),
        &[("authorization", &wst)],
        Some(json!({"budget_limits": {}})),
    )
    .await;
    assert_eq!(r.status, 401);
    // Org API keys and tenant tokens never reach the control plane.
    for b in [key.as_str(), ADMIN, wst.as_str()] {
        for (m, p) in [
            ("GET", "/api/v1/orgs"),
            ("GET", "/api/v1/admin/orgs"),
            ("GET", "/api/v1/auth/me"),
        ] {
            let r = t.raw(m, API, p, &[("authorization", b)], vec![]).await;
            assert_eq!(r.status, 401, "{b} {p}");
        }
    }
    // The org key is recorded as used.
    let r = admin(&t, "GET", "/org/tokens", None).await;
    let dev = r.json()["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["prefix"] == "devAcmeO")
        .cloned()
        .unwrap();
    assert!(dev["last_used_at"].is_string());
    // GET /workspaces/{id} needs no credential but still the org header.
    assert_eq!(
        ten(&t, "GET", &format!("/workspaces/{WS_LEAD}"), &[], None)
            .await
            .status,
        200
    );
    let r = t
        .raw(
            "GET",
            ACME,
            &format!("/workspaces/{WS_LEAD}"),
            &[("accept", "application/json")],
            vec![],
        )
        .await;
    assert_eq!(r.code(), "TENANT_ORG_HEADER_REQUIRED");
}

async fn url_of(t: &T, id: &str) -> Value {
    ten(t, "GET", &format!("/workspaces/{id}"), &[], None)
        .await
        .json()["url"]
        .clone()
}

#[tokio::test]
async fn workspace_create_validation_and_get() {
    let t = seeded();
    // acme is on the Team plan (10 workspaces, 9 live): one more fits, then QUOTA_EXCEEDED.
    let r = create(&t, json!({"name": "Tenth", "model": "claude-sonnet-4"})).await;
    assert_eq!(
        (r.status, r.json()["status"].as_str()),
        (201, Some("provisioning"))
    );
    let r = create(&t, json!({"name": "Eleventh", "model": "claude-sonnet-4"})).await;
    assert_eq!((r.status, r.code().as_str()), (409, "QUOTA_EXCEEDED"));
    upgrade_acme(&t);
    for (body, status, code) in [
        (
            json!({"name": "a", "runtime": "nope", "model": "x"}),
            422,
            "RUNTIME_UNSUPPORTED",
        ),
        (json!({"name": "a"}), 422, "MODEL_REQUIRED"),
        (
            json!({"name": "a", "model": "gpt-5"}),
            422,
            "UNREGISTERED_MODEL_FOR_RUNTIME",
        ),
        (
            json!({"name": "a", "runtime": "hermes", "model": "sonnet"}),
            422,
            "UNREGISTERED_MODEL_FOR_RUNTIME",
        ),
        (
            json!({"name": "a", "runtime": "langgraph", "model": "gpt-4o"}),
            422,
            "RUNTIME_UNSUPPORTED",
        ),
        (
            json!({"name": "a", "template": "bare-runtime", "model": "x"}),
            422,
            "RUNTIME_UNRESOLVED",
        ),
        (
            json!({"name": "a", "template": "no-such", "model": "x"}),
            400,
            "VALIDATION_FAILED",
        ),
        (
            json!({"name": "bad|name", "model": "claude-sonnet-4"}),
            400,
            "VALIDATION_FAILED",
        ),
        (
            json!({"name": "a", "model": "claude-sonnet-4", "secrets": {"OPENAI_API_KEY": "sk"}}),
            400,
            "VENDOR_KEY_BLOCKED",
        ),
        (
            json!({"name": "a", "external": true, "url": "http://169.254.169.254/"}),
            400,
            "VALIDATION_FAILED",
        ),
        (
            json!({"name": "a", "model": "claude-sonnet-4", "workspace_dir": "/etc/x"}),
            400,
            "VALIDATION_FAILED",
        ),
        (
            json!({"name": "a", "model": "claude-sonnet-4", "parent_id": "00000000-0000-4000-8000-000000000000"}),
            400,
            "VALIDATION_FAILED",
        ),
        (
            json!({"model": "claude-sonnet-4"}),
            400,
            "VALIDATION_FAILED",
        ),
    ] {
        let r = create(&t, body.clone()).await;
        assert_eq!((r.status, r.code().as_str()), (status, code), "{body}");
    }
    let r = create(&t, json!({"name": "a", "runtime": "nope", "model": "x"})).await;
    assert_eq!(r.json()["runtime"], "nope");
    // What real clients send is accepted (the registry of registry_gen.go@aeec8e47): exact ids
    // and provider prefixes; runtimes outside the registry take any model.
    for (runtime, model) in [
        ("claude-code", "sonnet"),
        ("claude-code", "claude-opus-4-7"),
        ("claude-code", "kimi-k2.5"),
        ("hermes", "minimax/MiniMax-M2.7"),
        ("hermes", "openrouter/meta-llama/llama-3"),
        ("codex", "gpt-5.4"),
        ("openclaw", "moonshot:kimi-k2.6"),
        ("mock", "anything-at-all"),
        ("kimi", "kimi-latest"),
    ] {
        let r = create(
            &t,
            json!({"name": format!("{runtime} {model}"), "runtime": runtime, "model": model}),
        )
        .await;
        assert_eq!(r.status, 201, "{runtime} {model}");
    }
    // Tier 0 means the default; on SaaS every workspace runs at tier 4 whatever is sent.
    for tier in [0, 2] {
        let r = create(
            &t,
            json!({"name": format!("Tier {tier}"), "model": "sonnet", "tier": tier}),
        )
        .await;
        assert_eq!(r.status, 201, "tier {tier}");
        let id = r.json()["id"].as_str().unwrap().to_string();
        assert_eq!(
            ten(&t, "GET", &format!("/workspaces/{id}"), &[], None)
                .await
                .json()["tier"],
            4
        );
    }
    // Template runtime/model are used.
    let r = create(
        &t,
        json!({"name": "From template", "template": "support-bot"}),
    )
    .await;
    assert_eq!(r.status, 201);
    // Name auto-suffix, then NAME_IN_USE.
    let mut names = vec![];
    for _ in 0..9 {
        let r = create(&t, json!({"name": "Twin", "model": "claude-sonnet-4"})).await;
        assert_eq!(r.status, 201);
        let id = r.json()["id"].as_str().unwrap().to_string();
        names.push(
            ten(&t, "GET", &format!("/workspaces/{id}"), &[], None)
                .await
                .json()["name"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    assert_eq!(names[0], "Twin");
    assert_eq!(names[1], "Twin (2)");
    let r = create(&t, json!({"name": "Twin", "model": "claude-sonnet-4"})).await;
    assert_eq!((r.status, r.code().as_str()), (409, "NAME_IN_USE"));
    // External agent without url: awaiting_agent + a one-time connection whose snippets are
    // flat keys of `connection`.
    let r = create(&t, json!({"name": "Byo", "external": true})).await;
    assert_eq!(r.status, 201);
    assert_eq!(r.json()["status"], "awaiting_agent");
    assert!(r.json().get("auth_token").is_none());
    let conn = &r.json()["connection"];
    for k in [
        "curl_register_template",
        "python_snippet",
        "claude_code_channel_snippet",
        "universal_mcp_snippet",
        "hermes_channel_snippet",
        "codex_snippet",
        "openclaw_snippet",
        "kimi_snippet",
    ] {
        assert!(conn[k].is_string(), "{k}");
    }
    assert!(conn.get("snippets").is_none());
    let tok = r.json()["connection"]["auth_token"]
        .as_str()
        .unwrap()
        .to_string();
    let id = r.json()["id"].as_str().unwrap().to_string();
    assert_eq!(
        ten(
            &t,
            "GET",
            &format!("/workspaces/{id}/tokens"),
            &[("authorization", &bearer(&tok))],
            None
        )
        .await
        .status,
        200
    );
    // Provisioning becomes online after the simulated boot.
    let r = create(
        &t,
        json!({"name": "Booting", "model": "claude-sonnet-4", "budget_limit": 500}),
    )
    .await;
    let id = r.json()["id"].as_str().unwrap().to_string();
    // A workspace on the platform gets its first token inline; it authenticates as the agent.
    let tok = r.json()["auth_token"].as_str().unwrap().to_string();
    assert_eq!(
        ten(
            &t,
            "GET",
            &format!("/workspaces/{id}/tokens"),
            &[("authorization", &bearer(&tok))],
            None
        )
        .await
        .status,
        200
    );
    assert_eq!(status_of(&t, &id).await, "provisioning");
    assert_eq!(url_of(&t, &id).await, "");
    t.state.clock.advance(6);
    assert_eq!(status_of(&t, &id).await, "online");
    // Online: the agent's internal A2A address, as its registration reports it.
    assert_eq!(
        url_of(&t, &id).await,
        format!("http://ws-{}:8000", &id[..8])
    );
    // GET one strips list-only fields; the list has them.
    let one = ten(&t, "GET", &format!("/workspaces/{id}"), &[], None)
        .await
        .json();
    for f in [
        "budget_limit",
        "monthly_spend",
        "current_task",
        "last_sample_error",
        "workspace_dir",
    ] {
        assert!(one.get(f).is_none(), "{f} must be stripped");
    }
    let lead = ten(&t, "GET", &format!("/workspaces/{WS_LEAD}"), &[], None)
        .await
        .json();
    assert!(lead["last_outbound_at"].is_string());
    let list = admin(&t, "GET", "/workspaces", None).await.json();
    let row = list
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["id"] == id.as_str())
        .unwrap()
        .clone();
    assert_eq!(row["budget_limit"], 500);
    assert!(row.get("monthly_spend").is_some());
    assert!(
        !list
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["status"] == "removed")
    );
    // GET errors.
    assert_eq!(
        ten(&t, "GET", "/workspaces/not-a-uuid", &[], None)
            .await
            .status,
        400
    );
    assert_eq!(
        ten(
            &t,
            "GET",
            "/workspaces/00000000-0000-4000-8000-000000000000",
            &[],
            None
        )
        .await
        .status,
        404
    );
    let r = ten(&t, "GET", &format!("/workspaces/{WS_REMOVED}"), &[], None).await;
    assert_eq!((r.status, r.code().as_str()), (410, "WORKSPACE_REMOVED"));
    assert!(r.json()["removed_at"].is_string() && r.json()["hint"].is_string());
    assert_eq!(
        ten(
            &t,
            "GET",
            &format!("/workspaces/{WS_REMOVED}?include_removed=true"),
            &[],
            None
        )
        .await
        .status,
        200
    );
    // Another org's workspace is not found here.
    let hopper = seed::WS_HOPPER;
    assert_eq!(
        ten(&t, "GET", &format!("/workspaces/{hopper}"), &[], None)
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn lifecycle_update_and_delete() {
    let t = seeded();
    upgrade_acme(&t);
    let p = |id: &str, a: &str| format!("/workspaces/{id}/{a}");
    // PATCH.
    let r = admin(
        &t,
        "PATCH",
        &format!("/workspaces/{WS_LEAD}"),
        Some(json!({"name": "Lead", "x": 1.0, "y": 2.0})),
    )
    .await;
    assert_eq!(r.json(), json!({"status": "updated"}));
    let r = admin(
        &t,
        "PATCH",
        &format!("/workspaces/{WS_LEAD}"),
        Some(json!({"compute": {"instance_type": "t3.xlarge"}})),
    )
    .await;
    assert_eq!(r.json()["needs_restart"], true);
    for body in [
        json!({"x": 1.0}),
        json!({"name": "a{b"}),
        json!({"parent_id": WS_LEAD}),
        json!({"workspace_dir": "relative"}),
    ] {
        assert_eq!(
            admin(
                &t,
                "PATCH",
                &format!("/workspaces/{WS_LEAD}"),
                Some(body.clone())
            )
            .await
            .status,
            400,
            "{body}"
        );
    }
    // An unknown runtime: 422 RUNTIME_UNSUPPORTED, as on create (workspace_crud.go:332).
    let r = admin(
        &t,
        "PATCH",
        &format!("/workspaces/{WS_LEAD}"),
        Some(json!({"runtime": "zzz"})),
    )
    .await;
    assert_eq!((r.status, r.code().as_str()), (422, "RUNTIME_UNSUPPORTED"));
    // Cycle: the lead may not become a child of its own child.
    let r = admin(
        &t,
        "PATCH",
        &format!("/workspaces/{WS_LEAD}"),
        Some(json!({"parent_id": WS_DEGRADED})),
    )
    .await;
    assert_eq!(r.status, 400);
    let wst = bearer(DEV_ACME_WORKSPACE_TOKEN);
    assert_eq!(
        ten(
            &t,
            "PATCH",
            &format!("/workspaces/{WS_LEAD}"),
            &[("authorization", &wst)],
            Some(json!({"collapsed": true}))
        )
        .await
        .status,
        200
    );
    assert_eq!(
        ten(
            &t,
            "PATCH",
            &format!("/workspaces/{WS_DEGRADED}"),
            &[("authorization", &wst)],
            Some(json!({"collapsed": true}))
        )
        .await
        .status,
        401
    );
    assert_eq!(
        admin(
            &t,
            "PATCH",
            "/workspaces/00000000-0000-4000-8000-000000000000",
            Some(json!({"collapsed": true}))
        )
        .await
        .status,
        404
    );
    // Restart: provisioning then online; noop for external; 409 under a paused ancestor.
    let r = admin(&t, "POST", &p(WS_DEGRADED, "restart"), None).await;
    assert_eq!(
        (r.status, r.json()["status"].as_str()),
        (200, Some("provisioning"))
    );
    assert_eq!(status_of(&t, WS_DEGRADED).await, "provisioning");
    t.state.clock.advance(6);
    assert_eq!(status_of(&t, WS_DEGRADED).await, "online");
    let r = admin(&t, "POST", &p(WS_OFFLINE, "restart"), Some(json!({}))).await;
    assert_eq!(r.json()["status"], "noop");
    let r = admin(&t, "POST", &p(WS_PAUSED_CHILD, "restart"), None).await;
    assert_eq!((r.status, r.code().as_str()), (409, "ANCESTOR_PAUSED"));
    assert_eq!(
        ten(
            &t,
            "POST",
            &p(WS_LEAD, "restart"),
            &[
                ("authorization", ADMIN),
                ("content-type", "application/json")
            ],
            None
        )
        .await
        .status,
        200
    );
    let r = t
        .raw(
            "POST",
            ACME,
            &p(WS_LEAD, "restart"),
            &[("x-molecule-org-id", ACME_ID), ("authorization", ADMIN)],
            b"{nope".to_vec(),
        )
        .await;
    assert_eq!(r.status, 400);
    // Resume: child under paused parent -> 409; parent resumes both.
    let r = admin(&t, "POST", &p(WS_PAUSED_CHILD, "resume"), None).await;
    assert_eq!((r.status, r.code().as_str()), (409, "ANCESTOR_PAUSED"));
    let r = admin(&t, "POST", &p(WS_PAUSED_PARENT, "resume"), None).await;
    assert_eq!(
        r.json(),
        json!({"status": "provisioning", "resumed_count": 2})
    );
    assert_eq!(
        admin(&t, "POST", &p(WS_PAUSED_PARENT, "resume"), None)
            .await
            .status,
        404
    );
    // Pause cascades (lead + its degraded child).
    t.state.clock.advance(6);
    let r = admin(&t, "POST", &p(WS_LEAD, "pause"), None).await;
    assert_eq!(r.json(), json!({"status": "paused", "paused_count": 2}));
    assert_eq!(status_of(&t, WS_DEGRADED).await, "paused");
    assert_eq!(
        admin(&t, "POST", &p(WS_LEAD, "pause"), None).await.status,
        404
    );
    admin(&t, "POST", &p(WS_LEAD, "resume"), None).await;
    t.state.clock.advance(6);
    // Hibernate: only from online/degraded; active tasks need force.
    let r = admin(&t, "POST", &p(WS_FAILED, "hibernate"), None).await;
    assert_eq!((r.status, r.code().as_str()), (404, "NOT_HIBERNATABLE"));
    t.state
        .db
        .lock()
        .execute(
            "UPDATE workspaces SET active_tasks = 3 WHERE id = ?1",
            [WS_PAUSED_PARENT],
        )
        .unwrap();
    let r = admin(&t, "POST", &p(WS_PAUSED_PARENT, "hibernate"), None).await;
    assert_eq!(
        (
            r.status,
            r.code().as_str(),
            r.json()["active_tasks"].as_i64()
        ),
        (409, "ACTIVE_TASKS", Some(3))
    );
    let r = admin(
        &t,
        "POST",
        &p(WS_PAUSED_PARENT, "hibernate?force=true"),
        None,
    )
    .await;
    assert_eq!(r.json(), json!({"status": "hibernated"}));
    // Delete: X-Confirm-Name, cascade confirmation, 410 afterwards.
    let r = admin(&t, "DELETE", &format!("/workspaces/{WS_LEAD}"), None).await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (400, "CONFIRMATION_REQUIRED")
    );
    assert_eq!(
        r.json()["error"],
        "destructive_action_requires_confirmation"
    );
    assert_eq!(r.json()["workspace_name"], "Lead");
    assert_eq!(r.json()["child_count"], 1);
    assert!(
        r.json()["hint"].is_string()
            && r.json()["schedule_count"].is_number()
            && r.json()["active_tasks"].is_number()
    );
    let del = |q: &'static str| {
        let t = &t;
        async move {
            ten(
                t,
                "DELETE",
                &format!("/workspaces/{WS_LEAD}{q}"),
                &[("authorization", ADMIN), ("x-confirm-name", "Lead")],
                None,
            )
            .await
        }
    };
    // The real 409 body: status, message and the children, without `error` or `code`.
    let r = del("").await;
    assert_eq!(
        (r.status, r.json()["status"].as_str()),
        (409, Some("confirmation_required"))
    );
    assert!(r.json()["message"].is_string());
    assert!(r.json().get("error").is_none() && r.json().get("code").is_none());
    assert_eq!(r.json()["children_count"], 1);
    assert_eq!(r.json()["children"][0]["id"], WS_DEGRADED);
    let r = del("?confirm=true").await;
    assert_eq!(r.json(), json!({"status": "removed", "cascade_deleted": 1}));
    assert_eq!(status_of(&t, WS_DEGRADED).await, "removed");
    assert_eq!(del("?confirm=true").await.status, 410);
    assert_eq!(
        ten(&t, "GET", &format!("/workspaces/{WS_LEAD}"), &[], None)
            .await
            .status,
        410
    );
    // Its tokens are revoked.
    assert_eq!(
        ten(
            &t,
            "GET",
            &format!("/workspaces/{WS_LEAD}/tokens"),
            &[("authorization", &bearer(DEV_ACME_WORKSPACE_TOKEN))],
            None
        )
        .await
        .status,
        401
    );
    // purge=true deletes the rows.
    let r = ten(
        &t,
        "DELETE",
        &format!("/workspaces/{WS_FAILED}?purge=true"),
        &[("authorization", ADMIN), ("x-confirm-name", "Broken build")],
        None,
    )
    .await;
    assert_eq!(r.json()["status"], "purged");
    assert_eq!(
        ten(
            &t,
            "GET",
            &format!("/workspaces/{WS_FAILED}?include_removed=true"),
            &[],
            None
        )
        .await
        .status,
        404
    );
}

#[tokio::test]
async fn budgets_billing_model_abilities_console() {
    let t = seeded();
    let b = format!("/workspaces/{WS_LEAD}/budget");
    let r = admin(&t, "GET", &b, None).await.json();
    assert_eq!(r["periods"]["daily"]["limit"], 1000);
    assert_eq!(r["budget_limit"], 10000);
    let spend0 = r["periods"]["monthly"]["spend"].as_i64().unwrap();
    // Spend accrues while online (60 cents per simulated hour).
    t.state.clock.advance(3600);
    let r = admin(&t, "GET", &b, None).await.json();
    assert!(
        r["periods"]["monthly"]["spend"].as_i64().unwrap() >= spend0 + 59,
        "{r}"
    );
    assert_eq!(
        r["periods"]["hourly"]["spend"].as_i64(),
        Some(60 + 4_200 / 720),
        "the hourly window caps the accrual"
    );
    // PATCH replaces the whole map.
    let r = admin(
        &t,
        "PATCH",
        &b,
        Some(json!({"budget_limits": {"hourly": 0, "weekly": null}})),
    )
    .await
    .json();
    assert_eq!(r["periods"]["hourly"]["limit"], 0);
    assert_eq!(r["periods"]["daily"]["limit"], Value::Null);
    assert_eq!(r["budget_limit"], Value::Null);
    assert!(r["periods"]["hourly"]["remaining"].as_i64().unwrap() <= 0);
    let r = admin(&t, "PATCH", &b, Some(json!({"budget_limit": 700})))
        .await
        .json();
    assert_eq!(r["periods"]["monthly"]["limit"], 700);
    assert_eq!(r["periods"]["hourly"]["limit"], Value::Null);
    for (body, code) in [
        (
            json!({"budget_limits": {"yearly": 1}}),
            "UNKNOWN_BUDGET_PERIOD",
        ),
        (json!({"budget_limits": {"daily": -1}}), "VALIDATION_FAILED"),
        (json!({"budget_limit": -5}), "VALIDATION_FAILED"),
        (json!({}), "VALIDATION_FAILED"),
    ] {
        let r = admin(&t, "PATCH", &b, Some(body.clone())).await;
        assert_eq!((r.status, r.code().as_str()), (400, code), "{body}");
    }
    assert_eq!(
        admin(&t, "GET", &format!("/workspaces/{WS_REMOVED}/budget"), None)
            .await
            .status,
        404
    );
    // Billing mode.
    let m = format!("/admin/workspaces/{WS_DEGRADED}/llm-billing-mode");
    let r = admin(&t, "GET", &m, None).await.json();
    assert_eq!(
        (
            r["resolved_mode"].as_str(),
            r["source"].as_str(),
            r["workspace_override"].clone()
        ),
        (Some("platform_managed"), Some("org_default"), Value::Null)
    );
    let r = admin(&t, "PUT", &m, Some(json!({"mode": "byok"})))
        .await
        .json();
    assert_eq!(
        (r["resolved_mode"].as_str(), r["source"].as_str()),
        (Some("byok"), Some("workspace_override"))
    );
    let r = admin(&t, "PUT", &m, Some(json!({"mode": null})))
        .await
        .json();
    assert_eq!(r["workspace_override"], Value::Null);
    for body in [
        json!({}),
        json!({"mode": ""}),
        json!({"mode": 3}),
        json!({"mode": "free"}),
    ] {
        assert_eq!(
            admin(&t, "PUT", &m, Some(body.clone())).await.status,
            400,
            "{body}"
        );
    }
    assert_eq!(
        admin(&t, "GET", "/admin/workspaces/xyz/llm-billing-mode", None)
            .await
            .status,
        400
    );
    // Model: set restarts, clear.
    let mp = format!("/workspaces/{WS_LEAD}/model");
    assert_eq!(
        admin(&t, "GET", &mp, None).await.json(),
        json!({"model": "claude-sonnet-4", "source": "workspace"})
    );
    let r = admin(&t, "PUT", &mp, Some(json!({"model": "claude-opus-4"}))).await;
    assert_eq!(
        r.json(),
        json!({"status": "saved", "model": "claude-opus-4"})
    );
    assert_eq!(status_of(&t, WS_LEAD).await, "provisioning");
    assert_eq!(
        admin(&t, "PUT", &mp, Some(json!({"model": ""})))
            .await
            .json()["status"],
        "cleared"
    );
    assert_eq!(admin(&t, "PUT", &mp, Some(json!({}))).await.status, 400);
    // Abilities.
    let ab = format!("/workspaces/{WS_LEAD}/abilities");
    assert_eq!(
        admin(&t, "PATCH", &ab, Some(json!({"broadcast_enabled": false})))
            .await
            .json(),
        json!({"status": "updated"})
    );
    assert_eq!(admin(&t, "PATCH", &ab, Some(json!({}))).await.status, 400);
    let w = admin(&t, "GET", &format!("/workspaces/{WS_LEAD}"), None)
        .await
        .json();
    assert_eq!(w["broadcast_enabled"], false);
    // Console.
    let r = admin(&t, "GET", &format!("/workspaces/{WS_LEAD}/console"), None).await;
    assert!(
        r.json()["output"]
            .as_str()
            .unwrap()
            .contains("WORKSPACE_PROVISIONING")
    );
    assert_eq!(
        ten(
            &t,
            "GET",
            &format!("/workspaces/{WS_LEAD}/console"),
            &[("authorization", &bearer(DEV_ACME_WORKSPACE_TOKEN))],
            None
        )
        .await
        .status,
        401
    );
}

fn no_secret_in(body: &[u8], secrets: &[&str]) {
    let text = String::from_utf8_lossy(body);
    for s in secrets {
        assert!(!text.contains(s), "response leaks {s}: {text}");
    }
}

#[tokio::test]
async fn secrets_are_encrypted_merged_and_never_returned() {
    let t = seeded();
    let s = format!("/workspaces/{WS_DEGRADED}/secrets");
    let r = admin(&t, "GET", &s, None).await;
    let keys: Vec<(String, String)> = r
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["key"].as_str().unwrap().into(),
                m["scope"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(keys.contains(&("SCRAPER_PROXY_URL".into(), "workspace".into())));
    assert!(keys.contains(&("GITHUB_TOKEN".into(), "global".into())));
    // The lead overrides GITHUB_TOKEN: listed once, as workspace.
    let lead = admin(&t, "GET", &format!("/workspaces/{WS_LEAD}/secrets"), None)
        .await
        .json();
    let gh: Vec<_> = lead
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["key"] == "GITHUB_TOKEN")
        .collect();
    assert_eq!((gh.len(), gh[0]["scope"].as_str()), (1, Some("workspace")));
    let value = "super-secret-value-123";
    for method in ["PUT", "POST"] {
        let r = admin(
            &t,
            method,
            &s,
            Some(json!({"key": "DB_PASSWORD", "value": value})),
        )
        .await;
        assert_eq!(
            r.json(),
            json!({"status": "saved", "key": "DB_PASSWORD", "scope": "workspace"})
        );
        no_secret_in(&r.body, &[value]);
    }
    // Restart is visible: provisioning, then online.
    assert_eq!(status_of(&t, WS_DEGRADED).await, "provisioning");
    t.state.clock.advance(6);
    assert_eq!(status_of(&t, WS_DEGRADED).await, "online");
    // Encrypted at rest.
    {
        let conn = t.state.db.lock();
        let blob: Vec<u8> = conn
            .query_row(
                "SELECT ciphertext FROM secrets WHERE key = 'DB_PASSWORD'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(!String::from_utf8_lossy(&blob).contains(value));
        assert_eq!(
            molecule_devserver::store::secrets::reveal(&conn, ACME_ID, WS_DEGRADED, "DB_PASSWORD")
                .as_deref(),
            Some(value)
        );
    }
    // Vendor keys are blocked while platform-managed, allowed under byok (the lead).
    let r = admin(
        &t,
        "PUT",
        &s,
        Some(json!({"key": "OPENAI_API_KEY", "value": "sk-x"})),
    )
    .await;
    assert_eq!(
        (r.status, r.code().as_str(), r.json()["key"].as_str()),
        (400, "VENDOR_KEY_BLOCKED", Some("OPENAI_API_KEY"))
    );
    assert_eq!(r.json()["workspace_id"], WS_DEGRADED);
    assert_eq!(
        admin(
            &t,
            "PUT",
            &format!("/workspaces/{WS_LEAD}/secrets"),
            Some(json!({"key": "OPENAI_API_KEY", "value": "sk-x"}))
        )
        .await
        .status,
        200
    );
    for body in [
        json!({"key": "", "value": "x"}),
        json!({"key": "A", "value": ""}),
        json!({"key": "A"}),
    ] {
        assert_eq!(
            admin(&t, "PUT", &s, Some(body.clone())).await.status,
            400,
            "{body}"
        );
    }
    // Delete: own key ok, inherited global key 404.
    let r = admin(&t, "DELETE", &format!("{s}/DB_PASSWORD"), None).await;
    assert_eq!(
        r.json(),
        json!({"status": "deleted", "key": "DB_PASSWORD", "scope": "workspace"})
    );
    assert_eq!(
        admin(&t, "DELETE", &format!("{s}/GITHUB_TOKEN"), None)
            .await
            .status,
        404
    );
    // Workspace token: own workspace only.
    let wst = bearer(DEV_ACME_WORKSPACE_TOKEN);
    assert_eq!(
        ten(
            &t,
            "GET",
            &format!("/workspaces/{WS_LEAD}/secrets"),
            &[("authorization", &wst)],
            None
        )
        .await
        .status,
        200
    );
    assert_eq!(
        ten(&t, "GET", &s, &[("authorization", &wst)], None)
            .await
            .status,
        401
    );
    // Org-wide: list, set (fan-out restart of the workspaces without an override), delete.
    t.state.clock.advance(6);
    let r = admin(
        &t,
        "PUT",
        "/settings/secrets",
        Some(json!({"key": "SHARED_SETTING", "value": value})),
    )
    .await;
    assert_eq!(
        r.json(),
        json!({"status": "saved", "key": "SHARED_SETTING", "scope": "global"})
    );
    no_secret_in(&r.body, &[value]);
    assert_eq!(status_of(&t, WS_LEAD).await, "provisioning");
    assert_eq!(
        status_of(&t, WS_PAUSED_PARENT).await,
        "paused",
        "paused workspaces are not restarted"
    );
    assert_eq!(
        status_of(&t, WS_OFFLINE).await,
        "offline",
        "external agents are not restarted"
    );
    let r = admin(&t, "GET", "/settings/secrets", None).await;
    assert!(
        r.json()
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["scope"] == "global" && m["has_value"] == true)
    );
    no_secret_in(&r.body, &[value, "ghp_demo_not_a_real_token"]);
    assert_eq!(
        admin(&t, "POST", "/settings/secrets", Some(json!({"key": "X"})))
            .await
            .status,
        400
    );
    assert_eq!(
        admin(&t, "DELETE", "/settings/secrets/SHARED_SETTING", None)
            .await
            .json()["scope"],
        "global"
    );
    assert_eq!(
        admin(&t, "DELETE", "/settings/secrets/SHARED_SETTING", None)
            .await
            .status,
        404
    );
    assert_eq!(
        ten(
            &t,
            "GET",
            "/settings/secrets",
            &[("authorization", &wst)],
            None
        )
        .await
        .status,
        401
    );
}

#[tokio::test]
async fn org_and_workspace_tokens() {
    let t = seeded();
    let ada = t.sign_in("user_ada").await;
    let r = ten(
        &t,
        "POST",
        "/org/tokens",
        &[("cookie", &ada)],
        Some(json!({"name": "laptop"})),
    )
    .await;
    assert_eq!(r.status, 200);
    let minted = r.json();
    let tok = minted["auth_token"].as_str().unwrap().to_string();
    assert_eq!(tok.len(), 43);
    assert_eq!(minted["prefix"].as_str().unwrap(), &tok[..8]);
    // Usable, listed without the secret, with provenance.
    let r = ten(
        &t,
        "GET",
        "/org/tokens",
        &[("authorization", &bearer(&tok))],
        None,
    )
    .await;
    no_secret_in(&r.body, &[&tok, DEV_ACME_ORG_KEY]);
    let row = r.json()["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"] == minted["id"])
        .cloned()
        .unwrap();
    assert_eq!(
        (row["created_by"].as_str(), row["name"].as_str()),
        (Some("session"), Some("laptop"))
    );
    assert_eq!(r.json()["count"], 3);
    // Minting with an org key records the provenance; empty body is fine.
    let r = ten(
        &t,
        "POST",
        "/org/tokens",
        &[("authorization", &bearer(&tok))],
        None,
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(
        admin(
            &t,
            "POST",
            "/org/tokens",
            Some(json!({"name": "x".repeat(101)}))
        )
        .await
        .status,
        400
    );
    // Revoke: 200 then 404; the revoked key no longer works.
    let id = minted["id"].as_str().unwrap();
    assert_eq!(
        admin(&t, "DELETE", &format!("/org/tokens/{id}"), None)
            .await
            .json(),
        json!({"revoked": id})
    );
    assert_eq!(
        admin(&t, "DELETE", &format!("/org/tokens/{id}"), None)
            .await
            .status,
        404
    );
    assert_eq!(
        ten(
            &t,
            "GET",
            "/org/tokens",
            &[("authorization", &bearer(&tok))],
            None
        )
        .await
        .status,
        401
    );
    // 10 mints per hour.
    for _ in 0..8 {
        assert_eq!(admin(&t, "POST", "/org/tokens", None).await.status, 200);
    }
    let r = admin(&t, "POST", "/org/tokens", None).await;
    assert_eq!((r.status, r.code().as_str()), (429, "RATE_LIMITED"));
    assert!(r.header("retry-after").is_some());
    t.state.clock.advance(3601);
    assert_eq!(admin(&t, "POST", "/org/tokens", None).await.status, 200);
    // Workspace tokens: mint (self-service with its own token), list with paging, revoke.
    let wst = bearer(DEV_ACME_WORKSPACE_TOKEN);
    let base = format!("/workspaces/{WS_LEAD}/tokens");
    let r = ten(&t, "POST", &base, &[("authorization", &wst)], None).await;
    assert_eq!(r.status, 201);
    let new_tok = r.json()["auth_token"].as_str().unwrap().to_string();
    assert_eq!(r.json()["workspace_id"], WS_LEAD);
    let r = ten(
        &t,
        "GET",
        &format!("{base}?limit=1&offset=0"),
        &[("authorization", &bearer(&new_tok))],
        None,
    )
    .await;
    assert_eq!(
        (
            r.json()["count"].as_i64(),
            r.json()["tokens"].as_array().unwrap().len()
        ),
        (Some(2), 1)
    );
    no_secret_in(&r.body, &[&new_tok, DEV_ACME_WORKSPACE_TOKEN]);
    // Like tokens.go: an out-of-range or unreadable limit means 50, a negative offset 0.
    for q in [
        "limit=0",
        "limit=201",
        "offset=-1",
        "limit=abc",
        "limit=-3&offset=x",
    ] {
        let r = admin(&t, "GET", &format!("{base}?{q}"), None).await;
        assert_eq!(
            (r.status, r.json()["tokens"].as_array().map(Vec::len)),
            (200, Some(2)),
            "{q}"
        );
    }
    let tid = r.json()["tokens"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(
        admin(&t, "DELETE", &format!("{base}/{tid}"), None)
            .await
            .json(),
        json!({"status": "revoked"})
    );
    assert_eq!(
        admin(&t, "DELETE", &format!("{base}/{tid}"), None)
            .await
            .status,
        404
    );
    // A token of another workspace cannot act here.
    assert_eq!(
        ten(
            &t,
            "POST",
            &format!("/workspaces/{WS_DEGRADED}/tokens"),
            &[("authorization", &wst)],
            None
        )
        .await
        .status,
        401
    );
    // Admin mint: AdminAuth only; 404 for removed; 50 live tokens max.
    let am = format!("/admin/workspaces/{WS_DEGRADED}/tokens");
    assert_eq!(
        ten(&t, "POST", &am, &[("authorization", &wst)], None)
            .await
            .status,
        401
    );
    assert_eq!(
        admin(
            &t,
            "POST",
            &format!("/admin/workspaces/{WS_REMOVED}/tokens"),
            None
        )
        .await
        .status,
        404
    );
    for _ in 0..49 {
        assert_eq!(admin(&t, "POST", &am, None).await.status, 201);
    }
    let r = admin(&t, "POST", &am, None).await;
    assert_eq!((r.status, r.code().as_str()), (429, "TOKEN_LIMIT_REACHED"));
}

#[tokio::test]
async fn allowlist_templates_import_bundles() {
    let t = seeded();
    upgrade_acme(&t);
    let al = format!("/orgs/{WS_LEAD}/plugins/allowlist");
    let r = admin(&t, "GET", &al, None).await.json();
    assert_eq!(
        (
            r["allow_all"].as_bool(),
            r["plugins"].as_array().unwrap().len()
        ),
        (Some(false), 2)
    );
    let r = admin(
        &t,
        "PUT",
        &al,
        Some(json!({"plugins": ["jira", "github"], "enabled_by": WS_LEAD})),
    )
    .await;
    assert_eq!(
        r.json(),
        json!({"org_id": WS_LEAD, "plugins": ["github", "jira"], "allow_all": false})
    );
    let r = admin(
        &t,
        "PUT",
        &al,
        Some(json!({"plugins": ["../etc"], "enabled_by": WS_LEAD})),
    )
    .await;
    assert_eq!(
        (
            r.status,
            r.code().as_str(),
            r.json()["plugin_name"].as_str()
        ),
        (400, "INVALID_PLUGIN_NAME", Some("../etc"))
    );
    assert_eq!(
        admin(&t, "PUT", &al, Some(json!({"plugins": []})))
            .await
            .status,
        400
    );
    assert_eq!(
        admin(
            &t,
            "PUT",
            &al,
            Some(json!({"plugins": [], "enabled_by": "me"}))
        )
        .await
        .json()["allow_all"],
        true
    );
    // Not a root workspace / unknown -> 404; an org key of another org -> 403.
    assert_eq!(
        admin(
            &t,
            "GET",
            &format!("/orgs/{WS_DEGRADED}/plugins/allowlist"),
            None
        )
        .await
        .status,
        404
    );
    let other = {
        let conn = t.state.db.lock();
        molecule_devserver::store::tokens::insert_org_token(
            &conn, HOPPER_ID, None, "session", None, 0,
        )
        .unwrap()
        .0
    };
    let r = ten(&t, "GET", &al, &[("authorization", &bearer(&other))], None).await;
    assert_eq!((r.status, r.code().as_str()), (403, "ORG_ACCESS_DENIED"));
    assert_eq!(
        ten(
            &t,
            "GET",
            "/workspaces",
            &[("authorization", &bearer(&other))],
            None
        )
        .await
        .status,
        401
    );
    // Workspace templates.
    let r = admin(&t, "GET", "/templates", None).await.json();
    assert!(
        r.as_array()
            .unwrap()
            .iter()
            .any(|x| x["id"] == "research-assistant")
    );
    let files = json!({"config.yaml": "runtime: mock\nmodel: mock-model\ndescription: Mock\n", "skills/echo/SKILL.md": "# echo"});
    let r = admin(
        &t,
        "POST",
        "/templates/import",
        Some(json!({"name": "My Mock", "files": files})),
    )
    .await;
    assert_eq!(
        r.json(),
        json!({"status": "imported", "id": "my-mock", "name": "My Mock"})
    );
    let r = admin(
        &t,
        "POST",
        "/templates/import",
        Some(json!({"name": "My Mock", "files": {}})),
    )
    .await;
    assert_eq!(
        (r.status, r.code().as_str(), r.json()["id"].as_str()),
        (409, "TEMPLATE_EXISTS", Some("my-mock"))
    );
    let many: serde_json::Map<String, Value> = (0..201)
        .map(|i| (format!("f{i}.txt"), json!("x")))
        .collect();
    assert_eq!(
        admin(
            &t,
            "POST",
            "/templates/import",
            Some(json!({"name": "Big", "files": many}))
        )
        .await
        .status,
        400
    );
    assert_eq!(
        admin(
            &t,
            "POST",
            "/templates/import",
            Some(json!({"name": "NoFiles"}))
        )
        .await
        .status,
        400
    );
    let r = admin(&t, "GET", "/templates", None).await.json();
    let find = |id: &str| {
        r.as_array()
            .unwrap()
            .iter()
            .find(|x| x["id"] == id)
            .cloned()
            .unwrap()
    };
    // Models are objects from the registry; a template without skills has `skills: null`; on
    // SaaS every template reports tier 4.
    let ra = find("research-assistant");
    let sonnet = ra["models"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "sonnet")
        .cloned()
        .unwrap();
    assert_eq!(
        sonnet,
        json!({"id": "sonnet", "provider": "anthropic-oauth", "required_env": ["CLAUDE_CODE_OAUTH_TOKEN"]})
    );
    assert_eq!(
        (ra["tier"].as_i64(), ra["registry_backed"].as_bool()),
        (Some(4), Some(true))
    );
    assert_eq!(ra["skills"], json!(["search", "summarise"]));
    let platform = ra["registry_models"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["provider"] == "platform")
        .cloned()
        .unwrap();
    assert!(
        platform.get("required_env").is_none(),
        "the platform injects its credential"
    );
    let bare = find("bare-runtime");
    assert_eq!(
        (bare["skills"].clone(), bare["skill_count"].as_i64()),
        (Value::Null, Some(0))
    );
    assert_eq!(find("support-bot")["runtime"], "hermes");
    let mine = r
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == "my-mock")
        .cloned()
        .unwrap();
    assert_eq!(
        (mine["runtime"].as_str(), mine["skill_count"].as_i64()),
        (Some("mock"), Some(1))
    );
    assert_eq!(
        create(&t, json!({"name": "From mine", "template": "my-mock"}))
            .await
            .status,
        201
    );
    // Org templates and import.
    let r = admin(&t, "GET", "/org/templates", None).await.json();
    assert_eq!(r.as_array().unwrap().len(), 2);
    let r = admin(&t, "POST", "/org/import", Some(json!({"dir": "sales-pod"}))).await;
    // The real 412 has no code; items are EnvRequirements (a name or {any_of}).
    assert_eq!((r.status, r.json().get("code")), (412, None));
    assert_eq!(
        r.json()["missing_env"],
        json!(["SALESFORCE_TOKEN", {"any_of": ["HUBSPOT_TOKEN", "PIPEDRIVE_TOKEN"]}])
    );
    assert!(r.json()["suggestion"].is_string() && r.json()["template"] == "Sales pod");
    let r = admin(
        &t,
        "POST",
        "/org/import",
        Some(json!({"dir": "starter-team"})),
    )
    .await;
    assert_eq!((r.status, r.json()["count"].as_i64()), (201, Some(3)));
    let r = admin(
        &t,
        "POST",
        "/org/import",
        Some(json!({"dir": "starter-team", "mode": "reconcile"})),
    )
    .await;
    assert_eq!(
        (r.status, r.json()["reconcile_removed_count"].as_i64()),
        (201, Some(3))
    );
    assert_eq!(
        admin(&t, "POST", "/org/import", Some(json!({"dir": "nope"})))
            .await
            .status,
        404
    );
    assert_eq!(
        admin(&t, "POST", "/org/import", Some(json!({})))
            .await
            .status,
        400
    );
    let partial = json!({"template": {"name": "Half", "workspaces": [{"name": "Good one", "runtime": "mock", "model": "mock-model"}, {"name": "Bad one", "runtime": "nope", "model": "x"}]}});
    let r = admin(&t, "POST", "/org/import", Some(partial)).await;
    assert_eq!((r.status, r.json()["count"].as_i64()), (207, Some(1)));
    assert!(r.json()["error"].is_string());
    let per_ws = json!({"template": {"name": "Per ws", "workspaces": [{"name": "Needs", "required_env": ["ZZZ_TOKEN", {"any_of": ["A_KEY", "B_KEY"]}]}]}});
    let r = admin(&t, "POST", "/org/import", Some(per_ws)).await;
    assert_eq!((r.status, r.json().get("code")), (412, None));
    assert_eq!(
        r.json()["missing_workspace_env"],
        json!([
            {"Workspace": "Needs", "FilesDir": "needs", "Unsatisfied": "ZZZ_TOKEN"},
            {"Workspace": "Needs", "FilesDir": "needs", "Unsatisfied": {"any_of": ["A_KEY", "B_KEY"]}}
        ])
    );
    // Bundles: export -> import -> export keeps the tree.
    let bundle = json!({"name": "Bundle root", "model": "claude-sonnet-4", "system_prompt": "be brief",
        "skills": [{"id": "s1", "name": "Search", "files": {"SKILL.md": "# s"}}], "prompts": {"greet": "hi"},
        "sub_workspaces": [{"name": "Bundle child", "model": "gpt-4o-mini", "sub_workspaces": [{"name": "Bundle grandchild"}]}]});
    let r = admin(&t, "POST", "/bundles/import", Some(bundle)).await;
    assert_eq!(r.status, 201);
    let root_id = r.json()["workspace_id"].as_str().unwrap().to_string();
    assert_eq!(
        r.json()["children"][0]["children"][0]["name"],
        "Bundle grandchild"
    );
    let exported = admin(&t, "GET", &format!("/bundles/export/{root_id}"), None)
        .await
        .json();
    assert_eq!(exported["schema"], "1.0");
    assert_eq!(exported["system_prompt"], "be brief");
    assert_eq!(
        exported["sub_workspaces"][0]["sub_workspaces"][0]["name"],
        "Bundle grandchild"
    );
    admin(
        &t,
        "DELETE",
        &format!("/workspaces/{root_id}?confirm=true"),
        None,
    )
    .await;
    ten(
        &t,
        "DELETE",
        &format!("/workspaces/{root_id}?confirm=true"),
        &[("authorization", ADMIN), ("x-confirm-name", "Bundle root")],
        None,
    )
    .await;
    let again = admin(&t, "POST", "/bundles/import", Some(exported.clone())).await;
    let id2 = again.json()["workspace_id"].as_str().unwrap().to_string();
    let re = admin(&t, "GET", &format!("/bundles/export/{id2}"), None)
        .await
        .json();
    let strip = |mut v: Value| {
        fn walk(v: &mut Value) {
            if let Some(o) = v.as_object_mut() {
                o.remove("id");
                if let Some(Value::Array(subs)) = o.get_mut("sub_workspaces") {
                    subs.iter_mut().for_each(walk);
                }
            }
        }
        walk(&mut v);
        v
    };
    assert_eq!(strip(re), strip(exported));
    assert_eq!(
        admin(&t, "POST", "/bundles/import", Some(json!({"model": "x"})))
            .await
            .status,
        400
    );
    assert_eq!(
        admin(
            &t,
            "GET",
            "/bundles/export/00000000-0000-4000-8000-000000000000",
            None
        )
        .await
        .status,
        404
    );
}

#[tokio::test]
async fn overviews_health_and_events() {
    let t = seeded();
    assert_eq!(
        t.raw("GET", ACME, "/health", &[], vec![]).await.json(),
        json!({"status": "ok"})
    );
    assert!(t.raw("GET", ACME, "/buildinfo", &[], vec![]).await.json()["git_sha"].is_string());
    admin(&t, "POST", &format!("/workspaces/{WS_LEAD}/restart"), None).await;
    let ev = admin(&t, "GET", "/events?limit=2", None).await.json();
    assert_eq!(ev.as_array().unwrap().len(), 2);
    assert_eq!(ev[0]["event_type"], "WORKSPACE_PROVISIONING");
    assert_eq!(admin(&t, "GET", "/events?limit=0", None).await.status, 400);
    // Events of one workspace: the latest 100, newest first, only that workspace's.
    let we = admin(&t, "GET", &format!("/events/{WS_LEAD}"), None)
        .await
        .json();
    let we = we.as_array().unwrap();
    assert!(!we.is_empty() && we.iter().all(|e| e["workspace_id"] == WS_LEAD));
    assert_eq!(we[0]["event_type"], "WORKSPACE_PROVISIONING");
    assert_eq!(
        admin(&t, "GET", "/events/not-a-uuid", None).await.status,
        400
    );
    // Approvals in the real shape.
    let a = admin(&t, "GET", "/approvals/pending", None).await.json();
    assert_eq!(
        (&a[0]["action"], &a[0]["status"], &a[0]["workspace_name"]),
        (
            &json!("send_email"),
            &json!("pending"),
            &json!("Research lead")
        )
    );
    assert!(a[0]["reason"].is_string() && a[0]["created_at"].is_string());
    assert!(a[2]["reason"].is_null(), "an empty detail is no reason");
    // Delegations: an object with the filter and limit; in_flight (the default) includes stuck.
    let ids = |v: &Value| -> Vec<String> {
        v["delegations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["delegation_id"].as_str().unwrap().to_string())
            .collect()
    };
    let d = admin(&t, "GET", "/admin/delegations", None).await.json();
    assert_eq!(
        (
            d["status"].as_str(),
            d["limit"].as_i64(),
            d["count"].as_i64()
        ),
        (Some("in_flight"), Some(100), Some(2))
    );
    assert_eq!(ids(&d), ["d-0001", "d-0003"]);
    for (filter, expected) in [
        ("stuck", vec!["d-0003"]),
        ("failed", vec!["d-0004"]),
        ("completed", vec!["d-0002"]),
    ] {
        let d = admin(
            &t,
            "GET",
            &format!("/admin/delegations?status={filter}"),
            None,
        )
        .await
        .json();
        assert_eq!(ids(&d), expected, "{filter}");
    }
    assert_eq!(
        admin(&t, "GET", "/admin/delegations?limit=1", None)
            .await
            .json()["delegations"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let r = admin(&t, "GET", "/admin/delegations?status=pending", None).await;
    assert_eq!(
        (r.status, r.json()["allowed"].clone()),
        (400, json!(["completed", "failed", "in_flight", "stuck"]))
    );
    for q in ["limit=0", "limit=1001", "limit=x"] {
        let r = admin(&t, "GET", &format!("/admin/delegations?{q}"), None).await;
        assert_eq!(r.status, 400, "{q} is refused, not clamped");
    }
    // Schedules health: a bare array, one row per schedule (ok, never run, stale).
    let s = admin(&t, "GET", "/admin/schedules/health", None)
        .await
        .json();
    let status = |id: &str| {
        s.as_array()
            .unwrap()
            .iter()
            .find(|r| r["schedule_id"] == id)
            .map(|r| r["status"].clone())
    };
    assert_eq!(
        (status("s-0001"), status("s-0002"), status("s-0003")),
        (
            Some(json!("ok")),
            Some(json!("never_run")),
            Some(json!("stale"))
        )
    );
    // A wrong method on a known path is a 404 like an unknown route (the real tenant's gin router
    // never answers 405).
    for (method, path) in [
        ("GET", format!("/workspaces/{WS_LEAD}/secrets/values")),
        ("PUT", "/workspaces".to_string()),
        ("DELETE", "/admin/liveness".to_string()),
        ("GET", "/no/such/route".to_string()),
    ] {
        assert_eq!(
            admin(&t, method, &path, None).await.status,
            404,
            "{method} {path}"
        );
    }
    // Liveness: the hibernation monitor's heartbeat.
    let l = admin(&t, "GET", "/admin/liveness", None).await.json();
    let tick = &l["subsystems"]["hibernation-monitor"];
    assert!(tick["last_tick_at"].is_string() && tick["seconds_ago"].as_i64().unwrap() < 30);
    for p in [
        "/events",
        &format!("/events/{WS_LEAD}"),
        "/approvals/pending",
        "/admin/delegations",
        "/admin/schedules/health",
        "/admin/liveness",
        "/org/templates",
        "/templates",
    ] {
        assert_eq!(ten(&t, "GET", p, &[], None).await.status, 401, "{p}");
    }
}

/// 8 clients x 25 operations (create, restart, pause/resume, delete with cascade, child create)
/// in parallel on loopback; afterwards the database is consistent.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_clients_keep_the_database_consistent() {
    let t = std::sync::Arc::new(seeded());
    upgrade_acme(&t);
    let mut tasks = Vec::new();
    for client in 0..8 {
        let t = t.clone();
        tasks.push(tokio::spawn(async move {
            let mut mine: Vec<(String, String)> = Vec::new();
            for op in 0..25u32 {
                match (op + client) % 5 {
                    0 | 1 => {
                        let parent = mine.last().map(|(id, _)| id.clone());
                        let name = format!("c{client}-{op}");
                        let r = create(
                            &t,
                            json!({"name": name, "model": "claude-sonnet-4", "parent_id": parent}),
                        )
                        .await;
                        assert!(
                            matches!(r.status, 201 | 400),
                            "{}",
                            String::from_utf8_lossy(&r.body)
                        );
                        if r.status == 201 {
                            mine.push((r.json()["id"].as_str().unwrap().into(), name));
                        }
                    }
                    2 => {
                        if let Some((id, _)) = mine.first() {
                            let r =
                                admin(&t, "POST", &format!("/workspaces/{id}/restart"), None).await;
                            assert!(matches!(r.status, 200 | 404 | 409));
                        }
                    }
                    3 => {
                        if let Some((id, _)) = mine.first() {
                            let r =
                                admin(&t, "POST", &format!("/workspaces/{id}/pause"), None).await;
                            assert!(matches!(r.status, 200 | 404));
                            let r =
                                admin(&t, "POST", &format!("/workspaces/{id}/resume"), None).await;
                            assert!(matches!(r.status, 200 | 404 | 409));
                        }
                    }
                    _ => {
                        if let Some((id, name)) = mine.first().cloned() {
                            let r = ten(
                                &t,
                                "DELETE",
                                &format!("/workspaces/{id}?confirm=true"),
                                &[("authorization", ADMIN), ("x-confirm-name", &name)],
                                None,
                            )
                            .await;
                            assert!(matches!(r.status, 200 | 410), "{}", r.status);
                            mine.clear();
                        }
                    }
                }
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let listed = admin(&t, "GET", "/workspaces", None)
        .await
        .json()
        .as_array()
        .unwrap()
        .len() as i64;
    let conn = t.state.db.lock();
    let orphans: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM workspaces c LEFT JOIN workspaces p ON p.id = c.parent_id
             WHERE c.parent_id IS NOT NULL AND c.status <> 'removed' AND (p.id IS NULL OR p.status = 'removed')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0, "no live child under a removed parent");
    let live: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM workspaces WHERE org_id = ?1 AND status <> 'removed'",
            [ACME_ID],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(live, listed);
    let dup: i64 = conn
        .query_row("SELECT COUNT(*) FROM (SELECT name FROM workspaces WHERE org_id = ?1 AND status <> 'removed' GROUP BY name HAVING COUNT(*) > 1)", [ACME_ID], |r| r.get(0))
        .unwrap();
    assert_eq!(dup, 0);
    let bad_tokens: i64 = conn
        .query_row("SELECT COUNT(*) FROM workspace_tokens k JOIN workspaces w ON w.id = k.workspace_id WHERE w.status = 'removed' AND k.revoked_at IS NULL", [], |r| r.get(0))
        .unwrap();
    assert_eq!(bad_tokens, 0);
}

#[tokio::test]
async fn the_tenant_rate_limit_counts_per_org_and_answers_429_with_retry_after() {
    let t = common::seeded_with(molecule_devserver::Config {
        tenant_rate_limit: 3,
        ..Default::default()
    });
    let auth = ADMIN.to_string();
    for remaining in ["2", "1", "0"] {
        let r = ten(&t, "GET", "/workspaces", &[("authorization", &auth)], None).await;
        assert_eq!(r.status, 200);
        assert_eq!(r.header("x-ratelimit-limit").as_deref(), Some("3"));
        assert_eq!(
            r.header("x-ratelimit-remaining").as_deref(),
            Some(remaining)
        );
        assert!(r.header("x-ratelimit-reset").is_some());
    }
    let r = ten(&t, "GET", "/workspaces", &[("authorization", &auth)], None).await;
    assert_eq!((r.status, r.code().as_str()), (429, "RATE_LIMITED"));
    let retry: i64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry));
    assert_eq!(r.json()["retry_after"], retry);
    // Console files and the health check are not counted or limited.
    let health = t.raw("GET", ACME, "/health", &[], vec![]).await;
    assert_eq!(health.status, 200);
}

/// `GET /usage/spend` (designed): the days that cover the last 30 add up to each workspace's
/// monthly spend as the budget reports it; online time lands on today; bad `days` is a 400.
#[tokio::test]
async fn spend_history_adds_up_to_the_monthly_spend() {
    let t = seeded();
    t.state.clock.advance(7_200);
    let h = admin(&t, "GET", "/usage/spend?days=31", None).await.json();
    let days = h["days"].as_array().unwrap();
    assert_eq!(days.len(), 31);
    let today = chrono::DateTime::from_timestamp_millis(t.state.clock.now_ms())
        .unwrap()
        .format("%Y-%m-%d")
        .to_string();
    assert_eq!(days[30], today.as_str());
    let series = h["workspaces"].as_array().unwrap();
    let listed = admin(&t, "GET", "/workspaces", None).await.json();
    assert_eq!(series.len(), listed.as_array().unwrap().len());
    for s in series {
        let id = s["workspace_id"].as_str().unwrap();
        let spend: Vec<i64> = s["spend"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_i64().unwrap())
            .collect();
        assert_eq!(spend.len(), 31);
        let b = admin(&t, "GET", &format!("/workspaces/{id}/budget"), None)
            .await
            .json();
        assert_eq!(
            spend.iter().sum::<i64>(),
            b["periods"]["monthly"]["spend"].as_i64().unwrap(),
            "{}",
            s["name"]
        );
    }
    // The lead has been online for two simulated hours: the days those hours fall on hold at
    // least that accrual. That is today alone, unless the run started less than two hours
    // before midnight UTC (the clock is the wall clock plus the advance), then yesterday too.
    let lead = series
        .iter()
        .find(|s| s["workspace_id"] == WS_LEAD)
        .unwrap();
    let day = |i: usize| lead["spend"][i].as_i64().unwrap();
    let into_today_ms = t.state.clock.now_ms().rem_euclid(86_400_000);
    let recent = if into_today_ms >= 7_200_000 {
        day(30)
    } else {
        day(29) + day(30)
    };
    assert!(recent >= 119, "{lead}");
    // The default is 30 days; out of range is refused.
    let h = admin(&t, "GET", "/usage/spend", None).await.json();
    assert_eq!(h["days"].as_array().unwrap().len(), 30);
    for bad in ["0", "91", "x"] {
        let r = admin(&t, "GET", &format!("/usage/spend?days={bad}"), None).await;
        assert_eq!(r.status, 400, "days={bad}");
    }
    let r = ten(&t, "GET", "/usage/spend", &[], None).await;
    assert_eq!(r.status, 401);
}

#[tokio::test]
async fn approvals_are_decided_once_by_people_who_may_write() {
    let t = seeded();
    let linus = t.sign_in("user_linus").await;
    let ada = t.sign_in("user_ada").await;
    let first = "c0000000-0000-4000-8000-000000000001";
    let second = "c0000000-0000-4000-8000-000000000002";
    let decide = |ws: &str, id: &str| format!("/workspaces/{ws}/approvals/{id}/decide");
    assert_eq!(pending_ids(&t).await.len(), 3);
    // Bad decisions are named; a viewer may not decide; nothing changes.
    for body in [
        json!({}),
        json!({"decision": "maybe"}),
        json!({"decision": 1}),
    ] {
        let r = admin(&t, "POST", &decide(WS_LEAD, first), Some(body)).await;
        assert_eq!(r.status, 400, "{:?}", r.json());
    }
    let r = admin(
        &t,
        "POST",
        &decide(WS_LEAD, first),
        Some(json!({"decision": "approved", "decided_by": "x".repeat(201)})),
    )
    .await;
    assert_eq!(r.status, 400);
    let r = ten(
        &t,
        "POST",
        &decide(WS_LEAD, first),
        &[("cookie", &linus)],
        Some(json!({"decision": "approved"})),
    )
    .await;
    assert_eq!((r.status, r.code().as_str()), (403, "FORBIDDEN"));
    // The wrong workspace, an unknown id and a malformed id are all "not found".
    for path in [
        decide(WS_DEGRADED, first),
        decide(WS_LEAD, "c0000000-0000-4000-8000-0000000000ff"),
        decide(WS_LEAD, "nope"),
    ] {
        let r = admin(&t, "POST", &path, Some(json!({"decision": "denied"}))).await;
        assert_eq!(r.status, 404, "{path}");
    }
    assert_eq!(pending_ids(&t).await.len(), 3);
    // An owner's session approves one, ADMIN_TOKEN denies another; each once only.
    let r = ten(
        &t,
        "POST",
        &decide(WS_LEAD, first),
        &[("cookie", &ada)],
        Some(json!({"decision": "approved", "decided_by": "ada@example.com"})),
    )
    .await;
    assert_eq!(r.status, 200, "{:?}", r.json());
    assert_eq!(
        r.json(),
        json!({"status": "approved", "approval_id": first})
    );
    let r = admin(
        &t,
        "POST",
        &decide(WS_DEGRADED, second),
        Some(json!({"decision": "denied"})),
    )
    .await;
    assert_eq!(r.json()["status"], "denied");
    let r = admin(
        &t,
        "POST",
        &decide(WS_LEAD, first),
        Some(json!({"decision": "denied"})),
    )
    .await;
    assert_eq!(r.status, 404);
    assert_eq!(
        pending_ids(&t).await,
        vec!["c0000000-0000-4000-8000-000000000003"]
    );
    // Each decision is an event of its workspace, with who decided.
    let ev = admin(&t, "GET", "/events", None).await.json();
    let ev = ev.as_array().unwrap();
    let of = |ty: &str| ev.iter().find(|e| e["event_type"] == ty).cloned().unwrap();
    let approved = of("APPROVAL_APPROVED");
    assert_eq!(
        (
            &approved["workspace_id"],
            &approved["payload"]["decided_by"]
        ),
        (&json!(WS_LEAD), &json!("ada@example.com"))
    );
    let denied = of("APPROVAL_DENIED");
    assert_eq!(
        (&denied["workspace_id"], &denied["payload"]["decided_by"]),
        (&json!(WS_DEGRADED), &json!("human"))
    );
}

/// The ids of acme's pending approvals, newest first.
async fn pending_ids(t: &T) -> Vec<String> {
    let a = admin(t, "GET", "/approvals/pending", None).await.json();
    a.as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap().to_string())
        .collect()
}
