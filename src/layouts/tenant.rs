//! `/console/*`: the pages of an organization's own host. Shows them only on a tenant host,
//! once its org has loaded (the API handle started that load at start-up, in parallel with the
//! page's code), and says which organization they belong to.

use crate::{api::use_api, components::Loaded, paths, tenant::Tenant};
use leptos::prelude::*;
use leptos_router::components::{A, Outlet};

/// The layout of the tenant pages.
#[component]
pub fn TenantLayout() -> impl IntoView {
    match use_api().tenant() {
        None => view! { <section class="page"><NotOnTenant/></section> }.into_any(),
        Some(tenant) => view! {
            <div class="page">
                <Loaded res=tenant what="Organization" let:t>
                    <OrgStrip t/>
                    <Outlet/>
                </Loaded>
            </div>
        }
        .into_any(),
    }
}

/// "Organization Acme (acme) · plan" above every tenant page, linking to its overview.
#[component]
fn OrgStrip(t: Tenant) -> impl IntoView {
    view! {
        <p class="org-strip" aria-label="Organization">
            <span class="muted">"Organization "</span>
            <A href=paths::org(&t.slug)><strong>{t.org.name.to_string()}</strong></A>
            <span class="mono muted">{format!(" ({})", t.slug)}</span>
        </p>
    }
}

/// Shown when a tenant page is opened on a host that is not an organization's.
#[component]
pub fn NotOnTenant() -> impl IntoView {
    view! {
        <div class="empty">
            <h1>"Open an organization first"</h1>
            <p class="muted">"Workspaces, API keys and secrets live on each organization's own address."</p>
            <A href=paths::orgs() attr:class="btn btn--primary">"Choose an organization"</A>
        </div>
    }
}
