//! The command palette and the keyboard-shortcuts help, opened from anywhere: Ctrl+K (⌘K on a
//! Mac) or the header's button opens the palette, "?" the shortcuts.
//!
//! Only the open state, the key listener and the header's button are in the main module. The
//! dialogs, their entries and the matching are a wasm split of their own (`console_palette`),
//! fetched the first time one of them opens; if it cannot be fetched, a toast says so and the
//! next try fetches again.

pub mod dialog;
pub mod entries;
pub mod shortcuts;

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

/// Which overlay is open, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    Palette,
    Shortcuts,
}

/// The open overlay (from context; `Copy`).
#[derive(Clone, Copy)]
pub struct Overlays(pub RwSignal<Option<Overlay>>);

impl Overlays {
    /// Opens `which` (replacing one that is open).
    pub fn open(self, which: Overlay) {
        self.0.set(Some(which));
    }

    /// Closes whatever is open.
    pub fn close(self) {
        self.0.set(None);
    }
}

#[leptos::wasm_split::wasm_split(console_palette, wasm_split_path = ::leptos::wasm_split, fallible)]
fn palette_chunk(state: Overlays) -> Result<AnyView, SplitLoaderError> {
    Ok(dialog::overlay_view(state))
}

/// Whether a key press is typing into a field (where "?" is a character, not a shortcut).
fn typing(ev: &leptos::ev::KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.closest("[contenteditable]").ok().flatten().is_some()
        })
}

/// Provides the overlay state, listens for the shortcuts and draws the open overlay (its code
/// loaded on first use). Mount once, inside the router.
#[component]
pub fn LazyPaletteHost() -> impl IntoView {
    let state = Overlays(RwSignal::new(None));
    provide_context(state);
    let wanted = RwSignal::new(false);
    let _ = window_event_listener(leptos::ev::keydown, move |ev| {
        let key = ev.key();
        let command = ev.ctrl_key() || ev.meta_key();
        if command && !ev.alt_key() && key.eq_ignore_ascii_case("k") {
            ev.prevent_default();
            state
                .0
                .update(|o| *o = (*o != Some(Overlay::Palette)).then_some(Overlay::Palette));
        } else if key == "?" && !command && !ev.alt_key() && !typing(&ev) {
            ev.prevent_default();
            state.open(Overlay::Shortcuts);
        }
    });
    Effect::new(move |_| {
        if state.0.with(Option::is_some) && !wanted.get_untracked() {
            wanted.set(true);
        }
    });
    move || {
        wanted.get().then(|| {
            Suspend::new(async move {
                palette_chunk(state).await.unwrap_or_else(|_| {
                    state.close();
                    wanted.set(false);
                    if let Some(t) = use_context::<crate::components::Toaster>() {
                        t.error("The command palette could not be loaded. Check your connection and try again.");
                    }
                    ().into_any()
                })
            })
        })
    }
}

/// The header's button that opens the palette, and its shortcut beside it.
#[component]
pub fn PaletteButton() -> impl IntoView {
    let state = use_context::<Overlays>();
    view! {
        <span class="palette-launch">
            <button
                type="button"
                class="btn btn--ghost palette-button"
                aria-haspopup="dialog"
                aria-keyshortcuts="Control+K Meta+K"
                aria-label="Search or jump to…"
                on:click=move |_| { if let Some(s) = state { s.open(Overlay::Palette) } }
            >
                // One piece of text (the button's flex gap would split two).
                <span>"Search"<span class="wide-only">" or jump to…"</span></span>
            </button>
            <kbd class="palette-launch__keys" aria-hidden="true">"Ctrl K"</kbd>
        </span>
    }
}
