//! The list's state in the page's URL: read from the query string, written back with the
//! router (replacing the history entry), the search text written once typing pauses.

use super::ListState;
use crate::router::{NavigateOptions, use_location, use_navigate, use_query_map};
use leptos::prelude::*;

/// The list state of this page's URL, and a way to change it (the URL is replaced, so typing
/// in the search box does not fill the history).
#[derive(Clone, Copy)]
pub struct UrlList {
    /// The URL's state, with the search text being typed (the URL follows a moment later).
    pub state: Memo<ListState>,
    /// Text typed in the search box that the URL does not have yet.
    typed: RwSignal<Option<String>>,
    /// The pending URL write of typed text.
    timer: StoredValue<Option<TimeoutHandle>>,
    /// Navigates to a state; `true` replaces the history entry.
    set: Callback<(ListState, bool)>,
    /// The address's path, to tell whether the user has moved on.
    pathname: Memo<String>,
}

/// How long the URL waits for the typing to pause (the list itself follows every keystroke).
const URL_DELAY_MS: u64 = 300;

impl UrlList {
    /// Changes the state; anything but a page change goes back to page 1.
    pub fn update(&self, f: impl FnOnce(&mut ListState)) {
        let mut next = self.state.get_untracked();
        let page = next.page;
        f(&mut next);
        if next.page == page {
            next.page = 1;
        }
        if next != self.state.get_untracked() {
            self.set.run((next, true));
        }
    }

    /// The search text as it is typed: the rows follow at once, the URL once typing pauses
    /// (a router navigation per keystroke would cost more than the filtering).
    pub fn search(&self, text: String) {
        self.typed.set(Some(text));
        if let Some(t) = self.timer.get_value() {
            t.clear();
        }
        let (state, set, timer, pathname) = (self.state, self.set, self.timer, self.pathname);
        let typed_at = pathname.get_untracked();
        let handle = set_timeout_with_handle(
            move || {
                // The page may be gone (left within the delay), or going (the router shows it
                // until the next page's code has arrived, with the address already changed):
                // then there is nothing to write, or the list's query would follow the user.
                if timer.try_set_value(None).is_none()
                    && pathname.try_get_untracked().as_deref() == Some(typed_at.as_str())
                    && let Some(now) = state.try_get_untracked()
                {
                    set.try_run((now, true));
                }
            },
            std::time::Duration::from_millis(URL_DELAY_MS),
        )
        .ok();
        self.timer.set_value(handle);
    }

    /// Goes to page `page` (a new history entry).
    pub fn go_to_page(&self, page: usize) {
        let mut next = self.state.get_untracked();
        next.page = page.max(1);
        self.set.run((next, false));
    }
}

/// Reads the list state from the URL and provides a setter.
pub fn use_url_list() -> UrlList {
    use_url_list_in("")
}

/// As [`use_url_list`], with the list's query keys starting with `prefix` (`"inv_"`): for a
/// page with more than one list. The other keys of the URL are kept as they are.
pub fn use_url_list_in(prefix: &'static str) -> UrlList {
    let query = use_query_map();
    let location = use_location();
    let navigate = use_navigate();
    let url = Memo::new(move |_| query.with(|q| ListState::parse_in(prefix, |k| q.get(k))));
    let typed = RwSignal::new(None::<String>);
    let timer = StoredValue::new(None::<TimeoutHandle>);
    // Leaving the page within the delay drops the pending write: it would bring the user back.
    on_cleanup(move || {
        if let Some(Some(t)) = timer.try_get_value() {
            t.clear();
        }
    });
    let state = Memo::new(move |_| {
        let mut s = url.get();
        if let Some(t) = typed.get()
            && t != s.q
        {
            s.q = t;
            s.page = 1;
        }
        s
    });
    // When the URL's search changes (the typed text written, or back and forward), the URL
    // speaks again, unless more text is waiting to be written.
    let url_q = Memo::new(move |_| url.with(|s| s.q.clone()));
    Effect::new(move |_| {
        let q = url_q.get();
        let waiting = timer.with_value(Option::is_some);
        if !waiting || typed.get_untracked().as_deref() == Some(q.as_str()) {
            typed.set(None);
        }
    });
    let set = Callback::new(move |(next, replace): (ListState, bool)| {
        let path = location.pathname.get_untracked();
        let enc = molecule_sdk::encode_component;
        let mut parts: Vec<String> = query.with_untracked(|q| {
            q.into_iter()
                .filter(|(k, _)| !ListState::owns(prefix, k))
                .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
                .collect()
        });
        let own = next.query_in(prefix);
        if !own.is_empty() {
            parts.push(own);
        }
        let href = if parts.is_empty() {
            path
        } else {
            format!("{path}?{}", parts.join("&"))
        };
        navigate(
            &href,
            NavigateOptions {
                replace,
                scroll: false,
            },
        );
    });
    UrlList {
        state,
        typed,
        timer,
        set,
        pathname: location.pathname,
    }
}
