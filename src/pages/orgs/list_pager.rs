//! The organizations list's pager: the shared `ListPager`'s words and markup, hand-made like
//! the rest of that list (see `super::list`), the page kept in the address by [`OrgView`].

use crate::{
    format::showing,
    pages::orgs::list_view::{OrgView, page_of},
};
use leptos::prelude::*;

/// "Showing 51–100 of 1,006 organizations." with Previous and Next, hidden while there is one
/// page (the shared `ListPager`'s words and markup). Its elements stay put as the view
/// changes, so a pressed button keeps the focus.
#[component]
pub fn OrgPager(v: OrgView, total: Memo<usize>, of: usize) -> impl IntoView {
    let at = move || page_of(&v.page.get(), total.get());
    let go = move |by: isize| {
        v.page.set((at().2 as isize + by).max(1).to_string());
        v.write();
    };
    let shown = move || {
        let (start, end, _, _) = at();
        showing(start + 1, end, total.get(), of, "organizations")
    };
    view! {
        <nav class="pager" aria-label="Pages of organizations" hidden=move || { at().3 <= 1 }>
            <span role="status">{shown}</span>
            <button type="button" class="btn" disabled=move || { at().2 <= 1 } on:click=move |_| go(-1)>"Previous"</button>
            <button type="button" class="btn" disabled=move || { at().2 >= at().3 } on:click=move |_| go(1)>"Next"</button>
        </nav>
    }
}
