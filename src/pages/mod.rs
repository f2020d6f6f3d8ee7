//! Route components, one per file, grouped by area.
//!
//! The organizations list (the landing page), sign-in and the 404 page are in the main bundle.
//! Every other page belongs to an [`Area`]: the pages of an area (with its layout) are one wasm
//! split, packed at build time with the shared code it needs into one file
//! (`scripts/build_wasm.py`), fetched on the first visit to the area or ahead of it
//! ([`crate::prefetch`]). So the first load carries only what the landing page needs. A tenant
//! host's console is three areas: its main pages with the layout (overview, workspaces,
//! approvals, events), a workspace's tabs, and the API keys, secrets and templates pages, so
//! its first page fetches about 60 % of the code one area would (a deep link to a workspace
//! fetches two packs, in parallel: the router loads nested routes' code together). A split
//! that cannot be fetched (offline, or a deployment that replaced the files while the tab was
//! open) shows [`PageLoadFailed`] instead of stopping the console; the next visit tries again.
//!
//! A lazy route's view is a [`Page`], one small value type (`crate::router::RouteView`): the
//! router's code for loading and drawing a page is compiled once, not once per route, and each
//! area's split has one entry point that draws any of its pages.

pub mod invitation;
pub mod not_found;
pub mod operator;
pub mod orgs;
pub mod sign_in;
pub mod tenant;

use crate::{components::Title, layouts};
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

