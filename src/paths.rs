//! Every in-app URL is built here; components never format paths themselves.

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

/// Sign-in landing page (the AuthKit redirect starts from it).
pub fn sign_in() -> String {
    "/sign-in".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_path() {
        assert_eq!(orgs(), "/");
        assert_eq!(org_create(), "/orgs/new");
        assert_eq!(org("acme"), "/orgs/acme");
        assert_eq!(org("a b"), "/orgs/a%20b");
        assert_eq!(sign_in(), "/sign-in");
        assert_eq!(org_members("acme"), "/orgs/acme/members");
        assert_eq!(org_billing("acme"), "/orgs/acme/billing");
    }
}
