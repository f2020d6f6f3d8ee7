//! Hosted pages on the app host: the simulated AuthKit sign-in, Stripe Checkout, the billing
//! portal and invoices (Pay delivers the signed Checkout event to the webhook route in process).
//! Plain HTML forms and one external stylesheet: no inline script or style,
//! so the strict CSP holds.

use crate::{
    api::redirect,
    crypto::{hash_token, random_token},
    error::ApiError,
    state::AppState,
    store::{billing, sessions, users},
    stripe::checkout_completed_event,
};
use axum::{
    Form, Router,
    body::Body,
    extract::{Path, Query, Request, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use std::collections::HashMap;

pub const STYLESHEET: &str = "/_dev/pages.css";
const CSS: &str = include_str!("../static/pages.css");

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(STYLESHEET, get(stylesheet))
        .route("/authkit/login", get(sign_in_page))
        .route("/authkit/authorize", post(authorize))
        .route("/checkout/{id}", get(checkout_page))
        .route("/checkout/{id}/pay", post(pay))
        .route("/checkout/{id}/cancel", post(cancel))
        .route("/portal/{id}", get(portal_page))
        .route("/invoices/{id}", get(invoice_page))
}

/// HTML-escapes text and attribute values.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn page(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{t}</title><link rel=\"stylesheet\" href=\"{STYLESHEET}\"></head><body><main class=\"card\">\
         <p class=\"brand\">Molecule <span>local</span></p><h1>{t}</h1>{body}</main></body></html>",
        t = esc(title)
    );
    let mut res = (status, html).into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// What a person who opens the address of an org that does not exist (or was deleted) sees,
/// instead of the browser's bare 404: where they are and the way back. API calls to such a host
/// still get the empty 404 the platform sends.
pub fn no_org_page(app_origin: &str, slug: &str) -> Response {
    page(
        StatusCode::NOT_FOUND,
        "No organization here",
        &format!(
            "<p>No organization lives at <strong>{}</strong>. It may have been deleted, or the \
             address may be mistyped.</p><p><a href=\"{}/\">Go to your organizations</a></p>",
            esc(slug),
            esc(app_origin)
        ),
    )
}

fn error_page(message: &str) -> Response {
    page(
        StatusCode::BAD_REQUEST,
        "Something went wrong",
        &format!(
            "<p>{}</p><p><a href=\"/\">Back to the console</a></p>",
            esc(message)
        ),
    )
}

async fn stylesheet() -> Response {
    let mut res = CSS.into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/css; charset=utf-8"),
    );
    res
}

/// A live sign-in transaction: (screen).
fn live_state(state: &AppState, token: &str) -> Option<String> {
    let conn = state.db.lock();
    sessions::auth_state(&conn, &hash_token(token))
        .ok()
        .flatten()
        .filter(|s| !s.used && state.clock.now_ms() - s.created_at < 600_000)
        .map(|s| s.screen)
}

async fn sign_in_page(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let token = q.get("state").cloned().unwrap_or_default();
    let Some(screen) = live_state(&state, &token) else {
        return error_page("This sign-in link has expired. Start again from the console.");
    };
    // Like the real AuthKit, a browser that is already signed in at the provider (here: a
    // live session on the app host) is not asked again: the sign-in completes at once, which
    // is what lets a tenant host get its session without a second prompt.
    if screen != "sign-up"
        && let Some(user) = crate::auth::SessionUser::from_headers(&state, &headers)
    {
        return issue_code(&state, &token, &user.user_id, Some(&user.login_id));
    }
    let users = match users::first(&state.db.lock(), 20) {
        Ok(u) => u,
        Err(e) => return ApiError::internal(e).into_response(),
    };
    let hidden = format!(
        "<input type=\"hidden\" name=\"state\" value=\"{}\">",
        esc(&token)
    );
    let mut body = String::from(
        "<p class=\"muted\">Simulated AuthKit. Pick a user or sign in with any email.</p><ul class=\"users\">",
    );
    for (id, email, name) in &users {
        body.push_str(&format!(
            "<li><form method=\"post\" action=\"/authkit/authorize\">{hidden}<input type=\"hidden\" name=\"user_id\" value=\"{}\">\
             <button type=\"submit\">Continue as {} <span class=\"muted\">{}</span></button></form></li>",
            esc(id),
            esc(name),
            esc(email)
        ));
    }
    body.push_str(&format!(
        "</ul><form method=\"post\" action=\"/authkit/authorize\" class=\"stack\">{hidden}\
         <label>Email <input type=\"email\" name=\"email\" required autocomplete=\"email\"></label>\
         <label>Name <input type=\"text\" name=\"name\" autocomplete=\"name\"></label>\
         <button type=\"submit\" class=\"primary\">{}</button></form>",
        if screen == "sign-up" {
            "Create account"
        } else {
            "Sign in"
        }
    ));
    let title = if screen == "sign-up" {
        "Create your Molecule account"
    } else {
        "Sign in to Molecule"
    };
    page(StatusCode::OK, title, &body)
}

