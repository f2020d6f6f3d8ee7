//! The organization switcher in the header: a button with the current organization's name;
//! it opens a popup with a combobox over the person's organizations (type to narrow, ↓ ↑ to
//! move, Enter to go) and a link to all of them. On an organization's own host, choosing
//! another opens that organization's console on its host (its overview on the console host
//! while it is not running); on the console host's organization pages, the same section of the
//! other organization. Enter, Space or ↓ on the button open it; Escape closes it and gives focus
//! back to the button; focus leaving it closes it. Calls `GET /cp/orgs` (allowlisted on tenant
//! hosts) the first time it opens, and again after a failure. The popup
//! ([`super::org_popup`]) is a wasm split of its own, loaded through the [`PopupLoader`] the
//! console's entry provides, so the area packs carry only the button.

use super::org_popup::{Orgs, Popup, PopupLoader};
use crate::api::use_api;
use leptos::{html, portal::Portal, prelude::*};
use molecule_sdk::{calls, types::Organization};
use wasm_bindgen::JsCast;

/// Where choosing an organization goes.
#[derive(Clone, Copy)]
pub enum Goes {
    /// An organization's own console (this host's pages are tenant pages).
    Console,
    /// The same page of the other organization on the console host (`/orgs/<slug>/…`).
    SamePage,
}

/// The switcher, drawn in the header's organization slot (in place, if the header has none);
/// `current` is the slug of the organization on show, `name` its name.
#[component]
pub fn OrgSwitcher(
    #[prop(into)] current: Signal<String>,
    #[prop(into)] name: Signal<String>,
    goes: Goes,
) -> impl IntoView {
    let slot = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("topbar-org"));
    let switcher = move || view! { <Switcher current name goes/> };
    match slot {
        Some(slot) => view! { <Portal mount=slot>{switcher()}</Portal> }.into_any(),
        None => switcher().into_any(),
    }
}

#[component]
fn Switcher(current: Signal<String>, name: Signal<String>, goes: Goes) -> impl IntoView {
    let api = use_api();
    let open = RwSignal::new(false);
    // The list, loaded the first time the popup opens. A signal, not a resource: a resource
    // read under the layout's `Transition` would redraw the page while it reloads.
    let orgs: Orgs = RwSignal::new_local(None::<Result<Vec<Organization>, ()>>);
    let asked = StoredValue::new(false);
    let load = move || {
        if asked.get_value() {
            return;
        }
        asked.set_value(true);
        orgs.set(None);
        leptos::task::spawn_local(async move {
            let got = api.send(calls::list_orgs()).await;
            if got.is_err() {
                // Opening it again, or Try again, asks again.
                asked.try_set_value(false);
            }
            orgs.try_set(Some(got.map(|l| l.into_vec()).map_err(|_| ())));
        });
    };
    let button = NodeRef::<html::Button>::new();
    let show = move || {
        load();
        open.set(true);
    };
    let close = move |refocus: bool| {
        open.set(false);
        if refocus && let Some(b) = button.get_untracked() {
            let _ = b.focus();
        }
    };
    let on_button_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "ArrowDown" {
            ev.prevent_default();
            show();
        }
    };
    // Focus leaving the switcher (a click elsewhere, Tab past it) closes it.
    let on_focus_out = move |ev: leptos::ev::FocusEvent| {
        let inside = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .zip(
                ev.current_target()
                    .and_then(|t| t.dyn_into::<web_sys::Node>().ok()),
            )
            .is_some_and(|(to, me)| me.contains(Some(&to)));
        if !inside {
            open.set(false);
        }
    };
    let popup = Popup {
        orgs,
        current,
        goes,
        close: Callback::new(close),
        load: Callback::new(move |()| load()),
    };
    // The popup's code arrives the first time it opens (or is fetched when the button is
    // pointed at or focused).
    let loader = use_context::<PopupLoader>();
    let prefetch = move || {
        if let Some(l) = loader {
            (l.fetch)();
        }
    };
    let popup = move || {
        Suspend::new(async move {
            let drawn = match loader {
                Some(l) => (l.draw)(popup).await.ok(),
                None => None,
            };
            drawn.unwrap_or_else(|| {
                view! {
                    <div id="org-switcher-popup" class="org-switcher__popup" role="dialog" aria-label="Switch organization">
                        <p role="status">"The organization switcher could not be loaded. Check your connection and try again."</p>
                    </div>
                }
                .into_any()
            })
        })
    };
    view! {
        <div class="org-switcher" on:focusout=on_focus_out on:pointerenter=move |_| prefetch() on:focusin=move |_| prefetch()>
            <button
                node_ref=button
                type="button"
                class="btn btn--ghost org-switcher__button"
                aria-label=move || format!("Switch organization: {}", name.get())
                aria-expanded=move || open.get().to_string()
                aria-controls="org-switcher-popup"
                on:click=move |_| if open.get_untracked() { close(false) } else { show() }
                on:keydown=on_button_key
            >
                <span class="org-switcher__name">{move || name.get()}</span>
                <span aria-hidden="true">"▾"</span>
            </button>
            {move || open.get().then(popup)}
        </div>
    }
}
