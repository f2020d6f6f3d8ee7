//! What the operator's tenant acts answered, in words: pure functions, unit-tested.

use molecule_sdk::types::{RedeployResult, TenantDiagnostics, TenantTeardownResult};

/// The control plane's diagnostics, layer by layer: (fine?, what it says).
pub fn diagnostic_lines(d: &TenantDiagnostics) -> Vec<(bool, String)> {
    let db = &d.db;
    let status = |s: &Option<String>| match s.as_deref() {
        None | Some("") => String::new(),
        Some(s) => format!(" ({s})"),
    };
    let mut lines = vec![
        (
            db.org_present,
            format!(
                "Organization record {}{}",
                if db.org_present { "present" } else { "missing" },
                status(&db.org_status)
            ),
        ),
        (
            db.instance_present,
            format!(
                "Instance record {}{}",
                if db.instance_present {
                    "present"
                } else {
                    "missing"
                },
                status(&db.instance_status)
            ),
        ),
    ];
    if let Some(dns) = &d.dns {
        let name = dns.fqdn.clone().unwrap_or_default();
        let kind = dns.type_.clone().unwrap_or_else(|| "DNS".into());
        let state = if dns.present { "present" } else { "missing" };
        lines.push((
            dns.present,
            format!("{kind} record {name} {state}").replace("  ", " "),
        ));
    }
    if let Some(t) = &d.tunnel {
        let text = if t.present {
            format!(
                "Tunnel up with {} connection(s)",
                t.connections.unwrap_or(0)
            )
        } else {
            "Tunnel missing".to_string()
        };
        lines.push((t.present, text));
    }
    lines
}

/// "the current release" for an empty tag, else the tag.
pub fn release_name(tag: &str) -> String {
    if tag.is_empty() {
        "the current release".into()
    } else {
        tag.to_string()
    }
}

/// A redeploy answer in words. Every field of it is optional (the platform documents an open
/// object): a 200 without `ok: false` is a success.
pub fn redeploy_outcome(slug: &str, dry_run: bool, asked: &str, r: &RedeployResult) -> String {
    let target = r.target_tag.clone().unwrap_or_else(|| release_name(asked));
    match (dry_run, r.ok != Some(false)) {
        (true, true) => format!("Dry run: {slug} can be redeployed to {target}."),
        (true, false) => format!("Dry run: {slug} cannot be redeployed to {target}."),
        (false, true) => format!("{slug} redeployed to {target}."),
        (false, false) => format!("The redeploy of {slug} to {target} failed."),
    }
}

/// A teardown receipt in words: done, or queued behind another lifecycle operation.
pub fn teardown_outcome(slug: &str, r: &TenantTeardownResult) -> String {
    if r.deleted {
        format!("Tenant {slug} was torn down (purge {}).", r.purge_id)
    } else {
        format!(
            "The teardown of {slug} is queued behind another operation on it and runs when that finishes (purge {}).",
            r.purge_id
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn receipt(body: serde_json::Value) -> TenantTeardownResult {
        serde_json::from_value(body).expect("a real purge receipt decodes")
    }

    #[test]
    fn a_teardown_receipt_says_done_or_queued() {
        let done = receipt(serde_json::json!({"deleted": true, "slug": "acme",
            "org_id": "2b0c7f8e-6a8f-4f5e-9d43-0f3c3f1c2a10",
            "purge_id": "5f1d7c2e-8a4b-4c3d-9e6f-1a2b3c4d5e6f"}));
        assert_eq!(
            teardown_outcome("acme", &done),
            "Tenant acme was torn down (purge 5f1d7c2e-8a4b-4c3d-9e6f-1a2b3c4d5e6f)."
        );
        let queued = receipt(serde_json::json!({"deleted": false, "slug": "acme",
            "org_id": "2b0c7f8e-6a8f-4f5e-9d43-0f3c3f1c2a10",
            "purge_id": "5f1d7c2e-8a4b-4c3d-9e6f-1a2b3c4d5e6f",
            "message": "organization has an active lifecycle operation"}));
        assert!(teardown_outcome("acme", &queued).contains("is queued behind another operation"));
    }

    #[test]
    fn a_redeploy_answer_without_fields_is_a_success() {
        let empty: RedeployResult = serde_json::from_str("{}").unwrap();
        assert_eq!(
            redeploy_outcome("acme", false, "", &empty),
            "acme redeployed to the current release."
        );
        let refused: RedeployResult = serde_json::from_str(r#"{"ok":false}"#).unwrap();
        assert_eq!(
            redeploy_outcome("acme", true, "v2", &refused),
            "Dry run: acme cannot be redeployed to v2."
        );
    }

    #[test]
    fn diagnostics_read_layer_by_layer() {
        // A tenant stuck mid-provision, as the control plane reported one.
        let d: TenantDiagnostics = serde_json::from_value(serde_json::json!({
            "slug": "stuck", "db": {"org_present": true, "org_status": "provisioning",
            "instance_present": false, "instance_status": ""},
            "last_error": "provision: check constraint"}))
        .unwrap();
        assert_eq!(
            diagnostic_lines(&d),
            vec![
                (
                    true,
                    "Organization record present (provisioning)".to_string()
                ),
                (false, "Instance record missing".to_string()),
            ]
        );
    }
}
