//! Tenant maintenance, for operators: migrating a tenant's data volume (a dry run by default, the
//! slug typed for a real one) and forcing environment variables onto one of its workspaces
//! (restarts it; secret-looking keys need an explicit force, workspace secrets are the better
//! place for them). Calls `POST /api/v1/admin/tenants/{slug}/migrate-data-volume` and
//! `POST /api/v1/admin/workspaces/{id}/env`.

use crate::components::{ConfirmRequest, Field, use_confirm, use_toaster};
use crate::{api::use_api, words};
use leptos::{ev::SubmitEvent, prelude::*};
use molecule_sdk::{
    calls,
    types::{MigrateDataVolumeRequest, WorkspaceEnvRequest},
};
use std::collections::BTreeMap;

/// The optional new size, checked (30 to 500 GiB; empty keeps the size).
pub fn volume_size(text: &str) -> Result<Option<i32>, &'static str> {
    match text.trim() {
        "" => Ok(None),
        t => t
            .parse::<i32>()
            .ok()
            .filter(|g| (30..=500).contains(g))
            .map(Some)
            .ok_or("The new size is a whole number of GiB from 30 to 500 (empty keeps it)."),
    }
}

/// `KEY=value` lines into an env map, checked.
pub fn env_lines(text: &str) -> Result<BTreeMap<String, String>, String> {
    let mut env = BTreeMap::new();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let Some((k, v)) = line.split_once('=') else {
            return Err(format!("Line {}: write KEY=value.", n + 1));
        };
        let k = k.trim();
        if k.is_empty() || !k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(format!(
                "Line {}: a key is letters, digits and underscores.",
                n + 1
            ));
        }
        env.insert(k.to_string(), v.to_string());
    }
    if env.is_empty() {
        return Err("Enter at least one KEY=value line.".into());
    }
    Ok(env)
}

