//! The one rendering of failed reads: a person-readable message, never a raw server body.

use leptos::prelude::*;
use molecule_sdk::ApiError;

/// Message for any error that reached an `ErrorBoundary`.
pub fn message_of(e: &leptos::error::Error) -> String {
    match e.downcast_ref::<ApiError>() {
        Some(api) => api.message(),
        None => "Something went wrong. Try again.".into(),
    }
}

/// Fallback for `ErrorBoundary`.
#[component]
pub fn ErrorView(errors: ArcRwSignal<Errors>) -> impl IntoView {
    let list = move || {
        errors
            .get()
            .into_iter()
            .map(|(_, e)| view! { <p>{message_of(&e)}</p> })
            .collect_view()
    };
    view! {
        <div class="callout callout--error" role="alert">
            <h2 class="callout__title">"This could not be loaded"</h2>
            {list}
        </div>
    }
}
