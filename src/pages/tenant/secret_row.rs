//! The secrets table (one page of the secrets the list's search and sort select) and one secret
//! in it: its name, a masked value, its scope, its date, and its delete button (asks first). An
//! org-wide secret seen from a workspace links to the Secrets page instead. Sends nothing
//! itself: it dispatches the section's remove action.

use super::secrets::SecretScope;
use crate::router::A;
use crate::{
    components::{
        ConfirmRequest,
        list::{ListTable, Listed, UrlList},
        use_confirm,
    },
    pages::tenant::day,
    paths,
};
use leptos::prelude::*;
use molecule_sdk::types::{SecretMetadata, SecretMetadataScope};

impl Listed for SecretMetadata {
    fn haystack(&self) -> String {
        self.key.clone()
    }
    fn status_key(&self) -> Option<String> {
        Some(self.scope.to_string())
    }
    fn compare(&self, other: &Self, key: &str) -> std::cmp::Ordering {
        match key {
            "scope" => self.scope.to_string().cmp(&other.scope.to_string()),
            "updated" => self.updated_at.cmp(&other.updated_at),
            _ => self.key.cmp(&other.key),
        }
    }
}

/// The scope filter of a workspace's secrets, which holds its own and the org's (inherited).
pub const SCOPES: &[(&str, &str)] = &[
    ("workspace", "This workspace"),
    ("global", "Organization (inherited)"),
];

/// The page of secrets the search and sort select, with the pager; or a line saying there are
/// none.
#[component]
pub fn SecretTable(
    items: Vec<SecretMetadata>,
    scope: SecretScope,
    rows: UrlList,
    remove: RemoveAction,
    may_delete: Signal<Option<&'static str>>,
) -> impl IntoView {
    let consequence = scope.delete_consequence();
    // A workspace also sees the org-wide secrets it inherits: named as such, changed on the
    // org's Secrets page, never offered for deletion here (that would fail).
    let on_workspace = matches!(scope, SecretScope::Workspace(_));
    view! {
        <ListTable rows=items list=rows caption="Secrets" columns=&["Name", "Value", "Scope", "Updated"]
            keys=&["name", "", "scope", "updated"] what="secrets" actions=true empty=scope.empty_text()
            row=move |s: SecretMetadata| {
                let inherited = on_workspace && s.scope == SecretMetadataScope::Global;
                view! { <SecretRow s inherited consequence remove may_delete/> }
            }/>
    }
}

/// Deletes a secret by name.
pub type RemoveAction = Action<String, ()>;

/// One secret: its name, a masked value, its date and its delete button (asks first).
#[component]
fn SecretRow(
    s: SecretMetadata,
    /// An org-wide secret seen from a workspace.
    inherited: bool,
    consequence: &'static str,
    remove: RemoveAction,
    /// Why the caller may not delete here, if they may not.
    may_delete: Signal<Option<&'static str>>,
) -> impl IntoView {
    let confirm = use_confirm();
    let k = s.key.clone();
    let ask = move |_| {
        let k = k.clone();
        confirm.ask(ConfirmRequest {
            title: format!("Delete {k}?"),
            body: consequence.into(),
            confirm_label: "Delete secret".into(),
            danger: true,
            type_to_confirm: None,
            on_confirm: Callback::new(move |_| {
                remove.dispatch(k.clone());
            }),
        })
    };
    view! {
        <tr>
            <td class="mono">{s.key.clone()}</td>
            <td>"••••••••"</td>
            <td>{if inherited { "Organization (inherited)" } else if s.scope == SecretMetadataScope::Global { "Organization" } else { "This workspace" }}</td>
            <td>{day(&s.updated_at)}</td>
            <td>{if inherited {
                view! { <A href=paths::secrets()>"Change on Secrets"</A> }.into_any()
            } else {
                view! { <button title=move || may_delete.get() disabled=move || may_delete.get().is_some() type="button" class="btn" aria-label=format!("Delete {}", s.key) on:click=ask>"Delete"</button> }.into_any()
            }}</td>
        </tr>
    }
}
