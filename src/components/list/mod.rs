//! Lists at scale: search, a status filter, sortable columns and pages, with the state in the
//! page's URL (`?q=…&status=…&sort=-name&page=2`) so a view can be linked, reloaded and walked
//! with back and forward. Filtering and sorting run on the rows already loaded; only one page of
//! rows is ever in the DOM.
//!
//! A page describes its rows with [`Listed`] and renders [`ListControls`] above its table and
//! [`ListPager`] below it (or [`ListTable`], both around a table); [`SortHeader`] makes a
//! column header a sort button.

mod controls;
mod table;
mod url;

pub use controls::{ListControls, ListPager, SortHeader};
pub use table::ListTable;
pub use url::{UrlList, use_url_list, use_url_list_in};

use std::cmp::Ordering;

/// Rows shown per page.
pub const PAGE_SIZE: usize = 50;

/// What a list row offers to search, filter and sort.
pub trait Listed {
    /// Text the search box matches (lower-cased by the caller's data or here).
    fn haystack(&self) -> String;
    /// The status the filter compares with (its URL value), if the list has statuses.
    fn status_key(&self) -> Option<String> {
        None
    }
    /// Orders two rows by the column `key`.
    fn compare(&self, other: &Self, key: &str) -> Ordering;
}

/// The list's view, as the URL says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListState {
    pub q: String,
    pub status: Option<String>,
    /// Column key and whether ascending.
    pub sort: Option<(String, bool)>,
    /// 1-based.
    pub page: usize,
}

impl ListState {
    /// From the query string's `q`, `status`, `sort` (`name` or `-name`) and `page`.
    pub fn parse(get: impl Fn(&str) -> Option<String>) -> Self {
        Self::parse_in("", get)
    }

    /// As [`ListState::parse`], the keys starting with `prefix` (`inv_q`, `inv_sort`…): for a
    /// page with more than one list.
    pub fn parse_in(prefix: &str, get: impl Fn(&str) -> Option<String>) -> Self {
        let get = |k: &str| get(&format!("{prefix}{k}"));
        let sort = get("sort")
            .filter(|s| !s.is_empty())
            .map(|s| match s.strip_prefix('-') {
                Some(key) => (key.to_string(), false),
                None => (s, true),
            });
        ListState {
            q: get("q").unwrap_or_default(),
            status: get("status").filter(|s| !s.is_empty()),
            sort,
            page: get("page").and_then(|p| p.parse().ok()).unwrap_or(1).max(1),
        }
    }

    /// The query string for this state (defaults left out), without the `?`.
    pub fn query(&self) -> String {
        self.query_in("")
    }

    /// As [`ListState::query`], each key starting with `prefix`.
    pub fn query_in(&self, prefix: &str) -> String {
        let enc = molecule_sdk::encode_component;
        let mut parts = Vec::new();
        if !self.q.is_empty() {
            parts.push(format!("{prefix}q={}", enc(&self.q)));
        }
        if let Some(s) = &self.status {
            parts.push(format!("{prefix}status={}", enc(s)));
        }
        if let Some((key, asc)) = &self.sort {
            let dash = if *asc { "" } else { "-" };
            parts.push(format!("{prefix}sort={dash}{}", enc(key)));
        }
        if self.page > 1 {
            parts.push(format!("{prefix}page={}", self.page));
        }
        parts.join("&")
    }

    /// Whether `key` is one of this list's query keys under `prefix`.
    pub fn owns(prefix: &str, key: &str) -> bool {
        key.strip_prefix(prefix)
            .is_some_and(|k| matches!(k, "q" | "status" | "sort" | "page"))
    }
}

/// The rows of a list with their search text lower-cased once (not at every keystroke).
pub struct Prepared<T> {
    rows: Vec<(String, T)>,
}

impl<T: Listed + Clone> Prepared<T> {
    pub fn new(rows: Vec<T>) -> Self {
        let rows = rows
            .into_iter()
            .map(|r| (r.haystack().to_lowercase(), r))
            .collect();
        Prepared { rows }
    }

    /// How many rows there are in all.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// One page of the filtered, sorted rows, and how many matched in all.
    pub fn apply(&self, state: &ListState) -> (Vec<T>, usize) {
        let needle = state.q.trim().to_lowercase();
        let mut hits: Vec<&T> = self
            .rows
            .iter()
            .filter(|(hay, _)| needle.is_empty() || hay.contains(&needle))
            .map(|(_, r)| r)
            .filter(|r| state.status.is_none() || r.status_key() == state.status)
            .collect();
        if let Some((key, asc)) = &state.sort {
            hits.sort_by(|a, b| {
                let o = a.compare(b, key);
                if *asc { o } else { o.reverse() }
            });
        }
        let total = hits.len();
        let start = (state.page.saturating_sub(1) * PAGE_SIZE).min(total);
        let page = hits[start..(start + PAGE_SIZE).min(total)]
            .iter()
            .map(|r| (*r).clone())
            .collect();
        (page, total)
    }
}

/// One page of the filtered, sorted rows, and how many matched in all (for a list read once;
/// a list filtered as the user types keeps a [`Prepared`]).
pub fn apply<T: Listed + Clone>(rows: &[T], state: &ListState) -> (Vec<T>, usize) {
    Prepared::new(rows.to_vec()).apply(state)
}

#[cfg(test)]
mod tests;
