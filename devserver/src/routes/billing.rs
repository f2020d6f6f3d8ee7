//! Plans and simulated Stripe billing: Checkout and the portal are local pages on the app host
//! (see `pages.rs`); payment is confirmed only by the signed webhook, which this module verifies
//! on the raw body (`Stripe-Signature: t=<unix>,v1=<hex hmac-sha256("<t>.<body>")>`, 300 s
//! tolerance, constant-time, any `v1` entry), deduplicated by event id.

use super::{JsonBody, decode, json};
use crate::{
    auth::{SessionUser, allowed_url, random_token},
    clock::ts,
    error::{ApiError, ApiResult},
    state::AppState,
};
use axum::{
    Router,
    body::Body,
    extract::{Query, Request, State},
    http::HeaderMap,
    response::Response,
    routing::{get, post},
};
use hmac::{Hmac, Mac};
use molecule_sdk::types::{
    AutoCreditsSettings, CheckoutSession, Invoice, InvoiceList, InvoiceStatus, Plan, PlanId,
    PortalSession, StripeEvent, TopupRequest, TopupResult, TopupResultStatus, WebhookAck,
};
use rusqlite::{Connection, OptionalExtension, params};
use sha2::Sha256;
use std::collections::HashMap;

pub const WEBHOOK_TOLERANCE_SECS: i64 = 300;
pub const WEBHOOK_MAX_BYTES: usize = 1024 * 1024;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/plans", get(list_plans))
        .route("/billing/checkout", post(checkout))
        .route("/billing/portal", post(portal))
        .route("/billing/invoices", get(invoices))
        .route("/billing/topup", post(topup))
        .route(
            "/billing/auto-credits",
            get(get_auto_credits).put(put_auto_credits),
        )
        .route("/webhooks/stripe", post(webhook))
}

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

async fn list_plans() -> Response {
    json(200, &plans())
}

