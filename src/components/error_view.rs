//! The one rendering of failed reads: a person-readable message (from `words`), never a raw
//! server body, and a "Try again" button when the read can be repeated.

use crate::words::message_of;
use leptos::prelude::*;

/// One failure as the errors an [`ErrorView`] shows, for a view that handles a read's error
/// itself instead of through an `ErrorBoundary`.
pub fn one_error(e: molecule_sdk::ApiError) -> ArcRwSignal<Errors> {
    let errors = ArcRwSignal::new(Errors::default());
    errors.update(|es| es.insert_with_default_key(e));
    errors
}

/// Fallback for `ErrorBoundary`; `retry` loads the failed read again.
#[component]
pub fn ErrorView(
    errors: ArcRwSignal<Errors>,
    /// What failed, for the heading ("Members could not be loaded").
    #[prop(optional)]
    what: Option<&'static str>,
    #[prop(optional, into)] retry: Option<Callback<()>>,
) -> impl IntoView {
    let list = move || {
        errors
            .get()
            .into_iter()
            .map(|(_, e)| view! { <p>{message_of(&e)}</p> })
            .collect_view()
    };
    let title = match what {
        Some(w) => format!("{w} could not be loaded"),
        None => "This could not be loaded".into(),
    };
    view! {
        <div class="callout callout--error" role="alert">
            <h2 class="callout__title">{title}</h2>
            {list}
            {retry.map(|r| view! {
                <button type="button" class="btn" on:click=move |_| r.run(())>"Try again"</button>
            })}
        </div>
    }
}