/// Declares the areas and their pages:
/// `Area = bit, split, draw, fetch { Page => path::to::Component, … }`. `split` names the
/// area's wasm split (its pack is `pack_<split>.wasm`); `draw` is the split's entry point,
/// `fetch` loads its code without drawing; `bit` is the area's bit in the prefetch marks
/// (`console-prefetched:<bit>`, which the benchmark waits for).
macro_rules! areas {
    ($(
        $(#[$area_doc:meta])*
        $area:ident = $bit:literal, $split:ident, $draw:ident, $fetch:ident {
            $($(#[$page_doc:meta])* $page:ident => $($view:ident)::+),+ $(,)?
        }
    )+) => {
        /// An area of the console with its own code: one wasm split.
        #[derive(Clone, Copy, PartialEq, Eq, Debug)]
        pub enum Area {
            $($(#[$area_doc])* $area = $bit,)+
        }

        /// A lazily loaded page: the view of its route (`view=Page::Members`).
        #[derive(Clone, Copy, PartialEq, Eq, Debug)]
        #[repr(u8)]
        pub enum Page {
            $($($(#[$page_doc])* $page,)+)+
        }

        impl Page {
            /// The area whose code draws this page.
            pub const fn area(self) -> Area {
                match self {
                    $($(Page::$page)|+ => Area::$area,)+
                }
            }
        }

        $(
            #[leptos::wasm_split::wasm_split(
                $split,
                wasm_split_path = ::leptos::wasm_split,
                fallible,
                preload($fetch)
            )]
            fn $draw(page: Page) -> Result<AnyView, SplitLoaderError> {
                #[allow(unreachable_patterns)]
                Ok(match page {
                    $(Page::$page => $($view)::+().into_any(),)+
                    // Another area's page: never asked of this split.
                    _ => not_found::NotFoundPage().into_any(),
                })
            }
        )+

        impl Area {
            /// Loads the area's code (once; the loader keeps it) and draws `page` with it.
            async fn draw(self, page: Page) -> Result<AnyView, SplitLoaderError> {
                match self {
                    $(Area::$area => $draw(page).await,)+
                }
            }

            /// Loads the area's code without drawing anything.
            pub async fn fetch(self) -> Result<(), SplitLoaderError> {
                match self {
                    $(Area::$area => $fetch().await,)+
                }
            }
        }
    };
}

areas! {
    /// An invitation: see it and join its organization.
    Invitation = 64, console_invitation, draw_invitation, fetch_invitation {
        /// `/invitations/:token`.
        Invitation => invitation::InvitationPage,
    }
    /// Creating an organization.
    OrgCreate = 2, console_org_create, draw_org_create, fetch_org_create {
        /// `/orgs/new`.
        OrgCreate => orgs::create::CreateOrgPage,
    }
    /// An organization's pages.
    Org = 1, console_org_pages, draw_org, fetch_org {
        /// The layout of an organization's pages (org, breadcrumbs, tabs).
        OrgLayout => layouts::org::OrgLayout,
        /// `/orgs/:slug`: one organization.
        Org => orgs::overview::OrgPage,
        /// `/orgs/:slug/members`: members and invitations.
        Members => orgs::members::MembersPage,
        /// `/orgs/:slug/billing`: plan, credits and invoices.
        Billing => orgs::billing::BillingPage,
    }
    /// A tenant host's main pages and its layout.
    Tenant = 4, console_tenant_pages, draw_tenant, fetch_tenant {
        /// The layout of a tenant host's pages (the tenant gate, the org strip).
        TenantLayout => layouts::tenant::TenantLayout,
        /// `/console`: the organization at a glance.
        TenantOverview => tenant::overview::OverviewPage,
        /// `/console/workspaces`.
        Workspaces => tenant::workspaces::WorkspacesPage,
        /// `/console/approvals`.
        Approvals => tenant::approvals::ApprovalsPage,
        /// `/console/events`.
        Events => tenant::events::EventsPage,
    }
    /// A workspace's tabs on a tenant host (`/console/workspaces/:id/…`).
    TenantWorkspace = 16, console_tenant_workspaces, draw_workspace, fetch_workspace {
        /// The layout of a workspace's tabs (the workspace, breadcrumbs, tabs).
        WorkspaceLayout => layouts::workspace::WorkspaceLayout,
        /// The workspace's overview tab.
        Workspace => tenant::workspace::WorkspacePage,
        /// `settings`.
        WorkspaceSettings => tenant::tabs::settings::WorkspaceSettingsPage,
        /// `budget`: budget and billing mode.
        WorkspaceBudget => tenant::tabs::budget::WorkspaceBudgetPage,
        /// `secrets`.
        WorkspaceSecrets => tenant::tabs::secrets::WorkspaceSecretsPage,
        /// `tokens`.
        WorkspaceTokens => tenant::tabs::tokens::WorkspaceTokensPage,
        /// `plugins`: an org root's plugin allowlist.
        WorkspacePlugins => tenant::tabs::plugins::WorkspacePluginsPage,
        /// `bundle`.
        WorkspaceBundle => tenant::tabs::bundle::WorkspaceBundlePage,
    }
    /// API keys, org secrets and templates on a tenant host.
    TenantAdmin = 32, console_tenant_admin, draw_tenant_admin, fetch_tenant_admin {
        /// `/console/api-keys`.
        ApiKeys => tenant::api_keys::ApiKeysPage,
        /// `/console/templates`.
        Templates => tenant::templates::TemplatesPage,
        /// `/console/secrets`.
        Secrets => tenant::secrets::SecretsPage,
    }
    /// The operator area: no operator code in the main module.
    Operator = 8, console_operator_pages, draw_operator, fetch_operator {
        /// The operator area's layout (its token gate and tabs).
        OperatorLayout => layouts::operator::OperatorLayout,
        /// `/operator`: every organization.
        OperatorOrgs => operator::orgs::OperatorOrgsPage,
        /// `/operator/tenants/:slug`: one tenant.
        OperatorTenant => operator::tenant::OperatorTenantPage,
        /// `/operator/orgs/new`: operators create an organization for someone.
        OperatorCreateOrg => operator::create_org::OperatorCreateOrgPage,
        /// `/operator/fleet`: fleet-wide redeploy.
        OperatorFleet => operator::fleet::OperatorFleetPage,
        /// `/operator/images`: runtime image pins.
        OperatorImages => operator::images::OperatorImagesPage,
        /// `/operator/amis`: thin AMI pins.
        OperatorAmis => operator::amis::OperatorAmisPage,
        /// `/operator/catalog`: the platform's template catalog.
        OperatorCatalog => operator::catalog::OperatorCatalogPage,
    }
}

/// Draws a lazy page whose area's code has been asked for: at once when it is there, or
/// [`PageLoadFailed`] when it could not be fetched (drawing asks for it again, for the next
/// visit).
pub fn draw(page: Page) -> AnyView {
    use futures_util::FutureExt;
    match page.area().draw(page).now_or_never() {
        Some(Ok(view)) => view,
        _ => PageLoadFailed().into_any(),
    }
}

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
