//! Plans, invoices, credits, auto top-up settings, Checkout/portal sessions, idempotent answers
//! and the side effects of Stripe events.

use crate::{clock::ts, crypto::random_token, state::AppState};
use molecule_sdk::types::{AutoCreditsSettings, Invoice, InvoiceStatus, Plan, PlanId, StripeEvent};
use rusqlite::{Connection, OptionalExtension, params};

/// The plan table: (id, label, monthly price in cents, workspaces, LLM tokens, credits, overage).
pub fn plans() -> Vec<Plan> {
    vec![
        Plan {
            id: PlanId::Free,
            label: "Free".into(),
            monthly_price_cents: 0,
            workspace_limit: Some(3),
            monthly_llm_tokens: None,
            monthly_credits: 1_000,
            overage_billing: false,
        },
        Plan {
            id: PlanId::Starter,
            label: "Team".into(),
            monthly_price_cents: 2_900,
            workspace_limit: Some(10),
            monthly_llm_tokens: Some(5_000_000),
            monthly_credits: 50_000,
            overage_billing: false,
        },
        Plan {
            id: PlanId::Pro,
            label: "Growth".into(),
            monthly_price_cents: 9_900,
            workspace_limit: None,
            monthly_llm_tokens: Some(25_000_000),
            monthly_credits: 250_000,
            overage_billing: true,
        },
    ]
}

pub fn plan(id: &str) -> Option<Plan> {
    plans().into_iter().find(|p| p.id.to_string() == id)
}

pub fn plan_credits(id: &str) -> i64 {
    plan(id).map(|p| p.monthly_credits).unwrap_or(0)
}

/// Invoices of an org as wire objects, newest first.
pub fn invoice_rows(
    state: &AppState,
    conn: &Connection,
    org_id: &str,
    slug: &str,
    limit: i64,
    offset: i64,
) -> rusqlite::Result<Vec<Invoice>> {
    let mut stmt = conn.prepare(
        "SELECT id, number, status, amount_due, amount_paid, currency, period_start, period_end, created_at, description
         FROM invoices WHERE org_id = ?1 ORDER BY created_at DESC, id DESC LIMIT ?2 OFFSET ?3",
    )?;
    stmt.query_map(params![org_id, limit, offset], |r| {
        let id: String = r.get(0)?;
        Ok(Invoice {
            hosted_invoice_url: Some(format!("{}/invoices/{id}", state.app_origin())),
            invoice_pdf: None,
            id,
            number: r.get(1)?,
            status: r
                .get::<_, String>(2)?
                .parse()
                .unwrap_or(InvoiceStatus::Open),
            amount_due_cents: r.get(3)?,
            amount_paid_cents: r.get(4)?,
            currency: r
                .get::<_, String>(5)?
                .parse()
                .expect("stored currencies are valid"),
            period_start: ts(r.get(6)?),
            period_end: ts(r.get(7)?),
            created_at: ts(r.get(8)?),
            description: r.get(9)?,
            org_slug: slug.parse().expect("stored slugs are valid"),
        })
    })?
    .collect()
}

/// Records an invoice; returns its id.
#[allow(clippy::too_many_arguments)]
pub fn record_invoice(
    conn: &Connection,
    org_id: &str,
    slug: &str,
    status: &str,
    due: i64,
    paid: i64,
    at: i64,
    description: &str,
) -> rusqlite::Result<String> {
    let n: i64 = conn.query_row(
        "SELECT COUNT(*) FROM invoices WHERE org_id = ?1",
        [org_id],
        |r| r.get(0),
    )?;
    let id = format!("in_{}", random_token(12).replace(['-', '_'], "x"));
    let number = (status != "draft").then(|| format!("{}-{:04}", slug.to_ascii_uppercase(), n + 1));
    conn.execute(
        "INSERT INTO invoices (id, org_id, number, status, amount_due, amount_paid, currency, period_start, period_end, created_at, description)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'usd', ?7, ?8, ?7, ?9)",
        params![id, org_id, number, status, due, paid, at, at + 30 * 86_400_000, description],
    )?;
    Ok(id)
}

/// The org's auto top-up settings (defaults when never set).
pub fn auto_credits_of(conn: &Connection, org_id: &str) -> rusqlite::Result<AutoCreditsSettings> {
    Ok(conn
        .query_row(
            "SELECT enabled, threshold_credits, topup_credits, monthly_cap_credits FROM auto_credits WHERE org_id = ?1",
            [org_id],
            |r| {
                Ok(AutoCreditsSettings {
                    enabled: r.get::<_, i64>(0)? != 0,
                    threshold_credits: r.get(1)?,
                    topup_credits: r.get(2)?,
                    monthly_cap_credits: r.get(3)?,
                })
            },
        )
        .optional()?
        .unwrap_or(AutoCreditsSettings { enabled: false, threshold_credits: 5_000, topup_credits: 50_000, monthly_cap_credits: None }))
}

