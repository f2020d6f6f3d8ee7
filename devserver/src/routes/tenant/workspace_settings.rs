//! A workspace's settings and views: abilities, console, model, LLM billing mode and budgets.

use super::access::{WsAdminRead, WsAdminWrite, WsCall, WsRead, WsWrite};
use crate::{
    api::{JsonBody, decode, json},
    clock::ts,
    error::{ApiError, ApiResult},
    state::AppState,
    store::{
        tenant::{self as store, WsRow},
        workspaces::{self, Column},
    },
};
use axum::{
    Router,
    response::Response,
    routing::{get, patch},
};
use molecule_sdk::types::{
    AbilitiesUpdateRequest, BillingModeResolution, BillingModeResolutionSource,
    BudgetUpdateRequest, ModelSetting, ModelUpdateResult, ModelUpdateResultStatus, SetModelRequest,
    StatusUpdated, StatusUpdatedStatus, WorkspaceConsole,
};
use serde_json::Value;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/workspaces/{id}/abilities", patch(abilities))
        .route("/workspaces/{id}/console", get(console))
        .route("/workspaces/{id}/model", get(get_model).put(set_model))
        .route(
            "/admin/workspaces/{id}/llm-billing-mode",
            get(get_billing_mode).put(set_billing_mode),
        )
        .route(
            "/workspaces/{id}/budget",
            get(get_budget).patch(update_budget),
        )
}

async fn abilities(
    WsCall { state, org, id, .. }: WsAdminWrite,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let req: AbilitiesUpdateRequest = decode(body)?;
    if req.broadcast_enabled.is_none() && req.talk_to_user_enabled.is_none() {
        return Err(ApiError::bad_request(
            "send broadcast_enabled and/or talk_to_user_enabled",
        ));
    }
    let conn = state.db.lock();
    store::live(&conn, &org.id, &id)?;
    if let Some(b) = req.broadcast_enabled {
        workspaces::set(&conn, &id, Column::BroadcastEnabled, b as i64)?;
    }
    if let Some(t) = req.talk_to_user_enabled {
        workspaces::set(&conn, &id, Column::TalkToUserEnabled, t as i64)?;
    }
    Ok(json(
        200,
        &StatusUpdated {
            status: StatusUpdatedStatus::Updated,
        },
    ))
}

async fn console(WsCall { state, org, id, .. }: WsAdminRead) -> ApiResult<Response> {
    let conn = state.db.lock();
    let row = store::live(&conn, &org.id, &id)?;
    let mut out = String::new();
    for (kind, at) in workspaces::event_log(&conn, &id)? {
        out.push_str(&format!("[{}] {kind}\n", ts::<String>(at)));
    }
    out.push_str(&format!(
        "[{}] workspace {} ({}) is {}\n",
        ts::<String>(state.clock.now_ms()),
        row.name,
        row.runtime,
        row.status
    ));
    Ok(json(200, &WorkspaceConsole { output: out }))
}

async fn get_model(WsCall { state, org, id, .. }: WsRead) -> ApiResult<Response> {
    let conn = state.db.lock();
    let row = store::live(&conn, &org.id, &id)?;
    let (model, source) = match (&row.model, &row.template) {
        (Some(m), _) => (m.clone(), "workspace"),
        (None, Some(t)) => (
            workspaces::template_runtime_model(&conn, &org.id, t)
                .ok()
                .flatten()
                .map(|(_, model)| model)
                .unwrap_or_default(),
            "template",
        ),
        (None, None) => (String::new(), "default"),
    };
    Ok(json(
        200,
        &ModelSetting {
            model,
            source: source.into(),
        },
    ))
}

async fn set_model(
    WsCall { state, org, id, .. }: WsWrite,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let req: SetModelRequest = decode(body)?;
    if req.model.chars().count() > 100 {
        return Err(ApiError::bad_request("model is at most 100 characters"));
    }
    let mut conn = state.db.lock();
    let tx = conn.transaction()?;
    let row = store::live(&tx, &org.id, &id)?;
    // Any model is stored: the contract documents no 422 here (the real tenant answers 422
    // UNREGISTERED_MODEL_FOR_RUNTIME, secrets.go:954@aeec8e47).
    let value = (!req.model.is_empty()).then(|| req.model.clone());
    workspaces::set(&tx, &id, Column::Model, &value)?;
    store::auto_restart(&tx, &state, &row)?;
    tx.commit()?;
    Ok(json(
        200,
        &ModelUpdateResult {
            status: if value.is_some() {
                ModelUpdateResultStatus::Saved
            } else {
                ModelUpdateResultStatus::Cleared
            },
            model: value,
        },
    ))
}

