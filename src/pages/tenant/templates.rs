//! The templates page: organization templates (`org_templates`), the workspace templates new
//! workspaces start from (listed here, with their import form in `template_import`), and bundle
//! import (`bundle_import`), each section loading and failing on its own. The workspace
//! templates are searched and sorted with their own URL keys (`tpl_q`, `tpl_sort`, `tpl_page`).
//! Calls `GET /templates` and `POST /templates/import` here; the other sections make their own.

use crate::{
    api::use_api,
    components::{
        Loaded, PageHeader,
        list::{ListControls, ListTable, Listed, UrlList, use_url_list_in},
    },
    pages::tenant::{
        bundle_import::BundleImport, org_templates::OrgTemplates, template_import::TemplateImport,
    },
};
use leptos::prelude::*;
use molecule_sdk::{
    calls,
    types::{TemplateImportRequest, WorkspaceTemplate},
};

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

impl Listed for WorkspaceTemplate {
    fn haystack(&self) -> String {
        format!(
            "{} {} {} {}",
            self.name,
            self.description,
            self.runtime,
            models_text(self)
        )
    }
    fn compare(&self, other: &Self, key: &str) -> std::cmp::Ordering {
        match key {
            "runtime" => self.runtime.cmp(&other.runtime),
            "skills" => self.skill_count.cmp(&other.skill_count),
            _ => self.name.to_lowercase().cmp(&other.name.to_lowercase()),
        }
    }
}

/// The templates page.
#[component]
pub fn TemplatesPage() -> impl IntoView {
    view! {
        <PageHeader title="Templates"/>
        <OrgTemplates/>
        <WorkspaceTemplates/>
        <BundleImport/>
    }
}

/// The workspace templates section: the list, and the form that imports one (the list reloads
/// after an import).
#[component]
fn WorkspaceTemplates() -> impl IntoView {
    let api = use_api();
    let import = crate::reactive::action(move |req: &TemplateImportRequest| {
        api.send(calls::import_workspace_template(req))
    });
    let list = crate::reactive::resource(move || {
        import.version().track();
        api.send(calls::list_workspace_templates())
    });
    let rows = use_url_list_in("tpl_");
    view! {
        <section class="section" aria-labelledby="ws-templates-title">
            <h2 id="ws-templates-title">"Workspace templates"</h2>
            <ListControls list=rows what="workspace templates"/>
            <Loaded res=list what="Workspace templates" let:items>
                <TemplateTable items rows/>
            </Loaded>
            <TemplateImport import/>
        </section>
    }
}

/// The page of workspace templates the search and sort select, with the pager.
#[component]
fn TemplateTable(items: Vec<WorkspaceTemplate>, rows: UrlList) -> impl IntoView {
    view! {
        <ListTable rows=items list=rows caption="Workspace templates" columns=&["Template", "Runtime", "Models", "Skills"]
            keys=&["name", "runtime", "", "skills"] what="workspace templates"
            empty="No workspace templates yet. Import one below from a folder of files."
            row=|t| view! { <TemplateRow t/> }/>
    }
}

/// One workspace template: name and description, runtime, models (with the env each needs),
/// skills.
#[component]
fn TemplateRow(t: WorkspaceTemplate) -> impl IntoView {
    let runtime = if t.runtime.is_empty() {
        "—".to_string()
    } else {
        t.runtime.clone()
    };
    view! {
        <tr>
            <td><strong>{t.name.clone()}</strong><br/><span class="muted">{t.description.clone()}</span></td>
            <td class="mono">{runtime}</td>
            <td class="mono">{models_text(&t)}</td>
            <td>{t.skill_count}</td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
