//! The tabs of a workspace's pages and their addresses.

use super::workspace;

/// The tabs of a workspace's pages, in their order; each is its own address below the
/// workspace's ([`workspace_tab`]). The plugin allowlist is only an org root workspace's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkspaceTab {
    Overview,
    Settings,
    Budget,
    Secrets,
    Tokens,
    Plugins,
    Bundle,
}

impl WorkspaceTab {
    /// Every tab, in the order the tab bar shows them.
    pub const ALL: [WorkspaceTab; 7] = [
        Self::Overview,
        Self::Settings,
        Self::Budget,
        Self::Secrets,
        Self::Tokens,
        Self::Plugins,
        Self::Bundle,
    ];

    /// The tab's name, as its tab and breadcrumb show it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Overview => "Overview",
            Self::Settings => "Settings",
            Self::Budget => "Budget",
            Self::Secrets => "Secrets",
            Self::Tokens => "Tokens",
            Self::Plugins => "Plugins",
            Self::Bundle => "Bundle",
        }
    }

    /// The tab's last path segment (none for the overview).
    pub fn segment(self) -> &'static str {
        match self {
            Self::Overview => "",
            Self::Settings => "settings",
            Self::Budget => "budget",
            Self::Secrets => "secrets",
            Self::Tokens => "tokens",
            Self::Plugins => "plugins",
            Self::Bundle => "bundle",
        }
    }

    /// The tab a workspace page's path shows (`/console/workspaces/w-1/budget` -> Budget);
    /// the overview for the workspace's own address or anything else.
    pub fn of_path(path: &str) -> WorkspaceTab {
        let last = path
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or_default();
        Self::ALL
            .into_iter()
            .find(|t| t.segment() == last)
            .unwrap_or(Self::Overview)
    }
}

/// One tab of a workspace: its overview, or a sub-page such as `/console/workspaces/w-1/budget`.
pub fn workspace_tab(id: &str, tab: WorkspaceTab) -> String {
    match tab.segment() {
        "" => workspace(id),
        segment => format!("{}/{segment}", workspace(id)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workspace_tabs_round_trip() {
        for tab in WorkspaceTab::ALL {
            assert_eq!(WorkspaceTab::of_path(&workspace_tab("w-1", tab)), tab);
            assert_eq!(
                WorkspaceTab::of_path(&format!("{}/", workspace_tab("w-1", tab))),
                tab
            );
        }
        assert_eq!(
            WorkspaceTab::of_path("/console/workspaces/w-1"),
            WorkspaceTab::Overview
        );
        assert_eq!(
            WorkspaceTab::of_path("/console/workspaces/w-1/tokens"),
            WorkspaceTab::Tokens
        );
        let labels: Vec<_> = WorkspaceTab::ALL.iter().map(|t| t.label()).collect();
        assert_eq!(
            labels,
            [
                "Overview", "Settings", "Budget", "Secrets", "Tokens", "Plugins", "Bundle"
            ]
        );
    }
}
