//! Sign-in landing page: AuthKit is a full-page redirect, started from here (its links carry
//! `rel="external"` so the router lets the browser follow them).

use crate::api;
use crate::components::PageHeader;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Explains sign-in and links to the hosted AuthKit page, returning to `?return_to=` or home.
#[component]
pub fn SignInPage() -> impl IntoView {
    let query = use_query_map();
    let back = move || {
        query
            .with(|q| q.get("return_to"))
            .unwrap_or_else(|| format!("{}/", api::origin()))
    };
    view! {
        <section class="page page--narrow">
            <PageHeader title="Sign in to Molecule" doc_title="Sign in · Molecule Console"/>
            <p>"You will be sent to the Molecule sign-in page and brought back here afterwards."</p>
            <a class="btn btn--primary" rel="external" href=move || api::sign_in_url(&back())>"Continue to sign in"</a>
            <p>"New to Molecule? " <a rel="external" href=move || api::sign_up_url(&back())>"Create an account"</a></p>
        </section>
    }
}
