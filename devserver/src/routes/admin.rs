//! Operator tier (`Authorization: Bearer <cp admin token>`, `/api/v1/admin/*`): orgs, tenant
//! instances (get, teardown, redeploy, reboot, diagnostics, console, boot events, scrub, volume
//! migration), fleet redeploy, workspace env, thin-AMI and runtime-image pins, registry templates.
//!
//! Every action has a simulated effect later reads show: reboot/redeploy/migration add boot
//! events and make the instance busy for a few simulated seconds, redeploy changes the image tag,
//! teardown purges the org and all its tenant data, scrub empties the artifact list.

use crate::api::{JsonBody, decode, json};
use crate::{
    auth::CpAdmin,
    clock::ts,
    crypto::random_token,
    error::{ApiError, ApiResult},
    routes::query::{flag, int_param},
    state::AppState,
    store::{
        billing::plan_credits,
        instances::{
            BUSY_SECS, DEFAULT_IMAGE_TAG, IMAGE_REPO, Instance, add_boot_event, ami_pins,
            boot_event_rows, image_pins, instance, instance_state, set_busy, short_hash,
        },
        orgs::{OrgRow, find_org, purge_id, purge_org, valid_slug},
        tenant as store,
    },
};
use axum::{
    Router,
    extract::{Path, RawQuery, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
    routing::{delete, get, post},
};
use molecule_sdk::types::{
    AdminCreateOrgRequest, AdminOrgDryRun, AdminOrgList, AdminOrgSummary, AdminOrgWorkspaces,
    BootEventList, ConfirmSlugRequest, ConsoleOutput, CreateCpTemplateRequest, FleetRedeployItem,
    FleetRedeployRequest, FleetRedeployResult, MigrateDataVolumeRequest, MigrateDataVolumeResult,
    MigrateDataVolumeResultPhase, PlanId, RebootRequest, RedeployRequest, RedeployResult,
    RuntimeImagePinList, RuntimeImagePromoteRequest, RuntimeImagePromoteResult,
    RuntimeImageRollbackRequest, ScrubResult, TenantActionResult, TenantActionResultAction,
    TenantAdminToken, TenantDiagnostics, TenantDiagnosticsDb, TenantDiagnosticsDns,
    TenantDiagnosticsTunnel, TenantInstance, TenantTeardownResult, ThinAmiPinList,
    ThinAmiPromoteRequest, ThinAmiRollbackRequest, WorkspaceEnvRequest, WorkspaceEnvResult,
};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Value, json};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/templates", post(create_template))
        .route("/admin/templates/{slug}", delete(delete_template))
        .route("/admin/orgs", get(list_orgs).post(create_org))
        .route("/admin/orgs/{slug}", get(get_org))
        .route("/admin/orgs/{slug}/admin-token", get(admin_token))
        .route("/admin/orgs/{slug}/workspaces", get(org_workspaces))
        .route("/admin/tenants/redeploy-fleet", post(redeploy_fleet))
        .route("/admin/tenants/{slug}", get(get_tenant).delete(teardown))
        .route("/admin/tenants/{slug}/redeploy", post(redeploy))
        .route("/admin/tenants/{slug}/reboot", post(reboot))
        .route("/admin/tenants/{slug}/diagnostics", get(diagnostics))
        .route("/admin/tenants/{slug}/console-output", get(console_output))
        .route("/admin/tenants/{slug}/boot-events", get(boot_events))
        .route("/admin/tenants/{slug}/scrub-artifacts", post(scrub))
        .route("/admin/tenants/{slug}/migrate-data-volume", post(migrate))
        .route("/admin/workspaces/{workspace_id}/env", post(workspace_env))
        .route("/admin/thin-ami/promote", post(promote_ami))
        .route("/admin/thin-ami/list", get(list_amis))
        .route("/admin/thin-ami/rollback", post(rollback_ami))
        .route("/admin/runtime-image/promote", post(promote_image))
        .route("/admin/runtime-image", get(list_images))
        .route("/admin/runtime-image/list", get(list_images))
        .route("/admin/runtime-image/rollback", post(rollback_image))
}

fn org_by_slug(conn: &Connection, state: &AppState, slug: &str) -> ApiResult<OrgRow> {
    if !valid_slug(slug) {
        return Err(ApiError::not_found("org"));
    }
    find_org(conn, state, slug)?.ok_or_else(|| ApiError::not_found("org"))
}

