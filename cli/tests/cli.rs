//! The `molecule` binary end to end against a seeded devserver: every command group, tables
//! and JSON, exit codes per failure class, bad input, missing credentials, confirmations.

mod support;

use support::*;

/// Exit codes (cli/README.md).
const USAGE: i32 = 2;
const AUTH: i32 = 3;
const NOT_FOUND: i32 = 4;
const CONFLICT: i32 = 5;
const VALIDATION: i32 = 6;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_signs_in_and_manages_orgs_members_and_billing() {
    let p = Platform::start().await;
    // Public: a table for people, JSON for scripts.
    let table = p.ok(&[], &["plans", "list"]).await;
    assert!(table.stdout.starts_with("ID "), "{table:?}");
    assert!(table.stdout.contains("starter"));
    assert!(
        p.ok(&[], &["--json", "plans", "list"])
            .await
            .json()
            .as_array()
            .unwrap()
            .len()
            >= 3
    );

    // A session-tier command before signing in: the missing credential, in words.
    let out = p
        .fails(&[], &["orgs", "list"], AUTH, "MISSING_CREDENTIAL")
        .await;
    assert!(out.stderr.contains("molecule login"), "{out:?}");

    // Sign in: the session goes to the profile file, never to the terminal.
    let login = p.ok(&[], &["login", "ada@example.com"]).await;
    let file = std::fs::read_to_string(p.config_path()).unwrap();
    let session = file
        .split("session = \"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert!(session.len() > 20);
    never_shows(&login, session);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(p.config_path())
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "profile file readable by others");
    }

    let orgs = p.ok(&[], &["orgs", "list"]).await;
    assert!(
        orgs.stdout
            .lines()
            .any(|l| l.contains("acme") && l.contains("running"))
    );
    never_shows(&orgs, session);
    assert_eq!(
        p.ok(&[], &["orgs", "get", "acme", "--json"]).await.json()["slug"],
        "acme"
    );
    assert_eq!(
        p.ok(&[], &["auth", "me", "--json"]).await.json()["email"],
        "ada@example.com"
    );
    let members = p.ok(&[], &["members", "list", "acme"]).await;
    assert!(members.stdout.contains("grace@example.com"), "{members:?}");
    let invitations = p
        .ok(&[], &["invitations", "list", "acme", "--json"])
        .await
        .json();
    assert!(invitations.to_string().contains("new@example.com"));
    p.ok(&[], &["billing", "invoices", "--org-slug", "acme"])
        .await;
    p.ok(&[], &["catalog", "list"]).await;

    // Failure classes, each with its exit code and machine code.
    p.fails(&[], &["orgs", "get", "no-such-org"], NOT_FOUND, "HTTP 404")
        .await;
    let args = [
        "invitations",
        "create",
        "acme",
        "--email",
        "new@example.com",
        "--role",
        "member",
    ];
    p.fails(&[], &args, CONFLICT, "INVITATION_PENDING").await;
    let args = ["orgs", "create", "--slug", "Not A Slug", "--name", "X"];
    p.fails(&[], &args, VALIDATION, "HTTP 400").await;
    let out = p.run(&[], &["orgs", "frobnicate"]).await;
    assert_eq!(out.code, USAGE, "{out:?}");
    let args = [
        "invitations",
        "create",
        "acme",
        "--email",
        "x@example.com",
        "--role",
        "boss",
    ];
    assert_eq!(
        p.run(&[], &args).await.code,
        USAGE,
        "an enum value outside the contract"
    );
    p.fails(&[], &["workspaces", "list"], USAGE, "ORG_REQUIRED")
        .await;
    // Errors as JSON for scripts.
    let out = p.run(&[], &["--json", "orgs", "get", "no-such-org"]).await;
    let err: serde_json::Value = serde_json::from_str(out.stderr.trim()).unwrap();
    assert_eq!(
        (err["error"]["status"].as_u64(), out.code),
        (Some(404), NOT_FOUND)
    );

    // Destructive without confirmation is refused before anything is sent; the org stays.
    p.fails(
        &[],
        &["orgs", "delete", "fail-demo"],
        USAGE,
        "CONFIRMATION_REQUIRED",
    )
    .await;
    let wrong = ["orgs", "delete", "fail-demo", "--confirm", "acme"];
    p.fails(&[], &wrong, USAGE, "CONFIRMATION_REQUIRED").await;
    p.ok(&[], &["orgs", "get", "fail-demo"]).await;

    // Signing out forgets the session.
    p.ok(&[], &["auth", "signout"]).await;
    assert!(
        !std::fs::read_to_string(p.config_path())
            .unwrap()
            .contains("session")
    );
    p.stop().await;
}

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
    // Without the token the operator commands say what they need.
    p.fails(&[], &["admin", "orgs", "list"], AUTH, "CP_ADMIN_API_TOKEN")
        .await;
    p.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn help_and_completions_read_well() {
    let p = Platform::start().await;
    let help = p.ok(&[], &["--help"]).await.stdout;
    for group in [
        "orgs",
        "workspaces",
        "secrets",
        "tokens",
        "admin",
        "login",
        "completions",
    ] {
        assert!(
            help.lines().any(|l| l.trim_start().starts_with(group)),
            "{group} in\n{help}"
        );
    }
    let sub = p.ok(&[], &["workspaces", "delete", "--help"]).await.stdout;
    assert!(
        sub.contains("--confirm <NAME>") && sub.contains("--cascade"),
        "{sub}"
    );
    for shell in ["bash", "zsh", "fish"] {
        let out = p.ok(&[], &["completions", shell]).await;
        assert!(
            out.stdout.contains("molecule") && out.stdout.contains("workspaces"),
            "{shell}"
        );
    }
    assert_eq!(p.run(&[], &["completions", "tcsh"]).await.code, USAGE);
    // An unreachable platform is a server/network failure (exit 7).
    let out = p
        .run(
            &[("MOLECULE_BASE_URL", "http://api.localhost:1")],
            &["plans", "list"],
        )
        .await;
    assert_eq!(out.code, 7, "{out:?}");
    p.stop().await;
}
