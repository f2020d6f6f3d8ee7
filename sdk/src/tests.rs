//! Unit tests: URL building for both surfaces, header policy, retry policy, error parsing,
//! and the generated operation table against the spec.

use super::*;
use std::{cell::RefCell, future::Future, pin::pin, task::Context};

/// Runs a future whose leaves are always ready (the fake transport below).
fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = pin!(f);
    let mut cx = Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

/// Replays canned responses and records requests and sleeps.
struct Fake {
    replies: RefCell<Vec<Result<HttpResponse, TransportError>>>,
    sent: RefCell<Vec<HttpRequest>>,
    slept: RefCell<Vec<u64>>,
}

impl Fake {
    fn new(replies: Vec<Result<HttpResponse, TransportError>>) -> Self {
        Self {
            replies: RefCell::new(replies),
            sent: RefCell::default(),
            slept: RefCell::default(),
        }
    }
}

impl Transport for Fake {
    async fn send(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.sent.borrow_mut().push(req);
        self.replies.borrow_mut().remove(0)
    }
    async fn sleep(&self, millis: u64) {
        self.slept.borrow_mut().push(millis);
    }
}

fn resp(status: u16, body: &str, headers: &[(&str, &str)]) -> Result<HttpResponse, TransportError> {
    Ok(HttpResponse {
        status,
        body: body.into(),
        headers: headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    })
}

fn tenant_ctx() -> CallContext {
    CallContext {
        org_slug: Some("acme".into()),
        org_id: Some("7b0c1d4e-0000-4000-8000-000000000001".into()),
        ..Default::default()
    }
}

fn header<'a>(req: &'a HttpRequest, name: &str) -> Option<&'a str> {
    req.headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

#[test]
fn control_plane_urls_direct_and_through_the_tenant_proxy() {
    let prod = Endpoints::production();
    let direct = calls::get_org("acme")
        .request(&prod, &CallContext::default())
        .unwrap();
    assert_eq!(direct.url, "https://api.moleculesai.app/api/v1/orgs/acme");

    let ctx = CallContext {
        cp_proxy_origin: Some(prod.tenant_base("acme")),
        ..tenant_ctx()
    };
    let proxied = calls::get_org("acme").request(&prod, &ctx).unwrap();
    assert_eq!(proxied.url, "https://acme.moleculesai.app/cp/orgs/acme");

    // Admin routes are not on the tenant allowlist, so they always go to the control plane.
    let admin = calls::admin_list_orgs()
        .query("limit", 20)
        .request(&prod, &ctx)
        .unwrap();
    assert_eq!(
        admin.url,
        "https://api.moleculesai.app/api/v1/admin/orgs?limit=20"
    );
}

#[test]
fn tenant_urls_use_the_slug_and_the_configured_suffix() {
    let local = Endpoints::local(8080);
    let req = calls::list_workspaces()
        .request(&local, &tenant_ctx())
        .unwrap();
    assert_eq!(req.url, "http://acme.localhost:8080/workspaces");
    assert_eq!(local.control_plane_base(), "http://api.localhost:8080");
    assert_eq!(local.auth_origin(), "http://app.localhost:8080");
    assert_eq!(
        Endpoints::production().tenant_base("beta"),
        "https://beta.moleculesai.app"
    );
    assert_eq!(
        local.slug_of_host("acme.localhost:8080").as_deref(),
        Some("acme")
    );
    assert_eq!(local.slug_of_host("api.localhost:8080"), None);
    assert_eq!(local.slug_of_host("a.b.localhost:8080"), None);
}

#[test]
fn path_parameters_are_encoded_and_dot_segments_cannot_form() {
    let req = calls::get_workspace("../admin")
        .request(&Endpoints::production(), &tenant_ctx())
        .unwrap();
    assert_eq!(
        req.url,
        "https://acme.moleculesai.app/workspaces/..%2Fadmin"
    );
    let req = calls::get_workspace("..")
        .request(&Endpoints::production(), &tenant_ctx())
        .unwrap();
    assert_eq!(req.url, "https://acme.moleculesai.app/workspaces/%2E%2E");
    assert!(
        calls::get_workspace("")
            .request(&Endpoints::production(), &tenant_ctx())
            .is_err()
    );
}

