//! The organizations list's view: search text, status filter, sort and page, kept in the
//! address as `q`, `status`, `sort` (`-credits` for descending) and `page`, the keys every other
//! list uses. The
//! list is in the first download, which the shared list code (`components::list`, about 24 KB
//! of brotli) stays out of, so the view is written here with `history.replaceState`, and the
//! controls are small hand-made ones with the same markup and styles.

use crate::{components::list::PAGE_SIZE, pages::orgs::org_row::status_badge};
use leptos::prelude::*;
use molecule_sdk::types::Organization;
use std::cmp::Ordering;

/// The status filter's choices (URL value, label).
pub const STATUSES: [(&str, &str); 5] = [
    ("running", "Running"),
    ("provisioning", "Provisioning"),
    ("awaiting_payment", "Awaiting payment"),
    ("failed", "Failed"),
    ("suspended", "Suspended"),
];

/// The view, shared by the controls and the table through context.
#[derive(Clone, Copy)]
pub struct OrgView {
    pub q: RwSignal<String>,
    pub status: RwSignal<String>,
    pub sort: RwSignal<String>,
    /// 1-based; empty for the first.
    pub page: RwSignal<String>,
}

/// The rows `start..end` of page `page` (the address's text) among `total`, with the page
/// number and the last page's; a page past the end shows the last one.
pub fn page_of(page: &str, total: usize) -> (usize, usize, usize, usize) {
    let last = total.div_ceil(PAGE_SIZE).max(1);
    let page = page.parse::<usize>().unwrap_or(1).clamp(1, last);
    let start = (page - 1) * PAGE_SIZE;
    (start, (start + PAGE_SIZE).min(total), page, last)
}

impl OrgView {
    /// The view the page's address holds.
    pub fn from_address() -> Self {
        let search = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        let get = |key: &str| RwSignal::new(param(&search, key));
        Self {
            q: get("q"),
            status: get("status"),
            sort: get("sort"),
            page: get("page"),
        }
    }

    /// Writes the view into the address, back on the first page (a new search, filter or
    /// order starts at the top).
    pub fn write_from_start(&self) {
        self.page.set(String::new());
        self.write();
    }

    /// Writes the view into the address in place (no history entry per keystroke).
    pub fn write(&self) {
        let keys = [
            ("q", self.q),
            ("status", self.status),
            ("sort", self.sort),
            ("page", self.page),
        ];
        let parts: Vec<String> = keys
            .into_iter()
            .filter_map(|(k, v)| {
                let v = v.get_untracked();
                (!v.is_empty())
                    .then(|| format!("{k}={}", String::from(js_sys::encode_uri_component(&v))))
            })
            .collect();
        let href = match parts.is_empty() {
            true => "/".to_string(),
            false => format!("/?{}", parts.join("&")),
        };
        if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
            let state = h.state().unwrap_or(wasm_bindgen::JsValue::NULL);
            let _ = h.replace_state_with_url(&state, "", Some(&href));
        }
    }
}

