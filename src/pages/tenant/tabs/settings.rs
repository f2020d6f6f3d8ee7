//! `/console/workspaces/:id/settings`: name, description and hibernation.

use crate::{
    layouts::workspace::use_workspace, pages::tenant::workspace_settings::WorkspaceSettings,
};
use leptos::prelude::*;

/// The settings tab. It edits the workspace the layout loaded (and reloads it after a change,
/// so the header shows the new name).
#[component]
pub fn WorkspaceSettingsPage() -> impl IntoView {
    let ctx = use_workspace();
    view! { <WorkspaceSettings workspace=ctx.ws/> }
}
