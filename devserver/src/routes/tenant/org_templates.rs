//! Org templates and the org import: the `required_env` check against org-wide secrets (412
//! without `code`), then one workspace per node, stopping part-way with 207.

use super::{
    access::{self, Access},
    create::{NewWorkspace, create_workspace},
    guard::TenantOrg,
    rules::template_id,
};
use crate::{
    api::{JsonBody, decode, json},
    error::{ApiError, ApiResult},
    state::AppState,
    store::{
        catalog::{self},
        tenant::{self as store},
    },
};
use axum::{
    Extension, Router,
    extract::State,
    http::HeaderMap,
    response::Response,
    routing::{get, post},
};
use molecule_sdk::types::{
    EnvRequirement, OrgImportRequest, OrgImportResult, OrgImportedWorkspace, OrgTemplate,
    OrgTemplateSummary, OrgTemplateWorkspace, WorkspaceEnvGap,
};
use rusqlite::Connection;
use serde_json::json;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/org/templates", get(list_org_templates))
        .route("/org/import", post(import_org))
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
