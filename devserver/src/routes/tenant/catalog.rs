//! Workspace templates + import, org templates + org import, bundles and the plugin allowlist.

use super::{
    access::{self, Access},
    create::{NewWorkspace, create_workspace},
    guard::TenantOrg,
    registry,
};
use crate::{
    api::{JsonBody, decode, json},
    error::{ApiError, ApiResult},
    state::AppState,
    store::{
        catalog::{self, NewTemplate, TemplateRow},
        tenant::{self as store, WsRow},
    },
};
use axum::{
    Extension, Router,
    extract::{Path, State},
    http::HeaderMap,
    response::Response,
    routing::{get, post},
};
use molecule_sdk::types::{
    Bundle, BundleImportResult, BundleImportResultStatus, EnvRequirement, OrgImportRequest,
    OrgImportResult, OrgImportedWorkspace, OrgTemplate, OrgTemplateSummary, OrgTemplateWorkspace,
    PluginAllowlist, PluginAllowlistUpdate, PluginAllowlistUpdated, TemplateImportRequest,
    TemplateImported, TemplateImportedStatus, TemplateModel, TemplateProvider, WorkspaceEnvGap,
    WorkspaceTemplate,
};
use rusqlite::Connection;
use serde_json::{Value, json};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/templates", get(list_templates))
        .route("/templates/import", post(import_template))
        .route("/org/templates", get(list_org_templates))
        .route("/org/import", post(import_org))
        .route("/bundles/export/{id}", get(export_bundle))
        .route("/bundles/import", post(import_bundle))
        .route(
            "/orgs/{id}/plugins/allowlist",
            get(get_allowlist).put(put_allowlist),
        )
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

/// `My Template!` -> `my-template`.
fn template_id(name: &str) -> String {
    let mut id = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-').to_string();
    if id.is_empty() { "template".into() } else { id }
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

fn org_templates(conn: &Connection, org_id: &str) -> rusqlite::Result<Vec<(String, OrgTemplate)>> {
    Ok(catalog::org_templates(conn, org_id)?
        .into_iter()
        .filter_map(|(d, t)| serde_json::from_str(&t).ok().map(|t| (d, t)))
        .collect())
}

fn count_nodes(ws: &[OrgTemplateWorkspace]) -> usize {
    ws.iter().map(|w| 1 + count_nodes(&w.children)).sum()
}

async fn list_org_templates(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    access::admin(&state, &headers, &org, Access::Read)?;
    let out: Vec<OrgTemplateSummary> = org_templates(&state.db.lock(), &org.id)?
        .into_iter()
        .map(|(dir, t)| OrgTemplateSummary {
            dir,
            name: t.name.to_string(),
            description: t.description.clone().unwrap_or_default(),
            workspaces: count_nodes(&t.workspaces) as i32,
            required_env: t.required_env.clone(),
            recommended_env: t.recommended_env.clone(),
        })
        .collect();
    Ok(json(200, &out))
}

/// What a 412 of an org import suggests.
const ADD_ORG_SECRETS: &str = "add them as org secrets (PUT /settings/secrets), then import again";

/// The requirements nobody satisfied (a plain name not set, or an `any_of` with none set).
fn missing(reqs: &[EnvRequirement], have: &[String]) -> Vec<EnvRequirement> {
    reqs.iter()
        .filter(|r| match r {
            EnvRequirement::String(k) => !have.contains(k),
            EnvRequirement::EnvAnyOf(a) => !a.any_of.iter().any(|k| have.contains(k)),
        })
        .cloned()
        .collect()
}

/// One gap per unsatisfied requirement of each workspace (the real tenant's untagged Go struct,
/// hence the capitalised keys).
fn per_workspace_missing(
    ws: &[OrgTemplateWorkspace],
    have: &[String],
    out: &mut Vec<WorkspaceEnvGap>,
) {
    for w in ws {
        for m in missing(&w.required_env, have) {
            out.push(WorkspaceEnvGap {
                workspace: w.name.to_string(),
                files_dir: Some(template_id(&w.name)),
                unsatisfied: m,
            });
        }
        per_workspace_missing(&w.children, have, out);
    }
}

struct ImportRun<'a> {
    conn: &'a Connection,
    state: &'a AppState,
    org: &'a TenantOrg,
    template: &'a OrgTemplate,
    created: Vec<OrgImportedWorkspace>,
}