fn resolution(row: &WsRow) -> BillingModeResolution {
    BillingModeResolution {
        workspace_id: row.id.parse().unwrap_or_default(),
        resolved_mode: store::resolved_billing_mode(row)
            .parse()
            .unwrap_or(molecule_sdk::types::LlmBillingMode::PlatformManaged),
        workspace_override: row.billing_mode.as_deref().and_then(|m| m.parse().ok()),
        org_default: "platform_managed".into(),
        source: if row.billing_mode.is_some() {
            BillingModeResolutionSource::WorkspaceOverride
        } else {
            BillingModeResolutionSource::OrgDefault
        },
        provider_selection: None,
    }
}

async fn get_billing_mode(WsCall { state, org, id, .. }: WsAdminRead) -> ApiResult<Response> {
    let row = store::live(&state.db.lock(), &org.id, &id)?;
    Ok(json(200, &resolution(&row)))
}

async fn set_billing_mode(
    WsCall { state, org, id, .. }: WsAdminWrite,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let mode = match body.as_object().and_then(|o| o.get("mode")) {
        None => {
            return Err(ApiError::bad_request(
                "missing required field 'mode' (use null to clear override)",
            )
            .field("mode"));
        }
        Some(Value::Null) => None,
        Some(Value::String(m))
            if ["platform_managed", "byok", "disabled"].contains(&m.as_str()) =>
        {
            Some(m.clone())
        }
        Some(_) => {
            return Err(
                ApiError::code(400, "UNKNOWN_BILLING_MODE", "unknown billing mode").with(|e| {
                    e.detail = Some("mode must be platform_managed, byok, disabled or null".into())
                }),
            );
        }
    };
    let conn = state.db.lock();
    store::live(&conn, &org.id, &id)?;
    workspaces::set_billing_mode(&conn, &id, mode.as_deref(), state.clock.now_ms())?;
    let row = store::live(&conn, &org.id, &id)?;
    Ok(json(200, &resolution(&row)))
}

async fn get_budget(WsCall { state, org, id, .. }: WsRead) -> ApiResult<Response> {
    let conn = state.db.lock();
    let row = store::live(&conn, &org.id, &id)?;
    Ok(json(200, &store::budget(&state, &conn, &row)))
}

async fn update_budget(
    WsCall { state, org, id, .. }: WsAdminWrite,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let obj = body
        .as_object()
        .ok_or_else(|| ApiError::bad_request("body must be an object"))?;
    // Name unknown periods and negative values before the strict decode.
    let limits: Option<Vec<(String, Option<i64>)>> = match obj.get("budget_limits") {
        Some(Value::Object(map)) => {
            let mut out = Vec::new();
            for (k, v) in map {
                if !store::PERIODS.iter().any(|(p, _)| p == k) {
                    return Err(ApiError::code(
                        400,
                        "UNKNOWN_BUDGET_PERIOD",
                        &format!(
                            "unknown budget period: {k} (allowed: hourly, daily, weekly, monthly)"
                        ),
                    ));
                }
                match v {
                    Value::Null => out.push((k.clone(), None)),
                    v => match v.as_i64() {
                        Some(n) if n >= 0 => out.push((k.clone(), Some(n))),
                        _ => {
                            return Err(ApiError::bad_request(&format!(
                                "budget for {k} must be an integer >= 0 or null"
                            ))
                            .field(format!("budget_limits.{k}")));
                        }
                    },
                }
            }
            Some(out)
        }
        Some(Value::Null) | None => None,
        Some(_) => return Err(ApiError::bad_request("budget_limits must be an object")),
    };
    let req: BudgetUpdateRequest = decode(body.clone())?;
    let limits = match limits {
        Some(l) => l,
        None if obj.contains_key("budget_limit") => match req.budget_limit {
            Some(n) if n < 0 => {
                return Err(
                    ApiError::bad_request("budget_limit must be >= 0").field("budget_limit")
                );
            }
            n => vec![("monthly".to_string(), n)],
        },
        None => {
            return Err(ApiError::bad_request(
                "send budget_limits (or the legacy budget_limit)",
            ));
        }
    };
    let mut conn = state.db.lock();
    let tx = conn.transaction()?;
    let row = store::live(&tx, &org.id, &id)?;
    workspaces::replace_budgets(&tx, &id, &limits)?;
    let out = store::budget(&state, &tx, &row);
    tx.commit()?;
    Ok(json(200, &out))
}
