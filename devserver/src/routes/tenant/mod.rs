//! Tenant host (`<slug>.localhost`): the tenant API (one simulated workspace server per org;
//! every row is keyed by the org the host names) and its guard ([`guard`]).

pub mod access;
pub mod approvals;
pub mod bundles;
pub mod create;
pub mod external;
pub mod guard;
pub mod lifecycle;
pub mod misc;
pub mod org_templates;
pub mod plugins;
pub mod registry;
pub mod rules;
pub mod secrets;
pub mod templates;
pub mod tokens;
pub mod workspace_settings;
pub mod workspaces;

use crate::state::AppState;
use axum::Router;

/// Tenant API routes. The host dispatcher wraps the whole tenant host in
/// [`guard::tenant_guard`], so routes added here are guarded automatically.
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(workspaces::routes())
        .merge(lifecycle::routes())
        .merge(workspace_settings::routes())
        .merge(secrets::routes())
        .merge(tokens::routes())
        .merge(templates::routes())
        .merge(org_templates::routes())
        .merge(bundles::routes())
        .merge(plugins::routes())
        .merge(misc::routes())
        .merge(approvals::routes())
}
