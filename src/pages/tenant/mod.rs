//! Pages of an organization's own host (`<slug>.moleculesai.app`): workspaces (and each
//! workspace's sections), templates, API keys and org-wide secrets. They call the tenant server
//! through the API handle (`api::use_api`), which adds this host's org routing headers.

pub mod api_keys;
pub mod approvals;
pub mod bundle_import;
pub mod event_rows;
pub mod events;
pub mod org_templates;
pub mod overview;
pub mod overview_credits;
pub mod overview_data;
pub mod overview_money;
pub mod plugins;
pub mod secret_row;
pub mod secrets;
pub mod tabs;
pub mod template_import;
pub mod templates;
pub mod workspace;
pub mod workspace_billing_mode;
pub mod workspace_budget;
pub mod workspace_bundle;
pub mod workspace_create;
pub mod workspace_list;
pub mod workspace_settings;
pub mod workspace_tokens;
pub mod workspaces;

/// The day of a server timestamp ("2026-05-01T10:00:00Z" -> "2026-05-01").
fn day(timestamp: &str) -> String {
    timestamp.get(..10).unwrap_or_default().to_string()
}

/// A server timestamp to the minute ("2026-11-30T10:05:09Z" -> "2026-11-30 10:05").
fn minute(ts: &str) -> String {
    ts.get(..16).unwrap_or(ts).replace('T', " ")
}

/// When a key or token was last used: its day, or "Never".
fn last_used(at: Option<&str>) -> String {
    at.map(day).unwrap_or_else(|| "Never".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_never() {
        assert_eq!(day("2026-05-01T10:00:00Z"), "2026-05-01");
        assert_eq!(day("short"), "");
        assert_eq!(last_used(None), "Never");
        assert_eq!(last_used(Some("2026-05-01T10:00:00Z")), "2026-05-01");
        assert_eq!(minute("2026-11-30T10:05:09Z"), "2026-11-30 10:05");
        assert_eq!(minute("short"), "short");
    }
}
