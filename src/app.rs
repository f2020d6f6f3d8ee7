//! Providers and the route table.

use crate::layouts::org_popup::{DrawnPopup, Popup, PopupLoader, popup_view};
use crate::{
    api::handle::provide_api,
    components::{
        Shell,
        lazy_hosts::{LazyConfirmHost, LazyToastHost},
        palette::LazyPaletteHost,
    },
    pages::{self, Page},
    prefetch::Prefetch,
    session::provide_session,
};
use leptos::{prelude::*, wasm_split::SplitLoaderError};
use leptos_router::{
    components::{ParentRoute, Route, Router, Routes},
    path,
};

/// The organization switcher's popup: a wasm split of its own (see [`PopupLoader`]).
#[leptos::wasm_split::wasm_split(
    console_org_switcher,
    wasm_split_path = ::leptos::wasm_split,
    fallible,
    preload(fetch_org_popup)
)]
fn org_popup_chunk(p: Popup) -> Result<AnyView, SplitLoaderError> {
    Ok(popup_view(p))
}

fn draw_org_popup(p: Popup) -> DrawnPopup {
    Box::pin(org_popup_chunk(p))
}

fn prefetch_org_popup() {
    leptos::task::spawn_local(async {
        // A failure is not kept: opening the popup tries again and says so if it fails.
        let _ = fetch_org_popup().await;
    });
}

/// The whole console.
#[component]
pub fn App() -> impl IntoView {
    // First: the handle starts loading a tenant host's org at once.
    provide_api();
    provide_session();
    // True while the router loads the next page (a lazy route's code, say); the shell shows it.
    let routing = RwSignal::new(false);
    provide_context(crate::components::shell::Routing(routing.read_only()));
    provide_context(PopupLoader {
        draw: draw_org_popup,
        fetch: prefetch_org_popup,
    });
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
                    <Route path=path!("/invitations/:token") view=Page::Invitation/>
                    <Route path=path!("/orgs/new") view=Page::OrgCreate/>
                    <ParentRoute path=path!("/orgs/:slug") view=Page::OrgLayout>
                        <Route path=path!("") view=Page::Org/>
                        <Route path=path!("members") view=Page::Members/>
                        <Route path=path!("billing") view=Page::Billing/>
                    </ParentRoute>
                    <ParentRoute path=path!("/operator") view=Page::OperatorLayout>
                        <Route path=path!("") view=Page::OperatorOrgs/>
                        <Route path=path!("tenants/:slug") view=Page::OperatorTenant/>
                        <Route path=path!("orgs/new") view=Page::OperatorCreateOrg/>
                        <Route path=path!("fleet") view=Page::OperatorFleet/>
                        <Route path=path!("images") view=Page::OperatorImages/>
                        <Route path=path!("amis") view=Page::OperatorAmis/>
                        <Route path=path!("catalog") view=Page::OperatorCatalog/>
                    </ParentRoute>
                    <ParentRoute path=path!("/console") view=Page::TenantLayout>
                        <Route path=path!("") view=Page::TenantOverview/>
                        <Route path=path!("workspaces") view=Page::Workspaces/>
                        <ParentRoute path=path!("workspaces/:id") view=Page::WorkspaceLayout>
                            <Route path=path!("") view=Page::Workspace/>
                            <Route path=path!("settings") view=Page::WorkspaceSettings/>
                            <Route path=path!("budget") view=Page::WorkspaceBudget/>
                            <Route path=path!("secrets") view=Page::WorkspaceSecrets/>
                            <Route path=path!("tokens") view=Page::WorkspaceTokens/>
                            <Route path=path!("plugins") view=Page::WorkspacePlugins/>
                            <Route path=path!("bundle") view=Page::WorkspaceBundle/>
                        </ParentRoute>
                        <Route path=path!("approvals") view=Page::Approvals/>
                        <Route path=path!("events") view=Page::Events/>
                        <Route path=path!("api-keys") view=Page::ApiKeys/>
                        <Route path=path!("secrets") view=Page::Secrets/>
                        <Route path=path!("templates") view=Page::Templates/>
                    </ParentRoute>
                </Routes>
            </Shell>
        </Router>
    }
}
