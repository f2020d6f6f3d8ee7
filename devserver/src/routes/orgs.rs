//! Orgs: create/list/get/delete/export, provisioning progress (stages launching, installing,
//! starting, configuring_https) and the public instance lookup. The lifecycle itself is
//! simulated in `store/orgs.rs`.

use super::membership::{member_org, org_and_role};
use crate::{
    api::{JsonBody, decode, json},
    auth::SessionUser,
    clock::ts,
    crypto::random_token,
    error::{ApiError, ApiResult},
    state::AppState,
    store::{
        billing::plan_credits,
        members::list_member_rows,
        orgs::{
            self, FAIL_AT_SECS, MAX_OWNED_ORGS, NewOrg, OrgRow, PROVISION_SECS, RESERVED_SLUGS,
            find_org, refresh, to_organization, valid_slug,
        },
    },
};
use axum::{
    Router,
    extract::{Path, State},
    response::{IntoResponse, Response},
    routing::get,
};
use molecule_sdk::types::{
    CreateOrgRequest, ExportSubject, OrgExport, OrgInstance, ProvisionStatus, ProvisionStatusStage,
    ProvisionStatusStatus,
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/orgs", get(list_orgs).post(create_org))
        .route("/orgs/{slug}", get(get_org).delete(delete_org))
        .route("/orgs/{slug}/export", get(export_org))
        .route("/orgs/{slug}/provision-status", get(provision_status))
        .route("/orgs/{slug}/instance", get(instance))
}

async fn list_orgs(State(state): State<AppState>, user: SessionUser) -> ApiResult<Response> {
    let conn = state.db.lock();
    let rows = orgs::list_for_member(&conn, &user.user_id)?;
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
        .field("slug"));
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
    let owned = orgs::owned_count(&tx, &user.user_id)?;
    if owned >= MAX_OWNED_ORGS {
        return Err(ApiError::code(
            402,
            "QUOTA_EXCEEDED",
            "you already own the maximum number of orgs",
        ));
    }
    let taken = orgs::slug_taken(&tx, &slug)?;
    if taken {
        return Err(ApiError::conflict("SLUG_TAKEN", "slug already taken").field("slug"));
    }
    let id = uuid::Uuid::new_v4().to_string();
    let plan = plan.to_string();
    orgs::insert(
        &tx,
        &NewOrg {
            id: &id,
            slug: &slug,
            name: &name,
            plan: &plan,
            status,
            created_by: &user.user_id,
            // Paid plans get their credits when the first payment lands.
            credits_balance: if status == "provisioning" {
                plan_credits(&plan)
            } else {
                0
            },
            plan_monthly_credits: plan_credits(&plan),
            provision_started_at: (status == "provisioning").then_some(now),
            admin_token: &random_token(32),
            now,
        },
    )?;
    crate::store::members::add(&tx, &id, &user.user_id, "owner", now, Some(now))?;
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
            && crate::crypto::ct_eq(t, &state.config.cp_admin_token)
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
    orgs::purge(&tx, &org, &user.user_id, now)?;
    tx.commit()?;
    tracing::info!(slug = %org.slug, "org purged");
    Ok(axum::http::StatusCode::NO_CONTENT.into_response())
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
        return Err(crate::api::rate_limited(retry));
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
