//! What an operator reads about one tenant, each part loading and failing on its own: the
//! instance, its health checks, recent boot events, and its workspaces (with the workspace-env
//! form). Calls `GET /api/v1/admin/tenants/{slug}`, `.../diagnostics`, `.../boot-events` and
//! `GET /api/v1/admin/orgs/{slug}/workspaces`.

use super::outcomes::diagnostic_lines;
use crate::{
    api::use_api,
    components::{DataTable, Loaded},
};
use leptos::prelude::*;
use molecule_sdk::{
    calls,
    types::{AdminOrgWorkspaces, BootEventList, TenantDiagnostics, TenantInstance},
};

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
        api.send(calls::admin_list_tenant_boot_events(&s.get_value()))
    });
    let workspaces = crate::reactive::resource(move || {
        version.track();
        api.send(calls::admin_list_org_workspaces(&s.get_value()))
    });
    view! {
        <Loaded res=instance what="Instance" let:i>
            <InstanceFacts i/>
        </Loaded>
        <h3>"Checks"</h3>
        <Loaded res=health what="Health checks" let:h>
            <Checks h/>
        </Loaded>
        <h3>"Recent boot events"</h3>
        <Loaded res=boot what="Boot events" let:b>
            <BootEvents b/>
        </Loaded>
        <h3>"Workspaces"</h3>
        <Loaded res=workspaces what="Workspaces" let:w>
            <Workspaces w/>
        </Loaded>
    }
}

#[component]
fn InstanceFacts(i: TenantInstance) -> impl IntoView {
    let dash = || "—".to_string();
    view! {
        <dl class="facts" aria-label="Instance">
            <dt>"Instance"</dt><dd class="mono">{i.instance_id.unwrap_or_else(|| "none".into())}</dd>
            <dt>"State"</dt><dd>{i.instance_status}</dd>
            <dt>"Image"</dt><dd class="mono">{i.image_tag.unwrap_or_else(dash)}</dd>
            <dt>"Region"</dt><dd>{i.region.unwrap_or_else(dash)}</dd>
        </dl>
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

#[component]
fn BootEvents(b: BootEventList) -> impl IntoView {
    let dash = || "—".to_string();
    let rows = b
        .events
        .into_iter()
        .rev()
        .take(10)
        .map(|e| {
            view! {
                <tr>
                    <td class="mono">{when(e.at.as_deref())}</td>
                    <td>{e.stage.unwrap_or_else(dash)}</td>
                    <td>{e.message.unwrap_or_else(dash)}</td>
                </tr>
            }
        })
        .collect_view();
    view! { <DataTable caption="Boot events, newest first" columns=&["At (UTC)", "Stage", "Message"]>{rows}</DataTable> }
}

#[component]
fn Workspaces(w: AdminOrgWorkspaces) -> impl IntoView {
    let pairs: Vec<(String, String)> = w
        .workspaces
        .iter()
        .map(|x| (x.id.to_string(), x.name.to_string()))
        .collect();
    let rows = w
        .workspaces
        .iter()
        .map(|x| view! { <tr><td>{x.name.to_string()}</td><td>{x.status.to_string()}</td></tr> })
        .collect_view();
    view! {
        <p>{format!("{} workspace{}", w.count, if w.count == 1 { "" } else { "s" })}</p>
        <DataTable caption="Workspaces of this tenant" columns=&["Workspace", "Status"]>{rows}</DataTable>
        {(!pairs.is_empty()).then(|| view! { <super::maintenance::WorkspaceEnv workspaces=pairs/> })}
    }
}
