//! The console's router: addresses, history and nested layouts, in about a tenth of the code
//! leptos_router put in the first download (README, Performance).
//!
//! The address is a signal that changes at once when a link is followed, so navigation marks
//! and announcements move with the click; the page shown follows when the code of the pages
//! the address needs has arrived (a lazy area's pack), and only then is the history entry
//! written, as leptos_router did. Meanwhile [`Router`]'s `routing` signal is true. A layout
//! stays in place while only its child page or the parameters change.
//!
//! Links: every same-origin `<a href>` click without a modifier key, `target`, `download` or
//! `rel="external"` is handled here; [`A`] adds `aria-current="page"` when it is the page shown.

mod navigate;
mod table;
#[cfg(test)]
mod tests;
mod view;

pub use table::{Match, ParamsMap, Route, RouteView, is_current, match_path, parse_query};
pub use view::{A, Outlet, Routes};

use leptos::{ev, prelude::*};
use navigate::{go, on_click, settle};
use std::{future::Future, pin::Pin};

/// What a route table needs from the console: how to load and draw lazily loaded pages.
pub struct RouteTable {
    pub routes: &'static [Route],
    /// Loads a lazy page's code (a failure is shown when the page is drawn).
    pub load: fn(crate::pages::Page) -> Pin<Box<dyn Future<Output = ()>>>,
    /// Draws a lazy page whose code has been asked for (or says it could not be loaded).
    pub draw: fn(crate::pages::Page) -> AnyView,
    /// Drawn when no route matches.
    pub fallback: fn() -> AnyView,
}

/// An address inside the console: path, query (without `?`) and fragment (with `#`).
#[derive(Clone, PartialEq, Eq, Default, Debug)]
pub struct Url {
    pub path: String,
    pub search: String,
    pub hash: String,
}

impl Url {
    /// The in-app part of a parsed address (its origin is the caller's to check).
    fn of(u: &web_sys::Url) -> Self {
        Url {
            path: u.pathname(),
            search: u.search().trim_start_matches('?').into(),
            hash: u.hash(),
        }
    }

    fn full(&self) -> String {
        let q = if self.search.is_empty() { "" } else { "?" };
        format!("{}{q}{}{}", self.path, self.search, self.hash)
    }
}

#[derive(Clone, Copy)]
pub(crate) struct RouterCx {
    url: RwSignal<Url>,
    /// The match drawn (`None` until the first page's code is there).
    shown: RwSignal<Option<Option<Match>>>,
    routing: RwSignal<bool>,
    table: Option<&'static RouteTable>,
    /// Read by every link and list: one memo each, made once.
    pathname: Memo<String>,
    query: Memo<ParamsMap>,
    params: Memo<ParamsMap>,
}

fn cx() -> RouterCx {
    use_context().expect("inside <Router>")
}

fn current_url() -> Url {
    let href = window().location().href().unwrap_or_default();
    web_sys::Url::new(&href)
        .map(|u| Url::of(&u))
        .unwrap_or_default()
}

/// Provides the address and follows links; `routes` draws pages (`None`: links only, as the
/// component tests use it). `routing` is true while a navigation waits for code.
#[component]
pub fn Router(
    #[prop(optional)] routes: Option<&'static RouteTable>,
    #[prop(optional)] routing: Option<RwSignal<bool>>,
    children: Children,
) -> impl IntoView {
    let url = RwSignal::new(current_url());
    let shown = RwSignal::new(None::<Option<Match>>);
    let cx = RouterCx {
        url,
        shown,
        routing: routing.unwrap_or_else(|| RwSignal::new(false)),
        table: routes,
        pathname: Memo::new(move |_| url.with(|u| u.path.clone())),
        query: Memo::new(move |_| url.with(|u| parse_query(&u.search))),
        params: Memo::new(move |_| {
            shown.with(|s| {
                s.iter()
                    .flatten()
                    .next()
                    .map(|m| m.params.clone())
                    .unwrap_or_default()
            })
        }),
    };
    provide_context(cx);
    settle(cx, cx.url.get_untracked(), None);
    let click = window_event_listener(ev::click, move |e| on_click(cx, e));
    let pop = window_event_listener(ev::popstate, move |_| {
        let url = current_url();
        cx.url.set(url.clone());
        settle(cx, url, None);
    });
    on_cleanup(move || {
        click.remove();
        pop.remove();
    });
    children()
}
/// How [`use_navigate`]'s function moves: replace the history entry, scroll to the top.
#[derive(Clone, Copy)]
pub struct NavigateOptions {
    pub replace: bool,
    pub scroll: bool,
}

impl Default for NavigateOptions {
    fn default() -> Self {
        Self {
            replace: false,
            scroll: true,
        }
    }
}

/// A function that goes to an in-app address (`/orgs/acme?tab=x`).
pub fn use_navigate() -> impl Fn(&str, NavigateOptions) + Clone + 'static {
    let cx = cx();
    move |href: &str, o: NavigateOptions| {
        let Ok(u) =
            web_sys::Url::new_with_base(href, &window().location().href().unwrap_or_default())
        else {
            return;
        };
        go(cx, Url::of(&u), o.replace, o.scroll);
    }
}
/// The current address's path, query and fragment, as they change.
#[derive(Clone, Copy)]
pub struct Location {
    pub pathname: Memo<String>,
}

/// The address, changing as soon as a link is followed.
pub fn use_location() -> Location {
    Location {
        pathname: cx().pathname,
    }
}

/// The fields of the address's query string (the last value of a repeated key counts).
pub fn use_query_map() -> Memo<ParamsMap> {
    cx().query
}

/// The parameters of the routes drawn (`:slug`, `:id`, `:token`).
pub fn use_params_map() -> Memo<ParamsMap> {
    cx().params
}
