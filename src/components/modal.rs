//! What every modal overlay (the confirm dialog, the palette, the shortcuts help) does the same
//! way: while one is open the page behind it is inert, so neither Tab nor a click reaches it;
//! when it closes, focus goes back to the control that had it; Tab cycles inside the overlay.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The page regions made inert behind an open overlay.
const BEHIND: [&str; 3] = ["#main", ".topbar", ".skip-link"];

/// Keeps the page inert while `open()` is true and gives focus back to its opener on close.
/// Call once per overlay host, inside a reactive owner.
pub fn use_modal(open: impl Fn() -> bool + 'static) {
    let opener: StoredValue<Option<web_sys::HtmlElement>, LocalStorage> =
        StoredValue::new_local(None);
    Effect::new(move |was_open: Option<bool>| {
        let now = open();
        let document = web_sys::window().and_then(|w| w.document());
        if now && was_open != Some(true) {
            opener.set_value(
                document
                    .as_ref()
                    .and_then(|d| d.active_element())
                    .map(JsCast::unchecked_into),
            );
        }
        if let Some(d) = &document {
            for selector in BEHIND {
                if let Ok(Some(el)) = d.query_selector(selector) {
                    let _ = if now {
                        el.set_attribute("inert", "")
                    } else {
                        el.remove_attribute("inert")
                    };
                }
            }
        }
        if !now
            && was_open == Some(true)
            && let Some(el) = opener.get_value()
        {
            let _ = el.focus();
        }
        now
    });
}

/// Tab from the overlay's last control goes to its first (Shift+Tab the other way round), so
/// focus never leaves an open overlay. Bind to the overlay's `keydown`.
pub fn keep_focus_inside(ev: &leptos::ev::KeyboardEvent) {
    let Some(dialog) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Ok(list) = dialog.query_selector_all("button:not([disabled]), input:not([disabled])")
    else {
        return;
    };
    let items: Vec<web_sys::HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into().ok())
        .collect();
    let (Some(first), Some(last)) = (items.first(), items.last()) else {
        return;
    };
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let at = |el: &web_sys::HtmlElement| {
        active
            .as_ref()
            .is_some_and(|a| a == el.unchecked_ref::<web_sys::Element>())
    };
    let target = match ev.shift_key() {
        true if at(first) => last,
        false if at(last) => first,
        _ => return,
    };
    ev.prevent_default();
    let _ = target.focus();
}