/// The decoded value of `key` in a query string (`?q=a%20b&status=failed`).
pub fn param(search: &str, key: &str) -> String {
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
        .and_then(|v| js_sys::decode_uri_component(&v.replace('+', " ")).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// Whether an org matches the search text (empty matches all). Letters match in either case
/// for ASCII only: Unicode case folding would bring its tables (about 10 KB) into the first
/// download; other letters match as typed.
pub fn matches(org: &Organization, needle: &str) -> bool {
    let needle = needle.trim().to_ascii_lowercase();
    needle.is_empty()
        || org.name.as_str().to_ascii_lowercase().contains(&needle)
        || org.slug.to_ascii_lowercase().contains(&needle)
}

/// The organizations the search and filter keep, in the sort's order (`name`, `status`, `plan`,
/// `credits`; a leading `-` reverses it; none keeps the platform's order).
pub fn select(orgs: &[Organization], q: &str, status: &str, sort: &str) -> Vec<Organization> {
    let mut hits: Vec<Organization> = orgs
        .iter()
        .filter(|o| matches(o, q) && (status.is_empty() || o.status.to_string() == status))
        .cloned()
        .collect();
    let (key, desc) = match sort.strip_prefix('-') {
        Some(k) => (k, true),
        None => (sort, false),
    };
    let by = |a: &Organization, b: &Organization| -> Ordering {
        match key {
            "status" => status_badge(&a.status).0.cmp(&status_badge(&b.status).0),
            "plan" => a.plan.to_string().cmp(&b.plan.to_string()),
            "credits" => a.credits_balance.cmp(&b.credits_balance),
            _ => a
                .name
                .as_str()
                .to_ascii_lowercase()
                .cmp(&b.name.as_str().to_ascii_lowercase()),
        }
    };
    // Stable, so equal rows keep the platform's order. With the release build's std built for
    // size the library's sort is small; the hand-made insertion sort it replaces made about
    // 250,000 comparisons (each lower-casing two names) for an operator's 1,000 organizations.
    if !sort.is_empty() {
        hits.sort_by(|a, b| if desc { by(b, a) } else { by(a, b) });
    }
    hits
}

/// A column header that sorts by `key`: ascending first, then descending (as `SortHeader`).
#[component]
pub fn OrgSortHeader(view: OrgView, key: &'static str, label: &'static str) -> impl IntoView {
    let dir = move || {
        view.sort.with(|s| match s.strip_prefix('-') {
            Some(k) if k == key => "descending",
            None if s == key => "ascending",
            _ => "none",
        })
    };
    let click = move |_| {
        let next = match dir() {
            "ascending" => format!("-{key}"),
            _ => key.to_string(),
        };
        view.sort.set(next);
        view.write_from_start();
    };
    let mark = move || match dir() {
        "ascending" => " ▲",
        "descending" => " ▼",
        _ => "",
    };
    view! {
        <th scope="col" aria-sort=dir>
            <button type="button" class="sort" on:click=click>{label}<span aria-hidden="true">{mark}</span></button>
        </th>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(slug: &str, name: &str, status: &str, credits: i64) -> Organization {
        serde_json::from_value(serde_json::json!({
            "id": "2b0c7f8e-6a8f-4f5e-9d43-0f3c3f1c2a10", "slug": slug, "name": name,
            "plan": "starter", "status": status, "credits_balance": credits,
            "created_at": "", "updated_at": ""
        }))
        .unwrap()
    }

    #[test]
    fn the_view_filters_by_status_and_sorts_either_way() {
        let orgs = [
            org("acme", "Acme Robotics", "running", 500),
            org("fail-demo", "Fail Demo", "failed", 0),
            org("beta", "beta labs", "running", 9_000),
        ];
        let slugs = |v: Vec<Organization>| v.into_iter().map(|o| o.slug).collect::<Vec<_>>();
        assert_eq!(
            slugs(select(&orgs, "", "", "")),
            ["acme", "fail-demo", "beta"]
        );
        assert_eq!(slugs(select(&orgs, "", "failed", "")), ["fail-demo"]);
        assert_eq!(
            slugs(select(&orgs, "", "", "name")),
            ["acme", "beta", "fail-demo"]
        );
        assert_eq!(
            slugs(select(&orgs, "", "", "-credits")),
            ["beta", "acme", "fail-demo"]
        );
        assert_eq!(
            slugs(select(&orgs, "A", "running", "-name")),
            ["beta", "acme"]
        );
        assert!(select(&orgs, "zzz", "", "").is_empty());
    }

    #[test]
    fn pages_hold_fifty_and_a_page_past_the_end_shows_the_last() {
        assert_eq!(page_of("", 0), (0, 0, 1, 1));
        assert_eq!(page_of("", 7), (0, 7, 1, 1));
        assert_eq!(page_of("2", 1_006), (50, 100, 2, 21));
        assert_eq!(page_of("21", 1_006), (1_000, 1_006, 21, 21));
        assert_eq!(page_of("99", 1_006), (1_000, 1_006, 21, 21));
        assert_eq!(page_of("0", 120), (0, 50, 1, 3));
        assert_eq!(page_of("two", 120), (0, 50, 1, 3));
    }
}
