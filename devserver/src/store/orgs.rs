//! Orgs: the `orgs` row, its simulated provisioning, creation and purge (owner delete, operator
//! teardown and the teardown queued behind a lifecycle operation).
//!
//! Lifecycle (simulated): a new free org starts `provisioning` at once; a paid one waits in
//! `awaiting_payment` for its first Checkout; provisioning takes [`PROVISION_SECS`] simulated
//! seconds (`Config.clock_speed` simulated seconds per real second), then `running`. A slug
//! starting with `fail-` fails [`FAIL_AT_SECS`] in and ends `failed`.

use crate::{clock::ts, state::AppState, store::members::parse_role};
use molecule_sdk::types::{OrgStatus, Organization, PlanId};
use rusqlite::{Connection, OptionalExtension, params};

pub const RESERVED_SLUGS: &[&str] = &[
    "app",
    "www",
    "api",
    "admin",
    "cp",
    "dashboard",
    "billing",
    "status",
    "docs",
];

/// Orgs one user may own before `QUOTA_EXCEEDED`.
pub const MAX_OWNED_ORGS: i64 = 5;

/// Simulated seconds a tenant takes to come up.
pub const PROVISION_SECS: f64 = 20.0;

/// Simulated second at which a `fail-*` org fails.
pub const FAIL_AT_SECS: f64 = 8.0;

/// `^[a-z][a-z0-9-]{2,31}$`.
pub fn valid_slug(slug: &str) -> bool {
    let b = slug.as_bytes();
    (3..=32).contains(&b.len())
        && b[0].is_ascii_lowercase()
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

/// One `orgs` row.
#[derive(Debug, Clone)]
pub struct OrgRow {
    pub id: String,
    pub slug: String,
    pub name: String,
    pub plan: String,
    pub status: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub credits_balance: i64,
    pub plan_monthly_credits: i64,
    pub overage_used_credits: i64,
    pub overage_cap_credits: i64,
    pub stripe_customer_id: Option<String>,
    pub has_payment_method: bool,
    pub provision_started_at: Option<i64>,
    pub last_error: Option<String>,
    pub ip: Option<String>,
    pub region: String,
}

const ORG_COLUMNS: &str = "id, slug, name, plan, status, created_at, updated_at, credits_balance, plan_monthly_credits,
    overage_used_credits, overage_cap_credits, stripe_customer_id, has_payment_method, provision_started_at, last_error, ip, region";

fn org_from_row(r: &rusqlite::Row) -> rusqlite::Result<OrgRow> {
    Ok(OrgRow {
        id: r.get(0)?,
        slug: r.get(1)?,
        name: r.get(2)?,
        plan: r.get(3)?,
        status: r.get(4)?,
        created_at: r.get(5)?,
        updated_at: r.get(6)?,
        credits_balance: r.get(7)?,
        plan_monthly_credits: r.get(8)?,
        overage_used_credits: r.get(9)?,
        overage_cap_credits: r.get(10)?,
        stripe_customer_id: r.get(11)?,
        has_payment_method: r.get::<_, i64>(12)? != 0,
        provision_started_at: r.get(13)?,
        last_error: r.get(14)?,
        ip: r.get(15)?,
        region: r.get(16)?,
    })
}

/// Advances a provisioning org to `running`/`failed` once its simulated time is up.
pub fn refresh(conn: &Connection, state: &AppState, org: &mut OrgRow) -> rusqlite::Result<()> {
    if org.status != "provisioning" {
        return Ok(());
    }
    let started = org.provision_started_at.unwrap_or(org.updated_at);
    let elapsed = state.clock.simulated_secs_since(started);
    let now = state.clock.now_ms();
    if org.slug.starts_with("fail-") && elapsed >= FAIL_AT_SECS {
        org.status = "failed".into();
        org.last_error = Some(
            "simulated failure while installing (slugs starting with fail- always fail)".into(),
        );
    } else if !org.slug.starts_with("fail-") && elapsed >= PROVISION_SECS {
        org.status = "running".into();
        org.ip = Some("127.0.0.1".into());
    } else {
        return Ok(());
    }
    org.updated_at = now;
    conn.execute(
        "UPDATE orgs SET status = ?2, last_error = ?3, ip = ?4, updated_at = ?5 WHERE id = ?1",
        params![org.id, org.status, org.last_error, org.ip, now],
    )?;
    Ok(())
}

/// The live (not purged) org with this slug, refreshed.
pub fn find_org(
    conn: &Connection,
    state: &AppState,
    slug: &str,
) -> rusqlite::Result<Option<OrgRow>> {
    let mut org = conn
        .query_row(
            &format!("SELECT {ORG_COLUMNS} FROM orgs WHERE slug = ?1 AND status <> 'purged'"),
            [slug],
            org_from_row,
        )
        .optional()?;
    if let Some(o) = org.as_mut() {
        refresh(conn, state, o)?;
        if drain_queued_purge(conn, state, o)? {
            return Ok(None);
        }
    }
    Ok(org)
}

/// The wire form; `role` is the caller's, `stripe_customer_id` is shown to owners only.
pub fn to_organization(state: &AppState, org: &OrgRow, role: Option<&str>) -> Organization {
    let tenant_url = matches!(org.status.as_str(), "running" | "suspended")
        .then(|| state.tenant_origin(&org.slug));
    Organization {
        created_at: ts(org.created_at),
        credits_balance: Some(org.credits_balance),
        id: org.id.parse().unwrap_or_default(),
        name: org
            .name
            .parse()
            .unwrap_or_else(|_| "org".parse().expect("valid name")),
        overage_cap_credits: Some(org.overage_cap_credits),
        overage_used_credits: Some(org.overage_used_credits),
        plan: org.plan.parse().unwrap_or(PlanId::Free),
        plan_monthly_credits: Some(org.plan_monthly_credits),
        role: role.map(parse_role),
        slug: org.slug.parse().expect("stored slugs are valid"),
        status: org.status.parse().unwrap_or(OrgStatus::Failed),
        stripe_customer_id: if role == Some("owner") {
            org.stripe_customer_id.clone()
        } else {
            None
        },
        tenant_url,
        updated_at: ts(org.updated_at),
    }
}

/// Whether a live (not purged) org has this slug.
pub fn slug_taken(conn: &Connection, slug: &str) -> rusqlite::Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM orgs WHERE slug = ?1 AND status <> 'purged'",
            [slug],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// The live orgs a user belongs to, with the user's role, oldest first (not refreshed).
pub fn list_for_member(
    conn: &Connection,
    user_id: &str,
) -> rusqlite::Result<Vec<(OrgRow, String)>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {}, m.role FROM orgs o JOIN members m ON m.org_id = o.id WHERE m.user_id = ?1 AND o.status <> 'purged'
         ORDER BY o.created_at, o.slug",
        ORG_COLUMNS.split(',').map(|c| format!("o.{}", c.trim())).collect::<Vec<_>>().join(", ")
    ))?;
    stmt.query_map([user_id], |r| Ok((org_from_row(r)?, r.get(17)?)))?
        .collect()
}

