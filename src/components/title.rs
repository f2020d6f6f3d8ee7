//! Document title per page (the route announcer reads it after each navigation).

use leptos::prelude::*;

/// Sets `document.title` to `text` while the page is mounted.
#[component]
pub fn Title(
    /// The page's title, e.g. "Organizations · Molecule Console".
    #[prop(into)]
    text: Signal<String>,
) -> impl IntoView {
    Effect::new(move |_| {
        if let Some(d) = web_sys::window().and_then(|w| w.document()) {
            d.set_title(&text.get());
        }
    });
}
