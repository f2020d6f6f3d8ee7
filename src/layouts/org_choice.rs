//! What the organization switcher ([`super::org_switcher`]) lists and where it goes: plain
//! functions, unit-tested.

use crate::{format::grouped, paths};
use molecule_sdk::types::Organization;

/// `path` (a page of organization `from`) for organization `to`: the same section of it.
pub fn same_page(path: &str, from: &str, to: &str) -> String {
    let rest = path
        .strip_prefix(&paths::org(from))
        .filter(|r| r.is_empty() || r.starts_with('/'))
        .unwrap_or_default();
    format!("{}{rest}", paths::org(to))
}

/// The organizations whose name or slug contains `query` (any case), at most `max`, and how
/// many matched in all.
pub fn matching(orgs: &[Organization], query: &str, max: usize) -> (Vec<Organization>, usize) {
    let q = query.trim().to_lowercase();
    let hits: Vec<&Organization> = orgs
        .iter()
        .filter(|o| {
            q.is_empty() || o.name.to_lowercase().contains(&q) || o.slug.to_lowercase().contains(&q)
        })
        .collect();
    let total = hits.len();
    (hits.into_iter().take(max).cloned().collect(), total)
}

/// The popup's status line.
pub fn counted(shown: usize, total: usize) -> String {
    match (shown, total) {
        (0, _) => "No organization matches.".into(),
        (1, 1) => "1 organization.".into(),
        (s, t) if s < t => format!("Showing {s} of {}; type to narrow.", grouped(t as i64)),
        (_, t) => format!("{t} organizations."),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// An organization with this slug and name (a fixture for the console's unit tests).
    pub(crate) fn org(slug: &str, name: &str) -> Organization {
        serde_json::from_value(serde_json::json!({
            "id": "0b7e4a1c-0000-4000-8000-000000000001", "slug": slug, "name": name,
            "plan": "free", "status": "running",
            "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"
        }))
        .unwrap()
    }

    #[test]
    fn typing_narrows_by_name_or_slug_and_counts_every_match() {
        let orgs = vec![
            org("acme", "Acme Robotics"),
            org("hopper-lab", "Hopper Lab"),
            org("acme-2", "Beta"),
        ];
        let (shown, total) = matching(&orgs, " ACME ", 50);
        assert_eq!((shown.len(), total), (2, 2));
        assert_eq!(shown[1].name.to_string(), "Beta");
        assert_eq!(matching(&orgs, "lab", 50).1, 1);
        assert_eq!(matching(&orgs, "", 2), (orgs[..2].to_vec(), 3));
        assert_eq!(counted(2, 3), "Showing 2 of 3; type to narrow.");
        assert_eq!(counted(0, 0), "No organization matches.");
        assert_eq!(counted(1, 1), "1 organization.");
        assert_eq!(counted(50, 1_003), "Showing 50 of 1,003; type to narrow.");
    }

    #[test]
    fn another_organization_opens_on_the_same_section() {
        assert_eq!(
            same_page("/orgs/acme/members", "acme", "hopper-lab"),
            "/orgs/hopper-lab/members"
        );
        assert_eq!(same_page("/orgs/acme", "acme", "b"), "/orgs/b");
        assert_eq!(same_page("/elsewhere", "acme", "b"), "/orgs/b");
        assert_eq!(same_page("/orgs/acme-2/billing", "acme", "b"), "/orgs/b");
    }
}
