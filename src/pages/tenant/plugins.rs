//! The plugin allowlist of an org root workspace (it applies to the whole tree under it), a
//! section of the workspace page. An empty list allows every plugin. Saving replaces the list.
//! Calls `GET|PUT /orgs/{root_id}/plugins/allowlist`.

use crate::{
    components::{ConfirmRequest, DataTable, ErrorView, use_confirm, use_toaster},
    tenant::Tenant,
};
use leptos::{ev::SubmitEvent, prelude::*};
use molecule_sdk::{
    calls,
    types::{PluginAllowlist, PluginAllowlistUpdate},
};

/// Checks a plugin name as the platform does (no path separators, no `..`).
pub fn check_plugin_name(name: &str) -> Result<(), &'static str> {
    if name.is_empty() {
        Err("Enter a plugin name.")
    } else if name.len() > 128 {
        Err("Plugin names are at most 128 characters.")
    } else if name.contains('/') || name.contains('\\') || name.contains("..") {
        Err("Plugin names cannot contain /, \\ or ..")
    } else if name.chars().any(char::is_whitespace) {
        Err("Plugin names cannot contain spaces.")
    } else {
        Ok(())
    }
}

/// The list after adding `name` (sorted, without duplicates).
pub fn with_plugin(current: &[String], name: &str) -> Vec<String> {
    let mut v: Vec<String> = current.to_vec();
    v.push(name.to_string());
    v.sort();
    v.dedup();
    v
}

/// The allowlist section for the root workspace `root_id`.
#[component]
pub fn PluginAllowlistSection(tenant: Tenant, root_id: String) -> impl IntoView {
    let toaster = use_toaster();
    let (t1, r1) = (tenant.clone(), root_id.clone());
    // Input: the whole new list and what to say when it is saved.
    let save = crate::reactive::action(move |(plugins, done): &(Vec<String>, String)| {
        let (t, r, done, plugins) = (t1.clone(), r1.clone(), done.clone(), plugins.clone());
        async move {
            // The change is recorded against the root workspace the console acts for.
            let body = PluginAllowlistUpdate {
                plugins,
                enabled_by: r
                    .parse()
                    .map_err(|_| "This workspace id is not valid.".to_string())?,
            };
            match t.send(calls::put_plugin_allowlist(&r, &body)).await {
                Ok(_) => {
                    toaster.success(done);
                    Ok(())
                }
                Err(e) => Err(e.message()),
            }
        }
    });
    let list = crate::reactive::resource(move || {
        save.version().track();
        let (t, r) = (tenant.clone(), root_id.clone());
        async move { t.send(calls::get_plugin_allowlist(&r)).await }
    });
    view! {
        <section class="section" aria-labelledby="plugins-title">
            <h2 id="plugins-title">"Plugin allowlist"</h2>
            <p class="field__hint">"Applies to this workspace and every workspace under it."</p>
            <Transition fallback=|| view! { <span class="skeleton skeleton--row"></span> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        list.await.map(|l| view! { <Allowlist list=l save/> })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

type SaveAction = Action<(Vec<String>, String), Result<(), String>>;

#[component]
fn Allowlist(list: PluginAllowlist, save: SaveAction) -> impl IntoView {
    let confirm = use_confirm();
    let names: Vec<String> = list.plugins.iter().map(|p| p.plugin_name.clone()).collect();
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    // A server refusal belongs next to the field.
    Effect::new(move |_| {
        if let Some(Err(m)) = save.value().get() {
            error.set(Some(m));
        }
    });
    let current = names.clone();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked().trim().to_string();
        if let Err(m) = check_plugin_name(&n) {
            error.set(Some(m.into()));
            return;
        }
        if current.contains(&n) {
            error.set(Some(format!("{n} is already allowed.")));
            return;
        }
        error.set(None);
        name.set(String::new());
        save.dispatch((with_plugin(&current, &n), format!("Plugin {n} allowed.")));
    };
    let status = if list.allow_all {
        "Every plugin is allowed. Allow a plugin by name to allow only the listed ones."
    } else {
        "Only the plugins listed here can be installed."
    };
    let rows = list
        .plugins
        .into_iter()
        .map(|p| {
            let plugin = p.plugin_name.clone();
            let rest: Vec<String> = names.iter().filter(|n| **n != plugin).cloned().collect();
            let ask = move |_| {
                let (plugin, rest) = (plugin.clone(), rest.clone());
                let last = rest.is_empty();
                confirm.ask(ConfirmRequest {
                    title: format!("Remove {plugin} from the allowlist?"),
                    body: if last {
                        "It is the last one: with an empty allowlist every plugin is allowed.".into()
                    } else {
                        "Workspaces in this tree can no longer install it.".into()
                    },
                    confirm_label: "Remove plugin".into(),
                    danger: true,
                    type_to_confirm: None,
                    on_confirm: Callback::new(move |_| {
                        save.dispatch((rest.clone(), format!("Plugin {plugin} removed.")));
                    }),
                })
            };
            view! {
                <tr>
                    <td class="mono">{p.plugin_name.clone()}</td>
                    <td>{p.enabled_at.get(..10).unwrap_or_default().to_string()}</td>
                    <td><button type="button" class="btn" aria-label=format!("Remove {}", p.plugin_name) on:click=ask>"Remove"</button></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p data-testid="plugins-status">{status}</p>
        <DataTable caption="Allowed plugins" columns=&["Plugin", "Allowed since"] actions=true>{rows}</DataTable>
        <form class="form form--inline" on:submit=submit novalidate autocomplete="off">
            <label class="field" for="plugin-name"><span class="field__label">"Plugin name"</span></label>
            <input id="plugin-name" class="input mono" maxlength="128" spellcheck="false" prop:value=move || name.get()
                on:input=move |ev| name.set(event_target_value(&ev))/>
            <p class="field__error" role="alert">{move || error.get()}</p>
            <button type="submit" class="btn btn--primary" disabled=move || save.pending().get()>"Allow plugin"</button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plugin_names() {
        assert!(check_plugin_name("github-tools").is_ok());
        assert!(check_plugin_name("web_search.v2").is_ok());
        for bad in ["", "a/b", "a\\b", "..", "a..b", "two words"] {
            assert!(check_plugin_name(bad).is_err(), "{bad}");
        }
        assert!(check_plugin_name(&"x".repeat(129)).is_err());
    }

    #[test]
    fn adding_keeps_the_list_sorted_and_unique() {
        let cur = vec!["github".to_string(), "slack".to_string()];
        assert_eq!(with_plugin(&cur, "jira"), ["github", "jira", "slack"]);
        assert_eq!(with_plugin(&cur, "slack"), ["github", "slack"]);
    }
}
