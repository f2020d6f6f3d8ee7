//! `/console/*`: the pages of an organization's own host. Shows them only on a tenant host,
//! once its org has loaded (the API handle started that load at start-up, in parallel with the
//! page's code), and says which organization they belong to.

use crate::{api::use_api, components::Loaded, paths, tenant::Tenant};
use leptos::prelude::*;
use leptos_router::components::{A, Outlet};
use molecule_sdk::Operation;

/// The layout of the tenant pages.
#[component]
pub fn TenantLayout() -> impl IntoView {
    match use_api().tenant() {
        None => view! { <section class="page"><NotOnTenant/></section> }.into_any(),
        Some(tenant) => view! {
            <div class="page">
                <Loaded res=tenant what="Organization" let:t>
                    <OrgStrip t=t.clone()/>
                    <ViewerNote t/>
                    <Outlet/>
                </Loaded>
            </div>
        }
        .into_any(),
    }
}

/// Why the caller may not call `op` on this tenant (their role in its org, from
/// `crate::roles`); `None` when they may. Controls use it to be disabled with the reason.
pub fn use_blocker(op: &'static Operation) -> Signal<Option<&'static str>> {
    let tenant = use_api().tenant();
    Signal::derive(move || match tenant.and_then(|t| t.get()) {
        Some(Ok(t)) => crate::roles::blocker(t.org.role.as_ref(), op),
        _ => Some("Waiting for your role in this organization."),
    })
}

/// A viewer's note, once per page: they can look around; changes need an admin or an owner.
#[component]
fn ViewerNote(t: Tenant) -> impl IntoView {
    let viewer = t.org.role == Some(molecule_sdk::types::MemberRole::Viewer);
    viewer.then(|| view! {
        <p class="callout" role="note">
            "You are a viewer of this organization: you can look at everything here, but only its "
            "members, admins and owners can change it. Buttons that would change something are off."
        </p>
    })
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