/// A previously stored answer for this Idempotency-Key.
fn replay(
    conn: &Connection,
    user: &str,
    op: &str,
    key: Option<&str>,
) -> ApiResult<Option<Response>> {
    let Some(key) = key else { return Ok(None) };
    let found: Option<(u16, String)> = conn
        .query_row(
            "SELECT status, body FROM idempotency WHERE user_id = ?1 AND operation = ?2 AND key = ?3",
            params![user, op, key],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(found.map(|(status, body)| {
        let value: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
        json(status, &value)
    }))
}

fn remember(
    conn: &Connection,
    user: &str,
    op: &str,
    key: Option<&str>,
    status: u16,
    body: &impl serde::Serialize,
) -> ApiResult<()> {
    if let Some(key) = key {
        conn.execute(
            "INSERT OR IGNORE INTO idempotency (user_id, operation, key, status, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![user, op, key, status, serde_json::to_string(body).unwrap_or_default(), chrono::Utc::now().timestamp_millis()],
        )?;
    }
    Ok(())
}

fn idempotency_key(headers: &HeaderMap) -> ApiResult<Option<String>> {
    match headers.get("idempotency-key").map(|v| v.to_str()) {
        None => Ok(None),
        Some(Ok(k)) if !k.is_empty() && k.len() <= 255 => Ok(Some(k.to_string())),
        Some(_) => Err(ApiError::bad_request(
            "Idempotency-Key must be 1-255 visible characters",
        )),
    }
}

fn invalid_return_url(field: &str) -> ApiError {
    ApiError::code(
        400,
        "INVALID_RETURN_URL",
        &format!("{field} must be an http URL on a platform host"),
    )
    .with("field", serde_json::json!(field))
}

/// Checks `org_slug` is a string of the right form; 400 otherwise.
fn body_slug(body: &serde_json::Value) -> ApiResult<String> {
    match body.get("org_slug").and_then(|v| v.as_str()) {
        Some(s) if super::orgs::valid_slug(s) => Ok(s.to_string()),
        _ => Err(ApiError::bad_request("org_slug is missing or malformed")
            .with("field", serde_json::json!("org_slug"))),
    }
}

async fn checkout(
    State(state): State<AppState>,
    user: SessionUser,
    headers: HeaderMap,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let key = idempotency_key(&headers)?;
    if let Some(res) = replay(&state.db.lock(), &user.user_id, "checkout", key.as_deref())? {
        return Ok(res);
    }
    if let Some(p) = body.get("plan").and_then(|p| p.as_str())
        && p != "starter"
        && p != "pro"
    {
        return Err(
            ApiError::code(400, "UNKNOWN_PLAN", "plan must be starter or pro")
                .with("field", serde_json::json!("plan")),
        );
    }
    let req: molecule_sdk::types::CheckoutRequest = decode(body)?;
    let (org, _) = super::orgs::manager_org(&state, &user, &req.org_slug)?;
    if !allowed_url(&state, &req.success_url) {
        return Err(invalid_return_url("success_url"));
    }
    if !allowed_url(&state, &req.cancel_url) {
        return Err(invalid_return_url("cancel_url"));
    }
    let id = format!("cs_test_{}", random_token(18).replace(['-', '_'], "x"));
    let conn = state.db.lock();
    conn.execute(
        "INSERT INTO checkout_sessions (id, org_id, plan, success_url, cancel_url, status, created_at) VALUES (?1, ?2, ?3, ?4, ?5, 'open', ?6)",
        params![id, org.id, req.plan.to_string(), req.success_url, req.cancel_url, state.clock.now_ms()],
    )?;
    let out = CheckoutSession {
        id: Some(id.clone()),
        url: format!("{}/checkout/{id}", state.app_origin()),
    };
    remember(&conn, &user.user_id, "checkout", key.as_deref(), 200, &out)?;
    Ok(json(200, &out))
}

async fn portal(
    State(state): State<AppState>,
    user: SessionUser,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    body_slug(&body)?;
    let req: molecule_sdk::types::PortalRequest = decode(body)?;
    let (org, _) = super::orgs::manager_org(&state, &user, &req.org_slug)?;
    if !allowed_url(&state, &req.return_url) {
        return Err(invalid_return_url("return_url"));
    }
    if org.stripe_customer_id.is_none() {
        return Err(ApiError::code(
            404,
            "NO_BILLING_CUSTOMER",
            "this org has no billing account yet; upgrade first",
        ));
    }
    let id = format!("bps_{}", random_token(18).replace(['-', '_'], "x"));
    state.db.lock().execute(
        "INSERT INTO portal_sessions (id, org_id, return_url, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![id, org.id, req.return_url, state.clock.now_ms()],
    )?;
    Ok(json(
        200,
        &PortalSession {
            url: format!("{}/portal/{id}", state.app_origin()),
        },
    ))
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

fn page_param(
    q: &HashMap<String, String>,
    name: &str,
    default: i64,
    min: i64,
    max: i64,
) -> ApiResult<i64> {
    match q.get(name) {
        None => Ok(default),
        Some(v) => match v.parse::<i64>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(
                ApiError::bad_request(&format!("{name} must be an integer in {min}..={max}"))
                    .with("field", serde_json::json!(name)),
            ),
        },
    }
}

async fn invoices(
    State(state): State<AppState>,
    user: SessionUser,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult<Response> {
    let slug = q.get("org_slug").cloned().unwrap_or_default();
    if !super::orgs::valid_slug(&slug) {
        return Err(ApiError::bad_request("org_slug is missing or malformed")
            .with("field", serde_json::json!("org_slug")));
    }
    let limit = page_param(&q, "limit", 20, 1, 100)?;
    let offset = page_param(&q, "offset", 0, 0, i32::MAX as i64)?;
    let (org, _) = super::orgs::manager_org(&state, &user, &slug)?;
    let conn = state.db.lock();
    let total: i64 = conn.query_row(
        "SELECT COUNT(*) FROM invoices WHERE org_id = ?1",
        [&org.id],
        |r| r.get(0),
    )?;
    let invoices = invoice_rows(&state, &conn, &org.id, &org.slug, limit, offset)?;
    Ok(json(
        200,
        &InvoiceList {
            invoices,
            total: total as i32,
        },
    ))
}

async fn topup(
    State(state): State<AppState>,
    user: SessionUser,
    headers: HeaderMap,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let key = idempotency_key(&headers)?;
    if let Some(res) = replay(&state.db.lock(), &user.user_id, "topup", key.as_deref())? {
        return Ok(res);
    }
    body_slug(&body)?;
    let req: TopupRequest = decode(body)?;
    if !(1_000..=10_000_000).contains(&req.credits) {
        return Err(
            ApiError::bad_request("credits must be between 1000 and 10000000")
                .with("field", serde_json::json!("credits")),
        );
    }
    let (org, _) = super::orgs::manager_org(&state, &user, &req.org_slug)?;
    if !org.has_payment_method {
        return Err(ApiError::code(
            402,
            "PAYMENT_REQUIRED",
            "add a payment method (upgrade through Checkout) first",
        ));
    }
    let now = state.clock.now_ms();
    // 1 credit = 0.1 US cent.
    let amount = req.credits / 10;
    let mut conn = state.db.lock();
    let tx = conn.transaction()?;
    tx.execute(
        "UPDATE orgs SET credits_balance = credits_balance + ?2, updated_at = ?3 WHERE id = ?1",
        params![org.id, req.credits, now],
    )?;
    let invoice = record_invoice(
        &tx,
        &org.id,
        &org.slug,
        "paid",
        amount,
        amount,
        now,
        &format!("Credit top-up ({} credits)", req.credits),
    )?;
    let balance: i64 = tx.query_row(
        "SELECT credits_balance FROM orgs WHERE id = ?1",
        [&org.id],
        |r| r.get(0),
    )?;
    let out = TopupResult {
        amount_cents: amount,
        created_at: ts(now),
        credits_added: req.credits,
        credits_balance: balance,
        currency: "usd".parse().expect("valid currency"),
        invoice_id: Some(invoice),
        org_slug: org.slug.parse().expect("stored slugs are valid"),
        status: TopupResultStatus::Succeeded,
    };
    remember(&tx, &user.user_id, "topup", key.as_deref(), 200, &out)?;
    tx.commit()?;
    Ok(json(200, &out))
}

fn auto_credits_of(conn: &Connection, org_id: &str) -> rusqlite::Result<AutoCreditsSettings> {
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

fn query_slug(q: &HashMap<String, String>) -> ApiResult<String> {
    match q.get("org_slug") {
        Some(s) if super::orgs::valid_slug(s) => Ok(s.clone()),
        // The contract documents no 400 here: a missing or malformed slug names no org.
        _ => Err(ApiError::not_found("org")),
    }
}

async fn get_auto_credits(
    State(state): State<AppState>,
    user: SessionUser,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult<Response> {
    let (org, _) = super::orgs::manager_org(&state, &user, &query_slug(&q)?)?;
    Ok(json(200, &auto_credits_of(&state.db.lock(), &org.id)?))
}

async fn put_auto_credits(
    State(state): State<AppState>,
    user: SessionUser,
    Query(q): Query<HashMap<String, String>>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let (org, _) = super::orgs::manager_org(&state, &user, &query_slug(&q)?)?;
    let req: AutoCreditsSettings = decode(body)?;
    if req.threshold_credits < 0 {
        return Err(ApiError::bad_request("threshold_credits must be >= 0")
            .with("field", serde_json::json!("threshold_credits")));
    }
    if req.topup_credits < 1_000 {
        return Err(ApiError::bad_request("topup_credits must be >= 1000")
            .with("field", serde_json::json!("topup_credits")));
    }
    if req.monthly_cap_credits.is_some_and(|c| c < 0) {
        return Err(ApiError::bad_request("monthly_cap_credits must be >= 0")
            .with("field", serde_json::json!("monthly_cap_credits")));
    }
    if req.enabled && !org.has_payment_method {
        return Err(ApiError::code(
            402,
            "PAYMENT_REQUIRED",
            "enabling auto top-up needs a payment method",
        ));
    }
    state.db.lock().execute(
        "INSERT INTO auto_credits (org_id, enabled, threshold_credits, topup_credits, monthly_cap_credits) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(org_id) DO UPDATE SET enabled = ?2, threshold_credits = ?3, topup_credits = ?4, monthly_cap_credits = ?5",
        params![org.id, req.enabled as i64, req.threshold_credits, req.topup_credits, req.monthly_cap_credits],
    )?;
    Ok(json(200, &req))
}

/// `t=<unix>,v1=<hex>` for `body` signed with `secret` at `t`.
pub fn sign(secret: &str, t: i64, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(format!("{t}.").as_bytes());
    mac.update(body);
    format!("t={t},v1={}", hex::encode(mac.finalize().into_bytes()))
}

/// Verifies a `Stripe-Signature` header over the raw body at time `now` (Unix seconds).
pub fn verify(secret: &str, header: Option<&str>, body: &[u8], now: i64) -> Result<(), ApiError> {
    let invalid = || {
        ApiError::code(
            400,
            "INVALID_SIGNATURE",
            "webhook signature missing or invalid",
        )
    };
    let header = header.ok_or_else(invalid)?;
    let mut t = None;
    let mut sigs = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", v)) => t = v.parse::<i64>().ok(),
            Some(("v1", v)) => sigs.extend(hex::decode(v).ok()),
            _ => {}
        }
    }
    let t = t.ok_or_else(invalid)?;
    let matched = sigs.iter().any(|sig| {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
        mac.update(format!("{t}.").as_bytes());
        mac.update(body);
        mac.verify_slice(sig).is_ok()
    });
    if !matched {
        return Err(invalid());
    }
    if (now - t).abs() > WEBHOOK_TOLERANCE_SECS {
        return Err(ApiError::code(
            400,
            "SIGNATURE_EXPIRED",
            "webhook timestamp outside the tolerance",
        ));
    }
    Ok(())
}

async fn webhook(State(state): State<AppState>, req: Request) -> ApiResult<Response> {
    let sig = req
        .headers()
        .get("stripe-signature")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let bytes = axum::body::to_bytes(req.into_body(), WEBHOOK_MAX_BYTES)
        .await
        .map_err(|_| ApiError::code(413, "PAYLOAD_TOO_LARGE", "webhook body larger than 1 MiB"))?;
    verify(
        state.webhook_secret(),
        sig.as_deref(),
        &bytes,
        state.clock.now_secs(),
    )?;
    let event: StripeEvent =
        serde_json::from_slice(&bytes).map_err(|_| ApiError::bad_request("not a Stripe event"))?;
    let now = state.clock.now_ms();
    let mut conn = state.db.lock();
    let tx = conn.transaction()?;
    let fresh = tx.execute(
        "INSERT OR IGNORE INTO webhook_events (id, type, received_at) VALUES (?1, ?2, ?3)",
        params![event.id.to_string(), event.type_, now],
    )? == 1;
    if !fresh {
        return Ok(json(
            200,
            &WebhookAck {
                received: true,
                duplicate: Some(true),
            },
        ));
    }
    apply_event(&tx, &event, now)?;
    tx.commit()?;
    tracing::info!(event_type = %event.type_, "webhook processed");
    Ok(json(
        200,
        &WebhookAck {
            received: true,
            duplicate: Some(false),
        },
    ))
}

/// The side effect of one (new) event; unknown types and unknown orgs are ignored.
fn apply_event(conn: &Connection, event: &StripeEvent, now: i64) -> rusqlite::Result<()> {
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

/// Builds the signed `checkout.session.completed` event the simulated Checkout page delivers.
pub fn checkout_completed_event(
    state: &AppState,
    session_id: &str,
    org_id: &str,
    plan_id: &str,
) -> (Vec<u8>, String) {
    let now = state.clock.now_secs();
    let price = plan(plan_id).map(|p| p.monthly_price_cents).unwrap_or(0);
    let event = serde_json::json!({
        "id": format!("evt_{}", random_token(12).replace(['-', '_'], "x")),
        "object": "event",
        "type": "checkout.session.completed",
        "created": now,
        "livemode": false,
        "api_version": "2024-06-20",
        "data": { "object": {
            "id": session_id,
            "object": "checkout.session",
            "client_reference_id": org_id,
            "customer": format!("cus_{}", &org_id[..8]),
            "amount_total": price,
            "currency": "usd",
            "metadata": { "plan": plan_id, "org_id": org_id },
        }},
    });
    let body = serde_json::to_vec(&event).unwrap_or_default();
    let header = sign(state.webhook_secret(), now, &body);
    (body, header)
}

/// Delivers a signed event to this server's own webhook route (in process, through the router).
pub async fn deliver(state: &AppState, body: Vec<u8>, signature: String) -> Result<(), String> {
    use tower::ServiceExt;
    let req = Request::builder()
        .method("POST")
        .uri("/api/v1/webhooks/stripe")
        .header("host", format!("api.localhost:{}", state.port()))
        .header("content-type", "application/json")
        .header("stripe-signature", signature)
        .body(Body::from(body))
        .map_err(|e| e.to_string())?;
    let res = super::control_plane(state.clone())
        .oneshot(req)
        .await
        .map_err(|e| e.to_string())?;
    if res.status().is_success() {
        Ok(())
    } else {
        Err(format!("webhook answered {}", res.status()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_rules() {
        let body = br#"{"id":"evt_1"}"#;
        let now = 1_800_000_000;
        let good = sign("whsec_x", now, body);
        assert!(verify("whsec_x", Some(&good), body, now).is_ok());
        assert!(verify("whsec_x", Some(&good), body, now + 299).is_ok());
        assert_eq!(
            verify("whsec_x", Some(&good), body, now + 301)
                .unwrap_err()
                .status,
            400
        );
        assert_eq!(
            verify("whsec_x", Some(&good), body, now - 301)
                .unwrap_err()
                .status,
            400
        );
        assert!(verify("whsec_y", Some(&good), body, now).is_err());
        assert!(verify("whsec_x", Some(&good), br#"{"id":"evt_2"}"#, now).is_err());
        assert!(verify("whsec_x", None, body, now).is_err());
        let v0_only = good.replace("v1=", "v0=");
        assert!(verify("whsec_x", Some(&v0_only), body, now).is_err());
        // Rotation: a second v1 entry that is valid is enough.
        let sig = good.split_once(",v1=").unwrap().1;
        let rotated = format!("t={now},v1={},v1={sig}", "00".repeat(32));
        assert!(verify("whsec_x", Some(&rotated), body, now).is_ok());
    }
}
