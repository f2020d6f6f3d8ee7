//! Workspaces of this organization: status, lifecycle actions, create, delete.
//! Calls `GET|POST /workspaces`, `POST /workspaces/{id}/{restart,pause,resume}`,
//! `DELETE /workspaces/{id}` (with `X-Confirm-Name`).

use crate::{
    components::{
        ConfirmRequest, DataTable, ErrorView, Title, poll::use_poll, use_confirm, use_toaster,
    },
    paths,
    tenant::{Tenant, use_tenant},
};
use leptos::{ev::SubmitEvent, prelude::*};
use leptos_router::components::A;
use molecule_sdk::{
    ApiError, CONFIRM_NAME_HEADER, calls,
    types::{
        CreateWorkspaceRequest, RestartRequest, Workspace, WorkspaceDeleteResultStatus,
        WorkspaceStatus,
    },
};

/// Runtimes offered when creating a workspace.
pub const RUNTIMES: &[&str] = &["claude-code", "hermes", "openclaw", "codex", "external"];

/// Checks the create form; the error says what to fix.
pub fn check_new_workspace(name: &str, runtime: &str, model: &str) -> Result<(), String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("Enter a name.".into());
    }
    if name.chars().count() > 255 {
        return Err("Use at most 255 characters for the name.".into());
    }
    if let Some(bad) = name.chars().find(|c| "{}[]|>*&!\n\r".contains(*c)) {
        return Err(format!("Names cannot contain “{bad}”."));
    }
    if runtime != "external" && model.trim().is_empty() {
        return Err("Choose a model (only external workspaces run without one).".into());
    }
    Ok(())
}

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

