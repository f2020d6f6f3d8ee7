//! Breadcrumbs and section tabs shared by an organization's pages.

use crate::paths;
use leptos::prelude::*;
use leptos_router::components::A;

/// "Organizations / <slug> / <current>" and the Overview · Members · Billing tabs.
#[component]
pub fn OrgNav(
    /// The org's slug (reactive: the route parameter).
    #[prop(into)]
    slug: Signal<String>,
    /// Name of the current section, as shown in its tab.
    current: &'static str,
) -> impl IntoView {
    let tab = move |label: &'static str, href: fn(&str) -> String| {
        view! {
            <A href=move || href(&slug.get()) attr:class="tabs__tab" attr:aria-current=(label == current).then_some("page")>
                {label}
            </A>
        }
    };
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>
                <li><A href=paths::orgs()>"Organizations"</A></li>
                <li><A href=move || paths::org(&slug.get())>{move || slug.get()}</A></li>
                <li aria-current="page">{current}</li>
            </ol>
        </nav>
        <nav class="tabs" aria-label="Organization sections">
            {tab("Overview", paths::org)}
            {tab("Members", paths::org_members)}
            {tab("Billing", paths::org_billing)}
        </nav>
    }
}
