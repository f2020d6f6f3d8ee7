//! Providers and the route table.

use crate::{
    components::{
        Shell,
        lazy_hosts::{LazyConfirmHost, LazyToastHost},
    },
    pages,
    session::provide_session,
};
use leptos::prelude::*;
use leptos_router::{
    Lazy,
    components::{Route, Router, Routes},
    path,
};

/// The whole console.
#[component]
pub fn App() -> impl IntoView {
    provide_session();
    // The operator's admin token: memory only, for the lazily loaded operator area.
    provide_context(pages::operator::OperatorToken(RwSignal::new(None)));
    // True while the router loads the next page (a lazy route's code, say); the shell shows it.
    let routing = RwSignal::new(false);
    provide_context(crate::components::shell::Routing(routing.read_only()));
    view! {
        <Router set_is_routing=routing>
            <LazyToastHost/>
            <LazyConfirmHost/>
            <Shell>
                <Routes fallback=pages::not_found::NotFoundPage>
                    <Route path=path!("/") view=pages::orgs::list::OrgsListPage/>
                    <Route path=path!("/orgs/new") view={Lazy::<pages::CreateOrgRoute>::new()}/>
                    <Route path=path!("/orgs/:slug") view={Lazy::<pages::OrgRoute>::new()}/>
                    <Route path=path!("/orgs/:slug/members") view={Lazy::<pages::MembersRoute>::new()}/>
                    <Route path=path!("/orgs/:slug/billing") view={Lazy::<pages::BillingRoute>::new()}/>
                    <Route path=path!("/sign-in") view=pages::sign_in::SignInPage/>
                    <Route path=path!("/operator") view={Lazy::<pages::OperatorRoute>::new()}/>
                    <Route path=path!("/console/workspaces") view={Lazy::<pages::WorkspacesRoute>::new()}/>
                    <Route path=path!("/console/workspaces/:id") view={Lazy::<pages::WorkspaceRoute>::new()}/>
                    <Route path=path!("/console/api-keys") view={Lazy::<pages::ApiKeysRoute>::new()}/>
                    <Route path=path!("/console/secrets") view={Lazy::<pages::SecretsRoute>::new()}/>
                    <Route path=path!("/console/templates") view={Lazy::<pages::TemplatesRoute>::new()}/>
                </Routes>
            </Shell>
        </Router>
    }
}