/// How many live orgs the user owns.
pub fn owned_count(conn: &Connection, user_id: &str) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT COUNT(*) FROM members m JOIN orgs o ON o.id = m.org_id WHERE m.user_id = ?1 AND m.role = 'owner' AND o.status <> 'purged'",
        [user_id],
        |r| r.get(0),
    )
}

/// How many orgs are live.
pub fn count_live(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT COUNT(*) FROM orgs WHERE status <> 'purged'",
        [],
        |r| r.get(0),
    )
}

/// Slugs of live orgs, newest first, one page.
pub fn live_slugs(conn: &Connection, limit: i64, offset: i64) -> rusqlite::Result<Vec<String>> {
    conn.prepare(
        "SELECT slug FROM orgs WHERE status <> 'purged' ORDER BY created_at DESC, slug LIMIT ?1 OFFSET ?2",
    )?
    .query_map(params![limit, offset], |r| r.get(0))?
    .collect()
}

/// The tenant ADMIN_TOKEN of an org (none before its first payment or after a purge).
pub fn admin_token(conn: &Connection, org_id: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row(
        "SELECT admin_token FROM orgs WHERE id = ?1",
        [org_id],
        |r| r.get(0),
    )
}

/// A new `orgs` row.
pub struct NewOrg<'a> {
    pub id: &'a str,
    pub slug: &'a str,
    pub name: &'a str,
    pub plan: &'a str,
    pub status: &'a str,
    pub created_by: &'a str,
    pub credits_balance: i64,
    pub plan_monthly_credits: i64,
    pub provision_started_at: Option<i64>,
    pub admin_token: &'a str,
    pub now: i64,
}

pub fn insert(conn: &Connection, org: &NewOrg) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO orgs (id, slug, name, plan, status, created_at, updated_at, created_by, credits_balance,
            plan_monthly_credits, overage_cap_credits, provision_started_at, admin_token)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?8, ?9, 0, ?10, ?11)",
        params![
            org.id,
            org.slug,
            org.name,
            org.plan,
            org.status,
            org.now,
            org.created_by,
            org.credits_balance,
            org.plan_monthly_credits,
            org.provision_started_at,
            org.admin_token,
        ],
    )?;
    Ok(())
}

