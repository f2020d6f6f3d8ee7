//! Operator org routes: list, create (with `dry_run`), summary, the tenant ADMIN_TOKEN and
//! the org's workspaces.

use super::lookup::org_by_slug;
use crate::{
    api::{JsonBody, Params, decode, int_param, is_true, json},
    auth::CpAdmin,
    clock::ts,
    crypto::random_token,
    error::{ApiError, ApiResult},
    state::AppState,
    store::{
        billing::plan_credits,
        instances::{add_boot_event, instance, instance_state},
        orgs::{self, NewOrg, OrgRow, find_org, valid_slug},
        tenant as store,
    },
};
use axum::{
    Router,
    extract::{Path, State},
    http::{HeaderValue, header},
    response::Response,
    routing::get,
};
use molecule_sdk::types::{
    AdminCreateOrgRequest, AdminOrgDryRun, AdminOrgList, AdminOrgSummary, AdminOrgWorkspaces,
    PlanId, TenantAdminToken,
};
use rusqlite::Connection;
use serde_json::Value;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/orgs", get(list_orgs).post(create_org))
        .route("/admin/orgs/{slug}", get(get_org))
        .route("/admin/orgs/{slug}/admin-token", get(admin_token))
        .route("/admin/orgs/{slug}/workspaces", get(org_workspaces))
}

fn summary(conn: &Connection, state: &AppState, org: &OrgRow) -> rusqlite::Result<AdminOrgSummary> {
    let members = crate::store::members::count(conn, &org.id)?;
    let instance_status = instance(conn, org)?.map(|i| instance_state(state, org, &i));
    Ok(AdminOrgSummary {
        id: org.id.parse().unwrap_or_default(),
        slug: org.slug.clone(),
        name: org.name.clone(),
        plan: org.plan.parse().unwrap_or(PlanId::Free),
        status: None,
        member_count: members as i32,
        instance_status,
        last_error: org.last_error.clone().filter(|e| !e.is_empty()),
        created_at: ts(org.created_at),
        updated_at: ts(org.updated_at),
    })
}

/// `?limit=&offset=` of the org list.
#[derive(serde::Deserialize)]
struct Page {
    limit: Option<String>,
    offset: Option<String>,
}

/// `?dry_run=true` checks a create without doing it.
#[derive(serde::Deserialize)]
struct DryRun {
    dry_run: Option<String>,
}

async fn list_orgs(
    State(state): State<AppState>,
    _admin: CpAdmin,
    Params(q): Params<Page>,
) -> ApiResult<Response> {
    let limit = int_param(&q.limit, "limit", 100, 1, 500)?;
    let offset = int_param(&q.offset, "offset", 0, 0, i32::MAX as i64)?;
    let conn = state.db.lock();
    let total = orgs::count_live(&conn)?;
    let slugs = orgs::live_slugs(&conn, limit, offset)?;
    let mut orgs = Vec::new();
    for slug in slugs {
        if let Some(org) = find_org(&conn, &state, &slug)? {
            orgs.push(summary(&conn, &state, &org)?);
        }
    }
    Ok(json(
        200,
        &AdminOrgList {
            orgs,
            total: Some(total as i32),
            limit: std::num::NonZeroU32::new(limit as u32),
            offset: Some(offset as i32),
        },
    ))
}

