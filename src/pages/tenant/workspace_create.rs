//! The "New workspace" form of the workspaces page: name, runtime and model, checked here before
//! anything is sent. The page owns the create action (`POST /workspaces`) so that its list
//! reloads after a create.

use crate::components::{Field, use_toaster};
use leptos::{ev::SubmitEvent, prelude::*};
use molecule_sdk::{
    ApiError,
    types::{CreateWorkspaceRequest, WorkspaceCreated},
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

/// The request for a checked form (no model for an external workspace): the fields as JSON,
/// read by the SDK's decoder, so the contract's defaults and limits apply.
fn create_request(name: &str, runtime: &str, model: &str) -> Option<CreateWorkspaceRequest> {
    let mut body = serde_json::json!({ "name": name.trim(), "runtime": runtime });
    if !model.trim().is_empty() && runtime != "external" {
        body["model"] = serde_json::json!(model.trim());
    }
    molecule_sdk::json::from_str(&body.to_string()).ok()
}

/// The page header's "New workspace": opens and closes the form below ([`CreateWorkspace`]);
/// off, with the reason, for someone who may not create one.
#[component]
pub fn NewWorkspaceButton(
    open: RwSignal<bool>,
    /// Why the caller may not create a workspace (`use_blocker`), shared with the form.
    blocked: Signal<Option<&'static str>>,
) -> impl IntoView {
    view! {
        <button type="button" class="btn btn--primary" aria-controls="new-workspace"
            aria-expanded=move || open.get().to_string() disabled=move || blocked.get().is_some()
            title=move || blocked.get() on:click=move |_| open.update(|o| *o = !*o)>
            "New workspace"
        </button>
    }
}

/// The create form, shown while `open`, dispatching `create`. It keeps what was typed while
/// closed; opening it puts focus on the name.
#[component]
pub fn CreateWorkspace(
    create: Action<CreateWorkspaceRequest, Result<WorkspaceCreated, ApiError>>,
    open: RwSignal<bool>,
    /// Why the caller may not create one (the header button's reason too).
    blocked: Signal<Option<&'static str>>,
) -> impl IntoView {
    let first = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |was: Option<bool>| {
        let now = open.get();
        if now
            && was == Some(false)
            && let Some(i) = first.get_untracked()
        {
            let _ = i.focus();
        }
        now
    });
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
        Some(Err(e)) => error.set(Some(crate::words::say(&e))),
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
        match create_request(&n, &r, &m) {
            Some(req) => {
                error.set(None);
                create.dispatch(req);
            }
            None => error.set(Some("Check the name and model.".into())),
        }
    };
    view! {
        <section id="new-workspace" class="section" aria-labelledby="new-workspace-title"
            hidden=move || !open.get()>
            <h2 id="new-workspace-title">"New workspace"</h2>
            <form class="form form--inline" on:submit=submit novalidate>
                <Field id="ws-name" label="Workspace name">
                    <input id="ws-name" node_ref=first class="input" maxlength="255" aria-describedby="ws-error"
                        aria-invalid=move || error.get().is_some().to_string()
                        prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                </Field>
                <Field id="ws-runtime" label="Runtime">
                    <select id="ws-runtime" class="input" on:change=move |ev| runtime.set(event_target_value(&ev))>
                        {RUNTIMES.iter().map(|r| view! { <option value=*r>{*r}</option> }).collect_view()}
                    </select>
                </Field>
                <Field id="ws-model" label="Model">
                    <input id="ws-model" class="input" prop:value=move || model.get() on:input=move |ev| model.set(event_target_value(&ev))/>
                </Field>
                <p id="ws-error" class="field__error" role="alert">{move || error.get()}</p>
                <div class="form__actions">
                    <button type="button" class="btn" on:click=move |_| open.set(false)>"Cancel"</button>
                    <button title=move || blocked.get() type="submit" class="btn btn--primary" disabled=move || blocked.get().is_some() || create.pending().get()>
                        {move || if create.pending().get() { "Creating…" } else { "Create workspace" }}
                    </button>
                </div>
            </form>
        </section>
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
