//! The `molecule` binary end to end against a seeded devserver, as a person signed in with a
//! session: control-plane groups, tables and JSON, exit codes per failure class, bad input,
//! missing credentials, confirmations, help and completions.

mod support;

use support::*;

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

    // A session reaches the tenant too; the org's id is looked up by its slug.
    let ws = p.ok(&[], &["--org", "acme", "workspaces", "list"]).await;
    assert!(ws.stdout.contains("Research lead"), "{ws:?}");
    never_shows(&ws, session);

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
    assert_eq!(out.code, SERVER, "{out:?}");
    p.stop().await;
}
