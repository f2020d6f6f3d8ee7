//! Route components, one per file, grouped by area.
//!
//! The organizations list (the landing page), sign-in and the 404 page are in the main bundle.
//! Every other page is a lazy route, and the pages of an area (with its layout) are one wasm
//! split, packed at build time with the shared code it needs into one file
//! (`scripts/build_wasm.py`), fetched on the first visit to the area or ahead of it
//! ([`crate::prefetch`]). So the first load carries only what the landing page needs. A tenant
//! host's console is three areas: its main pages with the layout (overview, workspaces,
//! approvals, events), a workspace's tabs, and the API keys, secrets and templates pages, so
//! its first page fetches about 60 % of the code one area would (a deep link to a workspace
//! fetches two packs, in parallel: the router loads nested lazy routes together). A split
//! that cannot be fetched (offline, or a deployment that replaced the files while the tab was
//! open) shows [`PageLoadFailed`] instead of stopping the console; the next visit tries again.

pub mod invitation;
pub mod not_found;
pub mod operator;
pub mod orgs;
pub mod sign_in;
pub mod tenant;

use crate::{components::Title, layouts};
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

/// Declares a lazy route for a page component:
/// `lazy_page!(Route, entry in area => path::to::Page)`. Every page of an area (and its layout)
/// names the same `area`, which makes them one wasm split: the first visit to an area fetches its
/// code once, and moving between its pages fetches nothing. `entry` names the page's entry point
/// and must be unique. `lazy_page!(Route, entry => path::to::Page)` is a page that is an area of
/// its own. [`crate::prefetch`] fetches an area's code ahead of need through
/// `LazyRoute::preload`, which the router also calls on navigation.
macro_rules! lazy_page {
    ($(#[$doc:meta])* $route:ident, $entry:ident in $area:ident => $($page:ident)::+) => {
        $(#[$doc])*
        pub struct $route;

        // A block of its own: each page's entry point and its `fetch_code` stay private to it.
        const _: () = {
            #[leptos::wasm_split::wasm_split(
                $area,
                wasm_split_path = ::leptos::wasm_split,
                fallible,
                preload(fetch_code)
            )]
            fn $entry() -> Result<AnyView, SplitLoaderError> {
                Ok($($page)::+().into_any())
            }

            impl leptos_router::LazyRoute for $route {
                fn data() -> Self {
                    $route
                }

                async fn view(_this: Self) -> AnyView {
                    $entry().await.unwrap_or_else(|_| PageLoadFailed().into_any())
                }

                async fn preload() {
                    // A failure shows when the page is drawn: `view` tries again and says so.
                    let _ = fetch_code().await;
                }
            }
        };
    };
    ($(#[$doc:meta])* $route:ident, $entry:ident => $($page:ident)::+) => {
        lazy_page!($(#[$doc])* $route, $entry in $entry => $($page)::+);
    };
}

lazy_page!(
    /// `/invitations/:token`: see an invitation and join its organization.
    InvitationRoute, console_invitation => invitation::InvitationPage
);
lazy_page!(
    /// `/orgs/new`: create an organization.
    CreateOrgRoute, console_org_create => orgs::create::CreateOrgPage
);
lazy_page!(
    /// `/orgs/:slug`: one organization.
    OrgRoute, console_org_overview in console_org_pages => orgs::overview::OrgPage
);
lazy_page!(
    /// `/orgs/:slug/members`: members and invitations.
    MembersRoute, console_org_members in console_org_pages => orgs::members::MembersPage
);
lazy_page!(
    /// `/orgs/:slug/billing`: plan, credits and invoices.
    BillingRoute, console_org_billing in console_org_pages => orgs::billing::BillingPage
);
lazy_page!(
    /// `/console` on a tenant host: the organization at a glance.
    TenantOverviewRoute, console_tenant_overview in console_tenant_pages => tenant::overview::OverviewPage
);
lazy_page!(
    /// `/console/workspaces` on a tenant host.
    WorkspacesRoute, console_tenant_workspaces in console_tenant_pages => tenant::workspaces::WorkspacesPage
);
lazy_page!(
    /// `/console/workspaces/:id` on a tenant host: the workspace's overview tab.
    WorkspaceRoute, console_tenant_workspace in console_tenant_workspaces => tenant::workspace::WorkspacePage
);
lazy_page!(
    /// `/console/workspaces/:id/settings`.
    WorkspaceSettingsRoute, console_tenant_workspace_settings in console_tenant_workspaces => tenant::tabs::settings::WorkspaceSettingsPage
);
lazy_page!(
    /// `/console/workspaces/:id/budget`: budget and billing mode.
    WorkspaceBudgetRoute, console_tenant_workspace_budget in console_tenant_workspaces => tenant::tabs::budget::WorkspaceBudgetPage
);
lazy_page!(
    /// `/console/workspaces/:id/secrets`.
    WorkspaceSecretsRoute, console_tenant_workspace_secrets in console_tenant_workspaces => tenant::tabs::secrets::WorkspaceSecretsPage
);
lazy_page!(
    /// `/console/workspaces/:id/tokens`.
    WorkspaceTokensRoute, console_tenant_workspace_tokens in console_tenant_workspaces => tenant::tabs::tokens::WorkspaceTokensPage
);
lazy_page!(
    /// `/console/workspaces/:id/plugins`: an org root's plugin allowlist.
    WorkspacePluginsRoute, console_tenant_workspace_plugins in console_tenant_workspaces => tenant::tabs::plugins::WorkspacePluginsPage
);
lazy_page!(
    /// `/console/workspaces/:id/bundle`.
    WorkspaceBundleRoute, console_tenant_workspace_bundle in console_tenant_workspaces => tenant::tabs::bundle::WorkspaceBundlePage
);
lazy_page!(
    /// `/console/approvals` on a tenant host.
    ApprovalsRoute, console_tenant_approvals in console_tenant_pages => tenant::approvals::ApprovalsPage
);
lazy_page!(
    /// `/console/events` on a tenant host.
    EventsRoute, console_tenant_events in console_tenant_pages => tenant::events::EventsPage
);
lazy_page!(
    /// `/console/api-keys` on a tenant host.
    ApiKeysRoute, console_tenant_api_keys in console_tenant_admin => tenant::api_keys::ApiKeysPage
);
lazy_page!(
    /// `/console/templates` on a tenant host.
    TemplatesRoute, console_tenant_templates in console_tenant_admin => tenant::templates::TemplatesPage
);
lazy_page!(
    /// `/console/secrets` on a tenant host.
    SecretsRoute, console_tenant_secrets in console_tenant_admin => tenant::secrets::SecretsPage
);

lazy_page!(
    /// The layout of an organization's pages (org, breadcrumbs, tabs).
    OrgLayoutRoute, console_org_layout in console_org_pages => layouts::org::OrgLayout
);
lazy_page!(
    /// The layout of a tenant host's pages (the tenant gate, the org strip).
    TenantLayoutRoute, console_tenant_layout in console_tenant_pages => layouts::tenant::TenantLayout
);
lazy_page!(
    /// The layout of a workspace's tabs (the workspace, breadcrumbs, tabs).
    WorkspaceLayoutRoute, console_tenant_workspace_layout in console_tenant_workspaces => layouts::workspace::WorkspaceLayout
);
lazy_page!(
    /// The operator area's layout (its token gate and tabs): no operator code in the main module.
    OperatorLayoutRoute, console_operator_layout in console_operator_pages => layouts::operator::OperatorLayout
);
lazy_page!(
    /// `/operator`: every organization, for platform operators.
    OperatorOrgsRoute, console_operator_orgs in console_operator_pages => operator::orgs::OperatorOrgsPage
);
lazy_page!(
    /// `/operator/tenants/:slug`: one tenant, for operators.
    OperatorTenantRoute, console_operator_tenant in console_operator_pages => operator::tenant::OperatorTenantPage
);
lazy_page!(
    /// `/operator/orgs/new`: operators create an organization for someone.
    OperatorCreateOrgRoute, console_operator_create_org in console_operator_pages => operator::create_org::OperatorCreateOrgPage
);
lazy_page!(
    /// `/operator/fleet`: fleet-wide redeploy.
    OperatorFleetRoute, console_operator_fleet in console_operator_pages => operator::fleet::OperatorFleetPage
);
lazy_page!(
    /// `/operator/images`: runtime image pins.
    OperatorImagesRoute, console_operator_images in console_operator_pages => operator::images::OperatorImagesPage
);
lazy_page!(
    /// `/operator/amis`: thin AMI pins.
    OperatorAmisRoute, console_operator_amis in console_operator_pages => operator::amis::OperatorAmisPage
);
lazy_page!(
    /// `/operator/catalog`: the platform's template catalog.
    OperatorCatalogRoute, console_operator_catalog in console_operator_pages => operator::catalog::OperatorCatalogPage
);

/// Shown in place of a page whose code could not be downloaded.
#[component]
pub fn PageLoadFailed() -> impl IntoView {
    let reload = |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    };
    view! {
        <Title text="Page not loaded · Molecule Console"/>
        <section class="page">
            <div class="callout callout--error" role="alert">
                <h1 class="callout__title">"This page could not be loaded"</h1>
                <p>
                    "The console could not download this page. Check your connection, then try "
                    "again. If the console was just updated, reloading fetches the new version."
                </p>
                <button type="button" class="btn btn--primary" on:click=reload>"Reload the page"</button>
            </div>
        </section>
    }
}
