//! `/console/workspaces/:id/plugins`: the plugin allowlist of an org root workspace. The tab is
//! only offered for a root; opened by its address for any other workspace, it says where the
//! allowlist lives instead.

use crate::router::A;
use crate::{
    layouts::workspace::use_workspace,
    pages::tenant::plugins::PluginAllowlistSection,
    paths::{self, WorkspaceTab},
};
use leptos::prelude::*;

/// The plugins tab.
#[component]
pub fn WorkspacePluginsPage() -> impl IntoView {
    let ctx = use_workspace();
    let ws = ctx.ws;
    // Only the root's id and its parent matter here: a rename does not redraw the section.
    let place = Memo::new(move |_| {
        ws.get()
            .and_then(Result::ok)
            .map(|w| (w.id.to_string(), w.parent_id.map(|p| p.to_string())))
    });
    move || {
        match place.get() {
        Some((root_id, None)) => view! { <PluginAllowlistSection root_id/> }.into_any(),
        Some((_, Some(parent))) => view! {
            <section class="section">
                <h2>"Plugin allowlist"</h2>
                <p class="section__intro">
                    "Only an organization's root workspace has a plugin allowlist; this workspace "
                    "follows the one of its tree. "
                    <A href=paths::workspace_tab(&parent, WorkspaceTab::Overview)>"Open its parent workspace"</A>
                </p>
            </section>
        }
        .into_any(),
        // Loading, or failed: the layout's header says so.
        None => ().into_any(),
    }
    }
}
