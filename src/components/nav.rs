//! In-page navigation: [`Breadcrumbs`] (where the page sits) and [`Tabs`] (the sections of an
//! area). Styles: `.breadcrumbs` in `style/layout.css`, `.tabs` in `style/components.css`.

use crate::router::A;
use leptos::prelude::*;

/// A breadcrumb trail: `<nav aria-label="Breadcrumb">` around an ordered list of [`Crumb`]s.
#[component]
pub fn Breadcrumbs(children: Children) -> impl IntoView {
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>{children()}</ol>
        </nav>
    }
}

/// One step of a trail: a link to `href`, or, without one, the current page
/// (`aria-current="page"`). A plain link, so a trail's earlier steps are never marked current
/// because the address starts with theirs.
#[component]
pub fn Crumb(
    #[prop(optional, into)] href: Option<Signal<String>>,
    /// Set in a monospace face (a slug or an id).
    #[prop(optional)]
    mono: bool,
    children: Children,
) -> impl IntoView {
    let class = mono.then_some("mono");
    match href {
        Some(href) => {
            view! { <li class=class><a href=move || href.get()>{children()}</a></li> }.into_any()
        }
        None => view! { <li class=class aria-current="page">{children()}</li> }.into_any(),
    }
}

/// The trail of a page outside any organization: the page itself, under the organizations
/// list when `under_orgs` ("Organizations / Page not found"). Static markup: these pages are in
/// the first download, where a [`Breadcrumbs`] of [`Crumb`]s would bring their code along.
#[component]
pub fn TopTrail(here: &'static str, #[prop(optional)] under_orgs: bool) -> impl IntoView {
    let up =
        under_orgs.then(|| view! { <li><a href=crate::paths::orgs()>"Organizations"</a></li> });
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>{up}<li aria-current="page">{here}</li></ol>
        </nav>
    }
}

/// A tab bar named `label` for assistive technology; its children are [`Tab`]s.
#[component]
pub fn Tabs(label: &'static str, children: Children) -> impl IntoView {
    view! { <nav class="tabs" aria-label=label>{children()}</nav> }
}

/// One tab: a link marked `aria-current="page"` when the address is exactly its own.
#[component]
pub fn Tab(#[prop(into)] href: Signal<String>, children: Children) -> impl IntoView {
    view! { <A href=move || href.get() exact=true attr:class="tabs__tab">{children()}</A> }
}
