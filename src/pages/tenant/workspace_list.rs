//! The workspaces table: one page of the rows that match the list's search, status filter and
//! sort (state in the URL, `components::list`), each row with its lifecycle actions.

use super::workspaces::{DeleteAction, Lifecycle, LifecycleAction, status_badge};
use crate::router::A;
use crate::{
    components::{
        ActionMenu, ConfirmRequest, MenuItem,
        list::{ListTable, Listed, UrlList},
        use_confirm,
    },
    paths,
};
use leptos::prelude::*;
use molecule_sdk::types::{Workspace, WorkspaceStatus};
use std::cmp::Ordering;

/// The status filter's choices: (URL value, label), the platform's statuses.
pub const STATUSES: &[(&str, &str)] = &[
    ("online", "Online"),
    ("provisioning", "Provisioning"),
    ("degraded", "Degraded"),
    ("awaiting_agent", "Awaiting agent"),
    ("paused", "Paused"),
    ("hibernating", "Hibernating"),
    ("hibernated", "Hibernated"),
    ("offline", "Offline"),
    ("failed", "Failed"),
];

impl Listed for Workspace {
    fn haystack(&self) -> String {
        format!("{} {} {}", self.name.as_str(), self.runtime, self.id)
    }
    fn status_key(&self) -> Option<String> {
        Some(self.status.to_string())
    }
    fn compare(&self, other: &Self, key: &str) -> Ordering {
        match key {
            "status" => status_badge(&self.status)
                .0
                .cmp(&status_badge(&other.status).0),
            "runtime" => self.runtime.cmp(&other.runtime),
            "tasks" => self.active_tasks.cmp(&other.active_tasks),
            _ => self
                .name
                .as_str()
                .to_lowercase()
                .cmp(&other.name.as_str().to_lowercase()),
        }
    }
}

/// The page of workspaces the list's search, filter and sort select, with the pager; or a line
/// saying there are none. Rows are keyed by id, so typing in the search at thousands of rows
/// only touches the rows that enter or leave the page.
#[component]
pub fn WorkspaceTable(
    items: Vec<Workspace>,
    rows: UrlList,
    act: LifecycleAction,
    delete: DeleteAction,
    /// Whether a row's menu is open (the page holds its polling meanwhile).
    menu_open: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <ListTable rows=items list=rows caption="Workspaces" columns=&["Name", "Status", "Runtime", "Active tasks"]
            keys=&["name", "status", "runtime", "tasks"] what="workspaces" actions=true
            empty="No workspaces yet. Create one above, or import a bundle on the Templates page."
            key=|w: &Workspace| w.id.to_string()
            row=move |w| view! { <WorkspaceRow w act delete menu_open/> }/>
    }
}

/// One workspace: name (linking to its page), status, runtime, tasks and its actions.
#[component]
fn WorkspaceRow(
    w: Workspace,
    act: LifecycleAction,
    delete: DeleteAction,
    menu_open: RwSignal<bool>,
) -> impl IntoView {
    let may_delete_workspace =
        crate::layouts::tenant::use_blocker(&molecule_sdk::ops::DELETE_WORKSPACE);
    let may_pause_workspace =
        crate::layouts::tenant::use_blocker(&molecule_sdk::ops::PAUSE_WORKSPACE);
    let may_restart_workspace =
        crate::layouts::tenant::use_blocker(&molecule_sdk::ops::RESTART_WORKSPACE);
    let confirm = use_confirm();
    let (id, name) = (w.id.to_string(), w.name.to_string());
    let (label, class) = status_badge(&w.status);
    let paused = w.status == WorkspaceStatus::Paused;
    let (toggle, toggle_text) = if paused {
        (Lifecycle::Resume, "Resume")
    } else {
        (Lifecycle::Pause, "Pause")
    };
    let (i1, n1, i2, n2) = (id.clone(), name.clone(), id.clone(), name.clone());
    let (i3, n3) = (id.clone(), name.clone());
    let ask_delete = move || {
        let (id, name) = (i3.clone(), n3.clone());
        confirm.ask(ConfirmRequest {
            title: format!("Delete {name}?"),
            body: "The workspace, its child workspaces, their tokens and schedules are removed. This cannot be undone.".into(),
            confirm_label: "Delete workspace".into(),
            danger: true,
            type_to_confirm: Some(name.clone()),
            on_confirm: Callback::new(move |_| {
                delete.dispatch((id.clone(), name.clone()));
            }),
        })
    };
    let items = vec![
        MenuItem::new("Restart", move || {
            act.dispatch((i1.clone(), n1.clone(), Lifecycle::Restart));
        })
        .blocked(may_restart_workspace),
        MenuItem::new(toggle_text, move || {
            act.dispatch((i2.clone(), n2.clone(), toggle));
        })
        .blocked(may_pause_workspace),
        MenuItem::new("Delete", ask_delete)
            .danger()
            .blocked(may_delete_workspace),
    ];
    let menu = format!("Actions for {name}");
    view! {
        <tr>
            <td><A href=paths::workspace(&id)>{name}</A></td>
            <td><span class=format!("badge {class}")>{label}</span></td>
            <td class="mono">{w.runtime.clone()}</td>
            <td>{w.active_tasks}</td>
            <td class="cell--end"><ActionMenu label=menu items on_toggle=Callback::new(move |o| menu_open.set(o))/></td>
        </tr>
    }
}
