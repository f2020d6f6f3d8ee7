//! Workspaces of this organization: the list with each one's status and lifecycle actions
//! (restart, pause or resume, delete), and the create form (`workspace_create`). The list polls
//! while a workspace is provisioning or hibernating.
//! Calls `GET|POST /workspaces`, `POST /workspaces/{id}/{restart,pause,resume}`,
//! `DELETE /workspaces/{id}` (with `X-Confirm-Name`).

use crate::{
    api::use_api,
    components::{
        ConfirmRequest, DataTable, Loaded, Title, poll::use_poll, use_confirm, use_toaster,
    },
    pages::tenant::workspace_create::CreateWorkspace,
    paths,
    words::say,
};
use leptos::prelude::*;
use leptos_router::components::A;
use molecule_sdk::{
    ApiError, CONFIRM_NAME_HEADER, calls,
    types::{
        CreateWorkspaceRequest, RestartRequest, Workspace, WorkspaceDeleteResultStatus,
        WorkspaceStatus,
    },
};

/// Badge for a workspace status.
///
/// A status this console does not know yet is shown as the platform sent it, in a neutral badge.
pub fn status_badge(s: &WorkspaceStatus) -> (String, &'static str) {
    let (label, class) = match s {
        WorkspaceStatus::Online => ("Online", "badge--success"),
        WorkspaceStatus::Provisioning => ("Provisioning", "badge--info"),
        WorkspaceStatus::Hibernating => ("Hibernating", "badge--info"),
        WorkspaceStatus::Degraded => ("Degraded", "badge--warning"),
        WorkspaceStatus::AwaitingAgent => ("Awaiting agent", "badge--warning"),
        WorkspaceStatus::Paused => ("Paused", "badge--muted"),
        WorkspaceStatus::Hibernated => ("Hibernated", "badge--muted"),
        WorkspaceStatus::Offline => ("Offline", "badge--muted"),
        WorkspaceStatus::Removed => ("Removed", "badge--muted"),
        WorkspaceStatus::Failed => ("Failed", "badge--danger"),
        WorkspaceStatus::Unknown(raw) => return (raw.clone(), "badge--muted"),
    };
    (label.to_string(), class)
}

/// A lifecycle action on one workspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lifecycle {
    Restart,
    Pause,
    Resume,
}

impl Lifecycle {
    /// What the toast says once it was accepted ("{name}: paused.").
    fn done(self) -> &'static str {
        match self {
            Lifecycle::Restart => "restarting",
            Lifecycle::Pause => "paused",
            Lifecycle::Resume => "resuming",
        }
    }
}

/// Input of the lifecycle action: workspace id, its name, what to do.
type LifecycleAction = Action<(String, String, Lifecycle), ()>;
/// Input of the delete action: workspace id and its name.
type DeleteAction = Action<(String, String), ()>;

