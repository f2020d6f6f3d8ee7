//! Drawing the matched routes: [`Routes`] draws the outermost, each layout's [`Outlet`] the
//! next; and [`A`], a link that says when it is the current page.

use super::{RouteView, cx, is_current, use_location};
use leptos::prelude::*;

/// How deep the next [`Outlet`] draws (0 for [`Routes`]).
#[derive(Clone, Copy)]
struct Depth(usize);

/// Draws the page (or the outermost layout) of the address, or the table's fallback.
#[component]
pub fn Routes() -> impl IntoView {
    level(0)
}

/// Inside a layout: draws the route under it.
#[component]
pub fn Outlet() -> impl IntoView {
    level(use_context::<Depth>().map_or(1, |d| d.0))
}

/// The view of the route at `depth`, redrawn only when that route changes (not when only
/// the routes under it or the parameters do).
fn level(depth: usize) -> AnyView {
    let cx = cx();
    let Some(table) = cx.table else {
        return ().into_any();
    };
    // None: nothing shown yet; Some(None): no route here; Some(Some(i)): the route's address.
    let route = Memo::new(move |_| {
        cx.shown.with(|s| {
            s.as_ref().map(|m| {
                m.as_ref()
                    .and_then(|m| m.routes.get(depth))
                    .map(|r| *r as *const super::Route as usize)
            })
        })
    });
    (move || {
        let at = route.get()?;
        let view = cx.shown.with_untracked(|s| {
            s.as_ref()?
                .as_ref()
                .and_then(|m| m.routes.get(depth))
                .map(|r| r.view)
        });
        provide_context(Depth(depth + 1));
        Some(match (at, view) {
            (Some(_), Some(RouteView::Eager(f))) => f(),
            (Some(_), Some(RouteView::Lazy(p))) => (table.draw)(p),
            _ if depth == 0 => (table.fallback)(),
            _ => ().into_any(),
        })
    })
    .into_any()
}

/// A link inside the console, marked `aria-current="page"` when the address is its own
/// (`exact`) or under it.
#[component]
pub fn A(
    #[prop(into)] href: Signal<String>,
    #[prop(optional)] exact: bool,
    children: Children,
) -> impl IntoView {
    let path = use_location().pathname;
    let current = move || {
        path.with(|p| is_current(&href.read(), p, exact))
            .then_some("page")
    };
    view! { <a href=move || href.get() aria-current=current>{children()}</a> }
}
