//! Pages of an organization's own host (`<slug>.moleculesai.app`): workspaces, API keys and
//! org-wide secrets. They call the tenant server directly with the org routing headers.

pub mod api_keys;
pub mod plugins;
pub mod secrets;
pub mod templates;
pub mod workspace;
pub mod workspace_settings;
pub mod workspaces;
