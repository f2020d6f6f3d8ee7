//! Operator tier (`/api/v1/admin/*`, CP admin bearer) and tenant-to-CP provisioning, through the
//! contract checker: every route's success, documented errors, simulated effects and tiers.

mod common;

use common::*;
use molecule_devserver::seed::*;
use serde_json::{Value, json};

const CP: &str = "Bearer dev-cp-admin-token";
const PROV: &str = "Bearer dev-provision-secret";

async fn op(t: &T, method: &str, path: &str, body: Option<Value>) -> Resp {
    req(t, method, path, &[("authorization", CP)], body).await
}

async fn req(t: &T, method: &str, path: &str, hdrs: &[(&str, &str)], body: Option<Value>) -> Resp {
    let mut h = hdrs.to_vec();
    let bytes = body
        .map(|b| serde_json::to_vec(&b).unwrap())
        .unwrap_or_default();
    if !bytes.is_empty() {
        h.push(("content-type", "application/json"));
    }
    // A browser's write carrying the cookie also carries its page's Origin.
    if method != "GET" && h.iter().any(|(k, _)| *k == "cookie") {
        h.push(("origin", "http://api.localhost:8080"));
    }
    t.raw(method, API, path, &h, bytes).await
}

async fn acme_tag(t: &T) -> Value {
    op(t, "GET", "/api/v1/admin/tenants/acme", None)
        .await
        .json()["image_tag"]
        .clone()
}

/// Every operator route refuses no bearer, a wrong bearer, an Org API Key, a tenant
/// ADMIN_TOKEN, the provision secret and a session cookie.
#[tokio::test]
async fn operator_routes_need_the_cp_admin_bearer() {
    let t = seeded();
    let ada = t.sign_in("user_ada").await;
    let key = format!("Bearer {DEV_ACME_ORG_KEY}");
    let routes = [
        ("POST", "/api/v1/admin/templates"),
        ("DELETE", "/api/v1/admin/templates/research-team"),
        ("GET", "/api/v1/admin/orgs"),
        ("POST", "/api/v1/admin/orgs"),
        ("GET", "/api/v1/admin/orgs/acme"),
        ("GET", "/api/v1/admin/orgs/acme/admin-token"),
        ("GET", "/api/v1/admin/orgs/acme/workspaces"),
        ("GET", "/api/v1/admin/tenants/acme"),
        ("DELETE", "/api/v1/admin/tenants/acme"),
        ("POST", "/api/v1/admin/tenants/acme/redeploy"),
        ("POST", "/api/v1/admin/tenants/acme/reboot"),
        ("GET", "/api/v1/admin/tenants/acme/diagnostics"),
        ("GET", "/api/v1/admin/tenants/acme/console-output"),
        ("GET", "/api/v1/admin/tenants/acme/boot-events"),
        ("POST", "/api/v1/admin/tenants/acme/scrub-artifacts"),
        ("POST", "/api/v1/admin/tenants/acme/migrate-data-volume"),
        ("POST", "/api/v1/admin/tenants/redeploy-fleet"),
        (
            "POST",
            "/api/v1/admin/workspaces/a0000000-0000-4000-8000-000000000001/env",
        ),
        ("POST", "/api/v1/admin/thin-ami/promote"),
        ("GET", "/api/v1/admin/thin-ami/list"),
        ("POST", "/api/v1/admin/thin-ami/rollback"),
        ("POST", "/api/v1/admin/runtime-image/promote"),
        ("GET", "/api/v1/admin/runtime-image"),
        ("GET", "/api/v1/admin/runtime-image/list"),
        ("POST", "/api/v1/admin/runtime-image/rollback"),
    ];
    for (m, p) in routes {
        for h in [
            vec![],
            vec![("authorization", "Bearer wrong")],
            vec![("authorization", key.as_str())],
            vec![("authorization", "Bearer demo-admin-token-acme")],
            vec![("authorization", PROV)],
            vec![("cookie", ada.as_str())],
        ] {
            let r = req(&t, m, p, &h, Some(json!({"confirm": "acme"}))).await;
            assert_eq!(r.status, 401, "{m} {p} {h:?}");
        }
        // The /cp mirror answers the same, and tenant hosts never forward /cp/admin.
        let cp = p.replace("/api/v1/", "/cp/");
        assert_eq!(req(&t, m, &cp, &[], None).await.status, 401, "{cp}");
        let r = t
            .raw(
                m,
                "acme.localhost:8080",
                &cp,
                &[("authorization", CP)],
                vec![],
            )
            .await;
        assert!(r.status == 404 && r.body.is_empty(), "{cp} on the tenant");
    }
    // The org still exists: nothing above reached a handler.
    assert_eq!(
        op(&t, "GET", "/api/v1/admin/orgs/acme", None).await.status,
        200
    );
}

