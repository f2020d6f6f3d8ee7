//! The controls of a list: the search box and status filter above it, sortable column headers,
//! and the pager below it.

use super::{ListState, PAGE_SIZE, UrlList};
use crate::{
    components::Field,
    format::{grouped, showing},
};
use leptos::prelude::*;

/// Search box and status filter. `what` names the rows ("workspaces"); `statuses` are
/// (URL value, label) pairs, empty for a list without statuses.
#[component]
pub fn ListControls(
    list: UrlList,
    what: &'static str,
    #[prop(optional)] statuses: Vec<(&'static str, &'static str)>,
    /// What the filter chooses ("Status", "Role").
    #[prop(default = "Status")]
    filter: &'static str,
) -> impl IntoView {
    let search_id = format!("{}-search", what.replace(' ', "-"));
    let status_id = format!("{}-status", what.replace(' ', "-"));
    let q = move || list.state.with(|s| s.q.clone());
    let status = move || list.state.with(|s| s.status.clone().unwrap_or_default());
    let on_search = move |ev| list.search(event_target_value(&ev));
    let on_status = move |ev| {
        let v = event_target_value(&ev);
        list.update(|s| s.status = (!v.is_empty()).then_some(v));
    };
    let filter = (!statuses.is_empty()).then(|| {
        let options = statuses
            .into_iter()
            .map(|(value, label)| view! { <option value=value selected=move || status() == value>{label}</option> })
            .collect_view();
        view! {
            <Field id=status_id.clone() label=filter>
                <select id=status_id class="input" on:change=on_status prop:value=status>
                    <option value="" selected=move || status().is_empty()>{format!("Any {}", filter.to_lowercase())}</option>
                    {options}
                </select>
            </Field>
        }
    });
    view! {
        <div class="list-controls" role="search" aria-label=format!("Find {what}")>
            <Field id=search_id.clone() label=format!("Search {what}")>
                <input id=search_id class="input" type="search" autocomplete="off" spellcheck="false"
                    prop:value=q on:input=on_search/>
            </Field>
            {filter}
        </div>
    }
}

/// A column header that sorts the list by `key`: ascending first, then descending.
#[component]
pub fn SortHeader(list: UrlList, key: &'static str, label: &'static str) -> impl IntoView {
    let dir = move || {
        list.state.with(|s| match &s.sort {
            Some((k, asc)) if k == key => Some(*asc),
            _ => None,
        })
    };
    let aria = move || match dir() {
        Some(true) => "ascending",
        Some(false) => "descending",
        None => "none",
    };
    let mark = move || match dir() {
        Some(true) => " ▲",
        Some(false) => " ▼",
        None => "",
    };
    let click = move |_| {
        let asc = dir() != Some(true);
        list.update(|s| s.sort = Some((key.to_string(), asc)));
    };
    view! {
        <th scope="col" aria-sort=aria>
            <button type="button" class="sort" on:click=click>{label}<span aria-hidden="true">{mark}</span></button>
        </th>
    }
}

/// "Showing 51–100 of 5,000 · Previous · Next" for `total` matching rows.
#[component]
pub fn ListPager(list: UrlList, total: usize, of: usize, what: &'static str) -> impl IntoView {
    let page = move || list.state.with(|s: &ListState| s.page);
    let last = total.div_ceil(PAGE_SIZE).max(1);
    let shown = move || {
        if total == 0 {
            return format!("No {what} match (of {}).", grouped(of as i64));
        }
        let first = (page() - 1) * PAGE_SIZE + 1;
        let end = (page() * PAGE_SIZE).min(total);
        showing(first, end, total, of, what)
    };
    let at_start = move || page() <= 1;
    let at_end = move || page() >= last;
    let buttons = (last > 1).then(|| {
        view! {
            <button type="button" class="btn" disabled=at_start
                on:click=move |_| list.go_to_page(page() - 1)>"Previous"</button>
            <button type="button" class="btn" disabled=at_end
                on:click=move |_| list.go_to_page(page() + 1)>"Next"</button>
        }
    });
    view! {
        <nav class="pager" aria-label=format!("Pages of {what}")>
            <span role="status">{shown}</span>
            {buttons}
        </nav>
    }
}
