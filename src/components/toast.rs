//! Toasts in one polite live region.

use leptos::prelude::*;

/// How a toast looks.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ToastKind {
    Success,
    Error,
    Info,
}

#[derive(Clone, Debug)]
struct Toast {
    id: u64,
    kind: ToastKind,
    text: String,
}

/// Handle in context.
#[derive(Clone, Copy)]
pub struct Toaster {
    items: RwSignal<Vec<Toast>>,
    next: StoredValue<u64>,
}

impl Toaster {
    pub fn show(&self, kind: ToastKind, text: impl Into<String>) {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        self.items.update(|v| {
            v.push(Toast {
                id,
                kind,
                text: text.into(),
            })
        });
        let items = self.items;
        // Errors stay longer: they are more likely to need reading twice.
        let ms = if kind == ToastKind::Error {
            10_000
        } else {
            5_000
        };
        gloo_timers::callback::Timeout::new(ms, move || {
            items.try_update(|v| v.retain(|t| t.id != id));
        })
        .forget();
    }

    pub fn success(&self, text: impl Into<String>) {
        self.show(ToastKind::Success, text)
    }

    pub fn error(&self, text: impl Into<String>) {
        self.show(ToastKind::Error, text)
    }

    /// Tells how a write went: `said(&value)` when it worked, the failure in words when not.
    /// Gives the value back for whatever follows.
    pub fn tell<T>(
        &self,
        result: Result<T, molecule_sdk::ApiError>,
        said: impl FnOnce(&T) -> String,
    ) -> Option<T> {
        match result {
            Ok(v) => {
                self.success(said(&v));
                Some(v)
            }
            Err(e) => {
                self.error(crate::words::say(&e));
                None
            }
        }
    }
}

/// The toaster from context.
pub fn use_toaster() -> Toaster {
    expect_context::<Toaster>()
}

/// Creates the toaster and provides it to the tree.
pub fn provide_toaster() -> Toaster {
    let toaster = Toaster {
        items: RwSignal::new(Vec::new()),
        next: StoredValue::new(0),
    };
    provide_context(toaster);
    toaster
}

impl Toaster {
    /// Whether any toast is showing.
    pub fn any(&self) -> bool {
        self.items.with(|v| !v.is_empty())
    }

    /// The newest toast's text (the fallback rendering when the list's code is missing).
    pub fn latest(&self) -> Option<String> {
        self.items.with(|v| v.last().map(|t| t.text.clone()))
    }
}

/// The toasts, each with its dismiss button (goes inside the live region).
pub fn toast_list(toaster: Toaster) -> AnyView {
    view! {
        <For each=move || toaster.items.get() key=|t| t.id let:t>
            <div class="toast" class:toast--error=t.kind == ToastKind::Error class:toast--success=t.kind == ToastKind::Success>
                <span>{t.text.clone()}</span>
                <button
                    type="button"
                    class="toast__close"
                    aria-label="Dismiss"
                    on:click=move |_| toaster.items.update(|v| v.retain(|x| x.id != t.id))
                >
                    "×"
                </button>
            </div>
        </For>
    }
    .into_any()
}

/// Provides the toaster and renders the live region with the toasts. Mount once. (The console
/// mounts `lazy_hosts::LazyToastHost`, which loads the list's code with the first toast.)
#[component]
pub fn ToastHost() -> impl IntoView {
    let toaster = provide_toaster();
    view! {
        <div class="toasts" role="status" aria-live="polite" aria-atomic="false">
            {toast_list(toaster)}
        </div>
    }
}