#[tokio::test]
async fn admin_orgs() {
    let t = seeded();
    let r = op(&t, "GET", "/api/v1/admin/orgs?limit=2", None).await;
    assert_eq!(r.json()["orgs"].as_array().unwrap().len(), 2);
    assert_eq!(r.json()["total"], 9);
    assert_eq!(
        (r.json()["limit"].as_i64(), r.json()["offset"].as_i64()),
        (Some(2), Some(0))
    );
    // An org without an instance (awaiting payment) or error leaves those fields out (never null).
    let every = op(&t, "GET", "/api/v1/admin/orgs?limit=500", None)
        .await
        .json();
    for o in every["orgs"].as_array().unwrap() {
        for f in ["instance_status", "last_error"] {
            assert!(
                o.get(f)
                    .is_none_or(|v| v.as_str().is_some_and(|s| !s.is_empty())),
                "{o}"
            );
        }
    }
    assert!(
        every["orgs"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o.get("instance_status").is_none())
    );
    assert!(
        r.json()["orgs"][0].get("status").is_none(),
        "no top-level status"
    );
    let all = op(&t, "GET", "/api/v1/admin/orgs?offset=1&limit=500", None)
        .await
        .json();
    assert_eq!(all["orgs"].as_array().unwrap().len(), 8);
    for q in ["limit=0", "limit=501", "offset=-1", "limit=x"] {
        assert_eq!(
            op(&t, "GET", &format!("/api/v1/admin/orgs?{q}"), None)
                .await
                .status,
            400,
            "{q}"
        );
    }
    let acme = op(&t, "GET", "/api/v1/admin/orgs/acme", None).await.json();
    assert_eq!(
        (
            acme["member_count"].as_i64(),
            acme["instance_status"].as_str()
        ),
        (Some(3), Some("running"))
    );
    assert_eq!(
        op(&t, "GET", "/api/v1/admin/orgs/nope-org", None)
            .await
            .status,
        404
    );
    // Create: strict decoding, dry run, conflicts.
    let body =
        json!({"slug": "ops-made", "name": "Ops Made", "owner_user_id": "e2e-runner:ops-made"});
    let r = op(
        &t,
        "POST",
        "/api/v1/admin/orgs?dry_run=true",
        Some(body.clone()),
    )
    .await;
    assert_eq!((r.status, r.json()["dry_run"].as_bool()), (200, Some(true)));
    assert_eq!(
        op(&t, "GET", "/api/v1/admin/orgs/ops-made", None)
            .await
            .status,
        404
    );
    // Missing fields are all named, in the real control plane's order and wording.
    let r = op(
        &t,
        "POST",
        "/api/v1/admin/orgs",
        Some(json!({"slug": "ops-made", "name": ""})),
    )
    .await;
    assert_eq!(
        (
            r.status,
            r.json()["error"].as_str(),
            r.json()["fields"].clone()
        ),
        (
            400,
            Some("name, owner_user_id are required"),
            json!(["name", "owner_user_id"])
        )
    );
    let r = op(&t, "POST", "/api/v1/admin/orgs", Some(json!({}))).await;
    assert_eq!(r.json()["fields"], json!(["slug", "name", "owner_user_id"]));
    // Real callers send the compute provider.
    let mut with_provider = body.clone();
    with_provider["provider"] = json!("molecules-server");
    let r = op(
        &t,
        "POST",
        "/api/v1/admin/orgs?dry_run=true",
        Some(with_provider),
    )
    .await;
    assert_eq!(r.status, 200);
    let mut extra = body.clone();
    extra["plan"] = json!("pro");
    assert_eq!(
        op(&t, "POST", "/api/v1/admin/orgs", Some(extra))
            .await
            .status,
        400
    );
    assert_eq!(
        op(
            &t,
            "POST",
            "/api/v1/admin/orgs",
            Some(json!({"slug": "x1x", "name": "n"}))
        )
        .await
        .status,
        400
    );
    let r = op(
        &t,
        "POST",
        "/api/v1/admin/orgs",
        Some(json!({"slug": "Bad", "name": "n", "owner_user_id": "u"})),
    )
    .await;
    assert_eq!(r.code(), "INVALID_SLUG");
    let r = op(&t, "POST", "/api/v1/admin/orgs", Some(body.clone())).await;
    assert_eq!(
        (r.status, r.json()["status"].as_str()),
        (201, Some("provisioning"))
    );
    assert_eq!(
        op(&t, "POST", "/api/v1/admin/orgs", Some(body))
            .await
            .code(),
        "SLUG_TAKEN"
    );
    // Admin token: readable for provisioned tenants, no-store; 404 NOT_PROVISIONED otherwise.
    let r = op(&t, "GET", "/api/v1/admin/orgs/acme/admin-token", None).await;
    assert_eq!(r.json()["admin_token"], "demo-admin-token-acme");
    assert_eq!(r.header("cache-control").as_deref(), Some("no-store"));
    let r = op(&t, "GET", "/api/v1/admin/orgs/gamma-co/admin-token", None).await;
    assert_eq!((r.status, r.code().as_str()), (404, "NOT_PROVISIONED"));
    // Workspaces relayed from the tenant; 502 when the tenant is not up.
    let r = op(&t, "GET", "/api/v1/admin/orgs/acme/workspaces", None)
        .await
        .json();
    assert_eq!(r["count"], 9);
    let r = op(&t, "GET", "/api/v1/admin/orgs/fail-demo/workspaces", None).await;
    assert_eq!(
        (
            r.status,
            r.code().as_str(),
            r.json()["http_status"].as_i64()
        ),
        (502, "UPSTREAM_UNAVAILABLE", Some(503))
    );
    assert_eq!(
        op(&t, "GET", "/api/v1/admin/orgs/nope-org/workspaces", None)
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn tenant_operations_and_their_effects() {
    let t = seeded();
    let tenant = op(&t, "GET", "/api/v1/admin/tenants/acme", None)
        .await
        .json();
    assert_eq!(tenant["instance_status"], "running");
    assert_eq!(tenant["image_tag"], "v1.42.0");
    assert_eq!(
        op(&t, "GET", "/api/v1/admin/tenants/gamma-co", None)
            .await
            .json()["instance_id"],
        Value::Null
    );
    assert_eq!(
        op(&t, "GET", "/api/v1/admin/tenants/nope-org", None)
            .await
            .status,
        404
    );
    // Redeploy: dry run changes nothing; a real run changes the tag the tenant reports and
    // diagnostics show the instance busy.
    let r = op(
        &t,
        "POST",
        "/api/v1/admin/tenants/acme/redeploy",
        Some(json!({"target_tag": "v2.0.0", "dry_run": true})),
    )
    .await;
    assert_eq!(r.json()["ssm_status"], "DryRun");
    assert_eq!(acme_tag(&t).await, "v1.42.0");
    let r = op(
        &t,
        "POST",
        "/api/v1/admin/tenants/acme/redeploy",
        Some(json!({"target_tag": "v2.0.0"})),
    )
    .await;
    assert_eq!(
        (r.json()["ok"].as_bool(), r.json()["ssm_status"].as_str()),
        (Some(true), Some("Success"))
    );
    assert_eq!(acme_tag(&t).await, "v2.0.0");
    let d = op(&t, "GET", "/api/v1/admin/tenants/acme/diagnostics", None)
        .await
        .json();
    assert_eq!(d["db"]["instance_status"], "redeploying");
    assert_eq!(
        (
            &d["slug"],
            &d["db"]["org_present"],
            &d["db"]["org_status"],
            &d["dns"]["fqdn"],
            &d["tunnel"]["present"]
        ),
        (
            &json!("acme"),
            &json!(true),
            &json!("running"),
            &json!("acme.localhost"),
            &json!(true)
        )
    );
    assert!(d["db"]["instance_id"].as_str().unwrap().starts_with("i-"));
    assert!(d.get("checked_at").is_some() && d.get("checks").is_none());
    let ev = op(
        &t,
        "GET",
        "/api/v1/admin/tenants/acme/boot-events?limit=3",
        None,
    )
    .await
    .json();
    assert_eq!(
        (ev["org_id"].as_str(), ev["count"].as_i64()),
        (Some(ACME_ID), Some(3))
    );
    // No body (or no target_tag): the current release.
    let r = op(&t, "POST", "/api/v1/admin/tenants/acme/redeploy", None).await;
    assert_eq!(
        (r.status, r.json()["target_tag"].as_str()),
        (200, Some("v1.42.0"))
    );
    assert_eq!(
        op(
            &t,
            "POST",
            "/api/v1/admin/tenants/acme/redeploy",
            Some(json!({"target_tag": ""}))
        )
        .await
        .status,
        400
    );
    assert_eq!(
        op(
            &t,
            "POST",
            "/api/v1/admin/tenants/gamma-co/redeploy",
            Some(json!({"target_tag": "x"}))
        )
        .await
        .status,
        404
    );
    // Reboot: busy instance -> 409; afterwards boot events and console output show it.
    let r = op(&t, "POST", "/api/v1/admin/tenants/acme/reboot", None).await;
    assert_eq!((r.status, r.code().as_str()), (409, "INSTANCE_NOT_RUNNING"));
    t.state.clock.advance(11);
    let before = op(
        &t,
        "GET",
        "/api/v1/admin/tenants/acme/boot-events?limit=500",
        None,
    )
    .await
    .json()["events"]
        .as_array()
        .unwrap()
        .len();
    let r = op(
        &t,
        "POST",
        "/api/v1/admin/tenants/acme/reboot",
        Some(json!({"hard": true, "reason": "stuck"})),
    )
    .await;
    assert_eq!(
        (r.status, r.json()["action"].as_str()),
        (200, Some("hard_reboot"))
    );
    let ev = op(
        &t,
        "GET",
        "/api/v1/admin/tenants/acme/boot-events?limit=500",
        None,
    )
    .await
    .json();
    assert_eq!(ev["events"].as_array().unwrap().len(), before + 3);
    assert_eq!(
        op(
            &t,
            "GET",
            "/api/v1/admin/tenants/acme/boot-events?limit=2",
            None
        )
        .await
        .json()["events"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        op(
            &t,
            "GET",
            "/api/v1/admin/tenants/acme/boot-events?limit=0",
            None
        )
        .await
        .status,
        400
    );
    let c = op(&t, "GET", "/api/v1/admin/tenants/acme/console-output", None)
        .await
        .json();
    assert!(c["output"].as_str().unwrap().contains("stuck"));
    assert_eq!(
        op(
            &t,
            "GET",
            "/api/v1/admin/tenants/gamma-co/console-output",
            None
        )
        .await
        .status,
        404
    );
    assert_eq!(
        op(&t, "POST", "/api/v1/admin/tenants/fail-demo/reboot", None)
            .await
            .status,
        409
    );
    // Scrub: confirm guard; a second scrub has nothing left.
    let r = op(
        &t,
        "POST",
        "/api/v1/admin/tenants/acme/scrub-artifacts",
        Some(json!({"confirm": "acme!"})),
    )
    .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (400, "CONFIRMATION_REQUIRED")
    );
    let r = op(
        &t,
        "POST",
        "/api/v1/admin/tenants/acme/scrub-artifacts",
        Some(json!({"confirm": "acme"})),
    )
    .await;
    assert_eq!(r.json()["removed"].as_array().unwrap().len(), 4);
    let r = op(
        &t,
        "POST",
        "/api/v1/admin/tenants/acme/scrub-artifacts",
        Some(json!({"confirm": "acme"})),
    )
    .await;
    assert_eq!(r.json()["removed"], json!([]));
    // Data-volume migration: dry run plans; a real run needs confirm, then blocks a second one.
    let m = "/api/v1/admin/tenants/fleet-east/migrate-data-volume";
    let r = op(&t, "POST", m, Some(json!({"dry_run": true, "confirm": ""}))).await;
    assert_eq!(r.json()["phase"], "planned");
    assert_eq!(
        op(
            &t,
            "POST",
            m,
            Some(json!({"dry_run": false, "confirm": "nope"}))
        )
        .await
        .code(),
        "CONFIRMATION_REQUIRED"
    );
    assert_eq!(
        op(
            &t,
            "POST",
            m,
            Some(json!({"dry_run": true, "confirm": "x", "extra": 1}))
        )
        .await
        .status,
        400
    );
    assert_eq!(
        op(
            &t,
            "POST",
            m,
            Some(json!({"dry_run": false, "confirm": "fleet-east", "target_size_gb": 10}))
        )
        .await
        .status,
        400
    );
    let r = op(&t, "POST", m, Some(json!({"dry_run": false, "confirm": "fleet-east", "target_size_gb": 100, "volume_type": "gp3"}))).await;
    assert_eq!(r.json()["phase"], "completed");
    let r = op(
        &t,
        "POST",
        m,
        Some(json!({"dry_run": false, "confirm": "fleet-east"})),
    )
    .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (409, "OPERATION_IN_PROGRESS")
    );
    // Teardown: confirm guard first, then the purge (tenant host and boot events gone).
    let r = op(
        &t,
        "DELETE",
        "/api/v1/admin/tenants/fleet-west",
        Some(json!({"confirm": "fleet-east"})),
    )
    .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (400, "CONFIRMATION_REQUIRED")
    );
    assert_eq!(
        op(
            &t,
            "DELETE",
            "/api/v1/admin/tenants/fleet-west",
            Some(json!({}))
        )
        .await
        .status,
        400
    );
    let r = op(
        &t,
        "DELETE",
        "/api/v1/admin/tenants/fleet-west",
        Some(json!({"confirm": "fleet-west"})),
    )
    .await;
    assert_eq!(
        (
            r.status,
            r.json()["deleted"].as_bool(),
            r.json()["slug"].as_str()
        ),
        (200, Some(true), Some("fleet-west"))
    );
    assert!(r.json()["purge_id"].as_str().is_some());
    assert_eq!(
        op(
            &t,
            "GET",
            "/api/v1/admin/tenants/fleet-west/boot-events",
            None
        )
        .await
        .status,
        404
    );
    assert_eq!(
        op(
            &t,
            "DELETE",
            "/api/v1/admin/tenants/fleet-west",
            Some(json!({"confirm": "fleet-west"}))
        )
        .await
        .status,
        404
    );
    let r = t
        .raw("GET", "fleet-west.localhost:8080", "/health", &[], vec![])
        .await;
    assert_eq!(r.status, 404);
    // While a redeploy holds acme, the teardown is queued (202, `deleted: false`),
    // a repeated DELETE answers the same purge id, and it runs once the reboot is over; then
    // acme's tenant data is gone too.
    let teardown = || {
        op(
            &t,
            "DELETE",
            "/api/v1/admin/tenants/acme",
            Some(json!({"confirm": "acme"})),
        )
    };
    let r = op(&t, "POST", "/api/v1/admin/tenants/acme/redeploy", None).await;
    assert_eq!(r.status, 200);
    let first = teardown().await;
    assert_eq!(
        (first.status, first.json()["deleted"].as_bool()),
        (202, Some(false))
    );
    assert!(first.json()["message"].as_str().is_some());
    let again = teardown().await;
    assert_eq!(again.status, 202);
    assert_eq!(again.json()["purge_id"], first.json()["purge_id"]);
    let live = |t: &T| -> i64 {
        t.state
            .db
            .lock()
            .query_row(
                "SELECT COUNT(*) FROM workspaces WHERE org_id = ?1",
                [ACME_ID],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert!(live(&t) > 0);
    t.state.clock.advance(11);
    assert_eq!(
        op(&t, "GET", "/api/v1/admin/tenants/acme", None)
            .await
            .status,
        404
    );
    let left: i64 = t
        .state
        .db
        .lock()
        .query_row(
            "SELECT COUNT(*) FROM workspaces WHERE org_id = ?1",
            [ACME_ID],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 0);
}

#[tokio::test]
async fn fleet_env_pins_templates() {
    let t = seeded();
    let f = "/api/v1/admin/tenants/redeploy-fleet";
    let base = json!({"target_tag": "v3", "soak_seconds": 0, "batch_size": 2, "dry_run": true, "confirm": true, "canary_slug": "fleet-canary"});
    let r = op(&t, "POST", f, Some(base.clone())).await.json();
    assert_eq!(r["ok"], true);
    assert_eq!(r["results"][0]["phase"], "canary");
    assert!(
        r["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["ssm_status"] == "DryRun")
    );
    assert_eq!(r["results"][1]["phase"], "batch-1");
    assert_eq!(
        r["results"].as_array().unwrap().len(),
        5,
        "acme, hopper-lab, 3 fleet tenants"
    );
    for bad in [
        json!({}),
        json!({"target_tag": "v3", "soak_seconds": 0, "batch_size": 1, "dry_run": true, "confirm": false}),
        json!({"target_tag": "v3", "soak_seconds": 0, "batch_size": 1, "dry_run": true, "confirm": true, "only_slugs": []}),
    ] {
        assert_eq!(
            op(&t, "POST", f, Some(bad.clone())).await.status,
            400,
            "{bad}"
        );
    }
    let mut real = base.clone();
    real["dry_run"] = json!(false);
    real["only_slugs"] = json!(["fleet-east", "fleet-west"]);
    let mut stragglers = real.clone();
    stragglers["max_stragglers"] = json!(0);
    let r = op(&t, "POST", f, Some(stragglers)).await.json();
    assert_eq!(r["ok"], true);
    assert!(r["results"].as_array().unwrap().iter().all(|i| {
        i["running_image"]
            .as_str()
            .is_some_and(|img| img.ends_with(":v3"))
    }));
    assert_eq!(
        op(&t, "GET", "/api/v1/admin/tenants/fleet-east", None)
            .await
            .json()["image_tag"],
        "v3"
    );
    let bad = json!({"target_tag": "v4", "soak_seconds": 0, "batch_size": 1, "dry_run": false, "confirm": true, "only_slugs": ["no-such", "fleet-east"]});
    let r = op(&t, "POST", f, Some(bad)).await.json();
    assert_eq!(
        (r["ok"].as_bool(), r["results"].as_array().unwrap().len()),
        (Some(false), 1),
        "stops at the failing batch"
    );
    // Workspace env: force for secret-looking keys, merge vs replace, restart.
    let e = format!("/api/v1/admin/workspaces/{WS_DEGRADED}/env");
    let r = op(&t, "POST", &e, Some(json!({"env": {"API_TOKEN": "x"}}))).await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (400, "SENSITIVE_KEY_REQUIRES_FORCE")
    );
    assert_eq!(
        op(&t, "POST", &e, Some(json!({"env": {}}))).await.status,
        400
    );
    op(&t, "POST", &e, Some(json!({"env": {"A": "1"}}))).await;
    let r = op(
        &t,
        "POST",
        &e,
        Some(json!({"env": {"B": "2", "API_TOKEN": "x"}, "force": true})),
    )
    .await
    .json();
    assert_eq!(r["env_keys_after"], json!(["A", "API_TOKEN", "B"]));
    assert_eq!(r["container_restarted"], true);
    let r = op(
        &t,
        "POST",
        &e,
        Some(json!({"env": {"C": "3"}, "merge": false})),
    )
    .await
    .json();
    assert_eq!(r["env_keys_after"], json!(["C"]));
    let w = t
        .raw(
            "GET",
            "acme.localhost:8080",
            &format!("/workspaces/{WS_DEGRADED}"),
            &[("x-molecule-org-id", ACME_ID)],
            vec![],
        )
        .await;
    assert_eq!(w.json()["status"], "provisioning");
    assert_eq!(
        op(
            &t,
            "POST",
            "/api/v1/admin/workspaces/00000000-0000-4000-8000-000000000000/env",
            Some(json!({"env": {"A": "1"}}))
        )
        .await
        .status,
        404
    );
    // Thin-AMI pins.
    let l = op(&t, "GET", "/api/v1/admin/thin-ami/list", None)
        .await
        .json();
    let local = l["pins"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["region"] == "local-1")
        .cloned()
        .unwrap();
    assert_eq!(
        (local["ami_id"].as_str(), local["previous_ami_id"].as_str()),
        (Some("ami-0a1b2c3d4e5f60718"), Some("ami-0a1b2c3d4e5f60700"))
    );
    let r = op(
        &t,
        "POST",
        "/api/v1/admin/thin-ami/promote",
        Some(json!({"region": "local-1", "ami_id": "ami-0123456789abcdef0"})),
    )
    .await
    .json();
    assert_eq!(
        (r["previous_ami_id"].as_str(), r["promoted_by"].as_str()),
        (Some("ami-0a1b2c3d4e5f60718"), Some("cp-admin"))
    );
    assert_eq!(
        op(
            &t,
            "POST",
            "/api/v1/admin/thin-ami/promote",
            Some(json!({"region": "local-1", "ami_id": "ami-XYZ"}))
        )
        .await
        .status,
        400
    );
    let r = op(
        &t,
        "POST",
        "/api/v1/admin/thin-ami/rollback",
        Some(json!({"region": "local-1"})),
    )
    .await
    .json();
    assert_eq!(r["ami_id"], "ami-0a1b2c3d4e5f60718");
    let r = op(
        &t,
        "POST",
        "/api/v1/admin/thin-ami/rollback",
        Some(json!({"region": "us-east-1"})),
    )
    .await;
    assert_eq!((r.status, r.code().as_str()), (409, "NO_PREVIOUS_PIN"));
    assert_eq!(
        op(
            &t,
            "POST",
            "/api/v1/admin/thin-ami/rollback",
            Some(json!({"region": "mars-1"}))
        )
        .await
        .status,
        404
    );
    assert_eq!(
        op(
            &t,
            "POST",
            "/api/v1/admin/thin-ami/rollback",
            Some(json!({"region": "local-1", "to_ami_id": "ami-00000000"}))
        )
        .await
        .status,
        404
    );
    assert_eq!(
        op(
            &t,
            "POST",
            "/api/v1/admin/thin-ami/rollback",
            Some(json!({}))
        )
        .await
        .status,
        400
    );
    // Runtime-image pins (both list paths agree).
    let a = op(&t, "GET", "/api/v1/admin/runtime-image", None)
        .await
        .json();
    assert_eq!(
        a,
        op(&t, "GET", "/api/v1/admin/runtime-image/list", None)
            .await
            .json()
    );
    let digest = format!("sha256:{}", "ab".repeat(32));
    let r = op(
        &t,
        "POST",
        "/api/v1/admin/runtime-image/promote",
        Some(json!({"template_name": "codex", "image_digest": digest, "git_sha": "abc"})),
    )
    .await
    .json();
    assert_eq!(
        (r["region"].as_str(), r["previous_image_digest"].clone()),
        (Some("global"), Value::Null)
    );
    assert_eq!(
        op(
            &t,
            "POST",
            "/api/v1/admin/runtime-image/promote",
            Some(json!({"template_name": "codex", "image_digest": "sha256:zz"}))
        )
        .await
        .status,
        400
    );
    let r = op(
        &t,
        "POST",
        "/api/v1/admin/runtime-image/rollback",
        Some(json!({"template_name": "codex"})),
    )
    .await;
    assert_eq!(r.code(), "NO_PREVIOUS_PIN");
    let r = op(
        &t,
        "POST",
        "/api/v1/admin/runtime-image/rollback",
        Some(json!({"template_name": "claude-code"})),
    )
    .await
    .json();
    assert_eq!(r["image_digest"], format!("sha256:{}", "1".repeat(64)));
    assert_eq!(
        op(
            &t,
            "POST",
            "/api/v1/admin/runtime-image/rollback",
            Some(json!({"template_name": "nope"}))
        )
        .await
        .status,
        404
    );
    // Registry templates.
    let body = json!({"slug": "ops-tpl", "name": "Ops", "description": "d", "runtime": "mock", "default_model": "mock-model", "tags": ["x"]});
    let r = op(&t, "POST", "/api/v1/admin/templates", Some(body.clone())).await;
    assert_eq!((r.status, r.json()["tier"].as_i64()), (201, Some(4)));
    assert_eq!(
        op(&t, "POST", "/api/v1/admin/templates", Some(body))
            .await
            .code(),
        "TEMPLATE_EXISTS"
    );
    assert_eq!(
        op(
            &t,
            "POST",
            "/api/v1/admin/templates",
            Some(json!({"slug": "x"}))
        )
        .await
        .status,
        400
    );
    assert_eq!(
        op(&t, "DELETE", "/api/v1/admin/templates/ops-tpl", None)
            .await
            .status,
        204
    );
    assert_eq!(
        op(&t, "DELETE", "/api/v1/admin/templates/ops-tpl", None)
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn provisioning() {
    let t = seeded();
    let admin_token = "demo-admin-token-acme";
    let ws = "e0000000-0000-4000-8000-000000000001";
    let body = |runtime: &str, url: &str| json!({"org_id": ACME_ID, "workspace_id": ws, "runtime": runtime, "platform_url": url});
    let prov = [
        ("authorization", PROV),
        ("x-molecule-admin-token", admin_token),
    ];
    let r = req(
        &t,
        "POST",
        "/api/v1/workspaces/provision",
        &prov,
        Some(body("claude-code", "http://acme.localhost:8080")),
    )
    .await;
    assert_eq!(
        (r.status, r.json()["state"].as_str()),
        (201, Some("pending"))
    );
    let iid = r.json()["instance_id"].as_str().unwrap().to_string();
    let r = req(
        &t,
        "POST",
        "/api/v1/workspaces/provision",
        &prov,
        Some(body("codex", "http://acme.localhost:8080")),
    )
    .await;
    assert_eq!((r.status, r.code().as_str()), (422, "RUNTIME_PIN_MISSING"));
    for url in [
        "http://169.254.169.254/latest",
        "file:///etc/passwd",
        "http://user@acme.localhost:8080",
        "http://10.0.0.1/",
    ] {
        let r = req(
            &t,
            "POST",
            "/api/v1/workspaces/provision",
            &prov,
            Some(body("claude-code", url)),
        )
        .await;
        assert_eq!(r.status, 400, "{url}");
    }
    assert_eq!(
        req(
            &t,
            "POST",
            "/api/v1/workspaces/provision",
            &prov,
            Some(json!({"runtime": "x"}))
        )
        .await
        .status,
        400
    );
    for h in [
        vec![],
        vec![("authorization", CP)],
        vec![("authorization", "Bearer demo-admin-token-acme")],
    ] {
        assert_eq!(
            req(
                &t,
                "POST",
                "/api/v1/workspaces/provision",
                &h,
                Some(body("claude-code", "http://acme.localhost:8080"))
            )
            .await
            .status,
            401
        );
    }
    // Provision and its status need the tenant admin token too (the org comes from it).
    for admin in [None, Some("wrong")] {
        let mut h = vec![("authorization", PROV)];
        h.extend(admin.map(|a| ("x-molecule-admin-token", a)));
        let r = req(
            &t,
            "POST",
            "/api/v1/workspaces/provision",
            &h,
            Some(body("claude-code", "http://acme.localhost:8080")),
        )
        .await;
        assert_eq!(r.status, 401, "{admin:?}");
        let st = format!("/api/v1/workspaces/{ws}/status?instance_id={iid}");
        assert_eq!(req(&t, "GET", &st, &h, None).await.status, 401);
    }
    // The optional fields real tenants send; a repeat with the same idempotency key is 409
    // `provision_in_progress` while pending, the same instance once running, and
    // `idempotency_key_conflict` for another workspace.
    let keyed = |ws: &str| {
        json!({"org_id": ACME_ID, "workspace_id": ws, "runtime": "claude-code",
            "platform_url": "http://acme.localhost:8080", "idempotency_key": "k-1",
            "template": "claude-code-default", "provider": "aws", "kind": "agent",
            "template_assets": {"config.yaml": "bmFtZTogeA=="}})
    };
    let ws2 = "e0000000-0000-4000-8000-000000000002";
    let first = req(
        &t,
        "POST",
        "/api/v1/workspaces/provision",
        &prov,
        Some(keyed(ws2)),
    )
    .await;
    assert_eq!(first.status, 201);
    let r = req(
        &t,
        "POST",
        "/api/v1/workspaces/provision",
        &prov,
        Some(keyed(ws2)),
    )
    .await;
    assert_eq!(
        (r.status, r.json()["error"].as_str()),
        (409, Some("provision_in_progress"))
    );
    let r = req(
        &t,
        "POST",
        "/api/v1/workspaces/provision",
        &prov,
        Some(keyed(ws)),
    )
    .await;
    assert_eq!(
        (r.status, r.json()["error"].as_str()),
        (409, Some("idempotency_key_conflict"))
    );
    // Status: pending, then running; unknown instances read as terminated.
    let st = format!("/api/v1/workspaces/{ws}/status?instance_id={iid}");
    assert_eq!(
        req(&t, "GET", &st, &prov, None).await.json()["state"],
        "pending"
    );
    t.state.clock.advance(9);
    assert_eq!(
        req(&t, "GET", &st, &prov, None).await.json()["state"],
        "running"
    );
    let r = req(
        &t,
        "POST",
        "/api/v1/workspaces/provision",
        &prov,
        Some(keyed(ws2)),
    )
    .await;
    assert_eq!(
        (
            r.status,
            r.json()["instance_id"].clone(),
            r.json()["state"].as_str()
        ),
        (201, first.json()["instance_id"].clone(), Some("running"))
    );
    assert_eq!(
        req(
            &t,
            "GET",
            &format!("/api/v1/workspaces/{ws}/status"),
            &prov,
            None
        )
        .await
        .status,
        400
    );
    assert_eq!(req(&t, "GET", &st, &[], None).await.status, 401);
    // Deprovision needs the admin token as well; prune only for the literal true.
    let d = format!("/api/v1/workspaces/{ws}?instance_id={iid}&prune=yes");
    assert_eq!(
        req(&t, "DELETE", &d, &[("authorization", PROV)], None)
            .await
            .status,
        401
    );
    assert_eq!(
        req(
            &t,
            "DELETE",
            &d,
            &[("authorization", PROV), ("x-molecule-admin-token", "wrong")],
            None
        )
        .await
        .status,
        401
    );
    let r = req(&t, "DELETE", &d, &prov, None).await;
    assert_eq!(
        (
            r.json()["status"].as_str(),
            r.json()["volume_pruned"].as_bool()
        ),
        (Some("terminated"), Some(false))
    );
    assert_eq!(
        req(&t, "GET", &st, &prov, None).await.json()["state"],
        "terminated"
    );
    assert_eq!(
        req(
            &t,
            "DELETE",
            &format!("/api/v1/workspaces/{ws}"),
            &prov,
            None
        )
        .await
        .status,
        400
    );
    let r = req(
        &t,
        "DELETE",
        &format!("/api/v1/workspaces/{ws}?instance_id={iid}&prune=true"),
        &prov,
        None,
    )
    .await;
    assert_eq!(r.json()["volume_pruned"], true);
}
