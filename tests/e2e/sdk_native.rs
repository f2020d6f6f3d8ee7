//! The SDK's native transport against a running devserver on loopback: the same typed calls,
//! URL building and header policy the console uses, over real HTTP, for both surfaces.

use molecule_sdk::{
    CONFIRM_NAME_HEADER, CallContext, Endpoints, ErrorKind, calls, native::NativeTransport,
    types::CreateWorkspaceRequest,
};
use std::time::Duration;

async fn devserver() -> (molecule_devserver::Running, Endpoints) {
    let db = tempfile::NamedTempFile::new().unwrap();
    let server = molecule_devserver::start(molecule_devserver::Config {
        port: 0,
        db: db.path().to_path_buf(),
        seed: true,
        dist: None,
        ..molecule_devserver::Config::default()
    })
    .await
    .expect("devserver starts");
    // The database file must outlive the server; leak the handle for the test's duration.
    std::mem::forget(db);
    let port = server.addr.port();
    (server, Endpoints::local(port))
}

#[tokio::test]
async fn control_plane_calls_public_session_and_operator_tiers() {
    let (server, ep) = devserver().await;
    let http = NativeTransport::new(Duration::from_secs(10)).unwrap();

    // Public: the plan list.
    let plans = calls::list_plans()
        .send(&http, &ep, &CallContext::default())
        .await
        .unwrap();
    assert!(plans.len() >= 3);

    // Session tier without a session: a typed 401 with a human message.
    let err = calls::auth_me()
        .send(&http, &ep, &CallContext::default())
        .await
        .unwrap_err();
    assert_eq!((err.kind, err.status), (ErrorKind::Http, 401));
    assert!(err.message().contains("Sign in"));

    // Operator tier: the bearer goes only where the tier takes it.
    let admin = CallContext {
        bearer: Some("dev-cp-admin-token".into()),
        ..Default::default()
    };
    let orgs = calls::admin_list_orgs()
        .query("limit", 50)
        .send(&http, &ep, &admin)
        .await
        .unwrap();
    let acme = orgs
        .orgs
        .iter()
        .find(|o| o.slug.as_str() == "acme")
        .expect("acme in the fleet");
    // The operator list reports the instance state (the real list has no top-level status).
    assert_eq!(acme.instance_status.as_deref(), Some("running"));
    let one = calls::admin_get_org("acme")
        .send(&http, &ep, &admin)
        .await
        .unwrap();
    assert_eq!(one.slug.as_str(), "acme");
    let wrong = CallContext {
        bearer: Some("nope".into()),
        ..Default::default()
    };
    let err = calls::admin_list_orgs()
        .send(&http, &ep, &wrong)
        .await
        .unwrap_err();
    assert_eq!(err.status, 401);
    server.shutdown().await;
}

#[tokio::test]
async fn tenant_calls_carry_the_org_headers_and_the_admin_bearer() {
    let (server, ep) = devserver().await;
    let http = NativeTransport::new(Duration::from_secs(10)).unwrap();
    let admin = CallContext {
        bearer: Some("dev-cp-admin-token".into()),
        ..Default::default()
    };
    let org = calls::admin_get_org("acme")
        .send(&http, &ep, &admin)
        .await
        .unwrap();
    let ctx = CallContext {
        org_slug: Some("acme".into()),
        org_id: Some(org.id.to_string()),
        bearer: Some("demo-admin-token-acme".into()),
        ..Default::default()
    };
    let before = calls::list_workspaces()
        .send(&http, &ep, &ctx)
        .await
        .unwrap();
    assert!(!before.is_empty());

    let body: CreateWorkspaceRequest = serde_json::from_value(
        serde_json::json!({"name": "sdk-native", "model": "claude-sonnet-4"}),
    )
    .unwrap();
    let created = calls::create_workspace(&body)
        .send(&http, &ep, &ctx)
        .await
        .unwrap();
    let id = created.id.to_string();

    // Delete needs the confirm header; the SDK refuses to send the call without it.
    let refused = calls::delete_workspace(&id).request(&ep, &ctx).unwrap_err();
    assert_eq!(refused.kind, ErrorKind::Invalid);
    let deleted = calls::delete_workspace(&id)
        .header(CONFIRM_NAME_HEADER, "sdk-native")
        .send(&http, &ep, &ctx)
        .await
        .unwrap();
    assert_eq!(deleted.cascade_deleted, Some(0));
    let gone = calls::get_workspace(&id)
        .send(&http, &ep, &ctx)
        .await
        .unwrap_err();
    assert!(gone.is_not_found(), "{gone:?}");

    // The tenant guard: another org's id gets the empty 404.
    let other = CallContext {
        org_id: Some("00000000-0000-4000-8000-000000000000".into()),
        ..ctx.clone()
    };
    let err = calls::list_workspaces()
        .send(&http, &ep, &other)
        .await
        .unwrap_err();
    assert_eq!((err.status, err.body().is_none()), (404, true));
    server.shutdown().await;
}
