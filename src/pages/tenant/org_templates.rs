//! The organization templates section of the templates page: each creates a whole tree of
//! workspaces at once and may need org secrets first, which the section names when the import
//! is refused (412) or says how far it got when creation stopped part-way. The list is searched
//! and sorted, with its own keys in the URL (`org_q`, `org_sort`, `org_page`: the page has
//! another list).
//! Calls `GET /org/templates`, `POST /org/import`.

use crate::router::A;
use crate::{
    api::use_api,
    components::{
        Loaded,
        list::{ListControls, ListTable, Listed, UrlList, use_url_list_in},
        use_toaster,
    },
    paths,
    words::say,
};
use leptos::prelude::*;
use molecule_sdk::{
    ApiError, calls,
    types::{EnvRequirement, OrgImportRequest, OrgTemplateSummary},
};

/// "GITHUB_TOKEN" or "one of HUBSPOT_TOKEN, PIPEDRIVE_TOKEN".
pub fn requirement_text(r: &EnvRequirement) -> String {
    match r {
        EnvRequirement::String(k) => k.clone(),
        EnvRequirement::EnvAnyOf(a) => format!("one of {}", a.any_of.join(", ")),
    }
}

/// What to tell a person whose org import failed. The real tenant's 412 carries no code: it
/// names the missing env either for the whole template or per workspace.
pub fn import_error(e: &ApiError) -> String {
    let missing: Vec<String> = e
        .body()
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
        say(e)
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

impl Listed for OrgTemplateSummary {
    fn haystack(&self) -> String {
        format!("{} {} {}", self.name, self.description, self.dir)
    }
    fn compare(&self, other: &Self, key: &str) -> std::cmp::Ordering {
        match key {
            "workspaces" => self.workspaces.cmp(&other.workspaces),
            "needs" => self.required_env.len().cmp(&other.required_env.len()),
            _ => self.name.to_lowercase().cmp(&other.name.to_lowercase()),
        }
    }
}

/// Creates workspaces from a template: its dir and its name.
type ImportAction = Action<(String, String), ()>;

/// The organization templates section.
#[component]
pub fn OrgTemplates() -> impl IntoView {
    let api = use_api();
    let toaster = use_toaster();
    let error = RwSignal::new(None::<String>);
    let import = crate::reactive::action(move |(dir, name): &(String, String)| {
        let name = name.clone();
        let body = OrgImportRequest {
            dir: Some(dir.clone()),
            mode: None,
            template: None,
        };
        let call = calls::import_org(&body);
        async move {
            match api.send(call).await {
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
    let list = crate::reactive::resource(move || api.send(calls::list_org_templates()));
    let rows = use_url_list_in("org_");
    view! {
        <section class="section" aria-labelledby="org-templates-title">
            <h2 id="org-templates-title">"Organization templates"</h2>
            <p class="section__intro">"Each creates a team of workspaces in one step. Templates that need secrets say which; add them on the "
                <A href=paths::secrets()>"Secrets"</A>" page first."</p>
            <div class="callout callout--error" role="alert" hidden=move || error.with(Option::is_none)>
                <p>{move || error.get()}</p>
            </div>
            <ListControls list=rows what="organization templates"/>
            <Loaded res=list what="Organization templates" let:items>
                <TemplateTable items rows import/>
            </Loaded>
        </section>
    }
}

/// The page of templates the search and sort select, with the pager; or a line saying there
/// are none.
#[component]
fn TemplateTable(
    items: Vec<OrgTemplateSummary>,
    rows: UrlList,
    import: ImportAction,
) -> impl IntoView {
    view! {
        <ListTable rows=items list=rows caption="Organization templates" columns=&["Template", "Workspaces", "Needs secrets"]
            keys=&["name", "workspaces", "needs"] what="organization templates" empty="No organization templates." actions=true
            row=move |t| view! { <OrgTemplateRow t import/> }/>
    }
}

/// One org template: what it is, how many workspaces, which secrets it needs, and its button.
#[component]
fn OrgTemplateRow(t: OrgTemplateSummary, import: ImportAction) -> impl IntoView {
    let may_import_org = crate::layouts::tenant::use_blocker(&molecule_sdk::ops::IMPORT_ORG);
    let needs = t
        .required_env
        .iter()
        .map(requirement_text)
        .collect::<Vec<_>>()
        .join("; ");
    let needs = if needs.is_empty() {
        "nothing".to_string()
    } else {
        needs
    };
    let (dir, name) = (t.dir.clone(), t.name.clone());
    view! {
        <tr>
            <td><strong>{t.name.clone()}</strong><br/><span class="muted">{t.description.clone()}</span></td>
            <td>{t.workspaces}</td>
            <td class="mono">{needs}</td>
            <td>
                <button title=move || may_import_org.get() type="button" class="btn" aria-label=format!("Create workspaces from {}", t.name)
                    disabled=move || may_import_org.get().is_some() || import.pending().get()
                    on:click=move |_| { import.dispatch((dir.clone(), name.clone())); }>
                    "Create workspaces"
                </button>
            </td>
        </tr>
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
    fn counts_read_naturally() {
        assert_eq!(workspaces_count(1), "1 workspace");
        assert_eq!(workspaces_count(3), "3 workspaces");
        assert_eq!(workspaces_count(0), "0 workspaces");
    }
}
