//! A menu of actions behind one button, for a row with several acts (restart, pause, delete):
//! the WAI-ARIA menu button pattern, drawn as a popover (the browser's top layer), so a table
//! that scrolls sideways on a phone never clips it, and a click elsewhere or Escape closes it.
//!
//! Keyboard: Enter, Space or Arrow Down on the button opens it on the first item (Arrow Up: the
//! last); Arrow keys, Home and End move; Enter runs an item; Escape closes and returns to the
//! button; Tab closes and moves on. An item the user may not use stays in the menu, marked
//! unavailable, with the reason as its title.

use leptos::{ev, html, prelude::*};
use std::sync::atomic::{AtomicUsize, Ordering};

pub mod keys;

use keys::{Move, focus_item, on_menu_key, place};

/// One act of an [`ActionMenu`].
#[derive(Clone)]
pub struct MenuItem {
    /// What the item says ("Pause").
    pub label: &'static str,
    /// A destructive act (drawn in the danger colour).
    pub danger: bool,
    /// Why the item cannot be used now (its title), or `None`.
    pub blocked: Signal<Option<&'static str>>,
    /// Runs the act (after the menu has closed and focus is back on the button, so a
    /// confirmation dialog returns there too).
    pub run: Callback<()>,
}

impl MenuItem {
    pub fn new(label: &'static str, run: impl Fn() + Send + Sync + 'static) -> Self {
        MenuItem {
            label,
            danger: false,
            blocked: Signal::stored(None),
            run: Callback::new(move |_| run()),
        }
    }

    /// Draws the item as destructive.
    pub fn danger(mut self) -> Self {
        self.danger = true;
        self
    }

    /// The reason the item is unavailable, while there is one.
    pub fn blocked(mut self, why: Signal<Option<&'static str>>) -> Self {
        self.blocked = why;
        self
    }
}

static NEXT_ID: AtomicUsize = AtomicUsize::new(0);

/// A button ("⋯", named by `label`) that opens a menu of `items`.
#[component]
pub fn ActionMenu(
    /// Names the button and the menu ("Actions for Nightly reports").
    label: String,
    items: Vec<MenuItem>,
    /// Told when the menu opens (`true`) and closes (`false`), e.g. to hold a page's polling:
    /// a reload would redraw the row, and the open menu with it.
    #[prop(optional)]
    on_toggle: Option<Callback<bool>>,
) -> impl IntoView {
    let id = format!("menu-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed));
    let open = RwSignal::new(false);
    let button = NodeRef::<html::Button>::new();
    let menu = NodeRef::<html::Div>::new();
    // An open menu is placed for where its button was; a scroll would leave it behind.
    let closer: StoredValue<Option<WindowListenerHandle>, LocalStorage> =
        StoredValue::new_local(None);
    let close = move |back_to_button: bool| {
        if let Some(m) = menu.get_untracked() {
            let _ = m.hide_popover();
        }
        if back_to_button && let Some(b) = button.get_untracked() {
            let _ = b.focus();
        }
    };
    // Opened with Arrow Up: focus starts on the last item.
    let opening_last = StoredValue::new(false);
    // Opening: placed before it shows (no jump); then focus goes in.
    let before_toggle = move |_: ev::Event| {
        if let (Some(b), Some(m)) = (button.get_untracked(), menu.get_untracked())
            && !m.matches(":popover-open").unwrap_or(false)
        {
            place(&b, &m);
        }
    };
    let toggled = move |_: ev::Event| {
        let Some(m) = menu.get_untracked() else {
            return;
        };
        let now = m.matches(":popover-open").unwrap_or(false);
        open.set(now);
        if let Some(cb) = on_toggle {
            cb.run(now);
        }
        if let Some(h) = closer.try_update_value(Option::take).flatten() {
            h.remove();
        }
        if now {
            focus_item(
                &m,
                if opening_last.get_value() {
                    Move::Last
                } else {
                    Move::First
                },
            );
            opening_last.set_value(false);
            closer.set_value(Some(window_event_listener(ev::scroll, move |_| {
                close(false)
            })));
        }
    };
    let on_button_key = move |e: ev::KeyboardEvent| {
        let last = match e.key().as_str() {
            "ArrowDown" => false,
            "ArrowUp" => true,
            _ => return,
        };
        e.prevent_default();
        opening_last.set_value(last);
        if let Some(m) = menu.get_untracked() {
            let _ = m.show_popover();
        }
    };
    let on_key = move |e: ev::KeyboardEvent| {
        let Some(m) = menu.get_untracked() else {
            return;
        };
        on_menu_key(&e, &m, close);
    };
    on_cleanup(move || {
        if let Some(Some(h)) = closer.try_update_value(Option::take) {
            h.remove();
        }
        // Gone while open: nothing will say it closed.
        if open.try_get_untracked() == Some(true)
            && let Some(cb) = on_toggle
        {
            cb.run(false);
        }
    });
    let rows = items
        .into_iter()
        .map(|item| {
            let MenuItem {
                label,
                danger,
                blocked,
                run,
            } = item;
            let class = if danger {
                "menu__item menu__item--danger"
            } else {
                "menu__item"
            };
            view! {
                <button type="button" role="menuitem" tabindex="-1" class=class
                    aria-disabled=move || blocked.get().map(|_| "true") title=move || blocked.get()
                    on:click=move |_| {
                        if blocked.get_untracked().is_none() {
                            close(true);
                            run.run(());
                        }
                    }>{label}</button>
            }
        })
        .collect_view();
    view! {
        <button node_ref=button type="button" class="btn menu__button" aria-haspopup="menu"
            aria-expanded=move || if open.get() { "true" } else { "false" }
            aria-controls=id.clone() popovertarget=id.clone() aria-label=label.clone()
            title=label.clone() on:keydown=on_button_key>
            <span aria-hidden="true">"⋯"</span>
        </button>
        <div node_ref=menu id=id popover="auto" role="menu" aria-label=label class="menu__list"
            on:beforetoggle=before_toggle on:toggle=toggled on:keydown=on_key>
            {rows}
        </div>
    }
}
