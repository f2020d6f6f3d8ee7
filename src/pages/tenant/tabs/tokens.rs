//! `/console/workspaces/:id/tokens`: the workspace's tokens.

use crate::{layouts::workspace::use_workspace, pages::tenant::workspace_tokens::Tokens};
use leptos::prelude::*;

/// The tokens tab.
#[component]
pub fn WorkspaceTokensPage() -> impl IntoView {
    let ctx = use_workspace();
    move || {
        let id = ctx.id.get();
        view! { <Tokens id/> }
    }
}
