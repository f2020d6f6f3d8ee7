//! `/console/workspaces/:id/*`: one workspace. Loads it once for its tabs (overview, settings,
//! budget, secrets, tokens, plugins for an org root, bundle), draws the breadcrumbs, its name
//! and status, the tabs, and the document title of the tab shown.
//! Calls `GET /workspaces/{id}`.

use crate::router::{A, Outlet, use_location, use_params_map};
use crate::{
    api::use_api,
    components::{Breadcrumbs, Crumb, Empty, Loaded, PageHeader, Tab, Tabs, Title},
    pages::tenant::workspaces::status_badge,
    paths::{self, WorkspaceTab},
    reactive::Res,
};
use leptos::prelude::*;
use molecule_sdk::{ApiError, calls, types::Workspace};

/// What a workspace's tabs share.
#[derive(Clone, Copy)]
pub struct WorkspaceCtx {
    /// The workspace id in the address.
    pub id: Memo<String>,
    /// The workspace; `refetch` after a change.
    pub ws: Res<Result<Workspace, ApiError>>,
}

impl WorkspaceCtx {
    /// Whether it is an org root (it carries the plugin allowlist of its tree); `None` while
    /// it loads or when it failed.
    pub fn is_root(self) -> Signal<Option<bool>> {
        let ws = self.ws;
        Signal::derive(move || ws.get().and_then(Result::ok).map(|w| w.parent_id.is_none()))
    }

    /// The workspace's name, or "Workspace" until it has loaded.
    pub fn name(self) -> Signal<String> {
        let ws = self.ws;
        Signal::derive(move || {
            ws.get()
                .and_then(Result::ok)
                .map(|w| w.name.to_string())
                .unwrap_or_else(|| "Workspace".into())
        })
    }
}

/// The workspace context of the current tab.
pub fn use_workspace() -> WorkspaceCtx {
    expect_context::<WorkspaceCtx>()
}

/// The layout of a workspace's tabs.
#[component]
pub fn WorkspaceLayout() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id")).unwrap_or_default());
    let api = use_api();
    let ws = crate::reactive::resource(move || api.send(calls::get_workspace(&id.get())));
    let ctx = WorkspaceCtx { id, ws };
    provide_context(ctx);
    let location = use_location();
    let tab = Memo::new(move |_| WorkspaceTab::of_path(&location.pathname.get()));
    let name = ctx.name();
    // This host's org, once loaded: the trail starts at it, and a viewer's note names it.
    let tenant = api.tenant();
    let host = Signal::derive(move || tenant.and_then(|t| t.get()).and_then(|t| t.ok()));
    let title = Signal::derive(move || {
        format!("{} · {} · Molecule Console", tab.get().label(), name.get())
    });
    view! {
        <Title text=title/>
        <section class="page">
            <Breadcrumbs>
                // From the organization, as on the host's other pages.
                {move || host.get().map(|t| view! {
                    <Crumb href=paths::org(&t.slug)>{t.org.name.to_string()}</Crumb>
                })}
                <Crumb href=paths::workspaces()>"Workspaces"</Crumb>
                <Crumb href=move || paths::workspace(&id.get())>{name}</Crumb>
                <Crumb>{move || tab.get().label()}</Crumb>
            </Breadcrumbs>
            {move || host.get().map(|t| view! {
                <super::tenant::ViewerNote t/>
            })}
            // A removed or unknown workspace (an old link, an event's) says so, with a way back.
            <Show when=move || !matches!(ws.get(), Some(Err(e)) if e.is_not_found()) fallback=Gone>
                <Loaded res=ws what="Workspace" let:w>
                    <Header w/>
                </Loaded>
                <WorkspaceTabs ctx/>
                <Outlet/>
            </Show>
        </section>
    }
}

/// The page of a workspace that is gone (410) or was never here (404).
#[component]
fn Gone() -> impl IntoView {
    view! {
        <Empty title="This workspace is not here" page=true
            message="It was removed, or the address is wrong. Its events stay in the organization's event list.">
            <A href=paths::workspaces() attr:class="btn btn--primary">"All workspaces"</A>
        </Empty>
    }
}

/// The workspace's name and status, above every tab.
#[component]
fn Header(w: Workspace) -> impl IntoView {
    let (label, class) = status_badge(&w.status);
    view! {
        // The document title names the tab too; the layout sets it above.
        <PageHeader title=w.name.to_string() no_doc_title=true>
            <span class=format!("badge {class}")>{label}</span>
        </PageHeader>
    }
}

/// The tab bar: one link per tab, the current one marked (`exact`: the overview's address is a
/// prefix of the others); Plugins only once the workspace is known to be an org root.
#[component]
fn WorkspaceTabs(ctx: WorkspaceCtx) -> impl IntoView {
    let root = ctx.is_root();
    let id = ctx.id;
    view! {
        <Tabs label="Workspace sections">
            {WorkspaceTab::ALL
                .into_iter()
                .map(|tab| {
                    let shown = move || tab != WorkspaceTab::Plugins || root.get() == Some(true);
                    view! {
                        <Show when=shown>
                            <Tab href=move || paths::workspace_tab(&id.get(), tab)>{tab.label()}</Tab>
                        </Show>
                    }
                })
                .collect_view()}
        </Tabs>
    }
}
