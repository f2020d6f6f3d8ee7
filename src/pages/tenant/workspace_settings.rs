//! A workspace's settings (name, description) and hibernation, a section of the workspace page;
//! it shows the workspace the page loaded and reloads it after a change.
//! Calls `PATCH /workspaces/{id}` and `POST /workspaces/{id}/hibernate[?force=true]`.

use crate::{
    api::use_api,
    components::{ConfirmRequest, Field, Loaded, confirm::Confirm, use_confirm, use_toaster},
    reactive::Res,
    words::say,
};
use leptos::{ev::SubmitEvent, prelude::*};
use molecule_sdk::{
    ApiError, calls,
    types::{UpdateWorkspaceRequest, Workspace, WorkspaceStatus},
};

/// Checks the edited name and role; returns the request with what changed.
pub fn settings_request(
    current: &Workspace,
    name: &str,
    role: &str,
) -> Result<Option<UpdateWorkspaceRequest>, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("Enter a name for the workspace.".into());
    }
    if name.chars().count() > 255 {
        return Err("Workspace names are at most 255 characters.".into());
    }
    let role = role.trim();
    if role.chars().count() > 1000 {
        return Err("The description is at most 1000 characters.".into());
    }
    let mut req = UpdateWorkspaceRequest::default();
    if name != current.name.as_str() {
        req.name = Some(
            name.parse()
                .map_err(|_| "Enter a name for the workspace.")?,
        );
    }
    let old_role = current
        .role
        .as_ref()
        .map(|r| r.as_str())
        .unwrap_or_default();
    if role != old_role {
        req.role = Some(role.parse().map_err(|_| "Check the description.")?);
    }
    Ok((req.name.is_some() || req.role.is_some()).then_some(req))
}

/// Whether a workspace in `status` can hibernate (online or degraded).
pub fn can_hibernate(status: &WorkspaceStatus) -> bool {
    matches!(status, WorkspaceStatus::Online | WorkspaceStatus::Degraded)
}

/// The settings section of the workspace `workspace` (the page's read of it).
#[component]
pub fn WorkspaceSettings(workspace: Res<Result<Workspace, ApiError>>) -> impl IntoView {
    let on_changed = Callback::new(move |_| workspace.refetch());
    view! {
        <section class="section" aria-labelledby="ws-settings-title">
            <h2 id="ws-settings-title">"Settings"</h2>
            <Loaded res=workspace what="Settings" let:w>
                <SettingsForm workspace=w on_changed/>
            </Loaded>
        </section>
    }
}

/// The settings form; `on_changed` reloads the workspace.
#[component]
fn SettingsForm(workspace: Workspace, on_changed: Callback<()>) -> impl IntoView {
    let may_update_workspace =
        crate::layouts::tenant::use_blocker(&molecule_sdk::ops::UPDATE_WORKSPACE);
    let may_hibernate_workspace =
        crate::layouts::tenant::use_blocker(&molecule_sdk::ops::HIBERNATE_WORKSPACE);
    let api = use_api();
    let toaster = use_toaster();
    let confirm = use_confirm();
    let id = workspace.id.to_string();
    let name = RwSignal::new(workspace.name.to_string());
    let role = RwSignal::new(
        workspace
            .role
            .as_ref()
            .map(|r| r.to_string())
            .unwrap_or_default(),
    );
    let error = RwSignal::new(None::<String>);
    let i1 = id.clone();
    let save = crate::reactive::action(move |req: &UpdateWorkspaceRequest| {
        let call = calls::update_workspace(&i1, req);
        async move {
            match api.send(call).await {
                Ok(r) => {
                    toaster.success(if r.needs_restart == Some(true) {
                        "Settings saved. Restart the workspace to apply them."
                    } else {
                        "Settings saved."
                    });
                    on_changed.run(());
                }
                Err(e) => error.set(Some(say(&e))),
            }
        }
    });
    let hibernate = crate::reactive::action(move |force: &bool| {
        let mut call = calls::hibernate_workspace(&id);
        if *force {
            call = call.query("force", true);
        }
        async move {
            let done = api.send(call).await;
            if toaster
                .tell(done, |_| {
                    "The workspace is hibernating. A new message wakes it.".into()
                })
                .is_some()
            {
                on_changed.run(());
            }
        }
    });
    let current = workspace.clone();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        match settings_request(&current, &name.get_untracked(), &role.get_untracked()) {
            Ok(Some(req)) => {
                error.set(None);
                save.dispatch(req);
            }
            Ok(None) => error.set(Some("Nothing changed.".into())),
            Err(m) => error.set(Some(m)),
        }
    };
    let hibernatable = can_hibernate(&workspace.status);
    view! {
        <form class="form" on:submit=submit novalidate autocomplete="off">
            <Field id="ws-name" label="Workspace name">
                <input id="ws-name" class="input" maxlength="255" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            </Field>
            <Field id="ws-role" label="Description">
                <input id="ws-role" class="input" maxlength="1000" prop:value=move || role.get() on:input=move |ev| role.set(event_target_value(&ev))/>
            </Field>
            <p class="field__error" role="alert">{move || error.get()}</p>
            <div class="form__actions">
                <button type="button" class="btn" disabled=move || may_hibernate_workspace.get().is_some() || !hibernatable || hibernate.pending().get()
                    title=move || may_hibernate_workspace.get().or((!hibernatable).then_some("Only an online or degraded workspace can hibernate."))
                    on:click=move |_| ask_hibernate(confirm, &workspace, hibernate)>"Hibernate"</button>
                <button title=move || may_update_workspace.get() type="submit" class="btn btn--primary" disabled=move || may_update_workspace.get().is_some() || save.pending().get()>"Save settings"</button>
            </div>
        </form>
    }
}

/// Asks before hibernating `w` (forced, and said so, when it has active tasks).
fn ask_hibernate(confirm: Confirm, w: &Workspace, hibernate: Action<bool, ()>) {
    let active = w.active_tasks;
    confirm.ask(ConfirmRequest {
        title: format!("Hibernate {}?", w.name.as_str()),
        body: if active > 0 {
            format!("It has {active} active tasks; they are stopped. It wakes on its next message.")
        } else {
            "It stops using compute until its next message wakes it.".into()
        },
        confirm_label: "Hibernate".into(),
        danger: active > 0,
        type_to_confirm: None,
        on_confirm: Callback::new(move |_| {
            hibernate.dispatch(active > 0);
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ws() -> Workspace {
        serde_json::from_value(serde_json::json!({
            "id": "a0000000-0000-4000-8000-000000000001", "name": "Research lead", "role": "Plans research",
            "status": "online", "tier": 4, "runtime": "claude-code", "active_tasks": 2,
            "max_concurrent_tasks": 1, "last_error_rate": 0.0, "uptime_seconds": 0, "url": "",
            "broadcast_enabled": false, "talk_to_user_enabled": false, "collapsed": false,
            "compute": {}, "x": 0.0, "y": 0.0, "parent_id": null
        }))
        .unwrap()
    }

    #[test]
    fn only_changes_are_sent_and_bad_input_explained() {
        let w = ws();
        assert!(
            settings_request(&w, "Research lead", "Plans research")
                .unwrap()
                .is_none()
        );
        let r = settings_request(&w, "Research head", "Plans research")
            .unwrap()
            .unwrap();
        assert!(r.name.is_some() && r.role.is_none());
        assert!(settings_request(&w, "  ", "").is_err());
        assert!(settings_request(&w, &"x".repeat(256), "").is_err());
        assert!(can_hibernate(&WorkspaceStatus::Online));
        assert!(!can_hibernate(&WorkspaceStatus::Paused));
    }
}
