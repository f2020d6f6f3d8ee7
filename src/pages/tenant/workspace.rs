//! One workspace, each section loading and failing on its own: its summary (name, status,
//! runtime, tier, tasks), settings (`workspace_settings`), the plugin allowlist when it is an
//! org root (`plugins`), budget (`workspace_budget`), who pays for its model calls
//! (`workspace_billing_mode`), its own secrets (`secrets`), its bundle (`workspace_bundle`) and
//! its tokens (`workspace_tokens`).
//! Calls `GET /workspaces/{id}` here; each section makes its own calls.

use crate::{
    api::use_api,
    components::{Loaded, Title},
    pages::tenant::{
        plugins::PluginAllowlistSection,
        secrets::{SecretScope, Secrets},
        workspace_billing_mode::BillingMode,
        workspace_budget::BudgetEditor,
        workspace_bundle::BundleExport,
        workspace_settings::WorkspaceSettings,
        workspace_tokens::Tokens,
        workspaces::status_badge,
    },
    paths,
};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_params_map};
use molecule_sdk::{calls, types::Workspace};

/// The workspace page.
#[component]
pub fn WorkspacePage() -> impl IntoView {
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id")).unwrap_or_default();
    let api = use_api();
    let i = id.clone();
    let ws = crate::reactive::resource(move || api.send(calls::get_workspace(&i)));
    // An org root workspace carries the plugin allowlist of its tree.
    let root = Memo::new(move |_| {
        ws.get()
            .and_then(Result::ok)
            .filter(|w| w.parent_id.is_none())
            .map(|w| w.id.to_string())
    });
    view! {
        <Title text="Workspace · Molecule Console"/>
        <section class="page">
            <nav class="breadcrumbs" aria-label="Breadcrumb">
                <ol>
                    <li><A href=paths::workspaces()>"Workspaces"</A></li>
                    <li aria-current="page">"Workspace"</li>
                </ol>
            </nav>
            <Loaded res=ws what="Workspace" let:w>
                <Summary w/>
            </Loaded>
            <WorkspaceSettings workspace=ws/>
            {move || root.get().map(|root_id| view! { <PluginAllowlistSection root_id/> })}
            <BudgetEditor id=id.clone()/>
            <BillingMode id=id.clone()/>
            <section class="section" aria-labelledby="ws-secrets-title">
                <h2 id="ws-secrets-title">"Workspace secrets"</h2>
                <p class="field__hint">"Only this workspace receives them, as environment variables; a workspace secret wins over an org-wide one of the same name. Saving or deleting one restarts the workspace."</p>
                <Secrets scope=SecretScope::Workspace(id.clone())/>
            </section>
            <BundleExport id=id.clone()/>
            <Tokens id/>
        </section>
    }
}

/// The workspace's name, status and facts.
#[component]
fn Summary(w: Workspace) -> impl IntoView {
    let (label, class) = status_badge(&w.status);
    view! {
        <div class="page-header">
            <h1>{w.name.to_string()}</h1>
            <span class=format!("badge {class}")>{label}</span>
        </div>
        <dl class="facts">
            <dt>"Runtime"</dt><dd class="mono">{w.runtime.clone()}</dd>
            <dt>"Tier"</dt><dd>{w.tier}</dd>
            <dt>"Active tasks"</dt><dd>{w.active_tasks}</dd>
        </dl>
    }
}
