//! The tenant and operator part of the demo dataset: the fleet, acme's and hopper-lab's
//! workspaces with everything around them, boot events and pins.

use super::ids::*;
use rusqlite::{Connection, params};

#[allow(clippy::type_complexity)]
pub fn seed(conn: &Connection, now: i64) -> rusqlite::Result<()> {
    use crate::store::{
        instances::add_boot_event, members, secrets::store_secret, tenant::insert_event, tokens,
    };
    let min = 60_000;
    conn.execute(
        "INSERT INTO users (id, email, name, terms_version, terms_accepted_at, created_at) VALUES ('user_ops', 'ops@example.com', 'Ops Robot', ?1, ?2, ?2)",
        params![crate::auth::TERMS_VERSION, now - 30 * DAY],
    )?;
    for (i, (id, slug)) in FLEET.iter().enumerate() {
        let created = now - (20 - i as i64) * DAY;
        conn.execute(
            "INSERT INTO orgs (id, slug, name, plan, status, created_at, updated_at, created_by, credits_balance, plan_monthly_credits,
                overage_cap_credits, provision_started_at, admin_token, ip)
             VALUES (?1, ?2, ?3, 'pro', 'running', ?4, ?4, 'user_ops', 250000, 250000, 0, ?4, ?5, '127.0.0.1')",
            params![id, slug, format!("Fleet {}", &slug[6..]), created, format!("demo-admin-token-{slug}")],
        )?;
        members::add(conn, id, "user_ops", "owner", created, None)?;
    }
    // Boot events of every org with an instance (the five provisioning stages).
    let orgs: Vec<(String, i64, String)> = conn
        .prepare("SELECT id, COALESCE(provision_started_at, created_at), status FROM orgs WHERE status <> 'awaiting_payment'")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    for (id, started, status) in orgs {
        let stages: &[(&str, &str, &str)] = match status.as_str() {
            "failed" => &[
                ("launching", "info", "instance launched"),
                ("installing", "error", "simulated failure while installing"),
            ],
            "provisioning" => &[("launching", "info", "instance launched")],
            _ => &[
                ("launching", "info", "instance launched"),
                ("installing", "info", "workspace server installed"),
                ("starting", "info", "services started"),
                ("configuring_https", "info", "TLS certificate issued"),
                ("ready", "info", "tenant is serving"),
            ],
        };
        for (n, (stage, level, message)) in stages.iter().enumerate() {
            add_boot_event(conn, &id, started + n as i64 * 4_000, stage, level, message)?;
        }
    }
    // acme's workspaces: one in every status, a paused parent with a paused child.
    // (id, name, role, status, parent, runtime, model, external, active, spend, error rate, sample error)
    let ws: [(
        &str,
        &str,
        &str,
        &str,
        Option<&str>,
        &str,
        Option<&str>,
        bool,
        i64,
        i64,
        f64,
        &str,
    ); 10] = [
        (
            WS_LEAD,
            "Research lead",
            "Plans research and delegates",
            "online",
            None,
            "claude-code",
            Some("claude-sonnet-4"),
            false,
            2,
            4_200,
            0.01,
            "",
        ),
        (
            WS_PROVISIONING,
            "Nightly reports",
            "Writes the nightly digest",
            "provisioning",
            None,
            "claude-code",
            Some("claude-haiku-4"),
            false,
            0,
            300,
            0.0,
            "",
        ),
        (
            WS_PAUSED_PARENT,
            "Support triage",
            "Sorts incoming tickets",
            "paused",
            None,
            "langgraph",
            Some("gpt-4o-mini"),
            false,
            0,
            2_500,
            0.0,
            "",
        ),
        (
            WS_PAUSED_CHILD,
            "Ticket writer",
            "Drafts replies",
            "paused",
            Some(WS_PAUSED_PARENT),
            "langgraph",
            Some("gpt-4o"),
            false,
            0,
            900,
            0.0,
            "",
        ),
        (
            WS_HIBERNATED,
            "Archive bot",
            "Files old documents",
            "hibernated",
            None,
            "hermes",
            Some("hermes-3-70b"),
            false,
            0,
            150,
            0.0,
            "",
        ),
        (
            WS_DEGRADED,
            "Flaky scraper",
            "Scrapes vendor sites",
            "degraded",
            Some(WS_LEAD),
            "openclaw",
            Some("gpt-4o"),
            false,
            1,
            1_800,
            0.32,
            "upstream 502 from vendor site",
        ),
        (
            WS_FAILED,
            "Broken build",
            "CI fixer",
            "failed",
            None,
            "codex",
            Some("gpt-5"),
            false,
            0,
            60,
            1.0,
            "container exited with code 137 (out of memory)",
        ),
        (
            WS_OFFLINE,
            "Old laptop agent",
            "Runs on a laptop",
            "offline",
            None,
            "external",
            None,
            true,
            0,
            0,
            0.0,
            "",
        ),
        (
            WS_AWAITING,
            "BYO agent",
            "Waiting for its first heartbeat",
            "awaiting_agent",
            None,
            "external",
            None,
            true,
            0,
            0,
            0.0,
            "",
        ),
        (
            WS_REMOVED,
            "Retired helper",
            "No longer used",
            "removed",
            None,
            "claude-code",
            Some("claude-sonnet-4"),
            false,
            0,
            700,
            0.0,
            "",
        ),
    ];
    for (i, (id, name, role, status, parent, runtime, model, external, active, spend, rate, err)) in
        ws.iter().enumerate()
    {
        let created = now - (10 - i as i64) * DAY;
        let since = if *status == "provisioning" {
            now
        } else {
            now - 3 * 3_600_000 + i as i64 * min
        };
        conn.execute(
            "INSERT INTO workspaces (id, org_id, name, role, tier, status, status_since, online_since, parent_id, active_tasks,
                max_concurrent_tasks, last_error_rate, last_sample_error, current_task, runtime, model, x, y, compute,
                broadcast_enabled, base_spend, external, last_outbound_at, created_at, updated_at, removed_at)
             VALUES (?1, ?2, ?3, ?4, 4, ?5, ?6, ?7, ?8, ?9, 3, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?6, ?23)",
            params![
                id, ACME_ID, name, role, status, since,
                matches!(*status, "online" | "degraded").then_some(since),
                parent, active, rate, err,
                if *active > 0 { "summarising this week's papers" } else { "" },
                runtime, model,
                (i % 4) as f64 * 260.0, (i / 4) as f64 * 180.0,
                if *runtime == "claude-code" { r#"{"instance_type":"t3.large","volume":{"root_gb":50}}"# } else { "{}" },
                (i == 0) as i64, spend, *external as i64,
                (*status == "online").then_some(now - 5 * min),
                created,
                (*status == "removed").then_some(now - DAY),
            ],
        )?;
        insert_event(
            conn,
            ACME_ID,
            Some(id),
            "WORKSPACE_PROVISIONING",
            serde_json::json!({"name": name}),
            created,
        )?;
    }
    conn.execute(
        "UPDATE workspaces SET billing_mode = 'byok' WHERE id = ?1",
        [WS_LEAD],
    )?;
    conn.execute(
        "INSERT INTO workspaces (id, org_id, name, role, tier, status, status_since, online_since, runtime, model, base_spend, created_at, updated_at)
         VALUES (?1, ?2, 'Lab assistant', 'Answers lab questions', 4, 'online', ?3, ?3, 'claude-code', 'claude-sonnet-4', 120, ?3, ?3)",
        params![WS_HOPPER, HOPPER_ID, now - 2 * DAY],
    )?;
    // Budgets (cents).
    for (ws, period, limit) in [
        (WS_LEAD, "daily", 1_000),
        (WS_LEAD, "monthly", 10_000),
        (WS_DEGRADED, "hourly", 50),
        (WS_DEGRADED, "monthly", 1_500),
        (WS_PAUSED_PARENT, "weekly", 0),
    ] {
        conn.execute(
            "INSERT INTO workspace_budgets (workspace_id, period, limit_cents) VALUES (?1, ?2, ?3)",
            params![ws, period, limit],
        )?;
    }
    // Secrets (values encrypted; the demo values are not secret).
    for (ws, key, value) in [
        ("", "GITHUB_TOKEN", "ghp_demo_not_a_real_token"),
        ("", "SLACK_WEBHOOK_URL", "https://hooks.slack.example/demo"),
        (WS_LEAD, "ANTHROPIC_API_KEY", "sk-ant-demo-not-real"),
        (WS_LEAD, "GITHUB_TOKEN", "ghp_workspace_override_demo"),
        (
            WS_DEGRADED,
            "SCRAPER_PROXY_URL",
            "http://proxy.example:3128",
        ),
    ] {
        store_secret(conn, now - 2 * DAY, ACME_ID, ws, key, value)?;
    }
    // Tokens: the dev key + a named one with a throw-away secret; the dev workspace token.
    tokens::insert_org_token(
        conn,
        ACME_ID,
        Some("dev key (README)"),
        "session",
        Some(DEV_ACME_ORG_KEY),
        now - 5 * DAY,
    )?;
    tokens::insert_org_token(
        conn,
        ACME_ID,
        Some("CI deploy"),
        "session",
        None,
        now - 3 * DAY,
    )?;
    tokens::insert_workspace_token_raw(
        conn,
        ACME_ID,
        WS_LEAD,
        Some(DEV_ACME_WORKSPACE_TOKEN),
        now - 4 * DAY,
    )?;
    tokens::insert_workspace_token_raw(conn, ACME_ID, WS_DEGRADED, None, now - 4 * DAY)?;
    // Plugin allowlist of the "Research lead" org root.
    for p in ["github", "slack"] {
        conn.execute(
            "INSERT INTO plugin_allowlist (root_id, plugin_name, enabled_by, enabled_at) VALUES (?1, ?2, ?1, ?3)",
            params![WS_LEAD, p, now - 6 * DAY],
        )?;
    }
    // Workspace templates (one without a runtime: RUNTIME_UNRESOLVED) and org templates (one
    // needing an env var nobody set: 412 on import).
    for (id, name, description, runtime, model, skills) in [
        (
            "research-assistant",
            "Research assistant",
            "Reads papers and writes summaries",
            "claude-code",
            "claude-sonnet-4",
            r#"["search","summarise"]"#,
        ),
        (
            "support-bot",
            "Support bot",
            "Answers customer tickets",
            "hermes",
            "minimax/MiniMax-M2.7",
            r#"["triage"]"#,
        ),
        (
            "bare-runtime",
            "Bare (no runtime)",
            "Template without a runtime (shows RUNTIME_UNRESOLVED)",
            "",
            "",
            "[]",
        ),
    ] {
        conn.execute(
            "INSERT INTO workspace_templates (org_id, id, name, description, tier, runtime, model, skills, files, created_at)
             VALUES (?1, ?2, ?3, ?4, 4, ?5, ?6, ?7, '{}', ?8)",
            params![ACME_ID, id, name, description, runtime, model, skills, now - 7 * DAY],
        )?;
    }
    let team = serde_json::json!({
        "name": "Starter team", "description": "A lead with two helpers",
        "defaults": {"runtime": "claude-code", "model": "claude-sonnet-4", "tier": 4},
        "required_env": ["GITHUB_TOKEN"],
        "workspaces": [{"name": "Team lead", "children": [{"name": "Helper one"}, {"name": "Helper two"}]}]
    });
    let sales = serde_json::json!({
        "name": "Sales pod", "description": "Needs a Salesforce token, which this demo org has not set: creating its workspaces is refused until it does",
        "defaults": {"runtime": "hermes", "model": "minimax/MiniMax-M2.7"},
        "required_env": ["SALESFORCE_TOKEN", {"any_of": ["HUBSPOT_TOKEN", "PIPEDRIVE_TOKEN"]}],
        "workspaces": [{"name": "Sales lead"}]
    });
    for (dir, t) in [("starter-team", team), ("sales-pod", sales)] {
        conn.execute(
            "INSERT INTO org_templates (org_id, dir, template) VALUES (?1, ?2, ?3)",
            params![ACME_ID, dir, t.to_string()],
        )?;
    }
    // Approvals, delegations, schedules.
    for (n, ws, action, detail, ago) in [
        (
            1,
            WS_LEAD,
            "send_email",
            "Email the weekly digest to 42 recipients",
            20,
        ),
        (
            2,
            WS_DEGRADED,
            "git push --force",
            "Rewrite the scraper branch after a bad merge",
            95,
        ),
        (3, WS_LEAD, "delete_files", "", 240),
    ] {
        conn.execute(
            "INSERT INTO approvals (id, org_id, workspace_id, action, detail, requested_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                format!("c0000000-0000-4000-8000-00000000000{n}"),
                ACME_ID,
                ws,
                action,
                detail,
                now - ago * min
            ],
        )?;
    }
    for (id, from, to, status, summary) in [
        (
            "d-0001",
            WS_LEAD,
            WS_DEGRADED,
            "in_progress",
            "Scrape the three vendor price pages",
        ),
        (
            "d-0002",
            WS_LEAD,
            WS_PAUSED_CHILD,
            "completed",
            "Draft a reply to ticket #311",
        ),
        (
            "d-0003",
            WS_LEAD,
            WS_DEGRADED,
            "stuck",
            "Summarise the support backlog",
        ),
        (
            "d-0004",
            WS_LEAD,
            WS_PAUSED_CHILD,
            "failed",
            "Translate the onboarding guide",
        ),
    ] {
        conn.execute(
            "INSERT INTO delegations (id, org_id, from_workspace_id, to_workspace_id, status, summary, created_at, updated_at,
                deadline, last_heartbeat, result_preview, error_detail, retry_count)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                id, ACME_ID, from, to, status, summary, now - 2 * 3_600_000, now - 3_600_000,
                now - 2 * 3_600_000 + 1_800_000,
                matches!(status, "in_progress" | "stuck").then_some(now - 3_600_000),
                (status == "completed").then_some("Drafted; waiting for review"),
                (status == "failed").then_some("callee paused"),
                (status == "failed") as i64,
            ],
        )?;
    }
    // Schedules health shows one of each: ok, never run, stale.
    for (id, name, cron, ws, enabled, last, next) in [
        (
            "s-0001",
            "daily-digest",
            "0 9 * * *",
            WS_LEAD,
            1,
            Some(now - 3_600_000),
            now + 23 * 3_600_000,
        ),
        (
            "s-0002",
            "hourly-scrape",
            "15 * * * *",
            WS_PROVISIONING,
            1,
            None,
            now + 3_600_000,
        ),
        (
            "s-0003",
            "weekly-report",
            "0 8 * * 1",
            WS_PAUSED_PARENT,
            0,
            Some(now - 20 * DAY),
            now - DAY,
        ),
    ] {
        conn.execute(
            "INSERT INTO schedules (id, org_id, workspace_id, enabled, next_run_at, name, cron_expr, last_run_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![id, ACME_ID, ws, enabled, next, name, cron, last],
        )?;
    }
    // Pins with history (codex has none: provisioning it answers RUNTIME_PIN_MISSING).
    for (region, ami, days) in [
        ("local-1", "ami-0a1b2c3d4e5f60700", 30),
        ("local-1", "ami-0a1b2c3d4e5f60718", 10),
        ("us-east-1", "ami-0fedcba9876543210", 12),
    ] {
        conn.execute(
            "INSERT INTO thin_ami_pins (region, ami_id, promoted_by, promoted_at, notes) VALUES (?1, ?2, 'ops@example.com', ?3, 'weekly base image')",
            params![region, ami, now - days * DAY],
        )?;
    }
    for (template, n, days) in [
        ("claude-code", 1, 20),
        ("claude-code", 2, 5),
        ("langgraph", 3, 9),
        ("hermes", 4, 9),
        ("openclaw", 5, 9),
        ("mock", 6, 9),
    ] {
        conn.execute(
            "INSERT INTO runtime_image_pins (template_name, region, image_digest, git_sha, notes, promoted_by, promoted_at)
             VALUES (?1, 'global', ?2, ?3, 'promoted after staging soak', 'ops@example.com', ?4)",
            params![template, format!("sha256:{}", format!("{n:x}").repeat(64)), format!("{n}abc{n}def"), now - days * DAY],
        )?;
    }
    Ok(())
}
