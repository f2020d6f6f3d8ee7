//! `/console/workspaces/:id/bundle`: download the workspace as a bundle.

use crate::{layouts::workspace::use_workspace, pages::tenant::workspace_bundle::BundleExport};
use leptos::prelude::*;

/// The bundle tab.
#[component]
pub fn WorkspaceBundlePage() -> impl IntoView {
    let ctx = use_workspace();
    move || {
        let id = ctx.id.get();
        view! { <BundleExport id/> }
    }
}
