//! Orgs: create/list/get/delete/export, provisioning progress and the public instance lookup.
//!
//! Lifecycle (simulated): a new free org starts `provisioning` at once; a paid one waits in
//! `awaiting_payment` for its first Checkout
//! (a paid upgrade goes through Checkout); provisioning takes 20 simulated seconds
//! (`Config.clock_speed` simulated seconds per real second) through the stages launching,
//! installing, starting, configuring_https, then `running`. A slug starting with `fail-`
//! fails during `installing` (8 simulated seconds in) and ends `failed`.

use super::{JsonBody, decode, json};
use crate::{
    auth::{SessionUser, random_token},
    clock::ts,
    error::{ApiError, ApiResult},
    state::AppState,
};
use axum::{
    Router,
    extract::{Path, State},
    response::{IntoResponse, Response},
    routing::get,
};
use molecule_sdk::types::{
    CreateOrgRequest, ExportSubject, Member, MemberRole, OrgExport, OrgInstance, OrgStatus,
    Organization, PlanId, ProvisionStatus, ProvisionStatusStage, ProvisionStatusStatus,
};
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

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/orgs", get(list_orgs).post(create_org))
        .route("/orgs/{slug}", get(get_org).delete(delete_org))
        .route("/orgs/{slug}/export", get(export_org))
        .route("/orgs/{slug}/provision-status", get(provision_status))
        .route("/orgs/{slug}/instance", get(instance))
}

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
        if super::admin::drain_queued_purge(conn, state, o)? {
            return Ok(None);
        }
    }
    Ok(org)
}

/// The caller's role in an org.
pub fn role_of(conn: &Connection, org_id: &str, user_id: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row(
        "SELECT role FROM members WHERE org_id = ?1 AND user_id = ?2",
        params![org_id, user_id],
        |r| r.get(0),
    )
    .optional()
}

pub fn parse_role(role: &str) -> MemberRole {
    role.parse().unwrap_or(MemberRole::Viewer)
}

/// The org by slug and the caller's role; 404 when there is no such org (malformed slugs included).
pub fn org_and_role(
    state: &AppState,
    user: &SessionUser,
    slug: &str,
) -> ApiResult<(OrgRow, Option<String>)> {
    if !valid_slug(slug) {
        return Err(ApiError::not_found("org"));
    }
    let conn = state.db.lock();
    let org = find_org(&conn, state, slug)?.ok_or_else(|| ApiError::not_found("org"))?;
    let role = role_of(&conn, &org.id, &user.user_id)?;
    Ok((org, role))
}

/// Like [`org_and_role`] but non-members get 403.
pub fn member_org(state: &AppState, user: &SessionUser, slug: &str) -> ApiResult<(OrgRow, String)> {
    match org_and_role(state, user, slug)? {
        (org, Some(role)) => Ok((org, role)),
        _ => Err(ApiError::forbidden("not a member of this org")),
    }
}

