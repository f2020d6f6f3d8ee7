//! A list's table: one page of the rows its search, filter and sort select, in a
//! [`DataTable`] with the [`ListPager`] under it; an [`Empty`] line when there are no rows at all.
//! Given a `key`, the rows are keyed: a keystroke in the search then creates only the rows that
//! came into the page and drops those that left it (what a list of thousands needs); without
//! one, the page is drawn afresh.

use super::{ListPager, Listed, Prepared, UrlList};
use crate::components::{DataTable, Empty};
use leptos::prelude::*;

/// The rows of `list`'s current view, each drawn by `row`. The rows are prepared for search
/// once; only the shown page is in the DOM.
#[component]
pub fn ListTable<T, V, F>(
    /// Every row, as loaded.
    rows: Vec<T>,
    list: UrlList,
    /// The table's name for screen readers.
    caption: &'static str,
    columns: &'static [&'static str],
    /// Sort keys parallel to `columns` (`""`: not sortable).
    keys: &'static [&'static str],
    /// What the rows are, for the pager ("API keys").
    what: &'static str,
    /// What to say when there are no rows at all.
    empty: &'static str,
    /// Whether a last column holds row actions.
    #[prop(optional)]
    actions: bool,
    /// A row's identity, unique within the list: keeps rows that stay on the page.
    #[prop(optional)]
    key: Option<fn(&T) -> String>,
    /// Draws one row (`<tr>`).
    row: F,
) -> impl IntoView
where
    T: Listed + Clone + PartialEq + Send + Sync + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    if rows.is_empty() {
        return view! { <Empty message=empty/> }.into_any();
    }
    let prepared = Prepared::new(rows);
    let of = prepared.len();
    let shown = Memo::new(move |_| list.state.with(|s| prepared.apply(s)));
    if let Some(key) = key {
        let total = Memo::new(move |_| shown.with(|(_, total)| *total));
        return view! {
            <DataTable caption columns keys list actions>
                <For each=move || shown.get().0 key=move |r| key(r) children=row/>
            </DataTable>
            {move || view! { <ListPager list total=total.get() of what/> }}
        }
        .into_any();
    }
    (move || {
        let (page, total) = shown.get();
        let body = page.into_iter().map(row.clone()).collect_view();
        view! {
            <DataTable caption columns keys list actions>{body}</DataTable>
            <ListPager list total of what/>
        }
    })
    .into_any()
}
