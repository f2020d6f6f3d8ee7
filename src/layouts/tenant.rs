//! `/console/*`: the pages of an organization's own host. Shows them only on a tenant host,
//! once its org has loaded (the API handle started that load at start-up, in parallel with the
//! page's code), and says which organization they belong to.

use super::org_switcher::{Goes, OrgSwitcher};
use crate::components::{Breadcrumbs, Crumb, Empty};
use crate::router::{A, Outlet};
use crate::{api::use_api, components::Loaded, paths, tenant::Tenant};
use leptos::prelude::*;
use molecule_sdk::Operation;

/// The layout of the tenant pages.
#[component]
pub fn TenantLayout() -> impl IntoView {
    match use_api().tenant() {
        None => view! { <section class="page"><NotOnTenant/></section> }.into_any(),
        Some(tenant) => view! {
            <div class="page">
                <Loaded res=tenant what="Organization" let:t>
                    <OrgSwitcher current=t.slug.clone() name=t.org.name.to_string() goes=Goes::Console/>
                    <OrgStrip t=t.clone()/>
                    <TenantCrumbs t/>
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

/// A viewer's note, once per page, under the page's trail: they can look around; changes need
/// another role. (A workspace's layout draws it under its own, longer trail.)
#[component]
pub fn ViewerNote(t: Tenant) -> impl IntoView {
    let viewer = t.org.role == Some(molecule_sdk::types::MemberRole::Viewer);
    viewer.then(|| view! {
        <p class="callout" role="note">
            "You are a viewer in this organization: you can look at everything here, but changes "
            "need the member, admin or owner role. Buttons that would change something are off."
        </p>
    })
}

/// "Organization Acme (acme) · Plan Team · Credits 25,000" above every tenant page (the
/// switcher to the person's other organizations is in the header).
#[component]
fn OrgStrip(t: Tenant) -> impl IntoView {
    let credits = crate::format::grouped(t.org.credits_balance.unwrap_or(0));
    view! {
        <div class="org-strip" role="group" aria-label="Organization">
            <span>
                <span class="muted">"Organization "</span>
                <A href=paths::org(&t.slug)><strong>{t.org.name.to_string()}</strong></A>
                <span class="mono muted">{format!(" ({})", t.slug)}</span>
            </span>
            <span data-testid="org-plan"><span class="muted">"Plan "</span>{crate::format::plan_name(&t.org.plan)}</span>
            <A href=paths::org_billing(&t.slug) attr:data-testid="org-credits">
                <span class="muted">"Credits "</span>{credits}
            </A>
        </div>
    }
}

/// The trail of a tenant page that has no workspace of its own ("Acme / API keys", "Acme /
/// Overview"); `None`
/// for a workspace's pages, whose layout draws a longer one.
fn tenant_page(path: &str) -> Option<&'static str> {
    match path.trim_end_matches('/') {
        p if p == paths::tenant_overview() => Some("Overview"),
        p if p == paths::workspaces() => Some("Workspaces"),
        p if p == paths::approvals() => Some("Approvals"),
        p if p == paths::events() => Some("Events"),
        p if p == paths::api_keys() => Some("API keys"),
        p if p == paths::secrets() => Some("Secrets"),
        p if p == paths::templates() => Some("Templates"),
        _ => None,
    }
}

/// "<org> / <page>" on the tenant's top pages, and a viewer's note under it.
#[component]
fn TenantCrumbs(t: Tenant) -> impl IntoView {
    let location = crate::router::use_location();
    let name = t.org.name.to_string();
    let org = paths::org(&t.slug);
    move || {
        let (org, name, t) = (org.clone(), name.clone(), t.clone());
        tenant_page(&location.pathname.get()).map(move |here| {
            view! {
                <Breadcrumbs>
                    <Crumb href=org>{name}</Crumb>
                    <Crumb>{here}</Crumb>
                </Breadcrumbs>
                <ViewerNote t/>
            }
        })
    }
}

/// Shown when a tenant page is opened on a host that is not an organization's.
#[component]
pub fn NotOnTenant() -> impl IntoView {
    view! {
        <Empty title="Open an organization first" page=true message="Workspaces, API keys and secrets live on each organization's own address.">
            <A href=paths::orgs() attr:class="btn btn--primary">"Choose an organization"</A>
        </Empty>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_pages_have_a_trail_and_workspaces_their_own() {
        assert_eq!(tenant_page("/console"), Some("Overview"));
        assert_eq!(tenant_page("/console/"), Some("Overview"));
        assert_eq!(tenant_page("/console/workspaces"), Some("Workspaces"));
        assert_eq!(tenant_page("/console/api-keys/"), Some("API keys"));
        assert_eq!(tenant_page("/console/templates"), Some("Templates"));
        assert_eq!(tenant_page("/console/workspaces/w-1/budget"), None);
    }
}
