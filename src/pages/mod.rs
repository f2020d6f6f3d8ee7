//! Route components, one per file, grouped by area.
//!
//! The organizations list (the landing page), sign-in and the 404 page are in the main bundle.
//! Every other page is a lazy route: its code is split into its own wasm chunk at build time
//! (`scripts/build_wasm.py`) and fetched on the first visit, so the first load carries only
//! what the landing page needs.

pub mod not_found;
pub mod orgs;
pub mod sign_in;
pub mod tenant;

/// Declares a lazy route for a page component: `lazy_page!(Route, path::to::Page)`.
macro_rules! lazy_page {
    ($(#[$doc:meta])* $route:ident => $($page:ident)::+) => {
        $(#[$doc])*
        pub struct $route;

        #[leptos_router::lazy_route]
        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> leptos::prelude::AnyView {
                use leptos::prelude::IntoAny;
                $($page)::+().into_any()
            }
        }
    };
}

lazy_page!(
    /// `/orgs/new`: create an organization.
    CreateOrgRoute => orgs::create::CreateOrgPage
);
lazy_page!(
    /// `/orgs/:slug`: one organization.
    OrgRoute => orgs::overview::OrgPage
);
lazy_page!(
    /// `/orgs/:slug/members`: members and invitations.
    MembersRoute => orgs::members::MembersPage
);
lazy_page!(
    /// `/orgs/:slug/billing`: plan, credits and invoices.
    BillingRoute => orgs::billing::BillingPage
);
lazy_page!(
    /// `/console/workspaces` on a tenant host.
    WorkspacesRoute => tenant::workspaces::WorkspacesPage
);
lazy_page!(
    /// `/console/workspaces/:id` on a tenant host.
    WorkspaceRoute => tenant::workspace::WorkspacePage
);
lazy_page!(
    /// `/console/api-keys` on a tenant host.
    ApiKeysRoute => tenant::api_keys::ApiKeysPage
);
lazy_page!(
    /// `/console/secrets` on a tenant host.
    SecretsRoute => tenant::secrets::SecretsPage
);
