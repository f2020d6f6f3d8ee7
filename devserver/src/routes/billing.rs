//! Plans and simulated Stripe billing: Checkout and the portal are local pages on the app host
//! (see `pages.rs`); payment is confirmed only by the signed webhook, verified on the raw body
//! (`stripe.rs`) and deduplicated by event id.

use super::membership::manager_org;
use crate::{
    api::{JsonBody, Params, decode, int_param, json},
    auth::{SessionUser, allowed_url},
    clock::ts,
    crypto::random_token,
    error::{ApiError, ApiResult},
    state::AppState,
    store::{
        billing::{self, apply_event, auto_credits_of, invoice_rows, plans, record_invoice},
        orgs::valid_slug,
    },
};
use axum::{
    Router,
    extract::{Request, State},
    http::HeaderMap,
    response::Response,
    routing::{get, post},
};
use molecule_sdk::types::{
    AutoCreditsSettings, CheckoutSession, InvoiceList, PortalSession, StripeEvent, TopupRequest,
    TopupResult, TopupResultStatus, WebhookAck,
};
use rusqlite::Connection;

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
    let found = billing::idempotent_answer(conn, user, op, key)?;
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
        let body = serde_json::to_string(body).unwrap_or_default();
        billing::remember_answer(conn, user, op, key, status, &body)?;
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
    .field(field)
}

/// Checks `org_slug` is a string of the right form; 400 otherwise.
fn body_slug(body: &serde_json::Value) -> ApiResult<String> {
    match body.get("org_slug").and_then(|v| v.as_str()) {
        Some(s) if valid_slug(s) => Ok(s.to_string()),
        _ => Err(ApiError::bad_request("org_slug is missing or malformed").field("org_slug")),
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
            ApiError::code(400, "UNKNOWN_PLAN", "plan must be starter or pro").field("plan"),
        );
    }
    let req: molecule_sdk::types::CheckoutRequest = decode(body)?;
    let (org, _) = manager_org(&state, &user, &req.org_slug)?;
    if !allowed_url(&state, &req.success_url) {
        return Err(invalid_return_url("success_url"));
    }
    if !allowed_url(&state, &req.cancel_url) {
        return Err(invalid_return_url("cancel_url"));
    }
    let id = format!("cs_test_{}", random_token(18).replace(['-', '_'], "x"));
    let conn = state.db.lock();
    billing::insert_checkout_session(
        &conn,
        &id,
        &org.id,
        &req.plan.to_string(),
        &req.success_url,
        &req.cancel_url,
        state.clock.now_ms(),
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
    let (org, _) = manager_org(&state, &user, &req.org_slug)?;
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
    billing::insert_portal_session(
        &state.db.lock(),
        &id,
        &org.id,
        &req.return_url,
        state.clock.now_ms(),
    )?;
    Ok(json(
        200,
        &PortalSession {
            url: format!("{}/portal/{id}", state.app_origin()),
        },
    ))
}

/// `?org_slug=&limit=&offset=` of the invoice list.
#[derive(serde::Deserialize)]
struct InvoiceQuery {
    org_slug: Option<String>,
    limit: Option<String>,
    offset: Option<String>,
}

async fn invoices(
    State(state): State<AppState>,
    user: SessionUser,
    Params(q): Params<InvoiceQuery>,
) -> ApiResult<Response> {
    let slug = q.org_slug.unwrap_or_default();
    if !valid_slug(&slug) {
        return Err(ApiError::bad_request("org_slug is missing or malformed").field("org_slug"));
    }
    let limit = int_param(&q.limit, "limit", 20, 1, 100)?;
    let offset = int_param(&q.offset, "offset", 0, 0, i32::MAX as i64)?;
    let (org, _) = manager_org(&state, &user, &slug)?;
    let conn = state.db.lock();
    let total = billing::invoice_count(&conn, &org.id)?;
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
            ApiError::bad_request("credits must be between 1000 and 10000000").field("credits"),
        );
    }
    let (org, _) = manager_org(&state, &user, &req.org_slug)?;
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
    let balance = billing::add_credits(&tx, &org.id, req.credits, now)?;
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

/// `?org_slug=` of the auto top-up settings.
#[derive(serde::Deserialize)]
struct SlugQuery {
    org_slug: Option<String>,
}

fn query_slug(q: &SlugQuery) -> ApiResult<String> {
    match &q.org_slug {
        Some(s) if valid_slug(s) => Ok(s.clone()),
        // The contract documents no 400 here: a missing or malformed slug names no org.
        _ => Err(ApiError::not_found("org")),
    }
}

async fn get_auto_credits(
    State(state): State<AppState>,
    user: SessionUser,
    Params(q): Params<SlugQuery>,
) -> ApiResult<Response> {
    let (org, _) = manager_org(&state, &user, &query_slug(&q)?)?;
    Ok(json(200, &auto_credits_of(&state.db.lock(), &org.id)?))
}

async fn put_auto_credits(
    State(state): State<AppState>,
    user: SessionUser,
    Params(q): Params<SlugQuery>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let (org, _) = manager_org(&state, &user, &query_slug(&q)?)?;
    let req: AutoCreditsSettings = decode(body)?;
    if req.threshold_credits < 0 {
        return Err(
            ApiError::bad_request("threshold_credits must be >= 0").field("threshold_credits")
        );
    }
    if req.topup_credits < 1_000 {
        return Err(ApiError::bad_request("topup_credits must be >= 1000").field("topup_credits"));
    }
    if req.monthly_cap_credits.is_some_and(|c| c < 0) {
        return Err(
            ApiError::bad_request("monthly_cap_credits must be >= 0").field("monthly_cap_credits")
        );
    }
    if req.enabled && !org.has_payment_method {
        return Err(ApiError::code(
            402,
            "PAYMENT_REQUIRED",
            "enabling auto top-up needs a payment method",
        ));
    }
    billing::set_auto_credits(&state.db.lock(), &org.id, &req)?;
    Ok(json(200, &req))
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
    crate::stripe::verify(
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
    let fresh = billing::record_webhook_event(&tx, &event.id.to_string(), &event.type_, now)?;
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