fn confirm_guard(value: Option<&str>, slug: &str) -> ApiResult<()> {
    if value != Some(slug) {
        return Err(ApiError::code(
            400,
            "CONFIRMATION_REQUIRED",
            "confirm must equal the tenant slug",
        )
        .with("field", json!("confirm")));
    }
    Ok(())
}

fn summary(conn: &Connection, state: &AppState, org: &OrgRow) -> rusqlite::Result<AdminOrgSummary> {
    let members: i64 = conn.query_row(
        "SELECT COUNT(*) FROM members WHERE org_id = ?1",
        [&org.id],
        |r| r.get(0),
    )?;
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

async fn list_orgs(
    State(state): State<AppState>,
    _admin: CpAdmin,
    RawQuery(query): RawQuery,
) -> ApiResult<Response> {
    let limit = int_param(&query, "limit", 100, 1, 500)?;
    let offset = int_param(&query, "offset", 0, 0, i32::MAX as i64)?;
    let conn = state.db.lock();
    let total: i64 = conn.query_row(
        "SELECT COUNT(*) FROM orgs WHERE status <> 'purged'",
        [],
        |r| r.get(0),
    )?;
    let slugs: Vec<String> = conn
        .prepare(
            "SELECT slug FROM orgs WHERE status <> 'purged' ORDER BY created_at DESC, slug LIMIT ?1 OFFSET ?2",
        )?
        .query_map(params![limit, offset], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
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
    RawQuery(query): RawQuery,
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
                .with("fields", json!(missing)),
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
        .with("field", json!("slug")));
    }
    // Strict decoding: unknown fields are a 400 (the SDK type denies them).
    let req: AdminCreateOrgRequest = decode(body)?;
    let (slug, name, owner) = (
        req.slug.clone(),
        req.name.to_string(),
        req.owner_user_id.to_string(),
    );
    if name.trim().is_empty() || name.chars().count() > 100 {
        return Err(
            ApiError::bad_request("name must be 1-100 characters").with("field", json!("name"))
        );
    }
    let mut conn = state.db.lock();
    let taken = conn
        .query_row(
            "SELECT 1 FROM orgs WHERE slug = ?1 AND status <> 'purged'",
            [&slug],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    if taken {
        return Err(
            ApiError::conflict("SLUG_TAKEN", "slug already taken").with("field", json!("slug"))
        );
    }
    if flag(&query, "dry_run") {
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
    tx.execute(
        "INSERT INTO orgs (id, slug, name, plan, status, created_at, updated_at, created_by, credits_balance,
            plan_monthly_credits, overage_cap_credits, provision_started_at, admin_token)
         VALUES (?1, ?2, ?3, 'free', 'provisioning', ?4, ?4, ?5, ?6, ?6, 0, ?4, ?7)",
        params![id, slug, name, now, owner, plan_credits("free"), random_token(32)],
    )?;
    let user_exists = tx
        .query_row("SELECT 1 FROM users WHERE id = ?1", [&owner], |_| Ok(()))
        .optional()?
        .is_some();
    if user_exists {
        tx.execute(
            "INSERT INTO members (org_id, user_id, role, joined_at) VALUES (?1, ?2, 'owner', ?3)",
            params![id, owner, now],
        )?;
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
    let token: Option<String> = conn.query_row(
        "SELECT admin_token FROM orgs WHERE id = ?1",
        [&org.id],
        |r| r.get(0),
    )?;
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
                .with("http_status", json!(503)),
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

fn tenant_instance(state: &AppState, org: &OrgRow, inst: Option<&Instance>) -> TenantInstance {
    TenantInstance {
        slug: org.slug.clone(),
        org_id: org.id.parse().unwrap_or_default(),
        instance_id: inst.map(|i| i.instance_id.clone()),
        instance_status: inst
            .map(|i| instance_state(state, org, i))
            .unwrap_or_else(|| "none".into()),
        region: Some(org.region.clone()),
        instance_type: inst.map(|i| i.instance_type.clone()),
        public_ip: (org.status == "running").then(|| org.ip.clone()).flatten(),
        image_tag: inst.map(|i| i.image_tag.clone()),
        ami_id: inst.map(|i| i.ami_id.clone()),
        launched_at: inst.map(|i| ts(i.launched_at)),
    }
}

async fn get_tenant(
    State(state): State<AppState>,
    _admin: CpAdmin,
    Path(slug): Path<String>,
) -> ApiResult<Response> {
    let conn = state.db.lock();
    let org = org_by_slug(&conn, &state, &slug)?;
    let inst = instance(&conn, &org)?;
    Ok(json(200, &tenant_instance(&state, &org, inst.as_ref())))
}

/// Teardown: 200 with `deleted: true` when done; 202 with `deleted: false` while a reboot,
/// redeploy or volume migration holds the org (the teardown then runs when it is over). The
/// `purge_id` is kept, so a repeated DELETE answers the same one.
async fn teardown(
    State(state): State<AppState>,
    _admin: CpAdmin,
    Path(slug): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let confirm = body
        .get("confirm")
        .and_then(Value::as_str)
        .map(str::to_string);
    let mut conn = state.db.lock();
    let org = org_by_slug(&conn, &state, &slug)?;
    confirm_guard(confirm.as_deref(), &org.slug)?;
    let _: ConfirmSlugRequest = decode(body)?;
    let now = state.clock.now_ms();
    let busy = instance(&conn, &org)?
        .filter(|i| i.busy_until > now)
        .map(|i| {
            i.busy_reason
                .unwrap_or_else(|| "a lifecycle operation".into())
        });
    let tx = conn.transaction()?;
    let purge_id = purge_id(&tx, &org, now)?;
    let receipt = |deleted: bool, message: Option<String>| TenantTeardownResult {
        deleted,
        slug: org.slug.clone(),
        org_id: org.id.parse().unwrap_or_default(),
        purge_id: purge_id.parse().unwrap_or_default(),
        message,
    };
    if let Some(reason) = busy {
        tx.commit()?;
        let message = format!(
            "teardown queued: the tenant is {reason}; it runs when that operation finishes"
        );
        return Ok(json(202, &receipt(false, Some(message))));
    }
    purge_org(&tx, &org, "operator", now)?;
    tx.execute(
        "UPDATE tenant_purges SET completed_at = ?2 WHERE org_id = ?1",
        params![org.id, now],
    )?;
    tx.commit()?;
    tracing::info!(slug = %org.slug, "tenant torn down by operator");
    Ok(json(200, &receipt(true, None)))
}

/// (ok, ssm_status, ssm_exit_code, healthz_ok, error) of one deploy.
type Deployed = (bool, String, Option<i32>, bool, Option<String>);

/// Applies (or plans) an image tag on one tenant; shared by redeploy and the fleet rollout.
fn deploy(
    conn: &Connection,
    state: &AppState,
    org: &OrgRow,
    tag: &str,
    dry_run: bool,
) -> rusqlite::Result<Deployed> {
    if dry_run {
        return Ok((true, "DryRun".into(), None, org.status == "running", None));
    }
    if org.status != "running" {
        return Ok((
            false,
            "Failed".into(),
            Some(1),
            false,
            Some(format!("tenant is {}, not running", org.status)),
        ));
    }
    let now = state.clock.now_ms();
    conn.execute(
        "UPDATE tenant_instances SET image_tag = ?2 WHERE org_id = ?1",
        params![org.id, tag],
    )?;
    set_busy(conn, state, &org.id, "redeploying")?;
    add_boot_event(
        conn,
        &org.id,
        now,
        "redeploy",
        "info",
        &format!("pulling image {tag}"),
    )?;
    add_boot_event(
        conn,
        &org.id,
        now,
        "redeploy",
        "info",
        "containers restarted; /healthz ok",
    )?;
    Ok((true, "Success".into(), Some(0), true, None))
}

/// Optional JSON body: empty means `{}`.
fn optional_body(body: &[u8]) -> ApiResult<Value> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(json!({}));
    }
    serde_json::from_slice(body).map_err(|_| ApiError::bad_request("invalid JSON body"))
}

async fn redeploy(
    State(state): State<AppState>,
    _admin: CpAdmin,
    Path(slug): Path<String>,
    crate::api::RawBody(body): crate::api::RawBody,
) -> ApiResult<Response> {
    let body = optional_body(&body)?;
    let conn = state.db.lock();
    let org = org_by_slug(&conn, &state, &slug)?;
    if body.get("target_tag").and_then(Value::as_str) == Some("") {
        return Err(ApiError::bad_request("target_tag must not be empty")
            .with("field", json!("target_tag")));
    }
    let req: RedeployRequest = decode(body)?;
    if instance(&conn, &org)?.is_none() {
        return Err(ApiError::not_found("tenant"));
    }
    // No target_tag: the current release.
    let tag = req
        .target_tag
        .as_ref()
        .map(|t| t.to_string())
        .unwrap_or_else(|| DEFAULT_IMAGE_TAG.into());
    let (ok, ssm_status, code, healthz, error) = deploy(&conn, &state, &org, &tag, req.dry_run)?;
    Ok(json(
        200,
        &RedeployResult {
            ok: Some(ok),
            slug: Some(org.slug.clone()),
            target_tag: Some(tag),
            dry_run: Some(req.dry_run),
            ssm_status: Some(ssm_status),
            ssm_exit_code: code,
            healthz_ok: Some(healthz),
            error,
        },
    ))
}

async fn reboot(
    State(state): State<AppState>,
    _admin: CpAdmin,
    Path(slug): Path<String>,
    crate::api::RawBody(body): crate::api::RawBody,
) -> ApiResult<Response> {
    let req: RebootRequest = if body.iter().all(u8::is_ascii_whitespace) {
        RebootRequest::default()
    } else {
        let v: Value = serde_json::from_slice(&body)
            .map_err(|_| ApiError::bad_request("invalid JSON body"))?;
        if !v.is_object() {
            return Err(ApiError::bad_request("the body must be a JSON object"));
        }
        decode(v)?
    };
    let conn = state.db.lock();
    let org = org_by_slug(&conn, &state, &slug)?;
    let inst = instance(&conn, &org)?.ok_or_else(|| ApiError::not_found("tenant"))?;
    if instance_state(&state, &org, &inst) != "running" {
        return Err(ApiError::conflict(
            "INSTANCE_NOT_RUNNING",
            "the instance is not running",
        ));
    }
    let now = state.clock.now_ms();
    let kind = if req.hard { "hard_reboot" } else { "reboot" };
    let reason = req
        .reason
        .clone()
        .unwrap_or_else(|| "operator request".into());
    set_busy(&conn, &state, &org.id, "rebooting")?;
    add_boot_event(
        &conn,
        &org.id,
        now,
        kind,
        "warn",
        &format!("{kind} requested: {reason}"),
    )?;
    add_boot_event(
        &conn,
        &org.id,
        now,
        "kernel",
        "info",
        "Linux version 6.1 booting",
    )?;
    add_boot_event(
        &conn,
        &org.id,
        now,
        "services",
        "info",
        "workspace server started",
    )?;
    Ok(json(
        200,
        &TenantActionResult {
            ok: true,
            slug: org.slug.clone(),
            action: if req.hard {
                TenantActionResultAction::HardReboot
            } else {
                TenantActionResultAction::Reboot
            },
            instance_id: inst.instance_id,
            message: Some(format!(
                "{kind} in progress (about {BUSY_SECS} simulated seconds)"
            )),
        },
    ))
}

/// The captured real shape: what the control plane's database, DNS and tunnel know.
async fn diagnostics(
    State(state): State<AppState>,
    _admin: CpAdmin,
    Path(slug): Path<String>,
) -> ApiResult<Response> {
    let conn = state.db.lock();
    let org = org_by_slug(&conn, &state, &slug)?;
    let inst = instance(&conn, &org)?;
    let st = inst.as_ref().map(|i| instance_state(&state, &org, i));
    let reachable = matches!(org.status.as_str(), "running" | "suspended");
    let fqdn = format!("{}.localhost", org.slug);
    Ok(json(
        200,
        &TenantDiagnostics {
            slug: org.slug.clone(),
            domain: Some("localhost".into()),
            db: TenantDiagnosticsDb {
                org_present: true,
                org_status: Some(org.status.clone()),
                instance_present: inst.is_some(),
                instance_status: st.clone(),
                instance_id: inst.as_ref().map(|i| i.instance_id.clone()),
            },
            dns: Some(TenantDiagnosticsDns {
                present: reachable,
                type_: reachable.then(|| "CNAME".into()),
                fqdn: reachable.then_some(fqdn),
            }),
            tunnel: Some(TenantDiagnosticsTunnel {
                present: reachable,
                name: reachable.then(|| format!("tenant-{}", org.slug)),
                connections: reachable.then_some(if st.as_deref() == Some("running") {
                    4
                } else {
                    0
                }),
            }),
            checked_at: Some(ts(state.clock.now_ms())),
            last_error: org.last_error.clone().filter(|e| !e.is_empty()),
        },
    ))
}

async fn console_output(
    State(state): State<AppState>,
    _admin: CpAdmin,
    Path(slug): Path<String>,
) -> ApiResult<Response> {
    let conn = state.db.lock();
    let org = org_by_slug(&conn, &state, &slug)?;
    let inst = instance(&conn, &org)?.ok_or_else(|| ApiError::not_found("instance"))?;
    let mut output = String::new();
    for e in boot_event_rows(&conn, &org.id, 500)? {
        let field = |v: Option<String>| v.unwrap_or_default();
        output.push_str(&format!(
            "[{}] {}: {}\n",
            field(e.at),
            field(e.stage),
            field(e.message)
        ));
    }
    Ok(json(
        200,
        &ConsoleOutput {
            slug: org.slug.clone(),
            instance_id: inst.instance_id,
            output,
            captured_at: ts(state.clock.now_ms()),
        },
    ))
}

async fn boot_events(
    State(state): State<AppState>,
    _admin: CpAdmin,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
) -> ApiResult<Response> {
    let limit = int_param(&query, "limit", 50, 1, 500)?;
    let conn = state.db.lock();
    let org = org_by_slug(&conn, &state, &slug)?;
    let events = boot_event_rows(&conn, &org.id, limit)?;
    Ok(json(
        200,
        &BootEventList {
            slug: org.slug.clone(),
            org_id: org.id.parse().ok(),
            count: Some(events.len() as i32),
            events,
        },
    ))
}

async fn scrub(
    State(state): State<AppState>,
    _admin: CpAdmin,
    Path(slug): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let confirm = body
        .get("confirm")
        .and_then(Value::as_str)
        .map(str::to_string);
    let conn = state.db.lock();
    let org = org_by_slug(&conn, &state, &slug)?;
    confirm_guard(confirm.as_deref(), &org.slug)?;
    let inst = instance(&conn, &org)?;
    let removed = match &inst {
        Some(i) if i.scrubbed_at.is_none() => {
            conn.execute(
                "UPDATE tenant_instances SET scrubbed_at = ?2 WHERE org_id = ?1",
                params![org.id, state.clock.now_ms()],
            )?;
            vec![
                format!("dns:{}.localhost", org.slug),
                format!("tunnel:{}", org.slug),
                format!("snapshot:snap-0{}", short_hash(&i.volume_id, 16)),
                format!("log-group:/molecule/tenants/{}", org.slug),
            ]
        }
        _ => vec![],
    };
    // `removed` is sent even when empty (the SDK type leaves an empty list out).
    let mut body = serde_json::to_value(ScrubResult {
        ok: Some(true),
        slug: Some(org.slug.clone()),
        removed: removed.clone(),
    })
    .map_err(ApiError::internal)?;
    body["removed"] = json!(removed);
    Ok(json(200, &body))
}

async fn migrate(
    State(state): State<AppState>,
    _admin: CpAdmin,
    Path(slug): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let req: MigrateDataVolumeRequest = decode(body)?;
    if req.target_size_gb.is_some_and(|g| !(30..=500).contains(&g)) {
        return Err(ApiError::bad_request("target_size_gb must be 30-500")
            .with("field", json!("target_size_gb")));
    }
    let conn = state.db.lock();
    let org = org_by_slug(&conn, &state, &slug)?;
    let inst = instance(&conn, &org)?.ok_or_else(|| ApiError::not_found("tenant"))?;
    let to_volume = format!(
        "vol-0{}",
        short_hash(&format!("{}{}", inst.volume_id, state.clock.now_ms()), 16)
    );
    let snapshot = format!("snap-0{}", short_hash(&inst.volume_id, 16));
    if req.dry_run {
        return Ok(json(
            200,
            &MigrateDataVolumeResult {
                ok: true,
                slug: org.slug.clone(),
                dry_run: true,
                phase: MigrateDataVolumeResultPhase::Planned,
                from_volume_id: Some(inst.volume_id.clone()),
                to_volume_id: None,
                snapshot_id: Some(snapshot),
                error: None,
            },
        ));
    }
    confirm_guard(Some(req.confirm.as_str()), &org.slug)?;
    if inst.busy_until > state.clock.now_ms() && inst.busy_reason.as_deref() == Some("migrating") {
        return Err(ApiError::conflict(
            "OPERATION_IN_PROGRESS",
            "a data-volume migration is already running",
        ));
    }
    let now = state.clock.now_ms();
    conn.execute(
        "UPDATE tenant_instances SET volume_id = ?2 WHERE org_id = ?1",
        params![org.id, to_volume],
    )?;
    set_busy(&conn, &state, &org.id, "migrating")?;
    add_boot_event(
        &conn,
        &org.id,
        now,
        "migrate",
        "warn",
        &format!("snapshot {snapshot} of {}", inst.volume_id),
    )?;
    add_boot_event(
        &conn,
        &org.id,
        now,
        "migrate",
        "info",
        &format!("attached {to_volume}; restarting"),
    )?;
    Ok(json(
        200,
        &MigrateDataVolumeResult {
            ok: true,
            slug: org.slug.clone(),
            dry_run: false,
            phase: MigrateDataVolumeResultPhase::Completed,
            from_volume_id: Some(inst.volume_id),
            to_volume_id: Some(to_volume),
            snapshot_id: Some(snapshot),
            error: None,
        },
    ))
}

async fn redeploy_fleet(
    State(state): State<AppState>,
    _admin: CpAdmin,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    if body.as_object().is_none_or(|o| o.is_empty()) {
        return Err(ApiError::bad_request("empty body"));
    }
    if body.get("confirm") != Some(&Value::Bool(true)) {
        return Err(
            ApiError::code(400, "CONFIRMATION_REQUIRED", "confirm must be true")
                .with("field", json!("confirm")),
        );
    }
    if body
        .get("only_slugs")
        .and_then(Value::as_array)
        .is_some_and(Vec::is_empty)
    {
        return Err(ApiError::bad_request("only_slugs must not be empty")
            .with("field", json!("only_slugs")));
    }
    let req: FleetRedeployRequest = decode(body)?;
    let tag = req.target_tag.to_string();
    let conn = state.db.lock();
    let slugs: Vec<String> = conn
        .prepare("SELECT slug FROM orgs WHERE status = 'running' ORDER BY created_at, slug")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut targets: Vec<String> = if req.only_slugs.is_empty() {
        slugs
    } else {
        req.only_slugs.clone()
    };
    let mut results = Vec::new();
    let mut ok = true;
    let run =
        |slug: &str, phase: String, results: &mut Vec<FleetRedeployItem>| -> ApiResult<bool> {
            let org = if valid_slug(slug) {
                find_org(&conn, &state, slug)?
            } else {
                None
            };
            let item = match org {
                Some(org) if instance(&conn, &org)?.is_some() => {
                    let (ok, ssm, code, healthz, error) =
                        deploy(&conn, &state, &org, &tag, req.dry_run)?;
                    FleetRedeployItem {
                        slug: slug.into(),
                        phase: Some(phase),
                        ssm_status: Some(ssm),
                        ssm_exit_code: code,
                        healthz_ok: Some(healthz),
                        verified_on_target: (!req.dry_run).then_some(ok),
                        running_image: (ok && !req.dry_run).then(|| format!("{IMAGE_REPO}:{tag}")),
                        error,
                    }
                }
                _ => FleetRedeployItem {
                    slug: slug.into(),
                    phase: Some(phase),
                    ssm_status: Some("Failed".into()),
                    ssm_exit_code: None,
                    healthz_ok: Some(false),
                    verified_on_target: None,
                    running_image: None,
                    error: Some("no such tenant".into()),
                },
            };
            let good = item.error.is_none();
            results.push(item);
            Ok(good)
        };
    if let Some(canary) = &req.canary_slug {
        targets.retain(|s| s != canary);
        if !run(canary, "canary".into(), &mut results)? {
            ok = false;
        }
    }
    if ok {
        let size = req.batch_size.get() as usize;
        for (n, batch) in targets.chunks(size).enumerate() {
            let mut batch_ok = true;
            for slug in batch {
                batch_ok &= run(slug, format!("batch-{}", n + 1), &mut results)?;
            }
            if !batch_ok {
                ok = false;
                break;
            }
        }
    }
    Ok(json(
        200,
        &FleetRedeployResult {
            ok,
            results,
            error: (!ok).then(|| "rollout stopped at the first failing batch".into()),
        },
    ))
}

fn sensitive(key: &str) -> bool {
    let k = key.to_ascii_uppercase();
    ["TOKEN", "SECRET", "KEY", "PASSWORD"]
        .iter()
        .any(|s| k.contains(s))
}

async fn workspace_env(
    State(state): State<AppState>,
    _admin: CpAdmin,
    Path(workspace_id): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let req: WorkspaceEnvRequest = decode(body)?;
    if req.env.is_empty() {
        return Err(
            ApiError::bad_request("env must have at least one key").with("field", json!("env"))
        );
    }
    if req.env.keys().any(|k| k.is_empty()) {
        return Err(ApiError::bad_request("env keys must not be empty").with("field", json!("env")));
    }
    let flagged: Vec<&String> = req.env.keys().filter(|k| sensitive(k)).collect();
    if !flagged.is_empty() && !req.force {
        return Err(ApiError::code(
            400,
            "SENSITIVE_KEY_REQUIRES_FORCE",
            "keys that look like secrets need force=true (prefer workspace secrets)",
        )
        .with("key", json!(flagged[0])));
    }
    let id = uuid::Uuid::parse_str(&workspace_id)
        .map_err(|_| ApiError::not_found("workspace"))?
        .to_string();
    let mut conn = state.db.lock();
    let org_id: Option<String> = conn
        .query_row(
            "SELECT org_id FROM workspaces WHERE id = ?1 AND status <> 'removed'",
            [&id],
            |r| r.get(0),
        )
        .optional()?;
    let org_id = org_id.ok_or_else(|| ApiError::not_found("workspace"))?;
    store::refresh_org(&conn, &state, &org_id)?;
    let tx = conn.transaction()?;
    let row = store::live(&tx, &org_id, &id)?;
    let mut env: std::collections::BTreeMap<String, String> =
        serde_json::from_str(&row.env).unwrap_or_default();
    if !req.merge {
        env.clear();
    }
    for (k, v) in &req.env {
        env.insert(k.clone(), v.clone());
    }
    tx.execute(
        "UPDATE workspaces SET env = ?2 WHERE id = ?1",
        params![id, serde_json::to_string(&env).unwrap_or_default()],
    )?;
    let restarted = store::auto_restart(&tx, &state, &row)?;
    tx.commit()?;
    Ok(json(
        200,
        &WorkspaceEnvResult {
            ok: Some(true),
            workspace_id: id.parse().ok(),
            instance_id: Some(format!("i-0{}", short_hash(&id, 16))),
            ssm_status: Some("Success".into()),
            ssm_exit_code: Some(0),
            container_restarted: Some(restarted),
            applied_keys: req.env.keys().cloned().collect(),
            env_keys_after: env.keys().cloned().collect(),
        },
    ))
}

// ---- pins -------------------------------------------------------------------------------------

async fn promote_ami(
    State(state): State<AppState>,
    _admin: CpAdmin,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let req: ThinAmiPromoteRequest = decode(body)?;
    let ami = req.ami_id.clone();
    let hex_ok = ami.strip_prefix("ami-").is_some_and(|h| {
        (8..=17).contains(&h.len())
            && h.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    });
    if !hex_ok {
        return Err(
            ApiError::bad_request("ami_id must match ^ami-[0-9a-f]{8,17}$")
                .with("field", json!("ami_id")),
        );
    }
    let region = req.region.to_string();
    if region.trim().is_empty() || region.chars().any(char::is_control) {
        return Err(ApiError::bad_request("invalid region").with("field", json!("region")));
    }
    let conn = state.db.lock();
    conn.execute(
        "INSERT INTO thin_ami_pins (region, ami_id, promoted_by, promoted_at, notes) VALUES (?1, ?2, 'cp-admin', ?3, ?4)",
        params![region, ami, state.clock.now_ms(), req.notes],
    )?;
    let pin = ami_pins(&conn, Some(&region))?.remove(0);
    Ok(json(200, &pin))
}

async fn list_amis(State(state): State<AppState>, _admin: CpAdmin) -> ApiResult<Response> {
    Ok(json(
        200,
        &ThinAmiPinList {
            pins: ami_pins(&state.db.lock(), None)?,
        },
    ))
}

async fn rollback_ami(
    State(state): State<AppState>,
    _admin: CpAdmin,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let req: ThinAmiRollbackRequest = decode(body)?;
    let region = req.region.to_string();
    let conn = state.db.lock();
    let pin = ami_pins(&conn, Some(&region))?
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::not_found("pin for the region"))?;
    let target = match &req.to_ami_id {
        Some(t) => {
            if !pin.history.iter().any(|h| &h.ami_id == t) {
                return Err(ApiError::not_found("to_ami_id in the region's history"));
            }
            t.clone()
        }
        None => pin.previous_ami_id.clone().ok_or_else(|| {
            ApiError::conflict("NO_PREVIOUS_PIN", "no previous pin to roll back to")
        })?,
    };
    conn.execute(
        "INSERT INTO thin_ami_pins (region, ami_id, promoted_by, promoted_at, notes) VALUES (?1, ?2, 'cp-admin', ?3, ?4)",
        params![region, target, state.clock.now_ms(), format!("rollback from {}", pin.ami_id)],
    )?;
    Ok(json(200, &ami_pins(&conn, Some(&region))?.remove(0)))
}

