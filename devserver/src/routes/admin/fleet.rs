//! Fleet redeploy: the canary first, then batches of running tenants; the rollout stops at the
//! first batch with a failure.

use crate::{
    api::{JsonBody, decode, json},
    auth::CpAdmin,
    error::{ApiError, ApiResult},
    state::AppState,
    store::{
        instances::{IMAGE_REPO, deploy, instance},
        orgs::{self, find_org, valid_slug},
    },
};
use axum::{Router, extract::State, response::Response, routing::post};
use molecule_sdk::types::{FleetRedeployItem, FleetRedeployRequest, FleetRedeployResult};
use serde_json::Value;

pub fn routes() -> Router<AppState> {
    Router::new().route("/admin/tenants/redeploy-fleet", post(redeploy_fleet))
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
            ApiError::code(400, "CONFIRMATION_REQUIRED", "confirm must be true").field("confirm"),
        );
    }
    if body
        .get("only_slugs")
        .and_then(Value::as_array)
        .is_some_and(Vec::is_empty)
    {
        return Err(ApiError::bad_request("only_slugs must not be empty").field("only_slugs"));
    }
    let req: FleetRedeployRequest = decode(body)?;
    let tag = req.target_tag.to_string();
    let conn = state.db.lock();
    let slugs = orgs::running_slugs(&conn)?;
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
