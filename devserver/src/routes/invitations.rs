//! Invitations: owners/admins invite by email; the secret token travels only in `accept_url`
//! (create and resend answers) and is stored hashed. Invitations expire after 7 days.

use crate::{
    api::{JsonBody, Params, decode, json, rate_limited, valid_email},
    auth::SessionUser,
    clock::ts,
    crypto::{hash_token, random_token},
    error::{ApiError, ApiResult},
    state::AppState,
    store::invitations::{self, Row},
};
use axum::{
    Router,
    extract::{Path, State},
    response::{IntoResponse, Response},
    routing::{delete, get, post},
};
use molecule_sdk::types::{
    AcceptInvitationResult, CreateInvitationRequest, Invitation, InvitationPreview, InvitationRole,
    InvitationStatus,
};
use rusqlite::Connection;

pub const INVITATION_TTL_MS: i64 = 7 * 24 * 3600 * 1000;
/// Invitations one org may send per day.
pub const DAILY_INVITATIONS: i64 = 50;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/orgs/{slug}/invitations", get(list).post(create))
        .route("/orgs/{slug}/invitations/{invitation_id}", delete(revoke))
        .route(
            "/orgs/{slug}/invitations/{invitation_id}/resend",
            post(resend),
        )
        .route("/invitations/{token}", get(preview))
        .route("/invitations/{token}/accept", post(accept))
}

fn to_wire(row: &Row, slug: &str, accept_url: Option<String>) -> Invitation {
    Invitation {
        accept_url,
        accepted_at: row.accepted_at.map(ts),
        created_at: ts(row.created_at),
        email: row.email.clone(),
        expires_at: ts(row.expires_at),
        id: row.id.parse().unwrap_or_default(),
        invited_by: row.invited_by.clone(),
        org_slug: slug.parse().expect("stored slugs are valid"),
        role: row.role.parse().unwrap_or(InvitationRole::Viewer),
        status: row.status.parse().unwrap_or(InvitationStatus::Expired),
    }
}

fn accept_url(state: &AppState, token: &str) -> String {
    format!("{}/invitations/{token}", state.app_origin())
}

/// `?status=` of the invitation list (one of the invitation statuses).
#[derive(serde::Deserialize)]
struct StatusQuery {
    status: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    user: SessionUser,
    Path(slug): Path<String>,
    Params(q): Params<StatusQuery>,
) -> ApiResult<Response> {
    let (org, _) = super::membership::manager_org(&state, &user, &slug)?;
    let filter = match q.status {
        Some(s) => Some(
            decode::<InvitationStatus>(serde_json::Value::String(s))
                .map_err(|_| {
                    ApiError::bad_request("status must be pending, accepted, revoked or expired")
                })?
                .to_string(),
        ),
        None => None,
    };
    let conn = state.db.lock();
    invitations::expire(&conn, state.clock.now_ms())?;
    let rows = invitations::list(&conn, &org.id, filter.as_deref())?;
    Ok(json(
        200,
        &rows
            .iter()
            .map(|r| to_wire(r, &org.slug, None))
            .collect::<Vec<_>>(),
    ))
}

async fn create(
    State(state): State<AppState>,
    user: SessionUser,
    Path(slug): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let (org, _) = super::membership::manager_org(&state, &user, &slug)?;
    let req: CreateInvitationRequest = decode(body)?;
    let email = req.email.trim().to_ascii_lowercase();
    if !valid_email(&email) {
        return Err(ApiError::bad_request("invalid email address").field("email"));
    }
    let now = state.clock.now_ms();
    let conn = state.db.lock();
    invitations::expire(&conn, now)?;
    if invitations::email_is_member(&conn, &org.id, &email)? {
        return Err(ApiError::conflict(
            "ALREADY_MEMBER",
            "that person is already a member",
        ));
    }
    if invitations::pending_for(&conn, &org.id, &email)? {
        return Err(ApiError::conflict(
            "INVITATION_PENDING",
            "a pending invitation already exists for that email",
        ));
    }
    let today = invitations::created_since(&conn, &org.id, now - 86_400_000)?;
    if today >= DAILY_INVITATIONS {
        return Err(rate_limited(3600));
    }
    let token = random_token(24);
    let row = Row {
        id: uuid::Uuid::new_v4().to_string(),
        org_id: org.id.clone(),
        email,
        role: req.role.to_string(),
        status: "pending".into(),
        invited_by: user.user_id.clone(),
        created_at: now,
        expires_at: now + INVITATION_TTL_MS,
        accepted_at: None,
        last_sent_at: now,
    };
    invitations::insert(&conn, &row, &hash_token(&token))?;
    tracing::info!(org = %org.slug, invitation = %row.id, "invitation created");
    Ok(json(
        201,
        &to_wire(&row, &org.slug, Some(accept_url(&state, &token))),
    ))
}