async fn authorize(
    State(state): State<AppState>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let token = form.get("state").cloned().unwrap_or_default();
    if live_state(&state, &token).is_none() {
        return error_page("This sign-in link has expired. Start again from the console.");
    }
    let now = state.clock.now_ms();
    let conn = state.db.lock();
    let user_id: Option<String> = if let Some(id) = form.get("user_id").filter(|s| !s.is_empty()) {
        users::exists(&conn, id)
            .ok()
            .filter(|found| *found)
            .map(|_| id.clone())
    } else {
        let email = form
            .get("email")
            .map(|e| e.trim().to_ascii_lowercase())
            .unwrap_or_default();
        if !crate::api::valid_email(&email) {
            drop(conn);
            return error_page("Enter a valid email address.");
        }
        let existing = users::id_by_email(&conn, &email).ok().flatten();
        match existing {
            Some(id) => Some(id),
            None => {
                let name = form
                    .get("name")
                    .map(|n| n.trim())
                    .filter(|n| !n.is_empty())
                    .map(str::to_string);
                if let Some(problem) = name
                    .as_deref()
                    .and_then(|n| crate::api::text_problem(n, false))
                {
                    drop(conn);
                    return error_page(&format!("The name {problem}."));
                }
                let name =
                    name.unwrap_or_else(|| email.split('@').next().unwrap_or("user").to_string());
                let id = format!("user_{}", random_token(9).replace(['-', '_'], "x"));
                let name: String = name.chars().take(100).collect();
                if let Err(e) = users::insert(&conn, &id, &email, &name, now) {
                    return ApiError::internal(e).into_response();
                }
                Some(id)
            }
        }
    };
    let Some(user_id) = user_id else {
        drop(conn);
        return error_page("Unknown user.");
    };
    drop(conn);
    issue_code(&state, &token, &user_id, None)
}

/// Issues the one-time code for `user_id` and sends the browser to the sign-in's callback.
fn issue_code(state: &AppState, token: &str, user_id: &str, login_id: Option<&str>) -> Response {
    let now = state.clock.now_ms();
    let conn = state.db.lock();
    let callback = sessions::auth_state(&conn, &hash_token(token))
        .ok()
        .flatten()
        .map(|s| s.callback_url);
    let code = random_token(32);
    if let Err(e) = sessions::insert_code(
        &conn,
        &hash_token(&code),
        &hash_token(token),
        user_id,
        login_id,
        now,
    ) {
        return ApiError::internal(e).into_response();
    }
    let callback =
        callback.unwrap_or_else(|| format!("{}/api/v1/auth/callback", state.api_origin()));
    redirect(&format!("{callback}?code={code}&state={token}"))
}

fn checkout_row_of(state: &AppState, id: &str) -> Option<billing::CheckoutRow> {
    billing::checkout_row(&state.db.lock(), id).ok().flatten()
}

fn dollars(cents: i64) -> String {
    format!("${}.{:02}", cents / 100, cents % 100)
}

