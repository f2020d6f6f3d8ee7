//! The `molecule` binary end to end against a seeded devserver, with keys and tokens: every
//! tenant group with an Org API key or a workspace token, every operator group with the CP
//! admin token, confirmations carried by the contract.

mod support;

use support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_org_api_key_drives_the_tenant_commands() {
    let p = Platform::start().await;
    let env = [
        ("MOLECULE_ORG_API_KEY", ORG_KEY),
        ("MOLECULE_ORG_ID", ACME_ID),
        ("MOLECULE_ORG", "acme"),
    ];
    let list = p.ok(&env, &["workspaces", "list"]).await;
    assert!(list.stdout.contains("Research lead"), "{list:?}");
    never_shows(&list, ORG_KEY);

    let created = p
        .ok(
            &env,
            &[
                "workspaces",
                "create",
                "--name",
                "cli-made",
                "--model",
                "claude-sonnet-4",
                "--json",
            ],
        )
        .await
        .json();
    let id = created["id"].as_str().unwrap().to_string();
    assert_eq!(
        p.ok(&env, &["workspaces", "get", &id, "--json"])
            .await
            .json()["name"],
        "cli-made"
    );
    // The contract's confirmation header: refused without it, wrong name refused by the platform.
    p.fails(
        &env,
        &["workspaces", "delete", &id],
        USAGE,
        "CONFIRMATION_REQUIRED",
    )
    .await;
    p.fails(
        &env,
        &["workspaces", "delete", &id, "--confirm", "nope"],
        VALIDATION,
        "HTTP 400",
    )
    .await;
    p.ok(
        &env,
        &["workspaces", "delete", &id, "--confirm", "cli-made"],
    )
    .await;
    p.fails(
        &env,
        &["workspaces", "get", &id],
        NOT_FOUND,
        "WORKSPACE_REMOVED",
    )
    .await;

    // Org secrets: set, list (values never come back), delete with the key repeated.
    p.ok(
        &env,
        &[
            "secrets",
            "set",
            "--key",
            "CLI_KEY",
            "--value",
            "s3cret-value",
        ],
    )
    .await;
    let secrets = p.ok(&env, &["secrets", "list"]).await;
    assert!(secrets.stdout.contains("CLI_KEY"));
    never_shows(&secrets, "s3cret-value");
    p.ok(
        &env,
        &["secrets", "delete", "CLI_KEY", "--confirm", "CLI_KEY"],
    )
    .await;

    // Org API keys: mint (the one time a token is shown), list, revoke.
    let minted = p
        .ok(&env, &["tokens", "mint", "--name", "ci", "--json"])
        .await
        .json();
    let token_id = minted["id"].as_str().unwrap().to_string();
    assert!(p.ok(&env, &["tokens", "list"]).await.stdout.contains("ci"));
    p.ok(
        &env,
        &["tokens", "revoke", &token_id, "--confirm", &token_id],
    )
    .await;

    // A workspace's own things; --body @file for what flags do not cover.
    p.ok(
        &env,
        &[
            "workspaces",
            "secrets",
            "set",
            WS_LEAD,
            "--key",
            "K1",
            "--value",
            "v",
        ],
    )
    .await;
    assert!(
        p.ok(&env, &["workspaces", "secrets", "list", WS_LEAD])
            .await
            .stdout
            .contains("K1")
    );
    let body = p.dir.path().join("budget.json");
    std::fs::write(&body, r#"{"budget_limit": 4200}"#).unwrap();
    let arg = format!("@{}", body.display());
    p.ok(
        &env,
        &["workspaces", "budget", "set", WS_LEAD, "--body", &arg],
    )
    .await;
    let budget = p
        .ok(&env, &["workspaces", "budget", "get", WS_LEAD, "--json"])
        .await
        .json();
    assert!(budget.to_string().contains("4200"), "{budget}");
    p.ok(&env, &["workspaces", "billing-mode", "get", WS_LEAD])
        .await;
    p.ok(&env, &["workspaces", "tokens", "list", WS_LEAD]).await;
    p.fails(
        &env,
        &["workspaces", "budget", "set", WS_LEAD, "--body", "{nope"],
        USAGE,
        "not JSON",
    )
    .await;

    for args in [
        vec!["plugins", "allowlist", WS_LEAD],
        vec!["templates", "list"],
        vec!["org-templates", "list"],
        vec!["bundles", "export", WS_LEAD],
        vec!["platform", "health"],
        vec!["platform", "liveness"],
        vec!["platform", "events"],
    ] {
        p.ok(&env, &args).await;
    }

    // A workspace token reaches its own workspace only.
    let ws = [
        ("MOLECULE_WORKSPACE_TOKEN", WS_TOKEN),
        ("MOLECULE_ORG_ID", ACME_ID),
        ("MOLECULE_ORG", "acme"),
    ];
    p.ok(&ws, &["workspaces", "budget", "get", WS_LEAD]).await;
    p.fails(&ws, &["workspaces", "list"], AUTH, "MISSING_CREDENTIAL")
        .await;
    // A wrong key: the platform's refusal.
    let bad = [
        ("MOLECULE_ORG_API_KEY", "wrong"),
        ("MOLECULE_ORG_ID", ACME_ID),
    ];
    p.fails(
        &bad,
        &["--org", "acme", "workspaces", "list"],
        AUTH,
        "HTTP 401",
    )
    .await;
    p.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_operator_drives_the_admin_commands() {
    let p = Platform::start().await;
    let env = [("CP_ADMIN_API_TOKEN", CP_TOKEN)];
    let orgs = p.ok(&env, &["admin", "orgs", "list"]).await;
    assert!(orgs.stdout.contains("fleet-canary"), "{orgs:?}");
    never_shows(&orgs, CP_TOKEN);
    assert_eq!(
        p.ok(&env, &["admin", "tenants", "get", "acme", "--json"])
            .await
            .json()["slug"],
        "acme"
    );
    let dry = p
        .ok(
            &env,
            &[
                "admin",
                "tenants",
                "redeploy",
                "acme",
                "--dry-run",
                "--json",
            ],
        )
        .await;
    assert_eq!(dry.json()["dry_run"], true, "{dry:?}");
    p.ok(&env, &["admin", "amis", "list"]).await;
    p.ok(&env, &["admin", "images", "current"]).await;
    let args = [
        "admin",
        "orgs",
        "create",
        "--slug",
        "cli-org",
        "--name",
        "CLI",
        "--owner-user-id",
        "user_ada",
        "--dry-run",
    ];
    p.ok(&env, &args).await;
    // Teardown: the slug in the body is the confirmation.
    p.fails(
        &env,
        &["admin", "tenants", "teardown", "fleet-west"],
        USAGE,
        "CONFIRMATION_REQUIRED",
    )
    .await;
    p.fails(
        &env,
        &[
            "admin",
            "tenants",
            "teardown",
            "fleet-west",
            "--confirm",
            "x",
        ],
        VALIDATION,
        "HTTP 400",
    )
    .await;
    // The operator's token is not a tenant credential.
    p.fails(
        &env,
        &["--org", "acme", "workspaces", "list"],
        AUTH,
        "MISSING_CREDENTIAL",
    )
    .await;
    // A profile file: its default profile is used, and --profile picks another.
    let file = format!(
        "default = \"ops\"\n[profiles.ops]\ncp_admin_token = \"{CP_TOKEN}\"\n[profiles.none]\n"
    );
    std::fs::write(p.config_path(), file).unwrap();
    p.ok(&[], &["admin", "orgs", "get", "acme"]).await;
    p.fails(
        &[],
        &["--profile", "none", "admin", "orgs", "get", "acme"],
        AUTH,
        "CP_ADMIN_API_TOKEN",
    )
    .await;
    std::fs::remove_file(p.config_path()).unwrap();

    // Without the token the operator commands say what they need.
    p.fails(&[], &["admin", "orgs", "list"], AUTH, "CP_ADMIN_API_TOKEN")
        .await;
    p.stop().await;
}
