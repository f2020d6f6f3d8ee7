//! Workspaces of this organization: the list with each one's status and lifecycle actions
//! (restart, pause or resume, delete), and the create form (`workspace_create`). The list polls
//! while a workspace is provisioning or hibernating, except while a row's menu is open.
//! Calls `GET|POST /workspaces`, `POST /workspaces/{id}/{restart,pause,resume}`,
//! `DELETE /workspaces/{id}` (with `X-Confirm-Name`).

use crate::{
    api::use_api,
    components::list::{ListControls, use_url_list},
    components::{Loaded, PageHeader, poll::use_poll, use_toaster},
    pages::tenant::{
        workspace_create::{CreateWorkspace, NewWorkspaceButton},
        workspace_list::{self, WorkspaceTable},
    },
    words::say,
};
use leptos::prelude::*;
use molecule_sdk::{
    ApiError, CONFIRM_NAME_HEADER, calls,
    types::{CreateWorkspaceRequest, RestartRequest, WorkspaceDeleteResultStatus, WorkspaceStatus},
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
pub enum Lifecycle {
    Restart,
    Pause,
    Resume,
}

impl Lifecycle {
    /// What the toast says once it was accepted ("{name}: paused.").
    pub fn done(self) -> &'static str {
        match self {
            Lifecycle::Restart => "restarting",
            Lifecycle::Pause => "paused",
            Lifecycle::Resume => "resuming",
        }
    }
}

/// Input of the lifecycle action: workspace id, its name, what to do.
pub type LifecycleAction = Action<(String, String, Lifecycle), ()>;
/// Input of the delete action: workspace id and its name.
pub type DeleteAction = Action<(String, String), ()>;

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
    let rows = use_url_list();
    let tick = RwSignal::new(0u32);
    let list = crate::reactive::resource(move || {
        tick.track();
        act.version().track();
        delete.version().track();
        create.version().track();
        api.send(calls::list_workspaces())
    });
    // The create form, opened from the header; both say why when it may not be used.
    let creating = RwSignal::new(false);
    let may_create = crate::layouts::tenant::use_blocker(&molecule_sdk::ops::CREATE_WORKSPACE);
    // A reload redraws every row: it waits while a row's menu is open.
    let menu_open = RwSignal::new(false);
    use_poll(tick, move || {
        if menu_open.get() {
            return None;
        }
        // Read in place: thousands of workspaces are not copied to look at their statuses.
        let busy = list.with(|l| {
            l.and_then(|r| r.as_ref().ok()).is_some_and(|ws| {
                ws.iter().any(|w| {
                    matches!(
                        w.status,
                        WorkspaceStatus::Provisioning | WorkspaceStatus::Hibernating
                    )
                })
            })
        });
        busy.then_some(2_000)
    });
    view! {
        <PageHeader title="Workspaces"><NewWorkspaceButton open=creating blocked=may_create/></PageHeader>
        <CreateWorkspace create open=creating blocked=may_create/>
        <ListControls list=rows what="workspaces" statuses=workspace_list::STATUSES.to_vec()/>
        <Loaded res=list what="Workspaces" let:items>
            <WorkspaceTable items rows act delete menu_open/>
        </Loaded>
    }
}