/// The side effect of one (new) Stripe event; unknown types and unknown orgs are ignored.
pub fn apply_event(conn: &Connection, event: &StripeEvent, now: i64) -> rusqlite::Result<()> {
    let obj = &event.data.object;
    let str_field = |k: &str| obj.get(k).and_then(|v| v.as_str()).map(str::to_string);
    let org_id = str_field("client_reference_id").or_else(|| {
        obj.get("metadata")
            .and_then(|m| m.get("org_id"))
            .and_then(|v| v.as_str())
            .map(str::to_string)
    });
    let Some(org_id) = org_id else { return Ok(()) };
    let Some((slug, status)): Option<(String, String)> = conn
        .query_row(
            "SELECT slug, status FROM orgs WHERE id = ?1 AND status <> 'purged'",
            [&org_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
    else {
        return Ok(());
    };
    match event.type_.as_str() {
        "checkout.session.completed" => {
            let plan_id = obj
                .get("metadata")
                .and_then(|m| m.get("plan"))
                .and_then(|v| v.as_str())
                .unwrap_or("starter");
            let Some(p) = plan(plan_id) else {
                return Ok(());
            };
            let customer = str_field("customer").unwrap_or_else(|| format!("cus_{}", &org_id[..8]));
            conn.execute(
                "UPDATE orgs SET plan = ?2, plan_monthly_credits = ?3, credits_balance = credits_balance + ?3,
                    stripe_customer_id = COALESCE(stripe_customer_id, ?4), has_payment_method = 1, updated_at = ?5,
                    overage_cap_credits = CASE WHEN ?6 THEN 10000 ELSE overage_cap_credits END
                 WHERE id = ?1",
                params![org_id, plan_id, p.monthly_credits, customer, now, p.overage_billing],
            )?;
            if status == "awaiting_payment" {
                conn.execute(
                    "UPDATE orgs SET status = 'provisioning', provision_started_at = ?2, admin_token = COALESCE(admin_token, ?3) WHERE id = ?1",
                    params![org_id, now, random_token(32)],
                )?;
            }
            if let Some(cs) = str_field("id") {
                conn.execute(
                    "UPDATE checkout_sessions SET status = 'complete' WHERE id = ?1",
                    [cs],
                )?;
            }
            record_invoice(
                conn,
                &org_id,
                &slug,
                "paid",
                p.monthly_price_cents,
                p.monthly_price_cents,
                now,
                &format!("{} plan, first month", p.label),
            )?;
        }
        "invoice.paid" if status == "suspended" => {
            conn.execute(
                "UPDATE orgs SET status = 'running', updated_at = ?2 WHERE id = ?1",
                params![org_id, now],
            )?;
        }
        "invoice.payment_failed" if status == "running" => {
            conn.execute(
                "UPDATE orgs SET status = 'suspended', updated_at = ?2 WHERE id = ?1",
                params![org_id, now],
            )?;
        }
        "customer.subscription.deleted" => {
            conn.execute(
                "UPDATE orgs SET plan = 'free', plan_monthly_credits = ?2, updated_at = ?3 WHERE id = ?1",
                params![org_id, plan_credits("free"), now],
            )?;
        }
        _ => {}
    }
    Ok(())
}

/// The stored answer (status, JSON body) for a user's Idempotency-Key on an operation.
pub fn idempotent_answer(
    conn: &Connection,
    user: &str,
    op: &str,
    key: &str,
) -> rusqlite::Result<Option<(u16, String)>> {
    conn.query_row(
        "SELECT status, body FROM idempotency WHERE user_id = ?1 AND operation = ?2 AND key = ?3",
        params![user, op, key],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
}

/// Keeps the first answer for an Idempotency-Key.
pub fn remember_answer(
    conn: &Connection,
    user: &str,
    op: &str,
    key: &str,
    status: u16,
    body: &str,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO idempotency (user_id, operation, key, status, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![user, op, key, status, body, chrono::Utc::now().timestamp_millis()],
    )?;
    Ok(())
}

/// An open Checkout session.
pub fn insert_checkout_session(
    conn: &Connection,
    id: &str,
    org_id: &str,
    plan: &str,
    success_url: &str,
    cancel_url: &str,
    now: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO checkout_sessions (id, org_id, plan, success_url, cancel_url, status, created_at) VALUES (?1, ?2, ?3, ?4, ?5, 'open', ?6)",
        params![id, org_id, plan, success_url, cancel_url, now],
    )?;
    Ok(())
}

pub fn insert_portal_session(
    conn: &Connection,
    id: &str,
    org_id: &str,
    return_url: &str,
    now: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO portal_sessions (id, org_id, return_url, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![id, org_id, return_url, now],
    )?;
    Ok(())
}

pub fn invoice_count(conn: &Connection, org_id: &str) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT COUNT(*) FROM invoices WHERE org_id = ?1",
        [org_id],
        |r| r.get(0),
    )
}

