//! One secret in a secrets table: its name, a masked value, its scope, its date, and its delete
//! button (asks first). An org-wide secret seen from a workspace links to the Secrets page
//! instead. Sends nothing itself: it dispatches the table's remove action.

use crate::{
    components::{ConfirmRequest, use_confirm},
    pages::tenant::day,
    paths,
};
use leptos::prelude::*;
use leptos_router::components::A;
use molecule_sdk::types::{SecretMetadata, SecretMetadataScope};

/// Deletes a secret by name.
pub type RemoveAction = Action<String, ()>;

/// One secret: its name, a masked value, its date and its delete button (asks first).
#[component]
pub fn SecretRow(
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