#[test]
fn tenant_calls_carry_both_org_headers_and_require_the_org_id() {
    let req = calls::list_workspaces()
        .request(&Endpoints::production(), &tenant_ctx())
        .unwrap();
    assert_eq!(header(&req, ORG_SLUG_HEADER), Some("acme"));
    assert_eq!(
        header(&req, ORG_ID_HEADER),
        Some("7b0c1d4e-0000-4000-8000-000000000001")
    );
    let no_id = CallContext {
        org_id: None,
        ..tenant_ctx()
    };
    let err = calls::list_workspaces()
        .request(&Endpoints::production(), &no_id)
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Invalid);
    // The routes the tenant guard exempts go out without it.
    let req = calls::get_health()
        .request(&Endpoints::production(), &no_id)
        .expect("health needs no org id");
    assert_eq!(header(&req, ORG_ID_HEADER), None);
    assert!(
        calls::get_buildinfo()
            .request(&Endpoints::production(), &no_id)
            .is_ok()
    );
    // Control-plane calls never carry the tenant routing headers.
    let cp = calls::list_orgs()
        .request(&Endpoints::production(), &tenant_ctx())
        .unwrap();
    assert_eq!(header(&cp, ORG_ID_HEADER), None);
}

#[test]
fn bearer_only_where_the_tier_takes_one_and_cookies_only_for_session_tiers() {
    let ctx = CallContext {
        bearer: Some("secret-token".into()),
        ..tenant_ctx()
    };
    let prod = Endpoints::production();
    // Session-only control-plane call: cookies, no bearer.
    let me = calls::auth_me().request(&prod, &ctx).unwrap();
    assert!(me.with_credentials);
    assert_eq!(header(&me, "Authorization"), None);
    // CP admin: bearer, no cookies.
    let admin = calls::admin_list_orgs().request(&prod, &ctx).unwrap();
    assert!(!admin.with_credentials);
    assert_eq!(header(&admin, "Authorization"), Some("Bearer secret-token"));
    // Public lookup: neither.
    let public = calls::get_org_instance("acme")
        .request(&prod, &ctx)
        .unwrap();
    assert!(!public.with_credentials);
    assert_eq!(header(&public, "Authorization"), None);
}

#[test]
fn deprovision_sends_the_admin_token_header_and_workspace_delete_needs_confirm_name() {
    let ctx = CallContext {
        bearer: Some("provision-secret".into()),
        admin_token: Some("tenant-admin".into()),
        ..Default::default()
    };
    let req = calls::deprovision_workspace("ws-1")
        .query("instance_id", "i-1")
        .request(&Endpoints::production(), &ctx)
        .unwrap();
    assert_eq!(header(&req, ADMIN_TOKEN_HEADER), Some("tenant-admin"));
    assert_eq!(
        header(&req, "Authorization"),
        Some("Bearer provision-secret")
    );

    let missing = calls::delete_workspace("ws-1").request(&Endpoints::production(), &tenant_ctx());
    assert_eq!(missing.unwrap_err().kind, ErrorKind::Invalid);
    let ok = calls::delete_workspace("ws-1")
        .header(CONFIRM_NAME_HEADER, "alpha")
        .request(&Endpoints::production(), &tenant_ctx())
        .unwrap();
    assert_eq!(header(&ok, CONFIRM_NAME_HEADER), Some("alpha"));
}

#[test]
fn undocumented_query_parameters_are_refused() {
    let err = calls::list_orgs()
        .query("evil", 1)
        .request(&Endpoints::production(), &CallContext::default());
    assert_eq!(err.unwrap_err().kind, ErrorKind::Invalid);
}

#[test]
fn proxy_allowlist_and_traversal() {
    for ok in [
        "/cp/auth/me",
        "/cp/orgs",
        "/cp/orgs/acme/export",
        "/cp/billing/checkout",
        "/cp/templates",
        "/cp/templates/starter",
        "/cp/legal/terms",
    ] {
        assert!(proxy_allows(ok), "{ok}");
    }
    for bad in [
        "/cp/admin/orgs",
        "/cp/orgsx",
        "/cp/auth",
        "/cp/orgs/../admin/orgs",
        "/cp/orgs/%2e%2e/admin",
        "/cp/orgs/%2F..",
        "/cp/workspaces/provision",
        "/cp/orgs/./x",
        "/cp/orgs\\..\\admin",
    ] {
        assert!(!proxy_allows(bad), "{bad}");
    }
}