async fn create_org(
    State(state): State<AppState>,
    _admin: CpAdmin,
    Params(q): Params<DryRun>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    // Like the real control plane: every missing (or empty) field named at once, in this order.
    let missing: Vec<&str> = ["slug", "name", "owner_user_id"]
        .into_iter()
        .filter(|f| {
            body.get(f)
                .and_then(Value::as_str)
                .is_none_or(str::is_empty)
        })
        .collect();
    if !missing.is_empty() {
        return Err(
            ApiError::bad_request(&format!("{} are required", missing.join(", ")))
                .with(|e| e.fields = missing.iter().map(|s| s.to_string()).collect()),
        );
    }
    if let Some(slug) = body.get("slug").and_then(Value::as_str)
        && (!valid_slug(slug) || crate::store::orgs::RESERVED_SLUGS.contains(&slug))
    {
        return Err(ApiError::code(
            400,
            "INVALID_SLUG",
            "slug must match ^[a-z][a-z0-9-]{2,31}$ and not be reserved",
        )
        .field("slug"));
    }
    // Strict decoding: unknown fields are a 400 (the SDK type denies them).
    let req: AdminCreateOrgRequest = decode(body)?;
    let (slug, name, owner) = (
        req.slug.clone(),
        req.name.to_string(),
        req.owner_user_id.to_string(),
    );
    if name.trim().is_empty() || name.chars().count() > 100 {
        return Err(ApiError::bad_request("name must be 1-100 characters").field("name"));
    }
    let mut conn = state.db.lock();
    if orgs::slug_taken(&conn, &slug)? {
        return Err(ApiError::conflict("SLUG_TAKEN", "slug already taken").field("slug"));
    }
    if is_true(&q.dry_run) {
        return Ok(json(
            200,
            &AdminOrgDryRun {
                dry_run: true,
                slug,
                name,
                owner_user_id: owner,
            },
        ));
    }
    let now = state.clock.now_ms();
    let id = uuid::Uuid::new_v4().to_string();
    let tx = conn.transaction()?;
    orgs::insert(
        &tx,
        &NewOrg {
            id: &id,
            slug: &slug,
            name: &name,
            plan: "free",
            status: "provisioning",
            created_by: &owner,
            credits_balance: plan_credits("free"),
            plan_monthly_credits: plan_credits("free"),
            provision_started_at: Some(now),
            admin_token: &random_token(32),
            now,
        },
    )?;
    if crate::store::users::exists(&tx, &owner)? {
        crate::store::members::add(&tx, &id, &owner, "owner", now, None)?;
    }
    add_boot_event(
        &tx,
        &id,
        now,
        "launching",
        "info",
        "instance launch requested by operator",
    )?;
    tx.commit()?;
    let org = find_org(&conn, &state, &slug)?.ok_or_else(|| ApiError::internal("vanished"))?;
    tracing::info!(slug = %slug, "org created by operator");
    Ok(json(
        201,
        &crate::store::orgs::to_organization(&state, &org, None),
    ))
}

async fn get_org(
    State(state): State<AppState>,
    _admin: CpAdmin,
    Path(slug): Path<String>,
) -> ApiResult<Response> {
    let conn = state.db.lock();
    let org = org_by_slug(&conn, &state, &slug)?;
    Ok(json(200, &summary(&conn, &state, &org)?))
}

async fn admin_token(
    State(state): State<AppState>,
    _admin: CpAdmin,
    Path(slug): Path<String>,
) -> ApiResult<Response> {
    let conn = state.db.lock();
    let org = org_by_slug(&conn, &state, &slug)?;
    let token = orgs::admin_token(&conn, &org.id)?;
    let Some(token) = token.filter(|_| org.status != "awaiting_payment") else {
        return Err(ApiError::code(
            404,
            "NOT_PROVISIONED",
            "the tenant has not been provisioned yet",
        ));
    };
    let mut res = json(
        200,
        &TenantAdminToken {
            slug: org.slug.clone(),
            admin_token: token,
        },
    );
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

async fn org_workspaces(
    State(state): State<AppState>,
    _admin: CpAdmin,
    Path(slug): Path<String>,
) -> ApiResult<Response> {
    let conn = state.db.lock();
    let org = org_by_slug(&conn, &state, &slug)?;
    if org.status != "running" {
        return Err(
            ApiError::code(502, "UPSTREAM_UNAVAILABLE", "the tenant is not reachable")
                .with(|e| e.http_status = Some(503)),
        );
    }
    store::refresh_org(&conn, &state, &org.id)?;
    let workspaces: Vec<_> = store::list(&conn, &org.id)?
        .iter()
        .map(|w| store::to_workspace(&state, &conn, w, true))
        .collect();
    Ok(json(
        200,
        &AdminOrgWorkspaces {
            slug: org.slug.clone(),
            count: workspaces.len() as i32,
            workspaces,
        },
    ))
}
