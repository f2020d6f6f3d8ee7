//! What the command palette offers and how a query picks from it: the console's pages for this
//! host, the organizations the person belongs to and, on an organization's own host, its
//! workspaces by name. Plain data and functions, so the matching is unit-tested.

use crate::paths::{self, WorkspaceTab};
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

/// The person's organizations: on the console host each one's overview, members and billing;
/// on an organization's host the others' consoles (their own hosts) and this one's workspaces.
pub fn orgs(list: &[Organization], host_slug: Option<&str>, endpoints: &Endpoints) -> Vec<Entry> {
    let mut out = Vec::new();
    for o in list {
        let label = format!("{} ({})", o.name.as_str(), o.slug);
        let target = match host_slug {
            None => Target::Page(paths::org(&o.slug)),
            Some(here) if here == o.slug => Target::Page(paths::workspaces()),
            Some(_) => Target::Away(paths::org_console(o, endpoints)),
        };
        let sections = match host_slug {
            None => vec![
                ("Members", paths::org_members(&o.slug)),
                ("Billing", paths::org_billing(&o.slug)),
            ],
            Some(_) => Vec::new(),
        };
        let more = sections.into_iter().map(|(section, path)| Entry {
            label: format!("{label}: {section}"),
            group: "Organization",
            target: Target::Page(path),
        });
        let org = Entry {
            label: label.clone(),
            group: "Organization",
            target,
        };
        out.extend(std::iter::once(org).chain(more));
    }
    out
}

/// The most workspaces whose tabs are offered one by one (each workspace itself always is).
pub const TABS_FOR: usize = 200;

/// This host's workspaces, by name; and the tabs of the first [`TABS_FOR`] of them
/// ("Research lead: Budget").
pub fn workspaces(list: &[Workspace]) -> Vec<Entry> {
    let mut out: Vec<Entry> = list
        .iter()
        .map(|w| Entry {
            label: w.name.to_string(),
            group: "Workspace",
            target: Target::Page(paths::workspace(&w.id.to_string())),
        })
        .collect();
    for w in list.iter().take(TABS_FOR) {
        let id = w.id.to_string();
        out.extend(WorkspaceTab::ALL.iter().skip(1).map(|tab| Entry {
            label: format!("{}: {}", w.name.as_str(), tab.label()),
            group: "Workspace tab",
            target: Target::Page(paths::workspace_tab(&id, *tab)),
        }));
    }
    out
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
#[path = "entries_tests.rs"]
mod tests;
