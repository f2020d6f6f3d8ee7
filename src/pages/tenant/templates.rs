//! Templates of this organization: org templates create a whole tree of workspaces at once (they
//! may need org secrets first), workspace templates are the blueprints new workspaces start from,
//! a workspace template can be imported from its files, and a bundle (a workspace tree exported
//! from any organization) can be imported from its JSON file.
//! Calls `GET /org/templates`, `POST /org/import`, `GET /templates`, `POST /templates/import`,
//! `POST /bundles/import`.

use crate::{
    components::{DataTable, ErrorView, Title, use_toaster},
    paths,
    tenant::{Tenant, use_tenant},
};
use leptos::{ev::SubmitEvent, prelude::*};
use leptos_router::components::A;
use molecule_sdk::{
    ApiError, calls,
    types::{
        Bundle, BundleImportResult, BundleImportResultStatus, EnvRequirement, OrgImportRequest,
        OrgTemplateSummary, TemplateImportRequest, WorkspaceTemplate,
    },
};
use std::collections::BTreeMap;

/// Most files one import may carry (the platform's limit).
pub const MAX_FILES: usize = 200;
/// Largest file accepted for an import, in bytes.
pub const MAX_FILE_BYTES: f64 = 1024.0 * 1024.0;

/// "GITHUB_TOKEN" or "one of HUBSPOT_TOKEN, PIPEDRIVE_TOKEN".
pub fn requirement_text(r: &EnvRequirement) -> String {
    match r {
        EnvRequirement::String(k) => k.clone(),
        EnvRequirement::EnvAnyOf(a) => format!("one of {}", a.any_of.join(", ")),
    }
}

