//! The one rendering of failed reads: a person-readable message, never a raw server body.

use leptos::prelude::*;
use molecule_sdk::ApiError;

/// An error already worded for people (a page's own wording of an `ApiError`).
#[derive(Debug, Clone)]
pub struct Worded(pub String);

impl std::fmt::Display for Worded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Worded {}

/// Message for any error that reached an `ErrorBoundary`.
pub fn message_of(e: &leptos::error::Error) -> String {
    if let Some(api) = e.downcast_ref::<ApiError>() {
        api.message()
    } else if let Some(w) = e.downcast_ref::<Worded>() {
        w.0.clone()
    } else {
        "Something went wrong. Try again.".into()
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