/// Data-volume migration of tenant `slug`.
#[component]
pub fn VolumeMigration(slug: String) -> impl IntoView {
    let api = use_api();
    let toaster = use_toaster();
    let confirm = use_confirm();
    let size = RwSignal::new(String::new());
    let io2 = RwSignal::new(false);
    let dry_run = RwSignal::new(true);
    let error = RwSignal::new(None::<String>);
    let s1 = slug.clone();
    let migrate = crate::reactive::action(move |req: &MigrateDataVolumeRequest| {
        let (s, req) = (s1.clone(), req.clone());
        async move {
            match api
                .send(calls::admin_migrate_tenant_data_volume(&s, &req))
                .await
            {
                Ok(r) if r.ok && r.dry_run => toaster.success(format!(
                    "Dry run: the data volume of {s} can be migrated ({}).",
                    r.phase
                )),
                Ok(r) if r.ok => toaster.success(format!(
                    "The data volume of {s} is being migrated ({}).",
                    r.phase
                )),
                Ok(r) => toaster.error(format!("The migration of {s} stopped ({}).", r.phase)),
                Err(e) => toaster.error(words::say(&e)),
            }
        }
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let target_size_gb = match volume_size(&size.get_untracked()) {
            Ok(s) => s,
            Err(m) => {
                error.set(Some(m.into()));
                return;
            }
        };
        error.set(None);
        let volume_type = io2.get_untracked().then(|| "io2".parse().ok()).flatten();
        let req = MigrateDataVolumeRequest {
            confirm: slug.clone(),
            dry_run: dry_run.get_untracked(),
            target_size_gb,
            volume_type,
        };
        if req.dry_run {
            migrate.dispatch(req);
        } else {
            let s = slug.clone();
            confirm.ask(ConfirmRequest {
                title: format!("Migrate the data volume of {s}?"),
                body: "The volume is snapshotted and swapped; the tenant restarts and is unreachable meanwhile.".into(),
                confirm_label: "Migrate volume".into(),
                danger: true,
                type_to_confirm: Some(s),
                on_confirm: Callback::new(move |_| { migrate.dispatch(req.clone()); }),
            });
        }
    };
    view! {
        <h3>"Data volume"</h3>
        <form class="form form--inline" on:submit=submit novalidate autocomplete="off">
            <Field id="vol-size" label="New size (GiB, optional)">
                <input id="vol-size" class="input" inputmode="numeric" prop:value=move || size.get() on:input=move |ev| size.set(event_target_value(&ev))/>
            </Field>
            <label class="checkbox">
                <input type="checkbox" prop:checked=move || io2.get() on:change=move |ev| io2.set(event_target_checked(&ev))/>
                <span>"Provisioned IOPS (io2)"</span>
            </label>
            <label class="checkbox">
                <input type="checkbox" prop:checked=move || dry_run.get() on:change=move |ev| dry_run.set(event_target_checked(&ev))/>
                <span>"Dry run"</span>
            </label>
            <p class="field__error" role="alert">{move || error.get()}</p>
            <button type="submit" class="btn" disabled=move || migrate.pending().get()>"Migrate data volume"</button>
        </form>
    }
}

/// Forcing env vars onto one of `workspaces` (id, name).
#[component]
pub fn WorkspaceEnv(workspaces: Vec<(String, String)>) -> impl IntoView {
    let api = use_api();
    let toaster = use_toaster();
    let confirm = use_confirm();
    let target = RwSignal::new(workspaces.first().map(|w| w.0.clone()).unwrap_or_default());
    let text = RwSignal::new(String::new());
    let force = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let apply = crate::reactive::action(move |(id, req): &(String, WorkspaceEnvRequest)| {
        let (id, req) = (id.clone(), req.clone());
        async move {
            match api.send(calls::admin_set_workspace_env(&id, &req)).await {
                Ok(r) => {
                    text.set(String::new());
                    toaster.success(format!(
                        "Set {} on the workspace{}.",
                        r.applied_keys.join(", "),
                        if r.container_restarted == Some(true) {
                            "; it restarted"
                        } else {
                            ""
                        }
                    ));
                }
                Err(e) => error.set(Some(words::say(&e))),
            }
        }
    });
    let names = workspaces.clone();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let env = match env_lines(&text.get_untracked()) {
            Ok(env) => env,
            Err(m) => {
                error.set(Some(m));
                return;
            }
        };
        error.set(None);
        let id = target.get_untracked();
        let name = names
            .iter()
            .find(|w| w.0 == id)
            .map(|w| w.1.clone())
            .unwrap_or_default();
        let keys = env.keys().cloned().collect::<Vec<_>>().join(", ");
        let req = WorkspaceEnvRequest {
            env,
            merge: true,
            force: force.get_untracked(),
        };
        confirm.ask(ConfirmRequest {
            title: format!("Set {keys} on {name}?"),
            body: "The workspace restarts to pick them up. Other variables are kept.".into(),
            confirm_label: "Set and restart".into(),
            danger: true,
            type_to_confirm: None,
            on_confirm: Callback::new(move |_| {
                apply.dispatch((id.clone(), req.clone()));
            }),
        });
    };
    let options = workspaces
        .into_iter()
        .map(|(id, name)| view! { <option value=id>{name}</option> })
        .collect_view();
    view! {
        <h3>"Workspace environment"</h3>
        <form class="form" on:submit=submit novalidate autocomplete="off">
            <Field id="env-workspace" label="Workspace">
                <select id="env-workspace" class="input" on:change=move |ev| target.set(event_target_value(&ev))>{options}</select>
            </Field>
            <Field id="env-lines" label="Variables (KEY=value, one per line)">
                <textarea id="env-lines" class="input mono" rows="3" spellcheck="false" prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            </Field>
            <label class="checkbox">
                <input type="checkbox" prop:checked=move || force.get() on:change=move |ev| force.set(event_target_checked(&ev))/>
                <span>"Allow secret-looking keys (prefer workspace secrets)"</span>
            </label>
            <p class="field__error" role="alert">{move || error.get()}</p>
            <div class="form__actions">
                <button type="submit" class="btn" disabled=move || apply.pending().get()>"Set variables"</button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(volume_size(""), Ok(None));
        assert_eq!(volume_size("100"), Ok(Some(100)));
        for bad in ["29", "501", "big"] {
            assert!(volume_size(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn env_text() {
        let env = env_lines("LOG_LEVEL=debug\n\nFEATURE_X = on=1\n").unwrap();
        assert_eq!(env["LOG_LEVEL"], "debug");
        assert_eq!(env["FEATURE_X"], " on=1");
        assert!(env_lines("").is_err());
        assert!(env_lines("NOEQUALS").unwrap_err().contains("Line 1"));
        assert!(env_lines("OK=1\nBAD KEY=2").unwrap_err().contains("Line 2"));
    }
}
