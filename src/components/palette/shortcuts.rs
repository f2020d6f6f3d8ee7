//! The keyboard-shortcuts help ("?" anywhere outside a field, or "Keyboard shortcuts" in the
//! palette).

use super::Overlays;
use crate::components::modal::keep_focus_inside;
use leptos::prelude::*;

/// Every shortcut: its keys and what it does.
pub const SHORTCUTS: &[(&str, &str)] = &[
    (
        "Ctrl K, or ⌘ K on a Mac",
        "Open the command palette: search pages, organizations and workspaces",
    ),
    ("?", "Show these shortcuts"),
    ("↑ and ↓", "Move through the palette's list"),
    ("Enter", "Open the highlighted place"),
    ("Escape", "Close the palette, this help or any dialog"),
    (
        "Tab and Shift Tab",
        "Move between controls; focus stays inside an open dialog",
    ),
];

/// The help dialog.
#[component]
pub fn ShortcutsDialog(state: Overlays) -> impl IntoView {
    let close = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(b) = close.get() {
            let _ = b.focus();
        }
    });
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            state.close();
        }
        "Tab" => keep_focus_inside(&ev),
        _ => {}
    };
    view! {
        <div class="dialog-backdrop" on:click=move |_| state.close()>
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title"
                on:keydown=on_keydown on:click=|ev| ev.stop_propagation()>
                <h2 id="shortcuts-title" class="dialog__title">"Keyboard shortcuts"</h2>
                <dl class="shortcuts">
                    {SHORTCUTS.iter().map(|(keys, what)| view! {
                        <dt><kbd>{*keys}</kbd></dt>
                        <dd>{*what}</dd>
                    }).collect_view()}
                </dl>
                <div class="dialog__actions">
                    <button node_ref=close type="button" class="btn btn--primary" on:click=move |_| state.close()>"Close"</button>
                </div>
            </div>
        </div>
    }
}