/// The workspaces page.
#[component]
pub fn WorkspacesPage() -> impl IntoView {
    let api = use_api();
    let toaster = use_toaster();
    let act = crate::reactive::action(move |(id, name, what): &(String, String, Lifecycle)| {
        let (id, name, what) = (id.clone(), name.clone(), *what);
        async move {
            let r: Result<(), ApiError> = match what {
                Lifecycle::Restart => api
                    .send(calls::restart_workspace(&id, &RestartRequest::default()))
                    .await
                    .map(|_| ()),
                Lifecycle::Pause => api.send(calls::pause_workspace(&id)).await.map(|_| ()),
                Lifecycle::Resume => api.send(calls::resume_workspace(&id)).await.map(|_| ()),
            };
            match r {
                Ok(()) => toaster.success(format!("{name}: {}.", what.done())),
                Err(e) => toaster.error(format!("{name}: {}", say(&e))),
            }
        }
    });
    let delete = crate::reactive::action(move |(id, name): &(String, String)| {
        let (id, name) = (id.clone(), name.clone());
        let call = calls::delete_workspace(&id)
            .header(CONFIRM_NAME_HEADER, &name)
            .query("confirm", true);
        async move {
            match api.send(call).await {
                Ok(r) if r.status == WorkspaceDeleteResultStatus::PendingApproval => toaster
                    .success(format!(
                        "Deleting {name} waits for approval (see pending approvals)."
                    )),
                Ok(r) if r.cascade_deleted.unwrap_or(0) > 0 => toaster.success(format!(
                    "{name} and {} child workspaces were deleted.",
                    r.cascade_deleted.unwrap_or(0)
                )),
                Ok(_) => toaster.success(format!("{name} was deleted.")),
                Err(e) => toaster.error(format!("{name}: {}", say(&e))),
            }
        }
    });
    let create = crate::reactive::action(move |body: &CreateWorkspaceRequest| {
        api.send(calls::create_workspace(body))
    });
    let tick = RwSignal::new(0u32);
    let list = crate::reactive::resource(move || {
        tick.track();
        act.version().track();
        delete.version().track();
        create.version().track();
        api.send(calls::list_workspaces())
    });
    use_poll(tick, move || {
        let busy = list.get()?.ok()?.iter().any(|w| {
            matches!(
                w.status,
                WorkspaceStatus::Provisioning | WorkspaceStatus::Hibernating
            )
        });
        busy.then_some(2_000)
    });
    view! {
        <Title text="Workspaces · Molecule Console"/>
        <section class="page">
            <h1>"Workspaces"</h1>
            <CreateWorkspace create/>
            <Loaded res=list what="Workspaces" let:items>
                {workspace_table(items, act, delete)}
            </Loaded>
        </section>
    }
}

fn workspace_table(items: Vec<Workspace>, act: LifecycleAction, delete: DeleteAction) -> AnyView {
    if items.is_empty() {
        return view! { <p class="muted">"No workspaces yet."</p> }.into_any();
    }
    let rows = items
        .into_iter()
        .map(|w| view! { <WorkspaceRow w act delete/> })
        .collect_view();
    view! {
        <DataTable caption="Workspaces" columns=&["Name", "Status", "Runtime", "Active tasks"] actions=true>{rows}</DataTable>
    }
    .into_any()
}

/// One workspace: name (linking to its page), status, runtime, tasks and its actions.
#[component]
fn WorkspaceRow(w: Workspace, act: LifecycleAction, delete: DeleteAction) -> impl IntoView {
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
    let toggle = if paused {
        Lifecycle::Resume
    } else {
        Lifecycle::Pause
    };
    let toggle_text = if paused { "Resume" } else { "Pause" };
    let (i1, n1, i2, n2) = (id.clone(), name.clone(), id.clone(), name.clone());
    let (i3, n3) = (id.clone(), name.clone());
    let (restart_label, toggle_label, delete_label) = (
        format!("Restart {name}"),
        format!("{toggle_text} {name}"),
        format!("Delete {name}"),
    );
    let ask_delete = move |_| {
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
    view! {
        <tr>
            <td><A href=paths::workspace(&id)>{name}</A></td>
            <td><span class=format!("badge {class}")>{label}</span></td>
            <td class="mono">{w.runtime.clone()}</td>
            <td>{w.active_tasks}</td>
            <td class="row-actions">
                <button title=move || may_restart_workspace.get() disabled=move || may_restart_workspace.get().is_some() type="button" class="btn" aria-label=restart_label
                    on:click=move |_| { act.dispatch((i1.clone(), n1.clone(), Lifecycle::Restart)); }>"Restart"</button>
                <button title=move || may_pause_workspace.get() disabled=move || may_pause_workspace.get().is_some() type="button" class="btn" aria-label=toggle_label
                    on:click=move |_| { act.dispatch((i2.clone(), n2.clone(), toggle)); }>{toggle_text}</button>
                <button title=move || may_delete_workspace.get() disabled=move || may_delete_workspace.get().is_some() type="button" class="btn" aria-label=delete_label on:click=ask_delete>"Delete"</button>
            </td>
        </tr>
    }
}
