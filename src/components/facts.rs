//! Facts about one thing (an organization's plan, a workspace's runtime, an invitation's
//! expiry) as label and value pairs: the design system's description list for pages. Labels
//! form a column beside their values, and stack above them on phones (`.facts` in
//! `style/pages.css`). Inside a card, [`super::card::DescriptionList`] draws the same kind of
//! list in the card's narrower layout.

use leptos::prelude::*;

/// The list; `label` names it for assistive technology when the heading above does not.
#[component]
pub fn Facts(#[prop(optional)] label: Option<&'static str>, children: Children) -> impl IntoView {
    view! { <dl class="facts" aria-label=label>{children()}</dl> }
}

/// One fact: its label and its value (the children).
#[component]
pub fn Fact(
    term: &'static str,
    /// The value is an identifier or code, shown in the monospace face.
    #[prop(optional)]
    mono: bool,
    /// A test hook on the value.
    #[prop(optional)]
    testid: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    view! { <dt>{term}</dt><dd class:mono=mono data-testid=testid>{children()}</dd> }
}
