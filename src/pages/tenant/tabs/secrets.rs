//! `/console/workspaces/:id/secrets`: the workspace's own secrets.

use crate::{
    layouts::workspace::use_workspace,
    pages::tenant::secrets::{SecretScope, Secrets},
};
use leptos::prelude::*;

/// The secrets tab.
#[component]
pub fn WorkspaceSecretsPage() -> impl IntoView {
    let ctx = use_workspace();
    move || {
        let id = ctx.id.get();
        view! {
            <section class="section" aria-labelledby="ws-secrets-title">
                <h2 id="ws-secrets-title">"Workspace secrets"</h2>
                <p class="section__intro">"Only this workspace receives them, as environment variables; a workspace secret wins over an org-wide one of the same name. Saving or deleting one restarts the workspace."</p>
                <Secrets scope=SecretScope::Workspace(id)/>
            </section>
        }
    }
}
