//! `--seed scale`: the demo dataset plus the lists at scale, seeded in one transaction and
//! quickly, and served by the list endpoints.

mod common;

use common::*;
use molecule_devserver::{
    AppState, Config, app,
    seed::{self, ACME_ID},
};

/// The devserver after `--seed scale` on an in-memory database.
fn scaled() -> T {
    let state = AppState::for_tests(Config {
        port: 8080,
        seed: true,
        seed_scale: true,
        dist: None,
        ..Config::default()
    });
    let started = std::time::Instant::now();
    assert!(seed::seed_scale_if_empty(&state.db, &state.clock).unwrap());
    let took = started.elapsed();
    eprintln!("seeded at scale in {} ms", took.as_millis());
    // One transaction of prepared inserts: seconds at most, even unoptimised.
    assert!(took.as_secs() < 20, "seeding took {took:?}");
    T {
        app: app(state.clone()),
        state,
    }
}

fn count(t: &T, sql: &str) -> i64 {
    t.state
        .db
        .lock()
        .query_row(sql, [ACME_ID], |r| r.get(0))
        .unwrap()
}

#[tokio::test]
async fn the_scale_seed_fills_the_lists() {
    let t = scaled();
    let cp = [("authorization", "Bearer dev-cp-admin-token")];
    // The operator's list: the demo orgs and 1,000 more, paged by the platform.
    let page = t
        .raw(
            "GET",
            API,
            "/api/v1/admin/orgs?limit=500&offset=500",
            &cp,
            vec![],
        )
        .await;
    assert_eq!(page.status, 200);
    let total = page.json()["total"].as_i64().unwrap();
    assert!(total >= 1_000 + 6, "{total} orgs");
    assert_eq!(page.json()["orgs"].as_array().unwrap().len(), 500);
    // acme's workspaces: the demo's and 5,000 more, all in one list.
    let acme = [
        ("x-molecule-org-id", ACME_ID),
        ("authorization", "Bearer demo-admin-token-acme"),
        ("accept", "application/json"),
    ];
    let list = t
        .raw("GET", "acme.localhost:8080", "/workspaces", &acme, vec![])
        .await;
    assert_eq!(list.status, 200);
    let n = list.json().as_array().unwrap().len();
    assert!(n >= seed::scale::WORKSPACES, "{n} workspaces");
    // acme's members: exactly 200, every role present.
    let members = "SELECT COUNT(*) FROM members WHERE org_id = ?1";
    assert_eq!(count(&t, members), seed::scale::MEMBERS as i64);
    for role in ["owner", "admin", "member", "viewer"] {
        let sql = format!("SELECT COUNT(*) FROM members WHERE org_id = ?1 AND role = '{role}'");
        assert!(count(&t, &sql) > 0, "no {role}");
    }
    // Lists longer than the platform's pages: the tokens come 200 at a time at most (50 when
    // not asked), the boot events 500 at most (50 when not asked), the newest last.
    let tokens = |q: &str| format!("/workspaces/{}/tokens{q}", seed::scale::FIRST_WORKSPACE);
    let page = |v: serde_json::Value| v["tokens"].as_array().unwrap().len();
    let host = "acme.localhost:8080";
    assert_eq!(
        page(t.raw("GET", host, &tokens(""), &acme, vec![]).await.json()),
        50
    );
    let first = t
        .raw("GET", host, &tokens("?limit=200"), &acme, vec![])
        .await;
    assert_eq!(page(first.json()), 200);
    let rest = t
        .raw("GET", host, &tokens("?limit=200&offset=200"), &acme, vec![])
        .await;
    assert_eq!(page(rest.json()), seed::scale::TOKENS - 200);
    let boot = |q: &str| format!("/api/v1/admin/tenants/acme/boot-events{q}");
    let events = |v: serde_json::Value| v["events"].as_array().unwrap().clone();
    assert_eq!(
        events(t.raw("GET", API, &boot(""), &cp, vec![]).await.json()).len(),
        50
    );
    let most = events(
        t.raw("GET", API, &boot("?limit=500"), &cp, vec![])
            .await
            .json(),
    );
    assert_eq!(most.len(), 500);
    let last = format!("boot step {0} of {0}", seed::scale::BOOT_EVENTS);
    assert_eq!(most[499]["message"], last.as_str());
    // Seeding again does nothing (the database is no longer empty).
    assert!(!seed::seed_scale_if_empty(&t.state.db, &t.state.clock).unwrap());
}

#[test]
fn the_seed_flag_knows_scale() {
    let c = Config::from_args(["--seed", "scale"].map(String::from)).unwrap();
    assert!(c.seed && c.seed_scale);
    let c = Config::from_args(["--seed", "demo"].map(String::from)).unwrap();
    assert!(c.seed && !c.seed_scale);
    assert!(Config::from_args(["--seed", "huge"].map(String::from)).is_err());
}
