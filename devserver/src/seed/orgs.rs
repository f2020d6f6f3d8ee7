//! The control-plane part of the demo dataset: users, orgs, members, invitations, invoices and
//! the registry templates.

use super::ids::*;
use crate::{
    crypto::hash_token,
    store::{invitations, members},
};
use rusqlite::{Connection, params};

#[allow(clippy::type_complexity)]
pub fn seed(conn: &Connection, now: i64) -> rusqlite::Result<()> {
    let t0 = now - 60 * DAY;
    for (id, email, name, terms) in [
        ("user_ada", "ada@example.com", "Ada Lovelace", true),
        ("user_grace", "grace@example.com", "Grace Hopper", true),
        ("user_linus", "linus@example.com", "Linus Torvalds", false),
    ] {
        conn.execute(
            "INSERT INTO users (id, email, name, terms_version, terms_accepted_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                id,
                email,
                name,
                terms.then_some(crate::auth::TERMS_VERSION),
                terms.then_some(t0),
                t0
            ],
        )?;
    }
    // (id, slug, name, plan, status, owner, credits, payment method, started)
    let orgs: [(&str, &str, &str, &str, &str, &str, i64, bool); 6] = [
        (
            ACME_ID,
            "acme",
            "Acme Robotics",
            "starter",
            "running",
            "user_ada",
            42_000,
            true,
        ),
        (
            "0b7e2c1a-5d4f-4e3a-9b8c-1d2e3f4a5b6c",
            "hopper-lab",
            "Hopper Lab",
            "free",
            "running",
            "user_grace",
            1_000,
            false,
        ),
        (
            "1c8f3d2b-6e5a-4f4b-8c9d-2e3f4a5b6c7d",
            "beta-labs",
            "Beta Labs",
            "free",
            "provisioning",
            "user_ada",
            1_000,
            false,
        ),
        (
            "2d9a4e3c-7f6b-4a5c-9d0e-3f4a5b6c7d8e",
            "gamma-co",
            "Gamma Co",
            "starter",
            "awaiting_payment",
            "user_ada",
            0,
            false,
        ),
        (
            "3e0b5f4d-8a7c-4b6d-8e1f-4a5b6c7d8e9f",
            "fail-demo",
            "Failing Demo",
            "free",
            "failed",
            "user_ada",
            1_000,
            false,
        ),
        (
            "4f1c6a5e-9b8d-4c7e-9f2a-5b6c7d8e9f0a",
            "delta-inc",
            "Delta Inc",
            "pro",
            "suspended",
            "user_ada",
            0,
            true,
        ),
    ];
    for (i, (id, slug, name, plan, status, owner, credits, pm)) in orgs.iter().enumerate() {
        let created = t0 + i as i64 * DAY;
        let started = if *status == "provisioning" {
            now
        } else {
            created
        };
        conn.execute(
            "INSERT INTO orgs (id, slug, name, plan, status, created_at, updated_at, created_by, credits_balance, plan_monthly_credits,
                overage_cap_credits, stripe_customer_id, has_payment_method, provision_started_at, admin_token, last_error, ip)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            params![
                id,
                slug,
                name,
                plan,
                status,
                created,
                owner,
                credits,
                crate::store::billing::plan_credits(plan),
                if *plan == "pro" { 10_000 } else { 0 },
                pm.then(|| format!("cus_demo{}", &id[..8])),
                *pm as i64,
                started,
                (*status != "awaiting_payment").then(|| format!("demo-admin-token-{slug}")),
                (*status == "failed").then_some("simulated failure while installing (slugs starting with fail- always fail)"),
                matches!(*status, "running" | "suspended").then_some("127.0.0.1"),
            ],
        )?;
        members::add(conn, id, owner, "owner", created, Some(now - DAY))?;
    }
    for (user, role, joined) in [
        ("user_grace", "admin", t0 + DAY),
        ("user_linus", "viewer", t0 + 2 * DAY),
    ] {
        members::add(conn, ACME_ID, user, role, joined, None)?;
    }
    let invitations = [
        (
            "7a1b2c3d-0000-4000-8000-000000000001",
            ACME_ID,
            "new@example.com",
            "member",
            "pending",
            PENDING_INVITE_TOKEN,
            now - DAY,
            now + 6 * DAY,
        ),
        (
            "7a1b2c3d-0000-4000-8000-000000000002",
            ACME_ID,
            "old@example.com",
            "viewer",
            "pending",
            EXPIRED_INVITE_TOKEN,
            now - 10 * DAY,
            now - 3 * DAY,
        ),
        (
            "7a1b2c3d-0000-4000-8000-000000000003",
            "0b7e2c1a-5d4f-4e3a-9b8c-1d2e3f4a5b6c",
            "linus@example.com",
            "member",
            "pending",
            LINUS_INVITE_TOKEN,
            now - DAY,
            now + 6 * DAY,
        ),
    ];
    for (id, org, email, role, status, token, created, expires) in invitations {
        let by = if org == ACME_ID {
            "user_ada"
        } else {
            "user_grace"
        };
        let row = invitations::Row {
            id: id.into(),
            org_id: org.into(),
            email: email.into(),
            role: role.into(),
            status: status.into(),
            invited_by: by.into(),
            created_at: created,
            expires_at: expires,
            accepted_at: None,
            last_sent_at: created,
        };
        invitations::insert(conn, &row, &hash_token(token))?;
    }
    // Invoices: acme has two paid months and an open one; delta-inc has an unpaid one.
    let invoices = [
        (
            "in_demo_acme_0001",
            ACME_ID,
            "ACME-0001",
            "paid",
            2_900,
            2_900,
            now - 59 * DAY,
            "Team plan, month 1",
        ),
        (
            "in_demo_acme_0002",
            ACME_ID,
            "ACME-0002",
            "paid",
            2_900,
            2_900,
            now - 29 * DAY,
            "Team plan, month 2",
        ),
        (
            "in_demo_acme_0003",
            ACME_ID,
            "ACME-0003",
            "open",
            2_900,
            0,
            now - DAY,
            "Team plan, month 3",
        ),
        (
            "in_demo_delta_0001",
            "4f1c6a5e-9b8d-4c7e-9f2a-5b6c7d8e9f0a",
            "DELTA-INC-0001",
            "uncollectible",
            9_900,
            0,
            now - 20 * DAY,
            "Growth plan",
        ),
    ];
    for (id, org, number, status, due, paid, at, description) in invoices {
        conn.execute(
            "INSERT INTO invoices (id, org_id, number, status, amount_due, amount_paid, currency, period_start, period_end, created_at, description)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'usd', ?7, ?8, ?7, ?9)",
            params![id, org, number, status, due, paid, at, at + 30 * DAY, description],
        )?;
    }
    let templates = [
        (
            "research-team",
            "Research team",
            "A lead agent with two researcher sub-agents.",
            "claude-code",
            4,
            "claude-sonnet-4",
            "[\"research\",\"starter\"]",
        ),
        (
            "support-desk",
            "Support desk",
            "Triage and answer customer tickets.",
            "langgraph",
            2,
            "gpt-4o-mini",
            "[\"support\"]",
        ),
        (
            "code-reviewer",
            "Code reviewer",
            "Reviews pull requests and suggests fixes.",
            "claude-code",
            3,
            "claude-sonnet-4",
            "[\"engineering\"]",
        ),
    ];
    for (slug, name, description, runtime, tier, model, tags) in templates {
        conn.execute(
            "INSERT INTO cp_templates (slug, name, description, runtime, tier, default_model, tags, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![slug, name, description, runtime, tier, model, tags, t0],
        )?;
    }
    Ok(())
}