/// The owner delete: the org row is marked `purged` (slug free again, admin token gone), its
/// members, pending invitations and auto top-up settings go.
pub fn purge(conn: &Connection, org: &OrgRow, by: &str, now: i64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE orgs SET status = 'purged', purged_at = ?2, updated_at = ?2, admin_token = NULL, ip = NULL WHERE id = ?1",
        params![org.id, now],
    )?;
    conn.execute(
        "INSERT INTO org_purges (org_id, slug, purged_by, purged_at) VALUES (?1, ?2, ?3, ?4)",
        params![org.id, org.slug, by, now],
    )?;
    conn.execute("DELETE FROM members WHERE org_id = ?1", [&org.id])?;
    conn.execute(
        "UPDATE invitations SET status = 'revoked' WHERE org_id = ?1 AND status = 'pending'",
        [&org.id],
    )?;
    conn.execute("DELETE FROM auto_credits WHERE org_id = ?1", [&org.id])?;
    Ok(())
}

/// The operator teardown: [`purge`] plus all of the org's tenant data.
pub fn purge_org(conn: &Connection, org: &OrgRow, by: &str, now: i64) -> rusqlite::Result<()> {
    purge(conn, org, by, now)?;
    conn.execute(
        "DELETE FROM workspace_budgets WHERE workspace_id IN (SELECT id FROM workspaces WHERE org_id = ?1)",
        [&org.id],
    )?;
    conn.execute(
        "DELETE FROM plugin_allowlist WHERE root_id IN (SELECT id FROM workspaces WHERE org_id = ?1)",
        [&org.id],
    )?;
    for table in [
        "workspaces",
        "secrets",
        "org_tokens",
        "workspace_tokens",
        "workspace_templates",
        "org_templates",
        "events",
        "approvals",
        "delegations",
        "schedules",
        "tenant_instances",
        "boot_events",
    ] {
        conn.execute(&format!("DELETE FROM {table} WHERE org_id = ?1"), [&org.id])?;
    }
    conn.execute(
        "UPDATE workspace_instances SET terminated_at = ?2 WHERE org_id = ?1 AND terminated_at IS NULL",
        params![org.id, now],
    )?;
    Ok(())
}

/// The org's teardown receipt id: the one already recorded (a queued or repeated teardown),
/// else a new one.
pub fn purge_id(conn: &Connection, org: &OrgRow, now: i64) -> rusqlite::Result<String> {
    let existing: Option<String> = conn
        .query_row(
            "SELECT purge_id FROM tenant_purges WHERE org_id = ?1",
            [&org.id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = existing {
        return Ok(id);
    }
    let id = uuid::Uuid::new_v4().to_string();
    conn.execute(
        "INSERT INTO tenant_purges (org_id, purge_id, slug, requested_at) VALUES (?1, ?2, ?3, ?4)",
        params![org.id, id, org.slug, now],
    )?;
    Ok(id)
}

/// Runs a queued teardown once the lifecycle operation that held the org is over. Returns
/// whether the org was purged (callers then treat it as gone).
pub fn drain_queued_purge(
    conn: &Connection,
    state: &AppState,
    org: &OrgRow,
) -> rusqlite::Result<bool> {
    let now = state.clock.now_ms();
    let queued = conn
        .query_row(
            "SELECT 1 FROM tenant_purges p LEFT JOIN tenant_instances i ON i.org_id = p.org_id
             WHERE p.org_id = ?1 AND p.completed_at IS NULL AND COALESCE(i.busy_until, 0) <= ?2",
            params![org.id, now],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    if queued {
        purge_org(conn, org, "operator", now)?;
        complete_purge(conn, &org.id, now)?;
        tracing::info!(slug = %org.slug, "queued teardown ran");
    }
    Ok(queued)
}

/// Marks the org's teardown receipt done.
pub fn complete_purge(conn: &Connection, org_id: &str, now: i64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE tenant_purges SET completed_at = ?2 WHERE org_id = ?1",
        params![org_id, now],
    )?;
    Ok(())
}

/// Slugs of the running orgs, oldest first (the fleet).
pub fn running_slugs(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    conn.prepare("SELECT slug FROM orgs WHERE status = 'running' ORDER BY created_at, slug")?
        .query_map([], |r| r.get(0))?
        .collect()
}

/// (org id, tenant ADMIN_TOKEN) of every live org that has one.
pub fn admin_tokens(conn: &Connection) -> rusqlite::Result<Vec<(String, String)>> {
    conn.prepare(
        "SELECT id, admin_token FROM orgs WHERE status <> 'purged' AND admin_token IS NOT NULL",
    )?
    .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
    .collect()
}

/// The org's plan id.
pub fn plan_of(conn: &Connection, org_id: &str) -> rusqlite::Result<String> {
    conn.query_row("SELECT plan FROM orgs WHERE id = ?1", [org_id], |r| {
        r.get(0)
    })
}

/// The id of the live org with this slug (not refreshed).
pub fn live_id(conn: &Connection, slug: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row(
        "SELECT id FROM orgs WHERE slug = ?1 AND status <> 'purged'",
        [slug],
        |r| r.get(0),
    )
    .optional()
}