async fn checkout_page(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let Some(c) = checkout_row_of(&state, &id) else {
        return error_page("Unknown checkout session.");
    };
    if c.status != "open" {
        return page(
            StatusCode::OK,
            "Checkout closed",
            &format!("<p>This checkout is {}.</p>", esc(&c.status)),
        );
    }
    let plan = billing::plan(&c.plan);
    let (label, price) = plan
        .map(|p| (p.label, p.monthly_price_cents))
        .unwrap_or_default();
    let body = format!(
        "<p class=\"muted\">Simulated Stripe Checkout (test mode, nothing is charged).</p>\
         <dl><dt>Organization</dt><dd>{}</dd><dt>Plan</dt><dd>{}</dd><dt>Price</dt><dd>{} / month</dd></dl>\
         <div class=\"row\"><form method=\"post\" action=\"/checkout/{id}/pay\"><button type=\"submit\" class=\"primary\">Pay {}</button></form>\
         <form method=\"post\" action=\"/checkout/{id}/cancel\"><button type=\"submit\">Cancel</button></form></div>",
        esc(&c.org_name),
        esc(&label),
        dollars(price),
        dollars(price),
        id = esc(&id)
    );
    page(StatusCode::OK, "Checkout", &body)
}

async fn pay(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let Some(c) = checkout_row_of(&state, &id) else {
        return error_page("Unknown checkout session.");
    };
    if c.status == "open" {
        let (body, signature) = checkout_completed_event(&state, &id, &c.org_id, &c.plan);
        if let Err(e) = deliver(&state, body, signature).await {
            tracing::error!(error = %e, "simulated checkout webhook failed");
            return error_page("Payment could not be confirmed. Try again.");
        }
    }
    redirect(&c.success_url)
}

async fn cancel(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let Some(c) = checkout_row_of(&state, &id) else {
        return error_page("Unknown checkout session.");
    };
    if c.status == "open" {
        let _ = billing::cancel_checkout(&state.db.lock(), &id);
    }
    redirect(&c.cancel_url)
}

async fn portal_page(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let row = billing::portal_row(&state.db.lock(), &id).ok().flatten();
    let Some(billing::PortalRow {
        return_url,
        org_name: name,
        plan,
        credits_balance: credits,
    }) = row
    else {
        return error_page("Unknown portal session.");
    };
    let label = billing::plan(&plan).map(|p| p.label).unwrap_or(plan);
    let body = format!(
        "<p class=\"muted\">Simulated Stripe billing portal.</p><dl><dt>Organization</dt><dd>{}</dd><dt>Plan</dt><dd>{}</dd>\
         <dt>Credits</dt><dd>{credits}</dd><dt>Payment method</dt><dd>Visa ending 4242</dd></dl>\
         <p><a class=\"button\" href=\"{}\">Return to Molecule</a></p>",
        esc(&name),
        esc(&label),
        esc(&return_url)
    );
    page(StatusCode::OK, "Billing", &body)
}

async fn invoice_page(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let row = billing::invoice_summary(&state.db.lock(), &id)
        .ok()
        .flatten();
    let Some(billing::InvoiceSummary {
        number,
        status,
        amount_due: due,
        description,
        org_name: org,
    }) = row
    else {
        return error_page("Unknown invoice.");
    };
    let body = format!(
        "<dl><dt>Organization</dt><dd>{}</dd><dt>Number</dt><dd>{}</dd><dt>Status</dt><dd>{}</dd><dt>Amount</dt><dd>{}</dd>\
         <dt>Description</dt><dd>{}</dd></dl>",
        esc(&org),
        esc(number.as_deref().unwrap_or("draft")),
        esc(&status),
        dollars(due),
        esc(&description)
    );
    page(StatusCode::OK, "Invoice", &body)
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
    let res = crate::routes::control_plane(state.clone())
        .oneshot(req)
        .await
        .map_err(|e| e.to_string())?;
    if res.status().is_success() {
        Ok(())
    } else {
        Err(format!("webhook answered {}", res.status()))
    }
}
