//! The top of every page: its `<h1>`, an optional line of context under it and an optional
//! slot on the right for the page's primary actions (or a status beside the title). It also
//! sets the document title, as [`Title`](super::Title) does. Styles: `.page-header` in
//! `style/layout.css`.

use super::Title;
use leptos::prelude::*;

/// A page's header. The document title is `doc_title`, or "<title> · Molecule Console" when it
/// is not given; a layout whose pages set their own passes `no_doc_title`.
#[component]
pub fn PageHeader(
    /// The visible heading (its accessible name).
    #[prop(into)]
    title: Signal<String>,
    /// The document title, when it is not "<title> · Molecule Console".
    #[prop(optional, into)]
    doc_title: Option<Signal<String>>,
    /// The pages inside set the document title (a layout's header).
    #[prop(optional)]
    no_doc_title: bool,
    /// One line under the heading saying what the page is for.
    #[prop(optional, into)]
    context: Option<String>,
    /// Actions (or a status) at the end of the header.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let doc = (!no_doc_title).then(|| {
        let text = doc_title.unwrap_or_else(|| {
            Signal::derive(move || format!("{} · Molecule Console", title.get()))
        });
        view! { <Title text/> }
    });
    view! {
        {doc}
        <div class="page-header">
            <div class="page-header__text">
                <h1>{move || title.get()}</h1>
                {context.map(|c| view! { <p class="page-header__context">{c}</p> })}
            </div>
            {children.map(|c| view! { <div class="page-header__actions">{c()}</div> })}
        </div>
    }
}