impl ImportRun<'_> {
    fn create(&mut self, nodes: &[OrgTemplateWorkspace], parent: Option<String>) -> ApiResult<()> {
        let defaults = self.template.defaults.clone().unwrap_or_default();
        for n in nodes {
            let tier = n.tier.or(defaults.tier).map(|t| t.get()).unwrap_or(4);
            let new = NewWorkspace {
                name: n.name.to_string(),
                role: n.role.clone(),
                runtime: n.runtime.clone().or(defaults.runtime.clone()),
                model: n.model.clone().or(defaults.model.clone()),
                parent_id: parent.clone(),
                max_concurrent_tasks: 1,
                compute: json!({}),
                bundle_extra: json!({}),
                ..NewWorkspace::default()
            };
            let (row, _) = create_workspace(self.conn, self.state, self.org, new)?;
            self.created.push(OrgImportedWorkspace {
                id: row.id.parse().unwrap_or_default(),
                name: row.name.clone(),
                tier: tier as i32,
                skipped: None,
                channels: vec![],
                channels_skipped: vec![],
            });
            self.create(&n.children, Some(row.id))?;
        }
        Ok(())
    }
}

async fn import_org(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    access::admin(&state, &headers, &org, Access::Write)?;
    let req: OrgImportRequest = decode(body)?;
    let mut conn = state.db.lock();
    store::refresh_org(&conn, &state, &org.id)?;
    let template = match (&req.dir, &req.template) {
        (_, Some(t)) => t.clone(),
        (Some(dir), None) => {
            if dir.is_empty() || dir.contains("..") || dir.contains('/') || dir.contains('\\') {
                return Err(ApiError::bad_request("invalid org directory").field("dir"));
            }
            org_templates(&conn, &org.id)?
                .into_iter()
                .find(|(d, _)| d == dir)
                .map(|(_, t)| t)
                .ok_or_else(|| ApiError::not_found("org template"))?
        }
        (None, None) => return Err(ApiError::bad_request("provide 'dir' or 'template'")),
    };
    let have = crate::store::secrets::org_keys(&conn, &org.id)?;
    let missing_env = missing(&template.required_env, &have);
    if !missing_env.is_empty() {
        return Err(
            ApiError::new(412, "missing required environment variables").with(|e| {
                e.missing_env = missing_env;
                e.required_env = template.required_env.clone();
                e.template = Some(template.name.to_string());
                e.suggestion = Some(ADD_ORG_SECRETS.into());
            }),
        );
    }
    let mut per_ws = Vec::new();
    per_workspace_missing(&template.workspaces, &have, &mut per_ws);
    if !per_ws.is_empty() {
        return Err(ApiError::new(
            412,
            "missing required environment variables for some workspaces",
        )
        .with(|e| {
            e.missing_workspace_env = per_ws;
            e.template = Some(template.name.to_string());
            e.suggestion = Some(ADD_ORG_SECRETS.into());
        }));
    }
    let tx = conn.transaction()?;
    let mode = req.mode.map(|m| m.to_string()).unwrap_or_default();
    let mut removed = 0;
    if mode == "reconcile" {
        let mut names = Vec::new();
        fn collect(ws: &[OrgTemplateWorkspace], out: &mut Vec<String>) {
            for w in ws {
                out.push(w.name.to_string());
                collect(&w.children, out);
            }
        }
        collect(&template.workspaces, &mut names);
        let now = state.clock.now_ms();
        for w in store::list(&tx, &org.id)? {
            if names.contains(&w.name) {
                let mut all = vec![w.clone()];
                all.extend(store::descendants(&tx, &w.id)?);
                for x in all {
                    if store::live(&tx, &org.id, &x.id).is_ok() {
                        crate::store::workspaces::remove(&tx, &state, &x, false, now)?;
                        removed += 1;
                    }
                }
            }
        }
    }
    let mut run = ImportRun {
        conn: &tx,
        state: &state,
        org: &org,
        template: &template,
        created: Vec::new(),
    };
    let outcome = run.create(&template.workspaces, None);
    let created = std::mem::take(&mut run.created);
    tx.commit()?;
    let (status, error) = match outcome {
        Ok(()) => (201, None),
        // Creation stopped part-way: what was created stays (207).
        Err(e) => (
            207,
            Some(
                e.body
                    .error
                    .unwrap_or_else(|| "workspace creation failed".into()),
            ),
        ),
    };
    Ok(json(
        status,
        &OrgImportResult {
            org: template.name.to_string(),
            count: created.len() as i32,
            workspaces: created,
            mode: (!mode.is_empty()).then_some(mode.clone()),
            reconcile_removed_count: (mode == "reconcile").then_some(removed),
            reconcile_errors: vec![],
            error,
        },
    ))
}

