//! What the command palette offers and how a query picks from it: the console's pages for this
//! host, the organizations the person belongs to and, on an organization's own host, its
//! workspaces by name. Plain data and functions, so the matching is unit-tested.

use crate::paths;
use molecule_sdk::{
    Endpoints,
    types::{Organization, Workspace},
};

/// Where an entry goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A page of this host's console (the router moves there).
    Page(String),
    /// Another host (a full page load: another organization's console).
    Away(String),
    /// The keyboard-shortcuts help.
    Shortcuts,
}

/// One choice in the palette.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub label: String,
    /// What kind of place it is ("Page", "Organization", "Workspace", "Help").
    pub group: &'static str,
    pub target: Target,
}

fn page(label: &str, path: String) -> Entry {
    Entry {
        label: label.into(),
        group: "Page",
        target: Target::Page(path),
    }
}

/// The console's pages on this host: an organization's own pages on its host (`host_slug`),
/// otherwise the console host's, with the operator area's; and the shortcuts help.
pub fn pages(host_slug: Option<&str>) -> Vec<Entry> {
    let mut out = vec![page("Organizations", paths::orgs())];
    match host_slug {
        Some(slug) => out.extend([
            page("Overview", paths::tenant_overview()),
            page("Workspaces", paths::workspaces()),
            page("Approvals", paths::approvals()),
            page("Events", paths::events()),
            page("API keys", paths::api_keys()),
            page("Secrets", paths::secrets()),
            page("Templates", paths::templates()),
            page("Organization overview", paths::org(slug)),
            page("Members", paths::org_members(slug)),
            page("Billing", paths::org_billing(slug)),
        ]),
        None => out.extend([
            page("New organization", paths::org_create()),
            page("Operator: all organizations", paths::operator()),
            page("Operator: new organization", paths::operator_org_create()),
            page("Operator: fleet rollout", paths::operator_fleet()),
            page("Operator: runtime images", paths::operator_images()),
            page("Operator: thin AMIs", paths::operator_amis()),
            page("Operator: template catalog", paths::operator_catalog()),
        ]),
    }
    out.push(Entry {
        label: "Keyboard shortcuts".into(),
        group: "Help",
        target: Target::Shortcuts,
    });
    out
}

/// The person's organizations: on the console host each one's overview; on an organization's
/// host the others' consoles (their own hosts) and this one's workspaces.
pub fn orgs(list: &[Organization], host_slug: Option<&str>, endpoints: &Endpoints) -> Vec<Entry> {
    list.iter()
        .map(|o| Entry {
            label: format!("{} ({})", o.name.as_str(), o.slug),
            group: "Organization",
            target: match host_slug {
                None => Target::Page(paths::org(&o.slug)),
                Some(here) if here == o.slug => Target::Page(paths::workspaces()),
                Some(_) => Target::Away(paths::org_console(o, endpoints)),
            },
        })
        .collect()
}

/// This host's workspaces, by name.
pub fn workspaces(list: &[Workspace]) -> Vec<Entry> {
    list.iter()
        .map(|w| Entry {
            label: w.name.to_string(),
            group: "Workspace",
            target: Target::Page(paths::workspace(&w.id.to_string())),
        })
        .collect()
}

/// How well `query` matches `text`, lower is better; `None` when some word of the query is not
/// in it. Case does not matter. 0: the text starts with the query; 1: a word of the text starts
/// with the query's first word; 2: the words are in it somewhere.
pub fn score(query: &str, text: &str) -> Option<u8> {
    let (q, t) = (query.trim().to_lowercase(), text.to_lowercase());
    if !q.split_whitespace().all(|w| t.contains(w)) {
        return None;
    }
    let first = q.split_whitespace().next().unwrap_or_default();
    Some(if t.starts_with(&q) {
        0
    } else if t
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w.starts_with(first))
    {
        1
    } else {
        2
    })
}

/// The entries that match `query`, best first (ties keep their order); all of them, in order,
/// for an empty query. At most `limit`.
pub fn matching(entries: &[Entry], query: &str, limit: usize) -> Vec<Entry> {
    let mut found: Vec<(u8, usize, &Entry)> = entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let own = score(query, &e.label);
            let with_group = score(query, &format!("{} {}", e.label, e.group)).map(|s| s.max(2));
            own.or(with_group).map(|s| (s, i, e))
        })
        .collect();
    found.sort_by_key(|(s, i, _)| (*s, *i));
    found
        .into_iter()
        .take(limit)
        .map(|(_, _, e)| e.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(entries: &[Entry]) -> Vec<&str> {
        entries.iter().map(|e| e.label.as_str()).collect()
    }

    #[test]
    fn scores() {
        assert_eq!(score("work", "Workspaces"), Some(0));
        assert_eq!(score("keys", "API keys"), Some(1));
        assert_eq!(score("ys", "API keys"), Some(2));
        assert_eq!(score("api secret", "API keys"), None);
        assert_eq!(score("  ", "Anything"), Some(0));
        assert_eq!(score("RESEARCH", "Research lead"), Some(0));
    }

    #[test]
    fn pages_per_host() {
        let tenant = pages(Some("acme"));
        assert!(
            tenant
                .iter()
                .any(|e| e.target == Target::Page("/console/api-keys".into()))
        );
        assert!(
            tenant
                .iter()
                .any(|e| e.target == Target::Page("/orgs/acme/billing".into()))
        );
        assert!(!tenant.iter().any(|e| e.label.starts_with("Operator")));
        let app = pages(None);
        assert!(
            app.iter()
                .any(|e| e.target == Target::Page("/operator/fleet".into()))
        );
        assert!(!app.iter().any(|e| e.label == "Workspaces"));
        for list in [&tenant, &app] {
            assert_eq!(list.last().unwrap().target, Target::Shortcuts);
        }
    }

    #[test]
    fn best_matches_first_and_all_for_nothing_typed() {
        let entries = pages(Some("acme"));
        assert_eq!(matching(&entries, "", 100), entries);
        assert_eq!(
            labels(&matching(&entries, "", 3)),
            ["Organizations", "Overview", "Workspaces"]
        );
        // The label's start, then a word's start, then anywhere; ties in the list's order.
        assert_eq!(
            labels(&matching(&entries, "s", 100)),
            [
                "Secrets",
                "Keyboard shortcuts",
                "Organizations",
                "Workspaces",
                "Approvals",
                "Events",
                "API keys",
                "Templates",
                "Members"
            ]
        );
        assert_eq!(
            labels(&matching(&entries, "keyboard", 100)),
            ["Keyboard shortcuts"]
        );
        // The group counts too, after the label's own matches.
        assert_eq!(
            labels(&matching(&entries, "help", 100)),
            ["Keyboard shortcuts"]
        );
        assert!(matching(&entries, "zzz", 100).is_empty());
    }
}
