//! A credential shown exactly once (API keys, workspace tokens): read-only field, copy button,
//! and the warning that it will not be shown again. The value lives only in the caller's signal.

use super::Field;
use leptos::prelude::*;

/// Shows `secret` until the user presses Done.
#[component]
pub fn ShowOnce(
    /// Heading, e.g. "Copy your new API key now".
    title: &'static str,
    /// Accessible label of the field holding the secret.
    label: &'static str,
    /// The plaintext credential.
    secret: String,
    /// What to do if it is lost.
    #[prop(default = "It will not be shown again. If you lose it, revoke it and create another.")]
    note: &'static str,
    /// Called when the user is done (the caller then forgets the secret).
    on_done: Callback<()>,
) -> impl IntoView {
    // The field's own copy (the control is drawn in a closure of its own).
    let (size, shown) = (secret.len().clamp(20, 80), secret.clone());
    view! {
        <section class="callout" role="status" aria-labelledby="show-once-title">
            <h2 id="show-once-title" class="callout__title">{title}</h2>
            <p>{note}</p>
            <Field id="show-once-secret" label=label>
                <input id="show-once-secret" class="input mono input--full" readonly=true autocomplete="off"
                    size=size prop:value=shown/>
            </Field>
            <div class="form__actions">
                <super::copy::CopyButton text=secret.clone() what=label/>
                <button type="button" class="btn btn--primary" on:click=move |_| on_done.run(())>"Done"</button>
            </div>
        </section>
    }
}