#[test]
fn the_auth_host_also_forwards_invitations_and_tenants_do_not() {
    assert!(!proxy_allows("/cp/invitations/abc"));
    assert!(auth_host_allows("/cp/invitations/abc"));
    assert!(auth_host_allows("/cp/invitations/abc/accept"));
    assert!(auth_host_allows("/cp/orgs"));
    for bad in [
        "/cp/invitations",
        "/cp/invitations/../admin/orgs",
        "/cp/invitations/%2e%2e/x",
        "/cp/admin/orgs",
    ] {
        assert!(!auth_host_allows(bad), "{bad}");
    }
    // The console on the auth host calls the preview same-origin; on a tenant host the call
    // would go to the control plane itself (the tenant would answer an empty 404).
    let ep = Endpoints::local(8080);
    let preview = calls::get_invitation_preview("demo-invite-pending-0001");
    let on = |origin: &str| {
        let ctx = CallContext {
            cp_proxy_origin: Some(origin.into()),
            ..Default::default()
        };
        ep.url(preview.op, &preview.path_params, &[], &ctx).unwrap()
    };
    assert_eq!(
        on("http://app.localhost:8080"),
        "http://app.localhost:8080/cp/invitations/demo-invite-pending-0001"
    );
    assert_eq!(
        on("http://acme.localhost:8080"),
        "http://api.localhost:8080/api/v1/invitations/demo-invite-pending-0001"
    );
}

#[test]
fn retryable_gets_retry_once_honouring_retry_after() {
    let fake = Fake::new(vec![
        resp(429, r#"{"error":"slow down"}"#, &[("Retry-After", "3")]),
        resp(200, "[]", &[]),
    ]);
    let orgs =
        block_on(calls::list_orgs().send(&fake, &Endpoints::production(), &CallContext::default()));
    assert_eq!(orgs.unwrap().into_vec(), vec![]);
    assert_eq!(*fake.slept.borrow(), vec![3000]);
    assert_eq!(fake.sent.borrow().len(), 2);
}

#[test]
fn retry_after_beyond_the_cap_is_not_waited_for() {
    let fake = Fake::new(vec![resp(503, "", &[("Retry-After", "120")])]);
    let err =
        block_on(calls::list_orgs().send(&fake, &Endpoints::production(), &CallContext::default()))
            .unwrap_err();
    assert_eq!(err.status, 503);
    assert_eq!(err.retry_after, Some(120));
    assert!(fake.slept.borrow().is_empty());
}

#[test]
fn mutations_are_never_retried() {
    let fake = Fake::new(vec![resp(503, "", &[])]);
    let body = types::CreateOrgRequest {
        slug: "acme".parse().unwrap(),
        name: "Acme".parse().unwrap(),
        plan: None,
    };
    let err = block_on(calls::create_org(&body).send(
        &fake,
        &Endpoints::production(),
        &CallContext::default(),
    ))
    .unwrap_err();
    assert_eq!(err.status, 503);
    assert_eq!(fake.sent.borrow().len(), 1);
}

#[test]
fn network_errors_on_gets_are_retried_once() {
    let fake = Fake::new(vec![
        Err(TransportError::Network("reset".into())),
        Err(TransportError::Network("reset".into())),
    ]);
    let err =
        block_on(calls::list_orgs().send(&fake, &Endpoints::production(), &CallContext::default()))
            .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Network);
    assert_eq!(fake.sent.borrow().len(), 2);
    assert!(err.message().contains("Cannot reach"));
}

#[test]
fn error_bodies_become_codes_and_human_messages_never_the_raw_text() {
    let body =
        r#"{"error":"pq: duplicate key value violates unique constraint","code":"SLUG_TAKEN"}"#;
    let err = ApiError::from_response(&HttpResponse {
        status: 409,
        body: body.into(),
        headers: vec![],
    });
    assert_eq!(err.code.as_deref(), Some("SLUG_TAKEN"));
    assert!(!err.message().contains("pq:"));
    assert!(err.message().contains("slug"));
    assert_eq!(
        err.server_message.as_deref(),
        Some("pq: duplicate key value violates unique constraint")
    );

    // Empty 404 (the tenant guard's answer to a wrong org id) still maps by status.
    let err = ApiError::from_response(&HttpResponse {
        status: 404,
        body: String::new(),
        headers: vec![],
    });
    assert!(err.is_not_found());
    assert!(err.message().starts_with("Not found"));
    // HTML from a proxy is not shown either.
    let err = ApiError::from_response(&HttpResponse {
        status: 502,
        body: "<html>bad gateway</html>".into(),
        headers: vec![],
    });
    assert!(!err.message().contains("html"));
}

