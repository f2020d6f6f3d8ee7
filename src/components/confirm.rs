//! One confirm dialog for the whole console, with a type-the-name variant for irreversible acts.
//!
//! Focus starts on Cancel, so Enter from the keyboard cancels unless the user has deliberately
//! moved to the confirm button (or typed the name and pressed Enter in the name field).

use super::modal::{keep_focus_inside, use_modal};
use leptos::{ev::SubmitEvent, html, prelude::*};

/// What to ask.
#[derive(Clone)]
pub struct ConfirmRequest {
    pub title: String,
    pub body: String,
    pub confirm_label: String,
    /// Red confirm button.
    pub danger: bool,
    /// When set, the user must type exactly this text before confirming.
    pub type_to_confirm: Option<String>,
    pub on_confirm: Callback<()>,
}

/// Handle in context: `use_confirm().ask(req)`.
#[derive(Clone, Copy)]
pub struct Confirm(RwSignal<Option<ConfirmRequest>, LocalStorage>);

impl Confirm {
    pub fn ask(&self, req: ConfirmRequest) {
        self.0.set(Some(req));
    }
}

/// The dialog handle from context.
pub fn use_confirm() -> Confirm {
    expect_context::<Confirm>()
}

impl Confirm {
    /// Whether a question is open.
    pub fn is_open(&self) -> bool {
        self.0.with(|r| r.is_some())
    }

    /// Drops the open question, as Cancel would.
    pub fn dismiss(&self) {
        self.0.set(None);
    }
}

/// Creates the dialog handle and provides it; the page behind an open dialog is inert and
/// focus returns to its opener on close ([`use_modal`]).
pub fn provide_confirm() -> Confirm {
    let state = Confirm(RwSignal::new_local(None));
    provide_context(state);
    use_modal(move || state.is_open());
    state
}

/// The open dialog, if any.
pub fn confirm_view(state: Confirm) -> AnyView {
    (move || {
        state.0.get().map(|req| {
            let on_confirm = req.on_confirm;
            view! {
                <ConfirmDialog
                    request=req
                    on_close=Callback::new(move |confirmed: bool| {
                        state.0.set(None);
                        if confirmed {
                            on_confirm.run(());
                        }
                    })
                />
            }
        })
    })
    .into_any()
}

/// Provides the handle and renders the open dialog, if any. Mount once. (The console mounts
/// `lazy_hosts::LazyConfirmHost`, which loads the dialog's code with the first question.)
#[component]
pub fn ConfirmHost() -> impl IntoView {
    confirm_view(provide_confirm())
}

/// The dialog itself. `on_close(true)` means confirmed.
#[component]
pub fn ConfirmDialog(
    /// What to ask.
    request: ConfirmRequest,
    /// Called once with the user's answer.
    on_close: Callback<bool>,
) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let expected = request.type_to_confirm.clone();
    let expected_for_check = expected.clone();
    let can_confirm = Memo::new(move |_| match &expected_for_check {
        Some(name) => typed.with(|t| t == name),
        None => true,
    });
    let cancel_ref = NodeRef::<html::Button>::new();
    // Focus Cancel once mounted.
    Effect::new(move |_| {
        if let Some(b) = cancel_ref.get() {
            let _ = b.focus();
        }
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if can_confirm.get_untracked() {
            on_close.run(true);
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Escape" => on_close.run(false),
        "Tab" => keep_focus_inside(&ev),
        _ => {}
    };
    let confirm_class = if request.danger {
        "btn btn--danger"
    } else {
        "btn btn--primary"
    };
    view! {
        <div class="dialog-backdrop">
            <div
                class="dialog"
                role="alertdialog"
                aria-modal="true"
                aria-labelledby="confirm-title"
                aria-describedby="confirm-body"
                on:keydown=on_keydown
            >
                <form on:submit=submit>
                    <h2 id="confirm-title" class="dialog__title">{request.title.clone()}</h2>
                    <p id="confirm-body" class="dialog__body">{request.body.clone()}</p>
                    {expected.map(|name| view! {
                        <label class="field">
                            <span class="field__label">"Type " <strong class="mono">{name.clone()}</strong> " to confirm"</span>
                            <input
                                class="input"
                                type="text"
                                autocomplete="off"
                                spellcheck="false"
                                prop:value=move || typed.get()
                                on:input=move |ev| typed.set(event_target_value(&ev))
                            />
                        </label>
                    })}
                    <div class="dialog__actions">
                        <button type="button" class="btn" node_ref=cancel_ref on:click=move |_| on_close.run(false)>
                            "Cancel"
                        </button>
                        <button type="submit" class=confirm_class disabled=move || !can_confirm.get()>
                            {request.confirm_label.clone()}
                        </button>
                    </div>
                </form>
            </div>
        </div>
    }
}
