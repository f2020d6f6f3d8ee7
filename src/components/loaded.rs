//! A read on the page: a skeleton while it loads, its view when it arrives, and when it fails an
//! error box in its own place (the rest of the page stays) with "Try again".

use crate::{components::ErrorView, reactive::Res};
use leptos::prelude::*;
use molecule_sdk::ApiError;

/// Shows `res` through `children`, one section's worth.
#[component]
pub fn Loaded<T, V, F>(
    res: Res<Result<T, ApiError>>,
    /// What is loading, for screen readers and the error heading ("Members").
    what: &'static str,
    /// The view of a loaded value.
    children: F,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
{
    let retry = Callback::new(move |_| res.refetch());
    view! {
        <Transition fallback=move || view! { <span class="skeleton skeleton--row" role="status" aria-label=format!("Loading: {what}")></span> }>
            <ErrorBoundary fallback=move |errors| view! { <ErrorView errors what retry/> }>
                {
                    let children = children.clone();
                    move || {
                        let children = children.clone();
                        Suspend::new(async move { res.await.map(children) })
                    }
                }
            </ErrorBoundary>
        </Transition>
    }
}
