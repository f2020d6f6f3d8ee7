//! The keyboard of a menu (the row menu [`super::ActionMenu`], the org switcher): which key
//! moves focus where, or closes the menu; and placing a row menu beside its button.

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// Where focus goes inside the menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    First,
    Last,
    Next,
    Previous,
}

/// What a key pressed in an open menu does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MenuKey {
    Move(Move),
    /// Closes the menu; Escape gives focus back to its button, Tab lets it move on.
    Close {
        back_to_button: bool,
    },
}

/// The menu's answer to `key` (a `KeyboardEvent.key`), if it has one.
pub fn menu_key(key: &str) -> Option<MenuKey> {
    Some(match key {
        "ArrowDown" => MenuKey::Move(Move::Next),
        "ArrowUp" => MenuKey::Move(Move::Previous),
        "Home" => MenuKey::Move(Move::First),
        "End" => MenuKey::Move(Move::Last),
        "Escape" => MenuKey::Close {
            back_to_button: true,
        },
        "Tab" => MenuKey::Close {
            back_to_button: false,
        },
        _ => return None,
    })
}

/// Answers a key pressed in the open `menu`: moves focus among its items, or closes it through
/// `close(back_to_button)` (Escape: focus back to the button; Tab: focus moves on).
pub fn on_menu_key(e: &web_sys::KeyboardEvent, menu: &HtmlElement, close: impl Fn(bool)) {
    match menu_key(&e.key()) {
        Some(MenuKey::Move(how)) => {
            e.prevent_default();
            focus_item(menu, how);
        }
        Some(MenuKey::Close { back_to_button }) => {
            if back_to_button {
                e.prevent_default();
            }
            close(back_to_button);
        }
        None => {}
    }
}

/// The index focus moves to among `count` items from `at` (the focused one, if any).
fn step(at: Option<usize>, count: usize, how: Move) -> Option<usize> {
    if count == 0 {
        return None;
    }
    Some(match (how, at) {
        (Move::First, _) | (Move::Next, None) => 0,
        (Move::Last, _) | (Move::Previous, None) => count - 1,
        (Move::Next, Some(i)) => (i + 1) % count,
        (Move::Previous, Some(i)) => (i + count - 1) % count,
    })
}

fn items_of(menu: &HtmlElement) -> Vec<HtmlElement> {
    let Ok(list) = menu.query_selector_all("[role=menuitem]") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(JsCast::unchecked_into)
        .collect()
}

/// Moves focus among the menu's items (`[role=menuitem]`), wrapping around.
pub fn focus_item(menu: &HtmlElement, how: Move) {
    let items = items_of(menu);
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let at = items.iter().position(|i| {
        active
            .as_ref()
            .is_some_and(|a| a == i.as_ref() as &web_sys::Element)
    });
    if let Some(i) = step(at, items.len(), how) {
        let _ = items[i].focus();
    }
}

/// A length in whole CSS pixels (written as an integer: formatting a float would bring the
/// standard library's float printing, about 11 KB of wasm, into the bundle).
fn px(v: f64) -> String {
    format!("{}px", v.round() as i32)
}

/// Puts the menu under its button, its right edge on the button's; over the button when the
/// space below would not hold it.
pub(super) fn place(button: &HtmlElement, menu: &HtmlElement) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let rect = button.get_bounding_client_rect();
    let vw = window
        .document()
        .and_then(|d| d.document_element())
        .map_or(0.0, |e| e.client_width() as f64);
    let vh = window
        .inner_height()
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0);
    // Each item is about 2.4 rem tall; the frame adds a little.
    let needed = 40.0 * items_of(menu).len() as f64 + 16.0;
    let style = menu.style();
    let _ = style.set_property("right", &px((vw - rect.right()).max(4.0)));
    if vh - rect.bottom() >= needed || rect.top() < needed {
        let _ = style.set_property("top", &px(rect.bottom() + 4.0));
        let _ = style.set_property("bottom", "auto");
    } else {
        let _ = style.set_property("bottom", &px(vh - rect.top() + 4.0));
        let _ = style.set_property("top", "auto");
    }
}

#[cfg(test)]
mod tests {
    use super::{MenuKey, Move, menu_key, step};

    #[test]
    fn keys_move_or_close() {
        assert_eq!(menu_key("ArrowDown"), Some(MenuKey::Move(Move::Next)));
        assert_eq!(menu_key("End"), Some(MenuKey::Move(Move::Last)));
        assert_eq!(
            menu_key("Escape"),
            Some(MenuKey::Close {
                back_to_button: true
            })
        );
        assert_eq!(
            menu_key("Tab"),
            Some(MenuKey::Close {
                back_to_button: false
            })
        );
        assert_eq!(menu_key("a"), None);
    }

    #[test]
    fn focus_wraps_around_and_starts_at_either_end() {
        assert_eq!(step(None, 3, Move::First), Some(0));
        assert_eq!(step(None, 3, Move::Next), Some(0));
        assert_eq!(step(None, 3, Move::Previous), Some(2));
        assert_eq!(step(Some(2), 3, Move::Next), Some(0));
        assert_eq!(step(Some(0), 3, Move::Previous), Some(2));
        assert_eq!(step(Some(1), 3, Move::Last), Some(2));
        assert_eq!(step(Some(1), 0, Move::Next), None);
    }
}