fn bundle_of(conn: &Connection, row: &WsRow) -> rusqlite::Result<Bundle> {
    let extra: serde_json::Map<String, Value> =
        serde_json::from_str(&row.bundle_extra).unwrap_or_default();
    let get_str = |k: &str| extra.get(k).and_then(Value::as_str).map(str::to_string);
    let mut subs = Vec::new();
    let children = store::children(conn, &row.id)?;
    for c in &children {
        subs.push(bundle_of(conn, c)?);
    }
    Ok(Bundle {
        schema: Some("1.0".into()),
        id: Some(row.id.clone()),
        name: row
            .name
            .parse()
            .unwrap_or_else(|_| "workspace".parse().expect("valid")),
        description: row.role.clone().or_else(|| get_str("description")),
        tier: std::num::NonZeroU32::new(row.tier.clamp(1, 4) as u32),
        model: row.model.clone(),
        system_prompt: get_str("system_prompt"),
        skills: extra
            .get("skills")
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default(),
        tools: extra
            .get("tools")
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default(),
        prompts: extra
            .get("prompts")
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default(),
        sub_workspaces: subs,
        agent_card: row
            .agent_card
            .as_deref()
            .and_then(|c| serde_json::from_str(c).ok()),
        author: get_str("author"),
        version: get_str("version"),
    })
}

async fn export_bundle(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    access::admin(&state, &headers, &org, Access::Read)?;
    let conn = state.db.lock();
    let not_found = || ApiError::not_found("bundle");
    let id = uuid::Uuid::parse_str(&id)
        .map_err(|_| not_found())?
        .to_string();
    let row = store::live(&conn, &org.id, &id).map_err(|_| not_found())?;
    Ok(json(200, &bundle_of(&conn, &row).map_err(|_| not_found())?))
}

fn import_node(
    conn: &Connection,
    state: &AppState,
    org: &TenantOrg,
    b: &Bundle,
    parent: Option<String>,
) -> BundleImportResult {
    let mut extra = serde_json::Map::new();
    for (k, v) in [
        ("system_prompt", json!(b.system_prompt)),
        ("skills", json!(b.skills)),
        ("tools", json!(b.tools)),
        ("prompts", json!(b.prompts)),
        ("author", json!(b.author)),
        ("version", json!(b.version)),
    ] {
        if !v.is_null() {
            extra.insert(k.into(), v);
        }
    }
    // The first registry runtime the model is registered for, else the mock runtime.
    let runtime = b
        .model
        .as_deref()
        .and_then(|m| {
            registry::RUNTIMES
                .iter()
                .find(|(r, _)| registry::derive_provider(r, m).is_some())
                .map(|(r, _)| r.to_string())
        })
        .or_else(|| Some("mock".into()));
    let new = NewWorkspace {
        name: b.name.to_string(),
        role: b.description.clone(),
        runtime,
        model: b.model.clone().or_else(|| Some("mock-model".into())),
        parent_id: parent,
        max_concurrent_tasks: 1,
        compute: json!({}),
        bundle_extra: Value::Object(extra),
        agent_card: b.agent_card.clone().map(Value::Object),
        ..NewWorkspace::default()
    };
    match create_workspace(conn, state, org, new) {
        Ok((row, _)) => {
            let children = b
                .sub_workspaces
                .iter()
                .map(|s| import_node(conn, state, org, s, Some(row.id.clone())))
                .collect();
            BundleImportResult {
                workspace_id: row.id.parse().unwrap_or_default(),
                name: row.name.clone(),
                status: BundleImportResultStatus::Provisioning,
                error: None,
                children,
            }
        }
        Err(e) => BundleImportResult {
            workspace_id: uuid::Uuid::nil(),
            name: b.name.to_string(),
            status: BundleImportResultStatus::Failed,
            error: e.body.error,
            children: vec![],
        },
    }
}

