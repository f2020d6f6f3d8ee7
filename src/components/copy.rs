//! A button that copies a text to the clipboard and says how that went: "Copied" for two
//! seconds, or "Copy failed" when the browser refuses (no permission, not a secure context);
//! the text itself stays on the page to be selected by hand. Screen readers hear the outcome
//! through a status line.

use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Ready,
    Copied,
    Refused,
}

/// How long "Copied" or "Copy failed" stays on the button.
const SHOWN_MS: u32 = 2_000;

/// Copies `text`; `what` names it for the button's accessible name ("Copy workspace ID").
#[component]
pub fn CopyButton(
    text: String,
    what: &'static str,
    /// Small, beside a value on its line (not among a form's buttons).
    #[prop(optional)]
    compact: bool,
) -> impl IntoView {
    let outcome = RwSignal::new(Outcome::Ready);
    let copy = move |_| {
        let text = text.clone();
        leptos::task::spawn_local(async move {
            let written = web_sys::window().map(|w| w.navigator().clipboard().write_text(&text));
            let ok = match written {
                Some(p) => wasm_bindgen_futures::JsFuture::from(p).await.is_ok(),
                None => false,
            };
            outcome.try_set(if ok {
                Outcome::Copied
            } else {
                Outcome::Refused
            });
            gloo_timers::future::TimeoutFuture::new(SHOWN_MS).await;
            outcome.try_set(Outcome::Ready);
        });
    };
    let face = move || match outcome.get() {
        Outcome::Ready => "Copy",
        Outcome::Copied => "Copied",
        Outcome::Refused => "Copy failed",
    };
    let said = move || match outcome.get() {
        Outcome::Ready => "",
        Outcome::Copied => "Copied to the clipboard.",
        Outcome::Refused => "The browser did not allow copying; select the text and copy it.",
    };
    view! {
        <button type="button" class="btn" class:btn--compact=compact aria-label=format!("Copy {what}") on:click=copy>{face}</button>
        <span class="visually-hidden" role="status">{said}</span>
    }
}