fn find(conn: &Connection, org_id: &str, id: &str) -> ApiResult<Row> {
    invitations::find(conn, org_id, id)?.ok_or_else(|| ApiError::not_found("invitation"))
}

async fn revoke(
    State(state): State<AppState>,
    user: SessionUser,
    Path((slug, id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let (org, _) = super::membership::manager_org(&state, &user, &slug)?;
    let conn = state.db.lock();
    invitations::expire(&conn, state.clock.now_ms())?;
    let row = find(&conn, &org.id, &id)?;
    if row.status != "pending" {
        return Err(ApiError::conflict(
            "INVITATION_NOT_PENDING",
            "the invitation is not pending",
        ));
    }
    invitations::revoke(&conn, &row.id)?;
    Ok(axum::http::StatusCode::NO_CONTENT.into_response())
}

async fn resend(
    State(state): State<AppState>,
    user: SessionUser,
    Path((slug, id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let (org, _) = super::membership::manager_org(&state, &user, &slug)?;
    let now = state.clock.now_ms();
    let conn = state.db.lock();
    invitations::expire(&conn, now)?;
    let mut row = find(&conn, &org.id, &id)?;
    if row.status != "pending" {
        return Err(ApiError::conflict(
            "INVITATION_NOT_PENDING",
            "the invitation is not pending",
        ));
    }
    if now - row.last_sent_at < 60_000 {
        return Err(rate_limited(
            ((60_000 - (now - row.last_sent_at)) / 1000).max(1),
        ));
    }
    let token = random_token(24);
    row.expires_at = now + INVITATION_TTL_MS;
    row.last_sent_at = now;
    invitations::renew(&conn, &row.id, &hash_token(&token), row.expires_at, now)?;
    Ok(json(
        200,
        &to_wire(&row, &org.slug, Some(accept_url(&state, &token))),
    ))
}

/// The invitation behind a token plus its org's slug and name; 404/410 as the contract says.
fn by_token(state: &AppState, conn: &Connection, token: &str) -> ApiResult<(Row, String, String)> {
    invitations::expire(conn, state.clock.now_ms())?;
    let (row, slug, name) = invitations::by_token_hash(conn, &hash_token(token))?
        .ok_or_else(|| ApiError::not_found("invitation"))?;
    match row.status.as_str() {
        "expired" => Err(ApiError::code(
            410,
            "INVITATION_EXPIRED",
            "this invitation has expired",
        )),
        "revoked" => Err(ApiError::code(
            410,
            "INVITATION_REVOKED",
            "this invitation was revoked",
        )),
        _ => Ok((row, slug, name)),
    }
}

async fn preview(State(state): State<AppState>, Path(token): Path<String>) -> ApiResult<Response> {
    let conn = state.db.lock();
    let (row, slug, name) = by_token(&state, &conn, &token)?;
    let inviter = crate::store::users::name(&conn, &row.invited_by)?;
    Ok(json(
        200,
        &InvitationPreview {
            email: row.email.clone(),
            expires_at: ts(row.expires_at),
            invited_by_name: inviter,
            org_name: name,
            org_slug: slug.parse().expect("stored slugs are valid"),
            role: row.role.parse().unwrap_or(InvitationRole::Viewer),
            status: row.status.parse().unwrap_or(InvitationStatus::Pending),
        },
    ))
}

async fn accept(
    State(state): State<AppState>,
    user: SessionUser,
    Path(token): Path<String>,
) -> ApiResult<Response> {
    let now = state.clock.now_ms();
    let conn = state.db.lock();
    let (row, slug, _) = by_token(&state, &conn, &token)?;
    if !row.email.eq_ignore_ascii_case(&user.email) {
        return Err(ApiError::code(
            403,
            "EMAIL_MISMATCH",
            "this invitation was sent to another email address",
        ));
    }
    if crate::store::members::role_of(&conn, &row.org_id, &user.user_id)?.is_some()
        || row.status == "accepted"
    {
        return Err(ApiError::conflict(
            "ALREADY_MEMBER",
            "you are already a member of this org",
        ));
    }
    if user.terms_accepted_at.is_none() {
        return Err(ApiError::code(
            412,
            "TERMS_NOT_ACCEPTED",
            "accept the terms of service first",
        ));
    }
    crate::store::members::add(&conn, &row.org_id, &user.user_id, &row.role, now, Some(now))?;
    invitations::mark_accepted(&conn, &row.id, now)?;
    Ok(json(
        200,
        &AcceptInvitationResult {
            org_id: row.org_id.parse().unwrap_or_default(),
            org_slug: slug.parse().expect("stored slugs are valid"),
            role: row
                .role
                .parse()
                .unwrap_or(molecule_sdk::types::MemberRole::Viewer),
            user_id: user.user_id.clone(),
        },
    ))
}