#[test]
fn every_documented_status_has_a_human_message() {
    for op in ops::ALL {
        for (status, _) in op.responses {
            if *status >= 400 {
                let m = human_message(ErrorKind::Http, *status, None);
                assert_ne!(m, "Something went wrong. Try again.", "{} {status}", op.id);
            }
        }
    }
}

#[test]
fn every_error_code_of_the_contract_has_a_specific_message() {
    let spec: serde_json::Value =
        serde_yaml::from_str(include_str!("../../spec/management.yaml")).expect("spec parses");
    let codes = spec["components"]["schemas"]["ErrorCode"]["enum"]
        .as_array()
        .expect("ErrorCode enum");
    let generic = human_message(ErrorKind::Http, 599, None);
    for code in codes {
        let code = code.as_str().unwrap();
        assert_ne!(
            human_message(ErrorKind::Http, 599, Some(code)),
            generic,
            "no message for {code}"
        );
    }
}

#[test]
fn schema_examples_round_trip_through_the_generated_types() {
    let spec: serde_json::Value =
        serde_yaml::from_str(include_str!("../../spec/management.yaml")).expect("spec parses");
    let schemas = spec["components"]["schemas"].as_object().unwrap();
    let mut checked = 0;
    let mut failures = Vec::new();
    for (name, schema) in schemas {
        let Some(example) = schema.get("example") else {
            continue;
        };
        match schemas::roundtrip(name, example.clone()) {
            None => failures.push(format!("{name} has no generated type")),
            Some(Err(e)) => failures.push(format!("{name} example does not deserialize: {e}")),
            Some(Ok(back)) if &back != example => failures.push(format!(
                "{name} example changed in a round trip:\n  {example}\n  {back}"
            )),
            Some(Ok(_)) => {}
        }
        checked += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 20, "only {checked} schemas have examples");
    assert_eq!(schemas::NAMES.len(), schemas.len());
}

#[test]
fn operation_table_matches_the_spec() {
    let spec: serde_json::Value =
        serde_yaml::from_str(include_str!("../../spec/management.yaml")).expect("spec parses");
    let mut count = 0;
    for (path, item) in spec["paths"].as_object().unwrap() {
        for method in ["get", "post", "put", "patch", "delete"] {
            let Some(op) = item.get(method) else { continue };
            count += 1;
            let id = op["operationId"].as_str().unwrap();
            let row = Operation::by_id(id).unwrap_or_else(|| panic!("{id} missing from the table"));
            assert_eq!(row.path, path);
            assert_eq!(row.method.as_str().to_ascii_lowercase(), method);
            let surface = if item["x-molecule-surface"] == "tenant" {
                Surface::Tenant
            } else {
                Surface::ControlPlane
            };
            assert_eq!(row.surface, surface, "{id}");
            assert_eq!(
                row.retry,
                method == "get" && op["x-molecule-retry"] != false,
                "{id}"
            );
            assert!(
                row.security
                    .iter()
                    .flat_map(|a| a.iter())
                    .all(|t| *t != Tier::Unknown),
                "{id}"
            );
            if row.surface == Surface::ControlPlane {
                assert!(row.path.starts_with(CP_PREFIX), "{id}");
            }
        }
    }
    assert_eq!(count, ops::ALL.len());
    // Only GETs are retryable.
    assert!(
        ops::ALL
            .iter()
            .filter(|o| o.retry)
            .all(|o| o.method == Method::Get)
    );
}

#[test]
fn no_tenant_api_route_lives_under_the_console_page_prefix() {
    // The console's pages on a tenant host live under /console; the tenant API must never
    // claim that prefix or a browser loading a page would get an API answer.
    for op in ops::ALL.iter().filter(|o| o.surface == Surface::Tenant) {
        assert!(!op.path.starts_with("/console"), "{} {}", op.id, op.path);
    }
}