/// A template's models in words: each with the env it needs; the default model alone when the
/// template lists none.
pub fn models_text(t: &WorkspaceTemplate) -> String {
    if t.models.is_empty() {
        return if t.model.is_empty() {
            "—".into()
        } else {
            t.model.clone()
        };
    }
    t.models
        .iter()
        .map(|m| match m.required_env.as_slice() {
            [] => m.id.clone(),
            env => format!("{} (needs {})", m.id, env.join(", ")),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// What to tell a person whose org import failed. The real tenant's 412 carries no code: it
/// names the missing env either for the whole template or per workspace.
pub fn import_error(e: &ApiError) -> String {
    let missing: Vec<String> = e
        .body
        .as_ref()
        .filter(|_| e.status == 412)
        .map(|b| {
            let whole = b.missing_env.iter().map(requirement_text);
            let per_workspace = b
                .missing_workspace_env
                .iter()
                .map(|g| format!("{} (for {})", requirement_text(&g.unsatisfied), g.workspace));
            whole.chain(per_workspace).collect()
        })
        .unwrap_or_default();
    if !missing.is_empty() {
        format!(
            "Add these org secrets first, then try again: {}.",
            missing.join("; ")
        )
    } else {
        e.message()
    }
}

/// "1 workspace", "3 workspaces".
pub fn workspaces_count(n: i32) -> String {
    if n == 1 {
        "1 workspace".into()
    } else {
        format!("{n} workspaces")
    }
}

/// Workspaces in an import result, and how many of them failed.
pub fn bundle_outcome(r: &BundleImportResult) -> (usize, usize) {
    let failed = usize::from(r.status == BundleImportResultStatus::Failed || r.error.is_some());
    r.children.iter().fold((1, failed), |(n, f), c| {
        let (cn, cf) = bundle_outcome(c);
        (n + cn, f + cf)
    })
}

/// Reads a bundle file's text (checked before anything is sent).
pub fn parse_bundle(text: &str) -> Result<Bundle, &'static str> {
    serde_json::from_str(text)
        .map_err(|_| "This file is not a Molecule bundle (a JSON file from \"Download bundle\").")
}

/// Checks a template name before import (its id is derived from it).
pub fn check_template_name(name: &str) -> Result<(), &'static str> {
    if name.trim().is_empty() {
        Err("Enter a name for the template.")
    } else if name.chars().count() > 100 {
        Err("Template names are at most 100 characters.")
    } else {
        Ok(())
    }
}

/// The templates page.
#[component]
pub fn TemplatesPage() -> impl IntoView {
    let tenant = use_tenant();
    view! {
        <Title text="Templates · Molecule Console"/>
        <section class="page">
            <h1>"Templates"</h1>
            <Transition fallback=|| view! { <span class="skeleton skeleton--row" aria-label="Loading templates"></span> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        tenant.await.map(|t| view! {
                                <OrgTemplates tenant=t.clone()/>
                                <WorkspaceTemplates tenant=t.clone()/>
                                <BundleImport tenant=t/>
                            }.into_any())
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

#[component]
fn OrgTemplates(tenant: Tenant) -> impl IntoView {
    let toaster = use_toaster();
    let error = RwSignal::new(None::<String>);
    let t1 = tenant.clone();
    let import = crate::reactive::action(move |(dir, name): &(String, String)| {
        let (t, name) = (t1.clone(), name.clone());
        let body = OrgImportRequest {
            dir: Some(dir.clone()),
            mode: None,
            template: None,
        };
        async move {
            match t.send(calls::import_org(&body)).await {
                Ok(r) if r.error.is_some() => error.set(Some(format!(
                    "Creation stopped part-way: only {} created from {name}. Check the workspaces list (and the plan's workspace limit) before trying again.",
                    workspaces_count(r.count)
                ))),
                Ok(r) => {
                    error.set(None);
                    toaster.success(format!("Created {} from {name}.", workspaces_count(r.count)));
                }
                Err(e) => error.set(Some(import_error(&e))),
            }
        }
    });
    let list = crate::reactive::resource(move || {
        let t = tenant.clone();
        async move { t.send(calls::list_org_templates()).await }
    });
    view! {
        <section class="section" aria-labelledby="org-templates-title">
            <h2 id="org-templates-title">"Organization templates"</h2>
            <p class="field__hint">"Each creates a team of workspaces in one step. Templates that need secrets say which; add them on the "
                <A href=paths::secrets()>"Secrets"</A>" page first."</p>
            <div class="callout callout--error" role="alert" hidden=move || error.with(Option::is_none)>
                <p>{move || error.get()}</p>
            </div>
            <Transition fallback=|| view! { <span class="skeleton skeleton--row"></span> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        list.await.map(|items: Vec<OrgTemplateSummary>| {
                            if items.is_empty() {
                                return view! { <p class="muted">"No organization templates."</p> }.into_any();
                            }
                            let rows = items.into_iter().map(|t| {
                                let needs = t.required_env.iter().map(requirement_text).collect::<Vec<_>>().join("; ");
                                let (dir, name) = (t.dir.clone(), t.name.clone());
                                view! {
                                    <tr>
                                        <td><strong>{t.name.clone()}</strong><br/><span class="muted">{t.description.clone()}</span></td>
                                        <td>{t.workspaces}</td>
                                        <td class="mono">{if needs.is_empty() { "nothing".to_string() } else { needs }}</td>
                                        <td>
                                            <button type="button" class="btn" aria-label=format!("Create workspaces from {}", t.name)
                                                disabled=move || import.pending().get()
                                                on:click=move |_| { import.dispatch((dir.clone(), name.clone())); }>
                                                "Create workspaces"
                                            </button>
                                        </td>
                                    </tr>
                                }
                            }).collect_view();
                            view! {
                                <DataTable caption="Organization templates" columns=&["Template", "Workspaces", "Needs secrets"] actions=true>{rows}</DataTable>
                            }.into_any()
                        })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

#[component]
fn WorkspaceTemplates(tenant: Tenant) -> impl IntoView {
    let toaster = use_toaster();
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let input = NodeRef::<leptos::html::Input>::new();
    let t1 = tenant.clone();
    let import = crate::reactive::action(move |req: &TemplateImportRequest| {
        let (t, req) = (t1.clone(), req.clone());
        async move {
            match t.send(calls::import_workspace_template(&req)).await {
                Ok(r) => {
                    error.set(None);
                    name.set(String::new());
                    if let Some(i) = input.get_untracked() {
                        i.set_value("");
                    }
                    toaster.success(format!("Template {} imported.", r.name));
                }
                Err(e) => error.set(Some(e.message())),
            }
        }
    });
    let list = crate::reactive::resource(move || {
        import.version().track();
        let t = tenant.clone();
        async move { t.send(calls::list_workspace_templates()).await }
    });
    // Reads the chosen files, checks them, then imports.
    let reading = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked().trim().to_string();
        if let Err(m) = check_template_name(&n) {
            error.set(Some(m.into()));
            return;
        }
        let files = input.get_untracked().and_then(|i| i.files());
        let Some(files) = files.filter(|f| f.length() > 0) else {
            error.set(Some("Choose the template's files.".into()));
            return;
        };
        if files.length() as usize > MAX_FILES {
            error.set(Some(format!(
                "At most {MAX_FILES} files can be imported at once."
            )));
            return;
        }
        let list: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
        if let Some(big) = list.iter().find(|f| f.size() > MAX_FILE_BYTES) {
            error.set(Some(format!("{} is larger than 1 MiB.", big.name())));
            return;
        }
        error.set(None);
        reading.set(true);
        leptos::task::spawn_local(async move {
            let mut contents = BTreeMap::new();
            for f in list {
                let text = wasm_bindgen_futures::JsFuture::from(f.text()).await;
                match text.ok().and_then(|t| t.as_string()) {
                    Some(t) => {
                        contents.insert(f.name(), t);
                    }
                    None => {
                        error.set(Some(format!("{} could not be read as text.", f.name())));
                        reading.set(false);
                        return;
                    }
                }
            }
            reading.set(false);
            match n.parse() {
                Ok(name) => {
                    import.dispatch(TemplateImportRequest {
                        name,
                        files: contents,
                    });
                }
                Err(_) => error.set(Some("Enter a name for the template.".into())),
            }
        });
    };
    view! {
        <section class="section" aria-labelledby="ws-templates-title">
            <h2 id="ws-templates-title">"Workspace templates"</h2>
            <Transition fallback=|| view! { <span class="skeleton skeleton--row"></span> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        list.await.map(|items| {
                            let rows = items.into_iter().map(|t| view! {
                                <tr>
                                    <td><strong>{t.name.clone()}</strong><br/><span class="muted">{t.description.clone()}</span></td>
                                    <td class="mono">{if t.runtime.is_empty() { "—".to_string() } else { t.runtime.clone() }}</td>
                                    <td class="mono">{models_text(&t)}</td>
                                    <td>{t.skill_count}</td>
                                </tr>
                            }).collect_view();
                            view! {
                                <DataTable caption="Workspace templates" columns=&["Template", "Runtime", "Models", "Skills"]>{rows}</DataTable>
                            }
                        })
                    })}
                </ErrorBoundary>
            </Transition>
            <h3>"Import a workspace template"</h3>
            <p class="field__hint">"Choose its files (up to 200, text, 1 MiB each); a config.yaml is generated when there is none."</p>
            <form class="form form--inline" on:submit=submit novalidate autocomplete="off">
                <label class="field" for="template-name"><span class="field__label">"Template name"</span></label>
                <input id="template-name" class="input mono" maxlength="100" spellcheck="false" prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))/>
                <label class="field" for="template-files"><span class="field__label">"Template files"</span></label>
                <input id="template-files" class="input" type="file" multiple node_ref=input/>
                <p class="field__error" role="alert">{move || error.get()}</p>
                <button type="submit" class="btn btn--primary" disabled=move || reading.get() || import.pending().get()>"Import template"</button>
            </form>
        </section>
    }
}

#[component]
fn BundleImport(tenant: Tenant) -> impl IntoView {
    let toaster = use_toaster();
    let error = RwSignal::new(None::<String>);
    let input = NodeRef::<leptos::html::Input>::new();
    let import = crate::reactive::action(move |bundle: &Bundle| {
        let (t, bundle) = (tenant.clone(), bundle.clone());
        async move {
            match t.send(calls::import_bundle(&bundle)).await {
                Ok(r) => {
                    let (total, failed) = bundle_outcome(&r);
                    if failed > 0 {
                        error.set(Some(format!(
                            "{} imported, but {failed} of {total} workspaces could not be created. Check the workspaces list.",
                            r.name
                        )));
                    } else {
                        error.set(None);
                        if let Some(i) = input.get_untracked() {
                            i.set_value("");
                        }
                        toaster.success(format!(
                            "Bundle {} imported: {} provisioning.",
                            r.name,
                            workspaces_count(total as i32)
                        ));
                    }
                }
                Err(e) => error.set(Some(e.message())),
            }
        }
    });
    let reading = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(file) = input
            .get_untracked()
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        else {
            error.set(Some("Choose a bundle file.".into()));
            return;
        };
        if file.size() > 8.0 * MAX_FILE_BYTES {
            error.set(Some("A bundle file is at most 8 MiB.".into()));
            return;
        }
        error.set(None);
        reading.set(true);
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
            reading.set(false);
            match text
                .ok()
                .and_then(|t| t.as_string())
                .as_deref()
                .map(parse_bundle)
            {
                Some(Ok(bundle)) => {
                    import.dispatch(bundle);
                }
                Some(Err(m)) => error.set(Some(m.into())),
                None => error.set(Some(format!("{} could not be read.", file.name()))),
            }
        });
    };
    view! {
        <section class="section" aria-labelledby="bundle-import-title">
            <h2 id="bundle-import-title">"Import a bundle"</h2>
            <p class="field__hint">"Creates the bundle's workspaces in this organization. Secrets are never part of a bundle: set them afterwards."</p>
            <form class="form form--inline" on:submit=submit novalidate>
                <label class="field" for="bundle-file"><span class="field__label">"Bundle file"</span></label>
                <input id="bundle-file" class="input" type="file" accept=".json,application/json" node_ref=input/>
                <p class="field__error" role="alert">{move || error.get()}</p>
                <button type="submit" class="btn btn--primary" disabled=move || reading.get() || import.pending().get()>"Import bundle"</button>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use molecule_sdk::types::EnvAnyOf;

    #[test]
    fn requirements_in_words() {
        assert_eq!(
            requirement_text(&EnvRequirement::String("GITHUB_TOKEN".into())),
            "GITHUB_TOKEN"
        );
        let any = EnvRequirement::EnvAnyOf(EnvAnyOf {
            any_of: vec!["A".into(), "B".into()],
        });
        assert_eq!(requirement_text(&any), "one of A, B");
    }

    #[test]
    fn template_models_name_the_env_they_need() {
        let t: WorkspaceTemplate = serde_json::from_value(serde_json::json!({
            "id": "claude-code-default", "name": "Claude Code", "description": "", "tier": 0,
            "runtime": "claude-code", "model": "sonnet", "skills": null, "skill_count": 0,
            "models": [{"id": "sonnet"}, {"id": "claude-opus-4-7", "required_env": ["ANTHROPIC_API_KEY"]}]
        }))
        .expect("the real shape decodes");
        assert_eq!(
            models_text(&t),
            "sonnet; claude-opus-4-7 (needs ANTHROPIC_API_KEY)"
        );
        let bare = WorkspaceTemplate {
            models: vec![],
            ..t
        };
        assert_eq!(models_text(&bare), "sonnet");
    }

    #[test]
    fn bundle_files_are_checked_and_outcomes_counted() {
        assert!(parse_bundle("not json").is_err());
        assert!(parse_bundle("{}").is_err(), "a bundle has a name");
        let b = parse_bundle(r#"{"name":"Lead","sub_workspaces":[{"name":"Helper"}]}"#).unwrap();
        assert_eq!(b.sub_workspaces.len(), 1);
        let ok: BundleImportResult = serde_json::from_value(serde_json::json!({
            "name": "Lead", "status": "provisioning", "workspace_id": "a0000000-0000-4000-8000-000000000001",
            "children": [{"name": "Helper", "status": "failed", "error": "x",
                "workspace_id": "a0000000-0000-4000-8000-000000000002", "children": []}]
        }))
        .unwrap();
        assert_eq!(bundle_outcome(&ok), (2, 1));
    }

    #[test]
    fn counts_read_naturally() {
        assert_eq!(workspaces_count(1), "1 workspace");
        assert_eq!(workspaces_count(3), "3 workspaces");
        assert_eq!(workspaces_count(0), "0 workspaces");
    }

    #[test]
    fn template_names() {
        assert!(check_template_name("my-agent").is_ok());
        assert!(check_template_name("Research helper v2").is_ok());
        assert!(check_template_name("  ").is_err());
        assert!(check_template_name(&"a".repeat(101)).is_err());
    }
}
