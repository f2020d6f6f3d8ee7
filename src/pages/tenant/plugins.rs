//! The plugin allowlist of an org root workspace (it applies to the whole tree under it), a
//! section of the workspace page. An empty list allows every plugin. Saving replaces the list.
//! Calls `GET|PUT /orgs/{root_id}/plugins/allowlist`.

use crate::{
    api::use_api,
    components::{ConfirmRequest, DataTable, Field, Loaded, use_confirm, use_toaster},
    pages::tenant::day,
    words::say,
};
use leptos::{ev::SubmitEvent, prelude::*};
use molecule_sdk::{
    calls,
    types::{PluginAllowlist, PluginAllowlistEntry, PluginAllowlistUpdate},
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

/// Saves a whole new list; input: the list and what to say once it is saved. A refusal comes
/// back in words, for next to the field.
type SaveAction = Action<(Vec<String>, String), Result<(), String>>;

/// The allowlist section for the root workspace `root_id`.
#[component]
pub fn PluginAllowlistSection(root_id: String) -> impl IntoView {
    let api = use_api();
    let toaster = use_toaster();
    let r1 = root_id.clone();
    let save = crate::reactive::action(move |(plugins, done): &(Vec<String>, String)| {
        // The change is recorded against the root workspace the console acts for.
        let body = r1.parse().map(|enabled_by| PluginAllowlistUpdate {
            plugins: plugins.clone(),
            enabled_by,
        });
        let (call, done) = (
            body.map(|b| calls::put_plugin_allowlist(&r1, &b)),
            done.clone(),
        );
        async move {
            let call = call.map_err(|_| "This workspace id is not valid.".to_string())?;
            match api.send(call).await {
                Ok(_) => {
                    toaster.success(done);
                    Ok(())
                }
                Err(e) => Err(say(&e)),
            }
        }
    });
    let list = crate::reactive::resource(move || {
        save.version().track();
        api.send(calls::get_plugin_allowlist(&root_id))
    });
    view! {
        <section class="section" aria-labelledby="plugins-title">
            <h2 id="plugins-title">"Plugin allowlist"</h2>
            <p class="section__intro">"Applies to this workspace and every workspace under it."</p>
            <Loaded res=list what="Plugin allowlist" let:l>
                <Allowlist list=l save/>
            </Loaded>
        </section>
    }
}

#[component]
fn Allowlist(list: PluginAllowlist, save: SaveAction) -> impl IntoView {
    let may_put_plugin_allowlist =
        crate::layouts::tenant::use_blocker(&molecule_sdk::ops::PUT_PLUGIN_ALLOWLIST);
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
            let rest: Vec<String> = names
                .iter()
                .filter(|n| **n != p.plugin_name)
                .cloned()
                .collect();
            view! { <PluginRow p rest save/> }
        })
        .collect_view();
    view! {
        <p data-testid="plugins-status">{status}</p>
        <DataTable caption="Allowed plugins" columns=&["Plugin", "Allowed since"] actions=true>{rows}</DataTable>
        <form class="form form--inline" on:submit=submit novalidate autocomplete="off">
            <Field id="plugin-name" label="Plugin name">
                <input id="plugin-name" class="input mono" maxlength="128" spellcheck="false" prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))/>
            </Field>
            <p class="field__error" role="alert">{move || error.get()}</p>
            <button title=move || may_put_plugin_allowlist.get() type="submit" class="btn btn--primary" disabled=move || may_put_plugin_allowlist.get().is_some() || save.pending().get()>"Allow plugin"</button>
        </form>
    }
}

/// One allowed plugin and its remove button (asks first); `rest` is the list without it.
#[component]
fn PluginRow(p: PluginAllowlistEntry, rest: Vec<String>, save: SaveAction) -> impl IntoView {
    let may_put_plugin_allowlist =
        crate::layouts::tenant::use_blocker(&molecule_sdk::ops::PUT_PLUGIN_ALLOWLIST);
    let confirm = use_confirm();
    let plugin = p.plugin_name.clone();
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
            <td>{day(&p.enabled_at)}</td>
            <td><button title=move || may_put_plugin_allowlist.get() disabled=move || may_put_plugin_allowlist.get().is_some() type="button" class="btn" aria-label=format!("Remove {}", p.plugin_name) on:click=ask>"Remove"</button></td>
        </tr>
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
