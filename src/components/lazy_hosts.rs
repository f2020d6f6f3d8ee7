//! The toast list and the confirm dialog, with their code loaded on first use.
//!
//! Both are mounted on every page but rendered only after something happens (a toast, a
//! question), and almost always on a lazily loaded page. Their handles and state live in the
//! main bundle; their views are split into wasm chunks of their own (`scripts/build_wasm.py`)
//! and fetched the first time they are needed. If a chunk cannot be fetched, toasts fall back to
//! plain text and an open question is dismissed with an error toast, so nothing irreversible
//! happens unconfirmed.
//!
//! The direct `ToastHost` and `ConfirmHost` (no split) remain for the component tests.

use crate::components::{
    confirm::{Confirm, confirm_view, provide_confirm},
    toast::{Toaster, provide_toaster, toast_list},
};
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

#[leptos::wasm_split::wasm_split(console_toasts, wasm_split_path = ::leptos::wasm_split, fallible)]
fn toasts_chunk(toaster: Toaster) -> Result<AnyView, SplitLoaderError> {
    Ok(toast_list(toaster))
}

#[leptos::wasm_split::wasm_split(console_confirm, wasm_split_path = ::leptos::wasm_split, fallible)]
fn confirm_chunk(state: Confirm) -> Result<AnyView, SplitLoaderError> {
    Ok(confirm_view(state))
}

/// A signal that turns true when `needed` first holds, and stays true.
fn latch(needed: impl Fn() -> bool + 'static) -> RwSignal<bool> {
    let on = RwSignal::new(false);
    Effect::new(move |_| {
        if needed() && !on.get_untracked() {
            on.set(true);
        }
    });
    on
}

/// The live region for toasts; the list's code loads with the first toast.
#[component]
pub fn LazyToastHost() -> impl IntoView {
    let toaster = provide_toaster();
    let wanted = latch(move || toaster.any());
    let content = move || {
        wanted.get().then(|| {
            Suspend::new(async move {
                toasts_chunk(toaster).await.unwrap_or_else(|_| {
                    (move || {
                        toaster
                            .latest()
                            .map(|text| view! { <p class="toast">{text}</p> })
                    })
                    .into_any()
                })
            })
        })
    };
    view! {
        <div class="toasts" role="status" aria-live="polite" aria-atomic="false">
            {content}
        </div>
    }
}

/// The confirm dialog; its code loads with the first question.
#[component]
pub fn LazyConfirmHost() -> impl IntoView {
    let state = provide_confirm();
    let wanted = latch(move || state.is_open());
    move || {
        wanted.get().then(|| {
            Suspend::new(async move {
                confirm_chunk(state).await.unwrap_or_else(|_| {
                    state.dismiss();
                    // Retry the load with the next question.
                    wanted.set(false);
                    if let Some(t) = use_context::<Toaster>() {
                        t.error("The confirmation could not be shown, so nothing was changed. Check your connection and try again.");
                    }
                    ().into_any()
                })
            })
        })
    }
}
