//! How an operation is named as a CLI command: its group comes from its tag, its verb from its
//! operationId with the group's own words taken out, and a short override table covers the
//! few where that reads badly. Also which operations are deliberately left out, and why.

/// Tag → command group words.
fn group_of_tag(tag: &str, path: &str) -> Option<&'static [&'static str]> {
    Some(match tag {
        "auth" => &["auth"],
        "orgs" => &["orgs"],
        "members" => &["members"],
        "invitations" => &["invitations"],
        "plans" => &["plans"],
        "billing" => &["billing"],
        "webhooks" => &["webhooks"],
        "provisioning" => &["provisioning"],
        "cp-templates" => &["catalog"],
        "admin-orgs" => &["admin", "orgs"],
        "admin-tenants" => &["admin", "tenants"],
        "admin-fleet" => &["admin", "fleet"],
        "admin-pins" if path.contains("thin-ami") => &["admin", "amis"],
        "admin-pins" => &["admin", "images"],
        "workspaces" => &["workspaces"],
        "llm-billing" => &["workspaces", "billing-mode"],
        "budget" => &["workspaces", "budget"],
        "secrets" => &["workspaces", "secrets"],
        "org-secrets" => &["secrets"],
        "org-tokens" => &["tokens"],
        "workspace-tokens" => &["workspaces", "tokens"],
        "plugins" => &["plugins"],
        "org-templates" => &["org-templates"],
        "workspace-templates" => &["templates"],
        "bundles" => &["bundles"],
        "runtime" => &["platform"],
        _ => return None,
    })
}

/// Verbs that derivation gets wrong or makes ambiguous.
const VERB_OVERRIDES: &[(&str, &str)] = &[
    ("admin_get_tenant_admin_token", "admin-token"),
    ("admin_mint_workspace_token", "mint-admin"),
    ("admin_set_workspace_env", "set-env"),
    ("admin_get_runtime_image_pins", "current"),
    ("admin_list_runtime_image_pins", "list"),
    ("admin_list_thin_ami_pins", "list"),
    ("create_checkout_session", "checkout"),
    ("create_portal_session", "portal"),
    ("create_topup", "topup"),
    ("put_auto_credits", "set-auto-credits"),
    ("update_workspace_budget", "set"),
    ("get_plugin_allowlist", "allowlist"),
    ("put_plugin_allowlist", "set-allowlist"),
    ("get_invitation_preview", "preview"),
];

/// Flags renamed where the wire name would read wrongly next to `--confirm`.
pub const FLAG_OVERRIDES: &[(&str, &str, &str)] = &[("delete_workspace", "confirm", "cascade")];

/// Flags every command has; a body field of the same name is set through `--body` only.
pub const RESERVED_FLAGS: &[&str] = &[
    "org", "json", "profile", "base-url", "body", "help", "version", "confirm",
];

/// Operations without a generated CLI command / MCP tool, with the reason.
pub fn absent(id: &str) -> (Option<&'static str>, Option<&'static str>) {
    const SIGN_IN_CLI: &str =
        "a step of the browser sign-in; `molecule login` performs the whole sign-in";
    const SIGN_IN_MCP: &str = "a step of the browser sign-in; the MCP server authenticates with an Org API key, the CP admin token or a session given to it";
    const M2M: &str = "machine to machine: the tenant calls it with the provision secret and its admin token; no person or agent does";
    const STRIPE: &str = "machine to machine: Stripe calls it with a signed event";
    match id {
        "auth_login" | "auth_signup" | "auth_callback" | "auth_handoff" => {
            (Some(SIGN_IN_CLI), Some(SIGN_IN_MCP))
        }
        "provision_workspace" | "deprovision_workspace" | "get_workspace_instance_status" => {
            (Some(M2M), Some(M2M))
        }
        "handle_stripe_webhook" => (Some(STRIPE), Some(STRIPE)),
        _ => (None, None),
    }
}

fn singular(w: &str) -> &str {
    w.strip_suffix('s').unwrap_or(w)
}

/// The command words of an operation.
pub fn command_words(
    id: &str,
    tag: &str,
    path: &str,
    method: &str,
    operator_only: bool,
) -> Result<Vec<String>, String> {
    let group = group_of_tag(tag, path).ok_or_else(|| format!("{id}: no group for tag {tag}"))?;
    let mut words: Vec<String> = group.iter().map(|w| w.to_string()).collect();
    if operator_only && words[0] != "admin" {
        words.insert(0, "admin".into());
    }
    if let Some((_, verb)) = VERB_OVERRIDES.iter().find(|(op, _)| *op == id) {
        words.push(verb.to_string());
        return Ok(words);
    }
    let mut noise: Vec<&str> = vec!["admin", "cp"];
    for w in group.iter().flat_map(|g| g.split('-')) {
        noise.push(w);
        noise.push(singular(w));
    }
    let extra: &[&str] = match group {
        ["secrets"] | ["tokens"] => &["org"],
        ["templates"] => &["workspace"],
        ["catalog"] => &["template", "templates"],
        ["admin", "amis"] => &["thin", "ami"],
        ["admin", "images"] => &["runtime", "image"],
        ["admin", "tenants"] => &["tenant"],
        [first, ..] if *first == "workspaces" => &["workspace", "llm"],
        _ => &[],
    };
    noise.extend_from_slice(extra);
    let mut verb: Vec<&str> = id.split('_').filter(|w| !noise.contains(w)).collect();
    if method == "get" && verb.len() > 1 && matches!(verb[0], "get" | "list") {
        verb.remove(0);
    }
    if verb.is_empty() {
        return Err(format!("{id}: derivation left no verb; add an override"));
    }
    words.push(verb.join("-"));
    Ok(words)
}

/// `snake_case` or `Header-Name` → `kebab-case`.
pub fn kebab(name: &str) -> String {
    name.to_ascii_lowercase().replace('_', "-")
}

/// Input-schema property name of a header parameter (`X-Confirm-Name` → `confirm_name`).
pub fn header_arg(name: &str) -> String {
    let n = name.strip_prefix("X-").unwrap_or(name);
    n.to_ascii_lowercase().replace('-', "_")
}
