//! Pages of an organization's own host (`<slug>.moleculesai.app`): workspaces, API keys and
//! org-wide secrets. They call the tenant server directly with the org routing headers.

pub mod api_keys;
pub mod plugins;
pub mod secrets;
pub mod templates;
pub mod workspace;
pub mod workspace_settings;
pub mod workspaces;

use crate::paths;
use leptos::prelude::*;
use leptos_router::components::A;

/// Shown when a tenant page is opened on a host that is not an organization's.
#[component]
pub fn NotOnTenant() -> impl IntoView {
    view! {
        <div class="empty">
            <h2>"Open an organization first"</h2>
            <p class="muted">"Workspaces, API keys and secrets live on each organization's own address."</p>
            <A href=paths::orgs() attr:class="btn btn--primary">"Choose an organization"</A>
        </div>
    }
}
