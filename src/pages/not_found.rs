//! 404 for unknown routes.

use crate::components::Title;
use crate::paths;
use leptos::prelude::*;
use leptos_router::components::A;

/// Shown for any path the route table does not know.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <Title text="Page not found · Molecule Console"/>
        <section class="page">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address. It may have moved, or the link may be mistyped."</p>
            <A href=paths::orgs()>"Go to your organizations"</A>
        </section>
    }
}
