//! Every in-app URL is built here; components never format paths themselves.

mod tabs;

pub use tabs::{WorkspaceTab, workspace_tab};

/// Organizations list (the home page).
pub fn orgs() -> String {
    "/".into()
}

/// Create-organization form.
pub fn org_create() -> String {
    "/orgs/new".into()
}

/// One organization's overview.
pub fn org(slug: &str) -> String {
    format!("/orgs/{}", molecule_sdk::encode_component(slug))
}

/// Members and invitations of an organization.
pub fn org_members(slug: &str) -> String {
    format!("{}/members", org(slug))
}

/// Billing of an organization.
pub fn org_billing(slug: &str) -> String {
    format!("{}/billing", org(slug))
}

/// Prefix of the pages of an organization's own host. The tenant server answers API routes at
/// its root (`/workspaces`, `/org/tokens`, ...), so console pages there live under a prefix that
/// no API route uses; a browser loading them gets the console, never an API answer.
pub const TENANT_PAGES: &str = "/console";

/// The overview of this tenant host's org (workspaces, spend, credits, members, events).
pub fn tenant_overview() -> String {
    TENANT_PAGES.into()
}

/// Workspaces of this tenant host.
pub fn workspaces() -> String {
    format!("{TENANT_PAGES}/workspaces")
}

/// One workspace of this tenant host.
pub fn workspace(id: &str) -> String {
    format!("{}/{}", workspaces(), molecule_sdk::encode_component(id))
}

/// Recent platform events of this tenant host's org.
pub fn events() -> String {
    format!("{TENANT_PAGES}/events")
}

/// Pending approvals of this tenant host's org.
pub fn approvals() -> String {
    format!("{TENANT_PAGES}/approvals")
}

/// Org API keys of this tenant host.
pub fn api_keys() -> String {
    format!("{TENANT_PAGES}/api-keys")
}

/// Org-wide secrets of this tenant host.
pub fn secrets() -> String {
    format!("{TENANT_PAGES}/secrets")
}

/// Organization and workspace templates of this tenant host.
pub fn templates() -> String {
    format!("{TENANT_PAGES}/templates")
}

/// Where "Open" takes a running organization: its workspaces, on its own host.
pub fn tenant_home(
    tenant_url: Option<&str>,
    endpoints: &molecule_sdk::Endpoints,
    slug: &str,
) -> String {
    let base = tenant_url
        .map(|u| u.trim_end_matches('/').to_string())
        .unwrap_or_else(|| endpoints.tenant_base(slug));
    format!("{base}{}", workspaces())
}

/// An organization's console, from any host: its own host's workspaces once it runs
/// (`tenant_url` if the platform gave one), otherwise its overview on the console's host.
pub fn org_console(
    org: &molecule_sdk::types::Organization,
    endpoints: &molecule_sdk::Endpoints,
) -> String {
    if org.status == molecule_sdk::types::OrgStatus::Running {
        tenant_home(org.tenant_url.as_deref(), endpoints, &org.slug)
    } else {
        format!("{}{}", endpoints.auth_origin(), self::org(&org.slug))
    }
}

/// The operator area: all organizations.
pub fn operator() -> String {
    "/operator".into()
}

/// The operator's view of one tenant.
pub fn operator_tenant(slug: &str) -> String {
    format!("/operator/tenants/{}", molecule_sdk::encode_component(slug))
}

/// Operators create an organization for someone.
pub fn operator_org_create() -> String {
    "/operator/orgs/new".into()
}

/// Fleet-wide tenant redeploy.
pub fn operator_fleet() -> String {
    "/operator/fleet".into()
}

/// Runtime image pins.
pub fn operator_images() -> String {
    "/operator/images".into()
}

/// Thin AMI pins.
pub fn operator_amis() -> String {
    "/operator/amis".into()
}

/// The platform's template catalog.
pub fn operator_catalog() -> String {
    "/operator/catalog".into()
}

/// Path prefixes the platform's server answers on the console's own origin (AuthKit, Stripe
/// pages, invoices, the `/cp` API mirror). A link to one of these must leave the single-page
/// app: the router would otherwise look for a console page there and show "Page not found".
pub const SERVER_PAGES: &[&str] = &["/cp/", "/authkit/", "/checkout/", "/portal/", "/invoices/"];

/// Whether the path (or same-origin URL) is answered by the server, not by a console page.
pub fn is_server_page(href: &str) -> bool {
    let path = match href.find("://") {
        Some(i) => href[i + 3..].find('/').map_or("/", |j| &href[i + 3 + j..]),
        None => href,
    };
    SERVER_PAGES.iter().any(|p| path.starts_with(p))
}

/// The page an invitation's accept link opens (on the auth host).
pub fn invitation(token: &str) -> String {
    format!("/invitations/{}", molecule_sdk::encode_component(token))
}

/// Console pages a signed-out visitor uses as they are (never sent to sign-in).
pub const PUBLIC_PAGES: &[&str] = &["/sign-in", "/invitations/"];

/// Whether `path` is one of [`PUBLIC_PAGES`].
pub fn is_public_page(path: &str) -> bool {
    PUBLIC_PAGES.iter().any(|p| path.starts_with(p))
}

/// Sign-in landing page (the AuthKit redirect starts from it).
pub fn sign_in() -> String {
    "/sign-in".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_pages() {
        assert!(is_public_page("/sign-in"));
        assert!(is_public_page(&invitation("demo-invite-pending-0001")));
        assert!(!is_public_page("/orgs/acme"));
        assert!(!is_public_page("/"));
    }

    #[test]
    fn every_path() {
        assert_eq!(orgs(), "/");
        assert_eq!(org_create(), "/orgs/new");
        assert_eq!(org("acme"), "/orgs/acme");
        assert_eq!(org("a b"), "/orgs/a%20b");
        assert_eq!(sign_in(), "/sign-in");
        assert_eq!(org_members("acme"), "/orgs/acme/members");
        assert_eq!(workspaces(), "/console/workspaces");
        assert_eq!(api_keys(), "/console/api-keys");
        assert_eq!(workspace("w-1"), "/console/workspaces/w-1");
        assert_eq!(secrets(), "/console/secrets");
        assert_eq!(templates(), "/console/templates");
        let local = molecule_sdk::Endpoints::local(8080);
        assert_eq!(
            tenant_home(None, &local, "acme"),
            "http://acme.localhost:8080/console/workspaces"
        );
        assert_eq!(
            tenant_home(Some("https://acme.moleculesai.app/"), &local, "acme"),
            "https://acme.moleculesai.app/console/workspaces"
        );
        assert_eq!(org_billing("acme"), "/orgs/acme/billing");
        assert_eq!(
            workspace_tab("w-1", WorkspaceTab::Overview),
            "/console/workspaces/w-1"
        );
        assert_eq!(
            workspace_tab("w-1", WorkspaceTab::Budget),
            "/console/workspaces/w-1/budget"
        );
        assert_eq!(
            workspace_tab("a b", WorkspaceTab::Plugins),
            "/console/workspaces/a%20b/plugins"
        );
        assert_eq!(operator_tenant("acme"), "/operator/tenants/acme");
        assert_eq!(operator(), "/operator");
        assert!(is_server_page("/invoices/in_1"));
        assert!(is_server_page(
            "http://app.localhost:8080/cp/auth/login?return_to=x"
        ));
        assert!(!is_server_page("/orgs/acme"));
        assert!(!is_server_page(
            "http://app.localhost:8080/console/workspaces"
        ));
    }
}
