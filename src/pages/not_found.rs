//! 404 for unknown routes. One exception: an address the platform's server answers (a link to
//! AuthKit, an invoice, `/cp/…` that reached the router without `rel="external"`) is loaded from
//! the server instead, so no server page can end on "Page not found".

use crate::components::{PageHeader, TopTrail};
use crate::paths;
use crate::router::{A, use_location};
use leptos::prelude::*;

/// Shown for any path the route table does not know.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let location = use_location();
    let path = location.pathname.get_untracked();
    if paths::is_server_page(&path) {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
        return view! { <p class="muted" role="status">"Opening…"</p> }.into_any();
    }
    view! {
        <section class="page">
            <TopTrail here="Page not found" under_orgs=true/>
            <PageHeader title="Page not found"/>
            <p>"There is nothing at this address. It may have moved, or the link may be mistyped."</p>
            <A href=paths::orgs()>"Go to your organizations"</A>
        </section>
    }
    .into_any()
}