async fn import_bundle(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    access::admin(&state, &headers, &org, Access::Write)?;
    if body.get("name").is_none() {
        return Err(ApiError::bad_request("bundle name is required").field("name"));
    }
    let bundle: Bundle = serde_json::from_value(body)
        .map_err(|e| ApiError::bad_request(&format!("invalid bundle: {e}")))?;
    let mut conn = state.db.lock();
    let tx = conn.transaction()?;
    let result = import_node(&tx, &state, &org, &bundle, None);
    tx.commit()?;
    Ok(json(201, &result))
}

/// The org root workspace `id` (a live workspace without parent) or 404 `org not found`.
fn root(conn: &Connection, org: &TenantOrg, id: &str) -> ApiResult<String> {
    let not_found = || ApiError::not_found("org");
    let id = uuid::Uuid::parse_str(id)
        .map_err(|_| not_found())?
        .to_string();
    match store::find(conn, &org.id, &id)? {
        Some(w) if w.status != "removed" && w.parent_id.is_none() => Ok(id),
        _ => Err(not_found()),
    }
}

fn allowlist_auth(
    state: &AppState,
    headers: &HeaderMap,
    org: &TenantOrg,
    access: Access,
) -> ApiResult<()> {
    if access::foreign_org_key(state, &org.id, headers) {
        return Err(
            ApiError::code(403, "ORG_ACCESS_DENIED", "org access denied")
                .with(|e| e.detail = Some("the Org API Key belongs to another org".into())),
        );
    }
    access::admin(state, headers, org, access).map(|_| ())
}

async fn get_allowlist(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    allowlist_auth(&state, &headers, &org, Access::Read)?;
    let conn = state.db.lock();
    let root_id = root(&conn, &org, &id)?;
    let plugins = catalog::allowlist(&conn, &root_id)?;
    Ok(json(
        200,
        &PluginAllowlist {
            org_id: root_id.parse().unwrap_or_default(),
            allow_all: plugins.is_empty(),
            plugins,
        },
    ))
}

async fn put_allowlist(
    State(state): State<AppState>,
    Extension(org): Extension<TenantOrg>,
    headers: HeaderMap,
    Path(id): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    allowlist_auth(&state, &headers, &org, Access::Write)?;
    if body
        .get("enabled_by")
        .and_then(Value::as_str)
        .is_none_or(str::is_empty)
    {
        return Err(ApiError::bad_request("enabled_by is required").field("enabled_by"));
    }
    let req: PluginAllowlistUpdate = decode(body)?;
    for p in &req.plugins {
        if p.is_empty() || p.contains('/') || p.contains('\\') || p.contains("..") {
            return Err(
                ApiError::code(400, "INVALID_PLUGIN_NAME", "invalid plugin name")
                    .with(|e| e.plugin_name = Some(p.to_string()))
                    .with(|e| e.detail = Some("plugin names may not contain /, \\ or ..".into())),
            );
        }
    }
    let mut names: Vec<String> = req.plugins.clone();
    names.sort();
    names.dedup();
    let mut conn = state.db.lock();
    let root_id = root(&conn, &org, &id)?;
    let tx = conn.transaction()?;
    let now = state.clock.now_ms();
    catalog::replace_allowlist(&tx, &root_id, &names, &req.enabled_by.to_string(), now)?;
    tx.commit()?;
    Ok(json(
        200,
        &PluginAllowlistUpdated {
            org_id: root_id.parse().unwrap_or_default(),
            allow_all: names.is_empty(),
            plugins: names,
        },
    ))
}
