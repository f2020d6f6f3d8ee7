//! Following a link or a back/forward step: the address first, then (once the code of its
//! lazy pages is there) the page and the history entry.

use super::{Match, RouteView, RouterCx, Url, match_path};
use futures_util::FutureExt;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A click on a same-origin link, without a modifier key, `target`, `download` or
/// `rel="external"`, stays in the console.
pub(super) fn on_click(cx: RouterCx, e: web_sys::MouseEvent) {
    if e.default_prevented()
        || e.button() != 0
        || e.meta_key()
        || e.alt_key()
        || e.ctrl_key()
        || e.shift_key()
    {
        return;
    }
    let path = e.composed_path();
    let Some(a) =
        (0..path.length()).find_map(|i| path.get(i).dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return;
    };
    let rel = a.get_attribute("rel").unwrap_or_default();
    if !a.target().is_empty()
        || a.href().is_empty()
        || a.has_attribute("download")
        || rel.split_ascii_whitespace().any(|r| r == "external")
    {
        return;
    }
    let Ok(u) = web_sys::Url::new(&a.href()) else {
        return;
    };
    if Some(u.origin()) != window().location().origin().ok() {
        return;
    }
    e.prevent_default();
    go(cx, Url::of(&u), false, !a.has_attribute("data-noscroll"));
}

pub(super) fn go(cx: RouterCx, to: Url, replace: bool, scroll: bool) {
    cx.url.set(to.clone());
    settle(cx, to, Some((replace, scroll)));
}

/// Draws `to` once the code of its lazy pages is there, then writes the history entry
/// (`how`: replace?, scroll?; `None` for the first page and back/forward).
pub(super) fn settle(cx: RouterCx, to: Url, how: Option<(bool, bool)>) {
    let Some(table) = cx.table else {
        return finish(cx, to, how, None);
    };
    let m = match_path(table.routes, &to.path);
    let lazy: Vec<_> = m
        .iter()
        .flat_map(|m| &m.routes)
        .filter_map(|r| match r.view {
            RouteView::Lazy(p) => Some((table.load)(p)),
            RouteView::Eager(_) => None,
        })
        .collect();
    let mut all = Box::pin(futures_util::future::join_all(lazy));
    if all.as_mut().now_or_never().is_some() {
        return finish(cx, to, how, Some(m));
    }
    cx.routing.set(true);
    leptos::task::spawn_local(async move {
        all.await;
        finish(cx, to, how, Some(m));
    });
}

fn finish(cx: RouterCx, to: Url, how: Option<(bool, bool)>, m: Option<Option<Match>>) {
    if cx.url.try_get_untracked().as_ref() != Some(&to) {
        return; // another navigation came after this one
    }
    if let Some((replace, _)) = how {
        let full = to.full();
        if let Ok(h) = window().history() {
            // Following a link to the address already shown replaces its entry.
            let same = super::current_url() == to;
            let _ = if replace || same {
                h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&full))
            } else {
                h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&full))
            };
        }
    }
    if let Some(m) = m
        && cx.shown.with_untracked(|s| s.as_ref() != Some(&m))
    {
        cx.shown.set(Some(m));
    }
    if cx.routing.get_untracked() {
        cx.routing.set(false);
    }
    if let Some((_, scroll)) = how {
        // After the new page is drawn (its redraw is queued before this task), so that a
        // fragment's element exists.
        leptos::task::spawn_local(async move { scroll_to(&to.hash, scroll) });
    }
}

fn scroll_to(hash: &str, top: bool) {
    let id = hash.trim_start_matches('#');
    let id = js_sys::decode_uri_component(id)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or(id.into());
    if let Some(el) = (!id.is_empty())
        .then(|| document().get_element_by_id(&id))
        .flatten()
    {
        el.scroll_into_view();
    } else if top {
        window().scroll_to_with_x_and_y(0.0, 0.0);
    }
}
