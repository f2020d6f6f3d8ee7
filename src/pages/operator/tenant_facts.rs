//! What an operator reads about one tenant, each part loading and failing on its own: the
//! instance, its health checks, recent boot events, and its workspaces (with the workspace-env
//! form). Calls `GET /api/v1/admin/tenants/{slug}`, `.../diagnostics`, `.../boot-events` and
//! `GET /api/v1/admin/orgs/{slug}/workspaces`.
//! The boot events and the workspaces are lists (`components::list`): searched, filtered by
//! level or status and sorted, each with its own URL keys (`boot_…`, `ws_…`).

use super::outcomes::diagnostic_lines;
use crate::{
    api::use_api,
    components::{
        Fact, Facts, Loaded,
        list::{ListControls, ListTable, Listed, UrlList, use_url_list_in},
    },
    pages::tenant::workspace_list::STATUSES,
};
use leptos::prelude::*;
use molecule_sdk::{
    calls,
    types::{
        AdminOrgWorkspaces, BootEvent, BootEventList, TenantDiagnostics, TenantInstance, Workspace,
    },
};

/// The boot event level filter's choices (URL value, label).
const LEVELS: &[(&str, &str)] = &[("info", "Info"), ("warn", "Warning"), ("error", "Error")];

impl Listed for BootEvent {
    fn haystack(&self) -> String {
        let text = |t: &Option<String>| t.clone().unwrap_or_default();
        format!("{} {}", text(&self.stage), text(&self.message))
    }
    fn status_key(&self) -> Option<String> {
        self.level.as_ref().map(ToString::to_string)
    }
    fn compare(&self, other: &Self, key: &str) -> std::cmp::Ordering {
        match key {
            "stage" => self.stage.cmp(&other.stage),
            "message" => self.message.cmp(&other.message),
            _ => self.at.cmp(&other.at),
        }
    }
}

/// `2026-01-01T10:00:00Z` -> `2026-01-01 10:00:00`; `—` when absent.
fn when(at: Option<&str>) -> String {
    at.and_then(|a| a.get(..19))
        .map(|a| a.replace('T', " "))
        .unwrap_or_else(|| "—".into())
}

/// The read-outs of tenant `slug`; `version` reloads them after an action.
#[component]
pub fn TenantFacts(slug: String, version: Signal<usize>) -> impl IntoView {
    let api = use_api();
    let s = StoredValue::new(slug);
    let instance = crate::reactive::resource(move || {
        version.track();
        api.send(calls::admin_get_tenant(&s.get_value()))
    });
    let health = crate::reactive::resource(move || {
        version.track();
        api.send(calls::admin_get_tenant_diagnostics(&s.get_value()))
    });
    let boot = crate::reactive::resource(move || {
        version.track();
        // The newest 500 (the platform's most; it answers 50 when not asked).
        api.send(calls::admin_list_tenant_boot_events(&s.get_value()).query("limit", BOOT_LIMIT))
    });
    let workspaces = crate::reactive::resource(move || {
        version.track();
        api.send(calls::admin_list_org_workspaces(&s.get_value()))
    });
    let (boot_rows, ws_rows) = (use_url_list_in("boot_"), use_url_list_in("ws_"));
    view! {
        <Loaded res=instance what="Instance" let:i>
            <InstanceFacts i/>
        </Loaded>
        <h3>"Checks"</h3>
        <Loaded res=health what="Health checks" let:h>
            <Checks h/>
        </Loaded>
        <h3>"Boot events"</h3>
        <ListControls list=boot_rows what="boot events" statuses=LEVELS.to_vec() filter="Level"/>
        <Loaded res=boot what="Boot events" let:b>
            <BootEvents b rows=boot_rows/>
        </Loaded>
        <h3>"Workspaces"</h3>
        <ListControls list=ws_rows what="tenant workspaces" statuses=STATUSES.to_vec()/>
        <Loaded res=workspaces what="Workspaces" let:w>
            <Workspaces w rows=ws_rows/>
        </Loaded>
    }
}

#[component]
fn InstanceFacts(i: TenantInstance) -> impl IntoView {
    let dash = || "—".to_string();
    view! {
        <Facts label="Instance">
            <Fact term="Instance" mono=true>{i.instance_id.unwrap_or_else(|| "none".into())}</Fact>
            <Fact term="State">{i.instance_status}</Fact>
            <Fact term="Image" mono=true>{i.image_tag.unwrap_or_else(dash)}</Fact>
            <Fact term="Region">{i.region.unwrap_or_else(dash)}</Fact>
        </Facts>
    }
}

#[component]
fn Checks(h: TenantDiagnostics) -> impl IntoView {
    let lines = diagnostic_lines(&h)
        .into_iter()
        .map(|(ok, text)| view! { <li>{if ok { "✓ " } else { "✗ " }}{text}</li> })
        .collect_view();
    view! {
        <p class="muted">"Checked " {when(h.checked_at.as_deref())} " (UTC)"</p>
        <ul>{lines}</ul>
        {h.last_error.map(|e| view! {
            <p class="callout callout--error">"Last provisioning error: " <span class="mono">{e}</span></p>
        })}
    }
}

/// Boot events asked for: the platform's most (it answers the newest 50 when not asked).
const BOOT_LIMIT: usize = 500;

/// The boot events, newest first unless sorted, a page at a time.
#[component]
fn BootEvents(b: BootEventList, rows: UrlList) -> impl IntoView {
    let dash = || "—".to_string();
    let newest_first: Vec<BootEvent> = b.events.into_iter().rev().collect();
    let capped = (newest_first.len() >= BOOT_LIMIT)
        .then(|| view! { <p class="muted">"Showing the newest " {BOOT_LIMIT} " events, the most the platform returns at once."</p> });
    view! {
        {capped}
        <ListTable rows=newest_first list=rows caption="Boot events, newest first"
            columns=&["At (UTC)", "Level", "Stage", "Message"] keys=&["at", "", "stage", "message"]
            what="boot events" empty="This tenant has recorded no boot events."
            row=move |e: BootEvent| view! {
                <tr>
                    <td class="mono">{when(e.at.as_deref())}</td>
                    <td>{e.level.map_or_else(dash, |l| l.to_string())}</td>
                    <td>{e.stage.unwrap_or_else(dash)}</td>
                    <td>{e.message.unwrap_or_else(dash)}</td>
                </tr>
            }/>
    }
}

/// The tenant's workspaces, a page at a time, and the workspace-env form.
#[component]
fn Workspaces(w: AdminOrgWorkspaces, rows: UrlList) -> impl IntoView {
    let pairs: Vec<(String, String)> = w
        .workspaces
        .iter()
        .map(|x| (x.id.to_string(), x.name.to_string()))
        .collect();
    view! {
        <p>{format!("{} workspace{}", w.count, if w.count == 1 { "" } else { "s" })}</p>
        <ListTable rows=w.workspaces list=rows caption="Workspaces of this tenant" columns=&["Workspace", "Status"]
            keys=&["name", "status"] what="workspaces" empty="This tenant has no workspaces."
            key=|x: &Workspace| x.id.to_string()
            row=|x: Workspace| view! { <tr><td>{x.name.to_string()}</td><td>{x.status.to_string()}</td></tr> }/>
        {(!pairs.is_empty()).then(|| view! { <super::maintenance::WorkspaceEnv workspaces=pairs/> })}
    }
}
