//! Terms-of-service acceptance, required before creating or joining an organization.

use crate::api;
use leptos::prelude::*;
use molecule_sdk::calls;

/// A labelled checkbox and button; `on_accepted` runs once the platform has recorded it.
#[component]
pub fn TermsGate(
    /// What the terms are needed for, completing "Before you …" ("create an organization").
    #[prop(default = "create an organization")]
    purpose: &'static str,
    /// Called after a successful accept.
    on_accepted: Callback<()>,
) -> impl IntoView {
    let checked = RwSignal::new(false);
    let accept = crate::reactive::action(move |_: &()| async move {
        let result = api::send(calls::auth_accept_terms()).await;
        if result.is_ok() {
            on_accepted.run(());
        }
        result
    });
    view! {
        <section class="callout" aria-labelledby="terms-title">
            <h2 id="terms-title" class="callout__title">"Accept the terms of service"</h2>
            <p>"Before you "{purpose}", read and accept the "
                <a href="/cp/legal/terms" target="_blank" rel="noopener">"Molecule terms of service"</a>"."</p>
            <label class="checkbox">
                <input type="checkbox" prop:checked=move || checked.get() on:change=move |ev| checked.set(event_target_checked(&ev))/>
                " I have read and accept the terms of service"
            </label>
            {move || accept.value().get().and_then(|r| r.err()).map(|e| view! { <p class="field__error" role="alert">{crate::words::say(&e)}</p> })}
            <button
                type="button"
                class="btn btn--primary"
                disabled=move || !checked.get() || accept.pending().get()
                on:click=move |_| { accept.dispatch(()); }
            >
                {move || if accept.pending().get() { "Saving…" } else { "Accept terms" }}
            </button>
        </section>
    }
}
