//! Providers and the route table.

use crate::{
    components::{ConfirmHost, Shell, toast::ToastHost},
    pages,
    session::provide_session,
};
use leptos::prelude::*;
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

/// The whole console.
#[component]
pub fn App() -> impl IntoView {
    provide_session();
    view! {
        <Router>
            <ToastHost/>
            <ConfirmHost/>
            <Shell>
                <Routes fallback=pages::not_found::NotFoundPage>
                    <Route path=path!("/") view=pages::orgs::list::OrgsListPage/>
                    <Route path=path!("/orgs/new") view=pages::orgs::create::CreateOrgPage/>
                    <Route path=path!("/orgs/:slug") view=pages::orgs::overview::OrgPage/>
                    <Route path=path!("/orgs/:slug/members") view=pages::orgs::members::MembersPage/>
                    <Route path=path!("/orgs/:slug/billing") view=pages::orgs::billing::BillingPage/>
                    <Route path=path!("/sign-in") view=pages::sign_in::SignInPage/>
                    <Route path=path!("/console/workspaces") view=pages::tenant::workspaces::WorkspacesPage/>
                    <Route path=path!("/console/workspaces/:id") view=pages::tenant::workspace::WorkspacePage/>
                    <Route path=path!("/console/api-keys") view=pages::tenant::api_keys::ApiKeysPage/>
                    <Route path=path!("/console/secrets") view=pages::tenant::secrets::SecretsPage/>
                </Routes>
            </Shell>
        </Router>
    }
}