#[test]
fn unknown_enum_values_decode_and_keep_the_raw_value() {
    // One org with a status this SDK does not know must not fail the whole list.
    let list: Vec<types::Organization> = serde_json::from_str(
        r#"[{"id":"2b0c7f8e-6a8f-4f5e-9d43-0f3c3f1c2a10","slug":"acme","name":"Acme","plan":"pro",
            "status":"running","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"},
           {"id":"9c1d2e3f-0000-4000-8000-000000000001","slug":"new","name":"New","plan":"enterprise",
            "status":"migrating","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}]"#,
    )
    .expect("a list with unknown values decodes");
    assert_eq!(list[0].status, types::OrgStatus::Running);
    assert_eq!(
        list[1].status,
        types::OrgStatus::Unknown("migrating".into())
    );
    assert_eq!(list[1].plan, types::PlanId::Unknown("enterprise".into()));
    // Shown and sent back exactly as received.
    assert_eq!(list[1].status.to_string(), "migrating");
    assert_eq!(serde_json::to_value(&list[1].status).unwrap(), "migrating");
    assert_eq!(
        "migrating".parse::<types::OrgStatus>().unwrap(),
        list[1].status
    );
    // Known values still decode to their variant, and the empty string (a Go zero value) has its own variant.
    assert_eq!(
        serde_json::from_str::<types::PlanId>(r#""""#).unwrap(),
        types::PlanId::Empty
    );
    // A value with escapes is read as its text; a value that is not text is refused.
    assert_eq!(
        serde_json::from_str::<types::WorkspaceStatus>(r#""on\u006cine""#).unwrap(),
        types::WorkspaceStatus::Online
    );
    let err = serde_json::from_str::<types::WorkspaceStatus>("3").unwrap_err();
    assert!(err.to_string().contains("expected a string"), "{err}");
}

#[test]
fn null_takes_the_default_of_a_field_that_has_one() {
    // Go sends `null` for a nil slice unless the field is omitempty.
    let e: types::Error =
        serde_json::from_str(r#"{"error":"x","missing_env":null}"#).expect("null list decodes");
    assert!(e.missing_env.is_empty());
}

#[test]
fn error_bodies_that_do_not_fit_error_still_reach_the_client() {
    // A cascade delete's 409 has no `error` field on the real tenant.
    let err = ApiError::from_response(&HttpResponse {
        status: 409,
        body: r#"{"status":"confirmation_required","message":"has children","children_count":2}"#
            .into(),
        headers: vec![],
    });
    let body = err.body().expect("every property of Error is optional");
    assert_eq!(body.status.as_deref(), Some("confirmation_required"));
    assert_eq!(body.error, None);
    assert_eq!(
        err.json_str("status").as_deref(),
        Some("confirmation_required")
    );
    assert_eq!(err.json_str("children_count"), None, "not a string");
    assert_eq!(err.json().unwrap()["children_count"], 2);
    assert_eq!(err.server_message.as_deref(), Some("has children"));
    assert!(err.message().contains("conflicts"));
    // The control plane sends its machine code in `error`; a sentence is never a code.
    let coded = |status, body: &str| {
        ApiError::from_response(&HttpResponse {
            status,
            body: body.into(),
            headers: vec![],
        })
    };
    assert_eq!(
        coded(422, r#"{"error":"RUNTIME_PIN_MISSING"}"#)
            .code
            .as_deref(),
        Some("RUNTIME_PIN_MISSING")
    );
    assert_eq!(
        coded(409, r#"{"error":"provision_in_progress"}"#)
            .code
            .as_deref(),
        Some("provision_in_progress")
    );
    assert_eq!(
        coded(404, r#"{"error":"org not found","slug":"x"}"#).code,
        None
    );
    // Text and empty bodies keep the status and nothing else.
    for body in ["", "404 page not found", "<html>bad gateway</html>"] {
        let e = coded(502, body);
        assert!(e.json_body.is_none() && e.body().is_none() && e.code.is_none());
        assert!(e.message().contains("did not answer"));
    }
}

#[test]
fn an_error_body_is_read_without_a_tree_and_tolerantly() {
    let read = |body: &str| {
        ApiError::from_response(&HttpResponse {
            status: 400,
            body: body.into(),
            headers: vec![],
        })
    };
    // Other fields, nested values and non-string codes are skipped; the last of a repeated
    // field counts; escapes are decoded.
    let e = read(
        r#"{"details":{"fields":[{"name":"slug"}]},"code":7,"code":"SLUG_TAKEN","error":"slug \"x\" taken","n":[1,2.5,null,true]}"#,
    );
    assert_eq!(e.code.as_deref(), Some("SLUG_TAKEN"));
    assert_eq!(e.server_message.as_deref(), Some("slug \"x\" taken"));
    assert_eq!(e.json_str("error").as_deref(), Some("slug \"x\" taken"));
    assert!(e.json_body.is_some());
    let clean = read(r#"{"code":"SLUG_TAKEN","details":{"x":[1]}}"#);
    assert_eq!(
        clean.body().and_then(|b| b.code).as_deref(),
        Some("SLUG_TAKEN")
    );
    // JSON that is not an object, or broken JSON, keeps only the status.
    for body in [
        r#"["SLUG_TAKEN"]"#,
        r#""SLUG_TAKEN""#,
        "42",
        r#"{"code":"SLUG_TAKEN""#,
        "{} x",
    ] {
        let e = read(body);
        assert!(e.json_body.is_none() && e.code.is_none(), "{body}");
        assert_eq!(e.status, 400);
    }
    // A `message` is kept for the logs when there is no `error`.
    assert_eq!(
        read(r#" {"message":"m"}"#).server_message.as_deref(),
        Some("m")
    );
}

#[test]
fn the_org_list_decodes_bare_or_wrapped() {
    let org = r#"{"id":"2b0c7f8e-6a8f-4f5e-9d43-0f3c3f1c2a10","slug":"acme","name":"Acme",
        "plan":"","status":"awaiting_payment","created_at":"2026-01-01T00:00:00Z",
        "updated_at":"2026-01-01T00:00:00Z"}"#;
    for body in [format!("[{org}]"), format!(r#"{{"orgs":[{org}]}}"#)] {
        let list: types::OrgList = serde_json::from_str(&body).expect("decodes");
        let orgs = list.into_vec();
        assert_eq!(orgs.len(), 1, "{body}");
        assert_eq!(orgs[0].plan, types::PlanId::Empty);
    }
    // The kind of value picks the variant: a bad org inside says what is wrong with it, and a
    // value of neither kind is refused.
    let bad = serde_json::from_str::<types::OrgList>(r#"[{"slug":"acme"}]"#).unwrap_err();
    assert!(bad.to_string().contains("missing field"), "{bad}");
    let err = serde_json::from_str::<types::OrgList>(r#""acme""#).unwrap_err();
    assert!(err.to_string().contains("an array or an object"), "{err}");
}

#[test]
fn an_env_requirement_is_a_name_or_any_of_names() {
    let both: Vec<types::EnvRequirement> =
        serde_json::from_str(r#"["OPENAI_API_KEY", {"any_of": ["A", "B"]}]"#).expect("decodes");
    assert_eq!(
        both[0],
        types::EnvRequirement::String("OPENAI_API_KEY".into())
    );
    assert_eq!(
        both[1],
        types::EnvRequirement::EnvAnyOf(types::EnvAnyOf {
            any_of: vec!["A".into(), "B".into()]
        })
    );
    // Encoding writes each back in its own shape.
    assert_eq!(
        serde_json::to_string(&both).unwrap(),
        r#"["OPENAI_API_KEY",{"any_of":["A","B"]}]"#
    );
    assert!(serde_json::from_str::<types::EnvRequirement>("[]").is_err());
}

#[test]
fn a_body_decodes_like_response_text() {
    use crate::body_text;
    assert_eq!(body_text(b"[1,2]".to_vec()), "[1,2]");
    assert_eq!(
        body_text("{\"n\":\"Zoë\"}".as_bytes().to_vec()),
        "{\"n\":\"Zoë\"}"
    );
    // A byte order mark is dropped; a malformed sequence becomes U+FFFD, not an empty body.
    assert_eq!(body_text(b"\xEF\xBB\xBF{}".to_vec()), "{}");
    assert_eq!(
        body_text(b"{\"a\":\"\xFF\"}".to_vec()),
        "{\"a\":\"\u{FFFD}\"}"
    );
}
