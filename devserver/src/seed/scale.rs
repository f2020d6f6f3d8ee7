//! `--seed scale`: the demo dataset and, on top of it, lists at scale for the console's
//! benchmarks and for trying its lists by hand:
//! - acme gets 5,000 more workspaces (names, statuses, runtimes and task counts varied) and
//!   200 members in all (197 added users, `member001@scale.example.com`…);
//! - 1,000 more organizations (`scale-0001`…, owned by ops@example.com) for the operator's list;
//! - lists longer than one of the platform's pages: 230 tokens on acme's first added workspace
//!   (the token list answers 50 by default, 200 at most) and 620 boot events for acme (the
//!   event list answers 50 by default, 500 at most).
//!
//! Every row goes in through a handful of prepared statements inside the caller's transaction.

use super::ids::*;
use rusqlite::{Connection, params};

/// Workspaces added to acme.
pub const WORKSPACES: usize = 5_000;
/// Members acme has in all.
pub const MEMBERS: usize = 200;
/// Organizations added for the operator's list.
pub const ORGS: usize = 1_000;
/// Tokens on acme's first added workspace ([`FIRST_WORKSPACE`]).
pub const TOKENS: usize = 230;
/// Boot events acme's tenant has recorded.
pub const BOOT_EVENTS: usize = 620;
/// The id of acme's first added workspace.
pub const FIRST_WORKSPACE: &str = "5ca1e000-0000-4000-8000-000000000001";

const WORDS: [&str; 12] = [
    "Research", "Review", "Support", "Planning", "Billing", "Triage", "Docs", "Search", "Deploy",
    "Audit", "Sales", "Data",
];
const ROLES: [&str; 6] = ["agent", "lead", "worker", "reviewer", "scribe", "runner"];
/// Steady statuses only (no clock-driven transition starts from these).
const STATUSES: [&str; 6] = [
    "online", "online", "paused", "offline", "degraded", "failed",
];
const RUNTIMES: [(&str, &str); 3] = [
    ("claude-code", "claude-sonnet-4"),
    ("langgraph", "gpt-4o-mini"),
    ("openclaw", "claude-sonnet-4"),
];

pub fn seed(conn: &Connection, now: i64) -> rusqlite::Result<()> {
    workspaces(conn, now)?;
    members(conn, now)?;
    orgs(conn, now)?;
    long_lists(conn, now)
}

fn long_lists(conn: &Connection, now: i64) -> rusqlite::Result<()> {
    use crate::store::{instances::add_boot_event, tokens::insert_workspace_token_raw};
    for n in 0..TOKENS as i64 {
        insert_workspace_token_raw(conn, ACME_ID, FIRST_WORKSPACE, None, now - n * 60_000)?;
    }
    let stages = ["provision", "install", "start", "health"];
    for n in 0..BOOT_EVENTS {
        let at = now - (BOOT_EVENTS - n) as i64 * 60_000;
        let level = if n % 25 == 0 { "warn" } else { "info" };
        let message = format!("boot step {} of {BOOT_EVENTS}", n + 1);
        add_boot_event(conn, ACME_ID, at, stages[n % stages.len()], level, &message)?;
    }
    Ok(())
}

fn workspaces(conn: &Connection, now: i64) -> rusqlite::Result<()> {
    let mut insert = conn.prepare(
        "INSERT INTO workspaces (id, org_id, name, role, tier, status, status_since, online_since, active_tasks,
            runtime, model, base_spend, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, 4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?6, ?6)",
    )?;
    for i in 0..WORKSPACES {
        let n = i + 1;
        let status = STATUSES[i % STATUSES.len()];
        let (runtime, model) = RUNTIMES[(i / 7) % RUNTIMES.len()];
        let since = now - (i as i64 % 90) * DAY - i as i64 * 1_000;
        insert.execute(params![
            format!("5ca1e000-0000-4000-8000-{n:012}"),
            ACME_ID,
            format!(
                "{} {} {n:04}",
                WORDS[i % WORDS.len()],
                ROLES[(i / 12) % ROLES.len()]
            ),
            format!("{} at scale", ROLES[i % ROLES.len()]),
            status,
            since,
            matches!(status, "online" | "degraded").then_some(since),
            if status == "online" {
                (i % 4) as i64
            } else {
                0
            },
            runtime,
            model,
            (i % 300) as i64,
        ])?;
    }
    Ok(())
}

fn members(conn: &Connection, now: i64) -> rusqlite::Result<()> {
    let have: i64 = conn.query_row(
        "SELECT COUNT(*) FROM members WHERE org_id = ?1",
        [ACME_ID],
        |r| r.get(0),
    )?;
    let mut user = conn.prepare(
        "INSERT INTO users (id, email, name, terms_version, terms_accepted_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
    )?;
    let mut member = conn.prepare(
        "INSERT INTO members (org_id, user_id, role, joined_at, last_active_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for n in 1..=(MEMBERS as i64 - have) {
        let id = format!("user_scale_{n:03}");
        let joined = now - (n % 60) * DAY;
        user.execute(params![
            id,
            format!("member{n:03}@scale.example.com"),
            format!("{} Member {n:03}", WORDS[n as usize % WORDS.len()]),
            crate::auth::TERMS_VERSION,
            joined,
        ])?;
        let role = match n % 10 {
            0 => "admin",
            1..=3 => "viewer",
            _ => "member",
        };
        member.execute(params![
            ACME_ID,
            id,
            role,
            joined,
            (n % 3 == 0).then_some(now - DAY)
        ])?;
    }
    Ok(())
}

fn orgs(conn: &Connection, now: i64) -> rusqlite::Result<()> {
    let mut org = conn.prepare(
        "INSERT INTO orgs (id, slug, name, plan, status, created_at, updated_at, created_by, credits_balance, plan_monthly_credits,
            overage_cap_credits, provision_started_at, admin_token, last_error, ip)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, 'user_ops', ?7, ?8, 0, ?6, ?9, ?10, ?11)",
    )?;
    let mut owner = conn.prepare(
        "INSERT INTO members (org_id, user_id, role, joined_at, last_active_at) VALUES (?1, 'user_ops', 'owner', ?2, NULL)",
    )?;
    for n in 1..=ORGS {
        let id = format!("5ca1e0a6-0000-4000-8000-{n:012}");
        let slug = format!("scale-{n:04}");
        let plan = ["free", "starter", "pro"][n % 3];
        // Mostly running; some suspended, failed or never paid.
        let status = match n % 20 {
            0 => "failed",
            1 | 2 => "suspended",
            3 => "awaiting_payment",
            _ => "running",
        };
        let created = now - (n as i64 % 365) * DAY - n as i64 * 60_000;
        org.execute(params![
            id,
            slug,
            format!(
                "{} {} {n:04}",
                WORDS[n % WORDS.len()],
                ["Labs", "Inc", "Co", "Group"][n % 4]
            ),
            plan,
            status,
            created,
            crate::store::billing::plan_credits(plan),
            crate::store::billing::plan_credits(plan),
            (status != "awaiting_payment").then(|| format!("scale-admin-token-{n:04}")),
            (status == "failed").then_some("simulated failure while installing"),
            matches!(status, "running" | "suspended").then_some("127.0.0.1"),
        ])?;
        owner.execute(params![id, created])?;
    }
    Ok(())
}