/// Owner or admin of the org (billing, members, invitations); 403 otherwise.
pub fn manager_org(
    state: &AppState,
    user: &SessionUser,
    slug: &str,
) -> ApiResult<(OrgRow, String)> {
    let (org, role) = member_org(state, user, slug)?;
    if role == "owner" || role == "admin" {
        Ok((org, role))
    } else {
        Err(ApiError::forbidden("only owners and admins may do this"))
    }
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

async fn list_orgs(State(state): State<AppState>, user: SessionUser) -> ApiResult<Response> {
    let conn = state.db.lock();
    let mut stmt = conn.prepare(&format!(
        "SELECT {}, m.role FROM orgs o JOIN members m ON m.org_id = o.id WHERE m.user_id = ?1 AND o.status <> 'purged'
         ORDER BY o.created_at, o.slug",
        ORG_COLUMNS.split(',').map(|c| format!("o.{}", c.trim())).collect::<Vec<_>>().join(", ")
    ))?;
    let rows: Vec<(OrgRow, String)> = stmt
        .query_map([&user.user_id], |r| Ok((org_from_row(r)?, r.get(17)?)))?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    for (mut org, role) in rows {
        refresh(&conn, &state, &mut org)?;
        out.push(to_organization(&state, &org, Some(&role)));
    }
    Ok(json(200, &out))
}

async fn create_org(
    State(state): State<AppState>,
    user: SessionUser,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    if user.terms_accepted_at.is_none() {
        return Err(ApiError::code(
            412,
            "TERMS_NOT_ACCEPTED",
            "accept the terms of service first",
        ));
    }
    if let Some(slug) = body.get("slug").and_then(|s| s.as_str())
        && (!valid_slug(slug) || RESERVED_SLUGS.contains(&slug))
    {
        return Err(ApiError::code(
            400,
            "INVALID_SLUG",
            "slug must match ^[a-z][a-z0-9-]{2,31}$ and not be reserved",
        )
        .with("field", serde_json::json!("slug")));
    }
    let req: CreateOrgRequest = decode(body)?;
    let (slug, name) = (req.slug.to_string(), req.name.to_string());
    // Free orgs start at once; paid ones wait for their first Checkout.
    let plan = req.plan.unwrap_or(molecule_sdk::types::PlanId::Free);
    let status = if plan == molecule_sdk::types::PlanId::Free {
        "provisioning"
    } else {
        "awaiting_payment"
    };
    let now = state.clock.now_ms();
    let mut conn = state.db.lock();
    let tx = conn.transaction()?;
    let owned: i64 = tx.query_row(
        "SELECT COUNT(*) FROM members m JOIN orgs o ON o.id = m.org_id WHERE m.user_id = ?1 AND m.role = 'owner' AND o.status <> 'purged'",
        [&user.user_id],
        |r| r.get(0),
    )?;
    if owned >= MAX_OWNED_ORGS {
        return Err(ApiError::code(
            402,
            "QUOTA_EXCEEDED",
            "you already own the maximum number of orgs",
        ));
    }
    let taken = tx
        .query_row(
            "SELECT 1 FROM orgs WHERE slug = ?1 AND status <> 'purged'",
            [&slug],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    if taken {
        return Err(ApiError::conflict("SLUG_TAKEN", "slug already taken")
            .with("field", serde_json::json!("slug")));
    }
    let id = uuid::Uuid::new_v4().to_string();
    tx.execute(
        "INSERT INTO orgs (id, slug, name, plan, status, created_at, updated_at, created_by, credits_balance,
            plan_monthly_credits, overage_cap_credits, provision_started_at, admin_token)
         VALUES (?1, ?2, ?3, ?8, ?9, ?4, ?4, ?5, ?11, ?6, 0, ?10, ?7)",
        params![
            id,
            slug,
            name,
            now,
            user.user_id,
            super::billing::plan_credits(&plan.to_string()),
            random_token(32),
            plan.to_string(),
            status,
            (status == "provisioning").then_some(now),
            // Paid plans get their credits when the first payment lands.
            if status == "provisioning" { super::billing::plan_credits(&plan.to_string()) } else { 0 },
        ],
    )?;
    tx.execute(
        "INSERT INTO members (org_id, user_id, role, joined_at, last_active_at) VALUES (?1, ?2, 'owner', ?3, ?3)",
        params![id, user.user_id, now],
    )?;
    tx.commit()?;
    let org = find_org(&conn, &state, &slug)?
        .ok_or_else(|| ApiError::internal("created org vanished"))?;
    tracing::info!(slug = %org.slug, "org created");
    Ok(json(201, &to_organization(&state, &org, Some("owner"))))
}

/// A member's session, or the CP admin bearer (operators read any org; no `role` then).
async fn get_org(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    Path(slug): Path<String>,
) -> ApiResult<Response> {
    if let Some(user) = SessionUser::from_headers(&state, &headers) {
        let (org, role) = member_org(&state, &user, &slug)?;
        return Ok(json(200, &to_organization(&state, &org, Some(&role))));
    }
    let admin = crate::auth::bearer(&headers).is_some_and(|t| {
        !state.config.cp_admin_token.is_empty()
            && crate::auth::ct_eq(t, &state.config.cp_admin_token)
    });
    if !admin {
        return Err(ApiError::unauthorized());
    }
    if !valid_slug(&slug) {
        return Err(ApiError::not_found("org"));
    }
    let org =
        find_org(&state.db.lock(), &state, &slug)?.ok_or_else(|| ApiError::not_found("org"))?;
    Ok(json(200, &to_organization(&state, &org, None)))
}

async fn delete_org(
    State(state): State<AppState>,
    user: SessionUser,
    Path(slug): Path<String>,
) -> ApiResult<Response> {
    let (org, role) = org_and_role(&state, &user, &slug)?;
    match role.as_deref() {
        Some("owner") => {}
        Some(_) => {
            return Err(ApiError::code(
                403,
                "NOT_OWNER",
                "only an owner can delete the org",
            ));
        }
        None => return Err(ApiError::forbidden("not a member of this org")),
    }
    let now = state.clock.now_ms();
    let mut conn = state.db.lock();
    let tx = conn.transaction()?;
    tx.execute(
        "UPDATE orgs SET status = 'purged', purged_at = ?2, updated_at = ?2, admin_token = NULL, ip = NULL WHERE id = ?1",
        params![org.id, now],
    )?;
    tx.execute(
        "INSERT INTO org_purges (org_id, slug, purged_by, purged_at) VALUES (?1, ?2, ?3, ?4)",
        params![org.id, org.slug, user.user_id, now],
    )?;
    tx.execute("DELETE FROM members WHERE org_id = ?1", [&org.id])?;
    tx.execute(
        "UPDATE invitations SET status = 'revoked' WHERE org_id = ?1 AND status = 'pending'",
        [&org.id],
    )?;
    tx.execute("DELETE FROM auto_credits WHERE org_id = ?1", [&org.id])?;
    tx.commit()?;
    tracing::info!(slug = %org.slug, "org purged");
    Ok(axum::http::StatusCode::NO_CONTENT.into_response())
}

/// Members of an org as the wire type, owners first.
pub fn list_member_rows(conn: &Connection, org_id: &str) -> rusqlite::Result<Vec<Member>> {
    let mut stmt = conn.prepare(
        "SELECT u.id, u.email, u.name, m.role, m.joined_at, m.last_active_at FROM members m JOIN users u ON u.id = m.user_id
         WHERE m.org_id = ?1
         ORDER BY CASE m.role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 WHEN 'member' THEN 2 ELSE 3 END, m.joined_at, u.email",
    )?;
    stmt.query_map([org_id], |r| {
        Ok(Member {
            user_id: r.get(0)?,
            email: r.get(1)?,
            name: Some(r.get(2)?),
            role: parse_role(&r.get::<_, String>(3)?),
            joined_at: ts(r.get(4)?),
            last_active_at: r.get::<_, Option<i64>>(5)?.map(ts),
        })
    })?
    .collect()
}

async fn export_org(
    State(state): State<AppState>,
    user: SessionUser,
    Path(slug): Path<String>,
) -> ApiResult<Response> {
    let (org, role) = member_org(&state, &user, &slug)?;
    let members = list_member_rows(&state.db.lock(), &org.id)?;
    let mut infrastructure = serde_json::Map::new();
    infrastructure.insert("region".into(), serde_json::json!(org.region));
    infrastructure.insert(
        "instance_id".into(),
        serde_json::json!(format!("i-local{}", &org.id[..8])),
    );
    let export = OrgExport {
        exported_at: ts(state.clock.now_ms()),
        exported_by: user.user_id.clone(),
        infrastructure,
        members,
        notes: [(
            "secrets".to_string(),
            serde_json::json!(
                "Secrets and workspace data live on the tenant and are exported separately."
            ),
        )]
        .into_iter()
        .collect(),
        organization: to_organization(&state, &org, Some(&role)),
        schema_version: "1".into(),
        subject: ExportSubject {
            user_id: user.user_id.clone(),
        },
    };
    Ok(json(200, &export))
}

/// Provisioning progress of an org at this moment.
pub fn progress_of(state: &AppState, org: &OrgRow) -> ProvisionStatus {
    let url = Some(state.tenant_origin(&org.slug));
    match org.status.as_str() {
        "running" => ProvisionStatus {
            status: ProvisionStatusStatus::Running,
            stage: ProvisionStatusStage::Ready,
            progress: 100,
            message: "Tenant is running".into(),
            eta_seconds: Some(0),
            url,
        },
        "provisioning" => {
            let elapsed = state
                .clock
                .simulated_secs_since(org.provision_started_at.unwrap_or(org.updated_at));
            let (stage, message) = match elapsed {
                e if e < 4.0 => (ProvisionStatusStage::Launching, "Launching the instance"),
                e if e < 9.0 => (
                    ProvisionStatusStage::Installing,
                    "Installing the workspace server",
                ),
                e if e < 14.0 => (ProvisionStatusStage::Starting, "Starting services"),
                _ => (
                    ProvisionStatusStage::ConfiguringHttps,
                    "Issuing TLS certificate",
                ),
            };
            let progress = ((elapsed / PROVISION_SECS) * 100.0).clamp(0.0, 99.0) as i32;
            let eta = ((PROVISION_SECS - elapsed) / state.clock.speed())
                .ceil()
                .max(1.0) as i32;
            ProvisionStatus {
                status: ProvisionStatusStatus::Provisioning,
                stage,
                progress,
                message: message.into(),
                eta_seconds: Some(eta),
                url: None,
            }
        }
        "awaiting_payment" => ProvisionStatus {
            status: ProvisionStatusStatus::Provisioning,
            stage: ProvisionStatusStage::Launching,
            progress: 0,
            message: "Waiting for payment (complete Checkout to start provisioning)".into(),
            eta_seconds: None,
            url: None,
        },
        "suspended" => ProvisionStatus {
            status: ProvisionStatusStatus::Failed,
            stage: ProvisionStatusStage::Failed,
            progress: 100,
            message: "Suspended: the tenant is stopped until the open invoice is paid".into(),
            eta_seconds: None,
            url: None,
        },
        _ => ProvisionStatus {
            status: ProvisionStatusStatus::Failed,
            stage: ProvisionStatusStage::Failed,
            progress: ((FAIL_AT_SECS / PROVISION_SECS) * 100.0) as i32,
            message: org
                .last_error
                .clone()
                .unwrap_or_else(|| "Provisioning failed".into()),
            eta_seconds: None,
            url: None,
        },
    }
}

async fn provision_status(
    State(state): State<AppState>,
    user: SessionUser,
    Path(slug): Path<String>,
) -> ApiResult<Response> {
    match org_and_role(&state, &user, &slug)? {
        (org, Some(_)) => Ok(json(200, &progress_of(&state, &org))),
        _ => Err(ApiError::not_found("org")),
    }
}

async fn instance(State(state): State<AppState>, Path(slug): Path<String>) -> ApiResult<Response> {
    // Validate before keying the limiter: a malformed slug never gets a counter of its own.
    if !valid_slug(&slug) {
        return Err(ApiError::not_found("org"));
    }
    if let Err(retry) = state.rate_limit(&format!("instance:{slug}"), 120, 60) {
        return Err(super::rate_limited(retry));
    }
    let org =
        find_org(&state.db.lock(), &state, &slug)?.ok_or_else(|| ApiError::not_found("org"))?;
    let body = OrgInstance {
        ip: if org.status == "running" {
            org.ip.clone()
        } else {
            None
        },
        org_id: org.id.parse().ok(),
        region: Some(org.region.clone()),
        slug: org.slug.clone(),
        status: org.status.clone(),
    };
    Ok(json(200, &body))
}
