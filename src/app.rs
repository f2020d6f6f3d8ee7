//! Providers and the route table.

use crate::{
    api::handle::provide_api,
    components::{
        Shell,
        lazy_hosts::{LazyConfirmHost, LazyToastHost},
        palette::LazyPaletteHost,
    },
    pages,
    prefetch::Prefetch,
    session::provide_session,
};
use leptos::prelude::*;
use leptos_router::{
    Lazy,
    components::{ParentRoute, Route, Router, Routes},
    path,
};

/// The whole console.
#[component]
pub fn App() -> impl IntoView {
    // First: the handle starts loading a tenant host's org at once.
    provide_api();
    provide_session();
    // True while the router loads the next page (a lazy route's code, say); the shell shows it.
    let routing = RwSignal::new(false);
    provide_context(crate::components::shell::Routing(routing.read_only()));
    view! {
        <Router set_is_routing=routing>
            <LazyToastHost/>
            <LazyConfirmHost/>
            <LazyPaletteHost/>
            <Prefetch/>
            <Shell>
                <Routes fallback=pages::not_found::NotFoundPage>
                    <Route path=path!("/") view=pages::orgs::list::OrgsListPage/>
                    <Route path=path!("/sign-in") view=pages::sign_in::SignInPage/>
                    <Route path=path!("/invitations/:token") view={Lazy::<pages::InvitationRoute>::new()}/>
                    <Route path=path!("/orgs/new") view={Lazy::<pages::CreateOrgRoute>::new()}/>
                    <ParentRoute path=path!("/orgs/:slug") view={Lazy::<pages::OrgLayoutRoute>::new()}>
                        <Route path=path!("") view={Lazy::<pages::OrgRoute>::new()}/>
                        <Route path=path!("members") view={Lazy::<pages::MembersRoute>::new()}/>
                        <Route path=path!("billing") view={Lazy::<pages::BillingRoute>::new()}/>
                    </ParentRoute>
                    <ParentRoute path=path!("/operator") view={Lazy::<pages::OperatorLayoutRoute>::new()}>
                        <Route path=path!("") view={Lazy::<pages::OperatorOrgsRoute>::new()}/>
                        <Route path=path!("tenants/:slug") view={Lazy::<pages::OperatorTenantRoute>::new()}/>
                        <Route path=path!("orgs/new") view={Lazy::<pages::OperatorCreateOrgRoute>::new()}/>
                        <Route path=path!("fleet") view={Lazy::<pages::OperatorFleetRoute>::new()}/>
                        <Route path=path!("images") view={Lazy::<pages::OperatorImagesRoute>::new()}/>
                        <Route path=path!("amis") view={Lazy::<pages::OperatorAmisRoute>::new()}/>
                        <Route path=path!("catalog") view={Lazy::<pages::OperatorCatalogRoute>::new()}/>
                    </ParentRoute>
                    <ParentRoute path=path!("/console") view={Lazy::<pages::TenantLayoutRoute>::new()}>
                        <Route path=path!("") view={Lazy::<pages::TenantOverviewRoute>::new()}/>
                        <Route path=path!("workspaces") view={Lazy::<pages::WorkspacesRoute>::new()}/>
                        <ParentRoute path=path!("workspaces/:id") view={Lazy::<pages::WorkspaceLayoutRoute>::new()}>
                            <Route path=path!("") view={Lazy::<pages::WorkspaceRoute>::new()}/>
                            <Route path=path!("settings") view={Lazy::<pages::WorkspaceSettingsRoute>::new()}/>
                            <Route path=path!("budget") view={Lazy::<pages::WorkspaceBudgetRoute>::new()}/>
                            <Route path=path!("secrets") view={Lazy::<pages::WorkspaceSecretsRoute>::new()}/>
                            <Route path=path!("tokens") view={Lazy::<pages::WorkspaceTokensRoute>::new()}/>
                            <Route path=path!("plugins") view={Lazy::<pages::WorkspacePluginsRoute>::new()}/>
                            <Route path=path!("bundle") view={Lazy::<pages::WorkspaceBundleRoute>::new()}/>
                        </ParentRoute>
                        <Route path=path!("approvals") view={Lazy::<pages::ApprovalsRoute>::new()}/>
                        <Route path=path!("events") view={Lazy::<pages::EventsRoute>::new()}/>
                        <Route path=path!("api-keys") view={Lazy::<pages::ApiKeysRoute>::new()}/>
                        <Route path=path!("secrets") view={Lazy::<pages::SecretsRoute>::new()}/>
                        <Route path=path!("templates") view={Lazy::<pages::TemplatesRoute>::new()}/>
                    </ParentRoute>
                </Routes>
            </Shell>
        </Router>
    }
}
