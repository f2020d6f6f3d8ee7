//! `/orgs/:slug/*`: one organization. Loads the org once for its pages (overview, members,
//! billing) and draws what they share, as a workspace's tabs do: the breadcrumbs, the org's
//! name and status, then the section tabs.

use crate::router::{Outlet, use_params_map};
use crate::{
    api::use_api,
    components::{Breadcrumbs, Crumb, PageHeader, Tab, Tabs},
    paths,
    reactive::Res,
};
use leptos::prelude::*;
use molecule_sdk::{ApiError, Operation, calls, types::Organization};

/// What an organization's pages share.
#[derive(Clone, Copy)]
pub struct OrgCtx {
    /// The slug in the address.
    pub slug: Memo<String>,
    /// The org (with the caller's role); `refetch` after a change.
    pub org: Res<Result<Organization, ApiError>>,
}

impl OrgCtx {
    /// Why the caller may not call `op` in this org (their role, from `crate::roles`); while the
    /// org is loading, a reason too, so nothing is offered before the role is known.
    pub fn blocker(self, op: &'static Operation) -> Signal<Option<&'static str>> {
        let org = self.org;
        Signal::derive(move || match org.get() {
            Some(Ok(o)) => crate::roles::blocker(o.role.as_ref(), op),
            Some(Err(_)) | None => Some("Waiting for your role in this organization."),
        })
    }
}

/// A section that needs `op`: its content when the caller's role allows it (its reads are only
/// made then), otherwise its title and why not.
#[component]
pub fn IfAllowed(
    op: &'static Operation,
    /// The section's title, shown with the reason.
    title: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    let org = use_org();
    let blocked = org.blocker(op);
    move || match (org.org.get(), blocked.get()) {
        (Some(Ok(_)), None) => children().into_any(),
        (Some(Ok(_)), Some(why)) => view! {
            <section class="section">
                <h2>{title}</h2>
                <p class="section__intro">{why}</p>
            </section>
        }
        .into_any(),
        // Loading, or failed (the page's own org section says so).
        _ => ().into_any(),
    }
}

/// The org context of the current page.
pub fn use_org() -> OrgCtx {
    expect_context::<OrgCtx>()
}

/// The layout of an organization's pages.
#[component]
pub fn OrgLayout() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.with(|p| p.get("slug")).unwrap_or_default());
    let api = use_api();
    let org = crate::reactive::resource(move || api.send(calls::get_org(&slug.get())));
    provide_context(OrgCtx { slug, org });
    view! {
        <section class="page">
            <OrgNav slug org/>
            <Outlet/>
        </section>
    }
}

/// "Organizations / <name> / <section>", the org's name (the slug until the org has loaded)
/// and status, and the Overview · Members · Billing tabs; only the tab of the exact current
/// address is marked current (`exact`: the overview's address is a prefix of the others).
#[component]
fn OrgNav(slug: Memo<String>, org: Res<Result<Organization, ApiError>>) -> impl IntoView {
    let location = crate::router::use_location();
    let here = move || location.pathname.get();
    let tab = move |label: &'static str, href: fn(&str) -> String| {
        view! { <Tab href=move || href(&slug.get())>{label}</Tab> }
    };
    let section = move || {
        let p = here();
        if p.ends_with("/members") {
            "Members"
        } else if p.ends_with("/billing") {
            "Billing"
        } else {
            "Overview"
        }
    };
    // The org's name once it has loaded, its slug until then.
    let name = Signal::derive(move || match org.get() {
        Some(Ok(o)) => o.name.to_string(),
        _ => slug.get(),
    });
    let badge = move || match org.get() {
        Some(Ok(o)) => {
            let (label, class) = crate::pages::orgs::org_row::status_badge(&o.status);
            Some(view! { <span class=format!("badge {class}")>{label}</span> })
        }
        _ => None,
    };
    view! {
        // Choosing another organization keeps the section: Members here, Members there.
        <super::org_switcher::OrgSwitcher current=slug name goes=super::org_switcher::Goes::SamePage/>
        <Breadcrumbs>
            <Crumb href=paths::orgs()>"Organizations"</Crumb>
            <Crumb href=move || paths::org(&slug.get())>{name}</Crumb>
            <Crumb>{section}</Crumb>
        </Breadcrumbs>
        // Each page sets the document title (it names the section too).
        <PageHeader title=name no_doc_title=true>{badge}</PageHeader>
        <Tabs label="Organization sections">
            {tab("Overview", paths::org)}
            {tab("Members", paths::org_members)}
            {tab("Billing", paths::org_billing)}
        </Tabs>
    }
}
