//! The console's data table: a caption read by screen readers, column headers, and optionally a
//! row-actions column whose header is only read out. On a narrow screen the table scrolls
//! inside its own focusable region instead of widening the page.

use leptos::prelude::*;

/// A table of `children` rows.
#[component]
pub fn DataTable(
    /// The table's name for screen readers.
    caption: &'static str,
    /// Column headers, left to right.
    columns: &'static [&'static str],
    /// Whether a last column holds row actions (buttons).
    #[prop(optional)]
    actions: bool,
    /// Sort keys parallel to `columns` (`""`: not sortable), used with `list`.
    #[prop(optional)]
    keys: &'static [&'static str],
    /// The list whose sort the headers change (lists at scale, `components::list`).
    #[prop(optional)]
    list: Option<crate::components::list::UrlList>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=caption>
        <table class="table">
            <caption class="visually-hidden">{caption}</caption>
            <thead>
                <tr>
                    {columns.iter().enumerate().map(|(i, c)| match (list, keys.get(i).copied()) {
                        (Some(list), Some(key)) if !key.is_empty() => {
                            view! { <crate::components::list::SortHeader list key label=*c/> }.into_any()
                        }
                        _ => view! { <th scope="col">{*c}</th> }.into_any(),
                    }).collect_view()}
                    {actions.then(|| view! { <th scope="col"><span class="visually-hidden">"Actions"</span></th> })}
                </tr>
            </thead>
            <tbody>{children()}</tbody>
        </table>
        </div>
    }
}
