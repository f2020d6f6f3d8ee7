//! Providers and the route table.

use crate::layouts::org_popup::{DrawnPopup, Popup, PopupLoader, popup_view};
use crate::router::{Route, RouteTable, RouteView, Router, Routes};
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
        <Router routes=&ROUTES routing>
            <LazyToastHost/>
            <LazyConfirmHost/>
            <LazyPaletteHost/>
            <Prefetch/>
            <Shell>
                <Routes/>
            </Shell>
        </Router>
    }
}

/// A page of an area, drawn by the area's code.
const fn lazy(path: &'static str, page: Page) -> Route {
    Route {
        path,
        view: RouteView::Lazy(page),
        children: &[],
    }
}

/// A layout of an area and the pages under it.
const fn layout(path: &'static str, page: Page, children: &'static [Route]) -> Route {
    Route {
        path,
        view: RouteView::Lazy(page),
        children,
    }
}

/// Every address of the console. Only the organizations list and sign-in are drawn by the
/// main module; the rest belongs to areas (`pages::Area`) loaded on the way.
static ROUTES: RouteTable = RouteTable {
    routes: &[
        Route {
            path: "",
            view: RouteView::Eager(|| pages::orgs::list::OrgsListPage().into_any()),
            children: &[],
        },
        Route {
            path: "sign-in",
            view: RouteView::Eager(|| pages::sign_in::SignInPage().into_any()),
            children: &[],
        },
        lazy("invitations/:token", Page::Invitation),
        lazy("orgs/new", Page::OrgCreate),
        layout(
            "orgs/:slug",
            Page::OrgLayout,
            &[
                lazy("", Page::Org),
                lazy("members", Page::Members),
                lazy("billing", Page::Billing),
            ],
        ),
        layout(
            "operator",
            Page::OperatorLayout,
            &[
                lazy("", Page::OperatorOrgs),
                lazy("tenants/:slug", Page::OperatorTenant),
                lazy("orgs/new", Page::OperatorCreateOrg),
                lazy("fleet", Page::OperatorFleet),
                lazy("images", Page::OperatorImages),
                lazy("amis", Page::OperatorAmis),
                lazy("catalog", Page::OperatorCatalog),
            ],
        ),
        layout(
            "console",
            Page::TenantLayout,
            &[
                lazy("", Page::TenantOverview),
                lazy("workspaces", Page::Workspaces),
                layout(
                    "workspaces/:id",
                    Page::WorkspaceLayout,
                    &[
                        lazy("", Page::Workspace),
                        lazy("settings", Page::WorkspaceSettings),
                        lazy("budget", Page::WorkspaceBudget),
                        lazy("secrets", Page::WorkspaceSecrets),
                        lazy("tokens", Page::WorkspaceTokens),
                        lazy("plugins", Page::WorkspacePlugins),
                        lazy("bundle", Page::WorkspaceBundle),
                    ],
                ),
                lazy("approvals", Page::Approvals),
                lazy("events", Page::Events),
                lazy("api-keys", Page::ApiKeys),
                lazy("secrets", Page::Secrets),
                lazy("templates", Page::Templates),
            ],
        ),
    ],
    load: |p| {
        Box::pin(async move {
            // A failure shows when the page is drawn, which tries again and says so.
            let _ = p.area().fetch().await;
        })
    },
    draw: pages::draw,
    fallback: || pages::not_found::NotFoundPage().into_any(),
};