/// Adds credits to the org's balance; returns the new balance.
pub fn add_credits(
    conn: &Connection,
    org_id: &str,
    credits: i64,
    now: i64,
) -> rusqlite::Result<i64> {
    conn.execute(
        "UPDATE orgs SET credits_balance = credits_balance + ?2, updated_at = ?3 WHERE id = ?1",
        params![org_id, credits, now],
    )?;
    conn.query_row(
        "SELECT credits_balance FROM orgs WHERE id = ?1",
        [org_id],
        |r| r.get(0),
    )
}

pub fn set_auto_credits(
    conn: &Connection,
    org_id: &str,
    s: &AutoCreditsSettings,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO auto_credits (org_id, enabled, threshold_credits, topup_credits, monthly_cap_credits) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(org_id) DO UPDATE SET enabled = ?2, threshold_credits = ?3, topup_credits = ?4, monthly_cap_credits = ?5",
        params![org_id, s.enabled as i64, s.threshold_credits, s.topup_credits, s.monthly_cap_credits],
    )?;
    Ok(())
}

/// Records a Stripe event id; false when it was seen before.
pub fn record_webhook_event(
    conn: &Connection,
    id: &str,
    event_type: &str,
    now: i64,
) -> rusqlite::Result<bool> {
    Ok(conn.execute(
        "INSERT OR IGNORE INTO webhook_events (id, type, received_at) VALUES (?1, ?2, ?3)",
        params![id, event_type, now],
    )? == 1)
}

/// A Checkout session with its org's name (the hosted Checkout page).
pub struct CheckoutRow {
    pub org_id: String,
    pub org_name: String,
    pub plan: String,
    pub success_url: String,
    pub cancel_url: String,
    pub status: String,
}

pub fn checkout_row(conn: &Connection, id: &str) -> rusqlite::Result<Option<CheckoutRow>> {
    conn.query_row(
            "SELECT c.org_id, o.name, c.plan, c.success_url, c.cancel_url, c.status FROM checkout_sessions c JOIN orgs o ON o.id = c.org_id WHERE c.id = ?1",
            [id],
            |r| {
                Ok(CheckoutRow {
                    org_id: r.get(0)?,
                    org_name: r.get(1)?,
                    plan: r.get(2)?,
                    success_url: r.get(3)?,
                    cancel_url: r.get(4)?,
                    status: r.get(5)?,
                })
            },
        )
    .optional()
}

pub fn cancel_checkout(conn: &Connection, id: &str) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE checkout_sessions SET status = 'canceled' WHERE id = ?1",
        [id],
    )?;
    Ok(())
}

/// A portal session with its org (the hosted portal page).
pub struct PortalRow {
    pub return_url: String,
    pub org_name: String,
    pub plan: String,
    pub credits_balance: i64,
}

pub fn portal_row(conn: &Connection, id: &str) -> rusqlite::Result<Option<PortalRow>> {
    conn.query_row(
        "SELECT p.return_url, o.name, o.plan, o.credits_balance FROM portal_sessions p JOIN orgs o ON o.id = p.org_id WHERE p.id = ?1",
        [id],
        |r| {
            Ok(PortalRow {
                return_url: r.get(0)?,
                org_name: r.get(1)?,
                plan: r.get(2)?,
                credits_balance: r.get(3)?,
            })
        },
    )
    .optional()
}

/// An invoice with its org's name (the hosted invoice page).
pub struct InvoiceSummary {
    pub number: Option<String>,
    pub status: String,
    pub amount_due: i64,
    pub description: String,
    pub org_name: String,
}

pub fn invoice_summary(conn: &Connection, id: &str) -> rusqlite::Result<Option<InvoiceSummary>> {
    conn.query_row(
        "SELECT i.number, i.status, i.amount_due, i.description, o.name FROM invoices i JOIN orgs o ON o.id = i.org_id WHERE i.id = ?1",
        [id],
        |r| {
            Ok(InvoiceSummary {
                number: r.get(0)?,
                status: r.get(1)?,
                amount_due: r.get(2)?,
                description: r.get(3)?,
                org_name: r.get(4)?,
            })
        },
    )
    .optional()
}