/// The workspaces page.
#[component]
pub fn WorkspacesPage() -> impl IntoView {
    let tenant = use_tenant();
    view! {
        <Title text="Workspaces · Molecule Console"/>
        <section class="page">
            <h1>"Workspaces"</h1>
            <Transition fallback=|| view! { <span class="skeleton skeleton--row" aria-label="Loading workspaces"></span> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        tenant.await.map(|t| view! { <Workspaces tenant=t/> }.into_any())
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

/// A lifecycle action on one workspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lifecycle {
    Restart,
    Pause,
    Resume,
}

#[component]
fn Workspaces(tenant: Tenant) -> impl IntoView {
    let toaster = use_toaster();
    let confirm = use_confirm();
    let t1 = tenant.clone();
    let act = crate::reactive::action(move |(id, name, what): &(String, String, Lifecycle)| {
        let (t, id, name, what) = (t1.clone(), id.clone(), name.clone(), *what);
        async move {
            let r: Result<(), ApiError> = match what {
                Lifecycle::Restart => t
                    .send(calls::restart_workspace(&id, &RestartRequest::default()))
                    .await
                    .map(|_| ()),
                Lifecycle::Pause => t.send(calls::pause_workspace(&id)).await.map(|_| ()),
                Lifecycle::Resume => t.send(calls::resume_workspace(&id)).await.map(|_| ()),
            };
            match r {
                Ok(()) => toaster.success(format!(
                    "{name}: {}.",
                    match what {
                        Lifecycle::Restart => "restarting",
                        Lifecycle::Pause => "paused",
                        Lifecycle::Resume => "resuming",
                    }
                )),
                Err(e) => toaster.error(format!("{name}: {}", e.message())),
            }
        }
    });
    let t2 = tenant.clone();
    let delete = crate::reactive::action(move |(id, name): &(String, String)| {
        let (t, id, name) = (t2.clone(), id.clone(), name.clone());
        async move {
            let call = calls::delete_workspace(&id)
                .header(CONFIRM_NAME_HEADER, &name)
                .query("confirm", true);
            match t.send(call).await {
                Ok(r) if r.status == WorkspaceDeleteResultStatus::PendingApproval => toaster
                    .success(format!(
                        "Deleting {name} waits for approval (see pending approvals)."
                    )),
                Ok(r) if r.cascade_deleted.unwrap_or(0) > 0 => toaster.success(format!(
                    "{name} and {} child workspaces were deleted.",
                    r.cascade_deleted.unwrap_or(0)
                )),
                Ok(_) => toaster.success(format!("{name} was deleted.")),
                Err(e) => toaster.error(format!("{name}: {}", e.message())),
            }
        }
    });
    let t3 = tenant.clone();
    let create = crate::reactive::action(move |body: &CreateWorkspaceRequest| {
        let (t, body) = (t3.clone(), body.clone());
        async move { t.send(calls::create_workspace(&body)).await }
    });
    let tick = RwSignal::new(0u32);
    let t4 = tenant.clone();
    let list = crate::reactive::resource(move || {
        tick.track();
        act.version().track();
        delete.version().track();
        create.version().track();
        let t = t4.clone();
        async move { t.send(calls::list_workspaces()).await }
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
    let ask_delete = move |id: String, name: String| {
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
        <CreateWorkspace create/>
        <Transition fallback=|| view! { <span class="skeleton skeleton--row"></span> }>
            <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                {move || Suspend::new(async move {
                    list.await.map(|items: Vec<Workspace>| {
                        if items.is_empty() {
                            return view! { <p class="muted">"No workspaces yet."</p> }.into_any();
                        }
                        let rows = items.into_iter().map(|w| {
                            let (id, name) = (w.id.to_string(), w.name.to_string());
                            let (label, class) = status_badge(&w.status);
                            let paused = w.status == WorkspaceStatus::Paused;
                            let (href, shown) = (paths::workspace(&id), name.clone());
                            let (i1, n1, i2, n2, i3, n3) = (id.clone(), name.clone(), id.clone(), name.clone(), id, name.clone());
                            view! {
                                <tr>
                                    <td><A href=href>{shown}</A></td>
                                    <td><span class=format!("badge {class}")>{label}</span></td>
                                    <td class="mono">{w.runtime.clone()}</td>
                                    <td>{w.active_tasks}</td>
                                    <td class="row-actions">
                                        <button type="button" class="btn" aria-label=format!("Restart {name}")
                                            on:click=move |_| { act.dispatch((i1.clone(), n1.clone(), Lifecycle::Restart)); }>"Restart"</button>
                                        <button type="button" class="btn" aria-label=format!("{} {name}", if paused { "Resume" } else { "Pause" })
                                            on:click=move |_| { act.dispatch((i2.clone(), n2.clone(), if paused { Lifecycle::Resume } else { Lifecycle::Pause })); }>
                                            {if paused { "Resume" } else { "Pause" }}
                                        </button>
                                        <button type="button" class="btn" aria-label=format!("Delete {name}")
                                            on:click=move |_| ask_delete(i3.clone(), n3.clone())>"Delete"</button>
                                    </td>
                                </tr>
                            }
                        }).collect_view();
                        view! {
                            <DataTable caption="Workspaces" columns=&["Name", "Status", "Runtime", "Active tasks"] actions=true>{rows}</DataTable>
                        }.into_any()
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn CreateWorkspace(
    create: Action<CreateWorkspaceRequest, Result<molecule_sdk::types::WorkspaceCreated, ApiError>>,
) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let runtime = RwSignal::new(RUNTIMES[0].to_string());
    let model = RwSignal::new("claude-sonnet-4".to_string());
    let error = RwSignal::new(None::<String>);
    let toaster = use_toaster();
    Effect::new(move |_| match create.value().get() {
        Some(Ok(_)) => {
            toaster.success(format!("{} is being created.", name.get_untracked().trim()));
            name.set(String::new());
        }
        Some(Err(e)) => error.set(Some(e.message())),
        None => {}
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (n, r, m) = (
            name.get_untracked(),
            runtime.get_untracked(),
            model.get_untracked(),
        );
        if let Err(msg) = check_new_workspace(&n, &r, &m) {
            error.set(Some(msg));
            return;
        }
        let mut body = serde_json::json!({ "name": n.trim(), "runtime": r });
        if !m.trim().is_empty() && r != "external" {
            body["model"] = serde_json::json!(m.trim());
        }
        match serde_json::from_value::<CreateWorkspaceRequest>(body) {
            Ok(req) => {
                error.set(None);
                create.dispatch(req);
            }
            Err(_) => error.set(Some("Check the name and model.".into())),
        }
    };
    view! {
        <details class="section">
            <summary class="btn btn--primary">"New workspace"</summary>
            <form class="form form--inline" on:submit=submit novalidate>
                <label class="field" for="ws-name"><span class="field__label">"Workspace name"</span></label>
                <input id="ws-name" class="input" maxlength="255" aria-describedby="ws-error"
                    aria-invalid=move || error.get().is_some().to_string()
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                <label class="field" for="ws-runtime"><span class="field__label">"Runtime"</span></label>
                <select id="ws-runtime" class="input" on:change=move |ev| runtime.set(event_target_value(&ev))>
                    {RUNTIMES.iter().map(|r| view! { <option value=*r>{*r}</option> }).collect_view()}
                </select>
                <label class="field" for="ws-model"><span class="field__label">"Model"</span></label>
                <input id="ws-model" class="input" prop:value=move || model.get() on:input=move |ev| model.set(event_target_value(&ev))/>
                <p id="ws-error" class="field__error" role="alert">{move || error.get()}</p>
                <button type="submit" class="btn btn--primary" disabled=move || create.pending().get()>
                    {move || if create.pending().get() { "Creating…" } else { "Create workspace" }}
                </button>
            </form>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_form_rules() {
        assert!(check_new_workspace("researcher", "claude-code", "claude-sonnet-4").is_ok());
        assert!(check_new_workspace("  ", "claude-code", "m").is_err());
        assert!(
            check_new_workspace("a{b}", "claude-code", "m")
                .unwrap_err()
                .contains('{')
        );
        assert!(check_new_workspace("line\nbreak", "claude-code", "m").is_err());
        assert!(
            check_new_workspace("bridge", "claude-code", " ")
                .unwrap_err()
                .contains("model")
        );
        assert!(check_new_workspace("bridge", "external", "").is_ok());
    }
}