fn valid_digest(d: &str) -> bool {
    d.strip_prefix("sha256:").is_some_and(|h| {
        h.len() == 64
            && h.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

async fn promote_image(
    State(state): State<AppState>,
    _admin: CpAdmin,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let req: RuntimeImagePromoteRequest = decode(body)?;
    if !valid_digest(&req.image_digest) {
        return Err(
            ApiError::bad_request("image_digest must be sha256:<64 hex>")
                .with("field", json!("image_digest")),
        );
    }
    let template = req.template_name.to_string();
    if template.trim().is_empty() || template.chars().any(char::is_control) || req.region.is_empty()
    {
        return Err(ApiError::bad_request("invalid template name or region")
            .with("field", json!("template_name")));
    }
    let conn = state.db.lock();
    conn.execute(
        "INSERT INTO runtime_image_pins (template_name, region, image_digest, git_sha, notes, promoted_by, promoted_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'cp-admin', ?6)",
        params![template, req.region, req.image_digest, req.git_sha, req.notes, state.clock.now_ms()],
    )?;
    let pin = image_pins(&conn, Some(&template), Some(&req.region))?.remove(0);
    Ok(json(
        200,
        &RuntimeImagePromoteResult {
            template_name: Some(pin.template_name),
            region: pin.region,
            image_digest: Some(pin.image_digest),
            git_sha: pin.git_sha,
            notes: pin.notes,
            promoted_by: pin.promoted_by,
            promoted_at: pin.promoted_at,
            previous_image_digest: pin.previous_image_digest,
            history: pin.history,
        },
    ))
}

async fn list_images(State(state): State<AppState>, _admin: CpAdmin) -> ApiResult<Response> {
    Ok(json(
        200,
        &RuntimeImagePinList {
            pins: image_pins(&state.db.lock(), None, None)?,
        },
    ))
}

async fn rollback_image(
    State(state): State<AppState>,
    _admin: CpAdmin,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let req: RuntimeImageRollbackRequest = decode(body)?;
    let template = req.template_name.to_string();
    let conn = state.db.lock();
    let pin = image_pins(&conn, Some(&template), Some(&req.region))?
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::not_found("pin for the template"))?;
    let target = match &req.to_image_digest {
        Some(t) => {
            if !pin.history.iter().any(|h| &h.image_digest == t) {
                return Err(ApiError::not_found(
                    "to_image_digest in the template's history",
                ));
            }
            t.clone()
        }
        None => pin.previous_image_digest.clone().ok_or_else(|| {
            ApiError::conflict("NO_PREVIOUS_PIN", "no previous pin to roll back to")
        })?,
    };
    conn.execute(
        "INSERT INTO runtime_image_pins (template_name, region, image_digest, notes, promoted_by, promoted_at)
         VALUES (?1, ?2, ?3, ?4, 'cp-admin', ?5)",
        params![template, req.region, target, format!("rollback from {}", pin.image_digest), state.clock.now_ms()],
    )?;
    Ok(json(
        200,
        &image_pins(&conn, Some(&template), Some(&req.region))?.remove(0),
    ))
}

// ---- registry templates -----------------------------------------------------------------------

async fn create_template(
    State(state): State<AppState>,
    _admin: CpAdmin,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let req: CreateCpTemplateRequest = decode(body)?;
    if !valid_slug(&req.slug) {
        return Err(
            ApiError::bad_request("slug must match ^[a-z][a-z0-9-]{2,31}$")
                .with("field", json!("slug")),
        );
    }
    let conn = state.db.lock();
    let exists = conn
        .query_row(
            "SELECT 1 FROM cp_templates WHERE slug = ?1",
            [&req.slug],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    if exists {
        return Err(
            ApiError::conflict("TEMPLATE_EXISTS", "a template with this slug exists")
                .with("id", json!(req.slug)),
        );
    }
    conn.execute(
        "INSERT INTO cp_templates (slug, name, description, runtime, tier, default_model, tags, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            req.slug,
            req.name.to_string(),
            req.description,
            req.runtime.to_string(),
            req.tier.map(|t| t.get().clamp(1, 4)).unwrap_or(4),
            req.default_model.to_string(),
            json!(req.tags).to_string(),
            state.clock.now_ms()
        ],
    )?;
    let t = super::templates::all(&conn)?
        .into_iter()
        .find(|t| *t.slug == *req.slug)
        .ok_or_else(|| ApiError::internal("vanished"))?;
    Ok(json(201, &t))
}

async fn delete_template(
    State(state): State<AppState>,
    _admin: CpAdmin,
    Path(slug): Path<String>,
) -> ApiResult<Response> {
    let n = state
        .db
        .lock()
        .execute("DELETE FROM cp_templates WHERE slug = ?1", [&slug])?;
    if n == 0 {
        return Err(ApiError::not_found("template"));
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}
