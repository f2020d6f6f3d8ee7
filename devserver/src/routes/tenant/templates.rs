//! Workspace templates: the list (the registry's models per runtime, tier 4) and the import
//! of a template's files (`config.yaml` gives runtime, model, tier and description).

use super::{
    access::{self, Access},
    guard::TenantOrg,
    registry,
    rules::template_id,
};
use crate::{
    api::{JsonBody, decode, json},
    error::{ApiError, ApiResult},
    state::AppState,
    store::catalog::{self, NewTemplate, TemplateRow},
};
use axum::{
    Extension, Router,
    extract::State,
    http::HeaderMap,
    response::Response,
    routing::{get, post},
};
use molecule_sdk::types::{
    TemplateImportRequest, TemplateImported, TemplateImportedStatus, TemplateModel,
    TemplateProvider, WorkspaceTemplate,
};
use serde_json::{Value, json};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/templates", get(list_templates))
        .route("/templates/import", post(import_template))
}

pub const MAX_TEMPLATE_FILES: usize = 200;

/// A registry model as the template list shows it: the provider it derives to and what the
/// user must supply (nothing for the platform provider, whose credential the platform injects).
fn template_model(id: &str, p: &registry::Provider) -> TemplateModel {
    TemplateModel {
        id: id.into(),
        name: None,
        provider: Some(p.name.into()),
        required_env: if p.is_platform() {
            vec![]
        } else {
            p.auth_env.iter().map(|e| e.to_string()).collect()
        },
        billing_mode: None,
    }
}

fn template_wire(t: TemplateRow) -> WorkspaceTemplate {
    let skills: Vec<String> = serde_json::from_str(&t.skills).unwrap_or_default();
    let runtime = t.runtime;
    let models: Vec<TemplateModel> = registry::runtime_models(&runtime)
        .into_iter()
        .map(|(id, p)| template_model(id, p))
        .collect();
    let backed = registry::registry_backed(&runtime);
    WorkspaceTemplate {
        id: t.id,
        name: t.name,
        description: t.description,
        // SaaS: every template reports the default tier, 4, whatever it declares.
        tier: 4,
        model: t.model,
        models: models.clone(),
        required_env: serde_json::from_str(&t.required_env).unwrap_or_default(),
        recommended_env: vec![],
        providers: vec![],
        provider_registry: vec![],
        registry_backed: backed.then_some(true),
        registry_providers: registry::runtime_providers(&runtime)
            .into_iter()
            .map(|p| TemplateProvider {
                name: p.name.into(),
                display_name: Some(p.display_name.into()),
                auth_env: p.auth_env.iter().map(|e| e.to_string()).collect(),
                deprecated: None,
                billing_mode: None,
            })
            .collect(),
        registry_models: models,
        runtime_display_name: None,
        skill_count: skills.len() as i32,
        // No skills declared: null, as the real tenant answers.
        skills: (!skills.is_empty()).then_some(skills),
        provision_timeout_seconds: Some(600),
        displayable: Some(true),
        runtime,
    }
}

async fn list_templates(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    access::admin(&state, &headers, &org, Access::Read)?;
    let conn = state.db.lock();
    let all: Vec<WorkspaceTemplate> = catalog::templates(&conn, &org.id)?
        .into_iter()
        .map(template_wire)
        .collect();
    // Templates whose runtime is unknown are skipped (one with no runtime at all is listed).
    let out: Vec<_> = all
        .into_iter()
        .filter(|t| t.runtime.is_empty() || registry::known_runtime(&t.runtime))
        .collect();
    Ok(json(200, &out))
}

async fn import_template(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    access::admin(&state, &headers, &org, Access::Write)?;
    if body
        .get("files")
        .and_then(Value::as_object)
        .is_some_and(|f| f.len() > MAX_TEMPLATE_FILES)
    {
        return Err(ApiError::bad_request("a template may have at most 200 files").field("files"));
    }
    let req: TemplateImportRequest = decode(body)?;
    let name = req.name.to_string();
    if name.trim().is_empty() {
        return Err(ApiError::bad_request("name is required").field("name"));
    }
    for path in req.files.keys() {
        if path.is_empty()
            || path.starts_with('/')
            || path.contains('\\')
            || path.split('/').any(|s| s == ".." || s.is_empty())
        {
            return Err(ApiError::bad_request("invalid file path in files").field("files"));
        }
    }
    let id = template_id(&name);
    // config.yaml (generated when absent) gives runtime, model, tier and description.
    let config: serde_yaml::Value = req
        .files
        .get("config.yaml")
        .and_then(|c| serde_yaml::from_str(c).ok())
        .unwrap_or(serde_yaml::Value::Null);
    let field = |k: &str| {
        config
            .get(k)
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string()
    };
    let tier = config
        .get("tier")
        .and_then(|v| v.as_i64())
        .unwrap_or(4)
        .clamp(1, 4);
    let mut files = req.files.clone();
    files.entry("config.yaml".into()).or_insert_with(|| {
        format!("name: {name}\nruntime: claude-code\nmodel: claude-sonnet-4\ntier: 4\n")
    });
    let runtime = if req.files.contains_key("config.yaml") {
        field("runtime")
    } else {
        "claude-code".into()
    };
    let model = if req.files.contains_key("config.yaml") {
        field("model")
    } else {
        "claude-sonnet-4".into()
    };
    let skills: Vec<String> = files
        .keys()
        .filter_map(|p| p.strip_prefix("skills/"))
        .filter_map(|p| p.split('/').next())
        .map(str::to_string)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let conn = state.db.lock();
    if catalog::template_exists(&conn, &org.id, &id)? {
        return Err(
            ApiError::conflict("TEMPLATE_EXISTS", "template already exists")
                .with(|e| e.id = Some(id.to_string())),
        );
    }
    catalog::insert_template(
        &conn,
        &NewTemplate {
            org_id: &org.id,
            id: &id,
            name: &name,
            description: &field("description"),
            tier,
            runtime: &runtime,
            model: &model,
            skills: &json!(skills).to_string(),
            files: &serde_json::to_string(&files).unwrap_or_default(),
            now: state.clock.now_ms(),
        },
    )?;
    Ok(json(
        201,
        &TemplateImported {
            status: TemplateImportedStatus::Imported,
            id,
            name,
        },
    ))
}
