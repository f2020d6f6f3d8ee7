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
    children: Children,
) -> impl IntoView {
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=caption>
        <table class="table">
            <caption class="visually-hidden">{caption}</caption>
            <thead>
                <tr>
                    {columns.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}
                    {actions.then(|| view! { <th scope="col"><span class="visually-hidden">"Actions"</span></th> })}
                </tr>
            </thead>
            <tbody>{children()}</tbody>
        </table>
        </div>
    }
}
