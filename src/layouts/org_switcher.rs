//! The organization switcher in the header: a button with the current organization's name;
//! it opens a popup with a combobox over the person's organizations (type to narrow, ↓ ↑ to
//! move, Enter to go) and a link to all of them. On an organization's own host, choosing
//! another opens that organization's console on its host (its overview on the console host
//! while it is not running); on the console host's organization pages, the same section of the
//! other organization. Enter, Space or ↓ on the button open it; Escape closes it and gives focus
//! back to the button; focus leaving it closes it. Calls `GET /cp/orgs` (allowlisted on tenant
//! hosts) the first time it opens, and again after a failure.

use super::org_choice::{counted, matching, same_page};
use crate::{
    api::use_api,
    components::combobox::{ComboOption, Combobox},
    config::Config,
    paths,
};
use leptos::{html, portal::Portal, prelude::*};
use molecule_sdk::{calls, types::Organization};
use wasm_bindgen::JsCast;

/// At most this many organizations are listed at once; typing narrows the rest.
const SHOWN: usize = 50;
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
    let orgs = RwSignal::new_local(None::<Result<Vec<Organization>, ()>>);
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
    let query = RwSignal::new(String::new());
    let found = Memo::new(move |_| match orgs.get() {
        Some(Ok(list)) => matching(&list, &query.get(), SHOWN),
        _ => (Vec::new(), 0),
    });
    let options = Signal::derive(move || {
        found.with(|(shown, _)| {
            shown
                .iter()
                .map(|o| ComboOption {
                    label: o.name.to_string(),
                    note: match o.slug == current.get() {
                        true => format!("{} · this one", o.slug),
                        false => o.slug.to_string(),
                    },
                })
                .collect()
        })
    });
    let status = Signal::derive(move || found.with(|(s, t)| counted(s.len(), *t)));
    let endpoints = Config::from_window().endpoints;
    let navigate = leptos_router::hooks::use_navigate();
    let location = leptos_router::hooks::use_location();
    let to_endpoints = endpoints.clone();
    let pick = Callback::new(move |i: usize| {
        let Some(o) = found.with_untracked(|(s, _)| s.get(i).cloned()) else {
            return;
        };
        close(false);
        query.set(String::new());
        match goes {
            Goes::SamePage => {
                let here = location.pathname.get_untracked();
                navigate(
                    &same_page(&here, &current.get_untracked(), &o.slug),
                    Default::default(),
                )
            }
            Goes::Console if o.slug == current.get_untracked() => {
                navigate(&paths::workspaces(), Default::default())
            }
            Goes::Console => {
                if let Some(w) = web_sys::window() {
                    let _ = w
                        .location()
                        .set_href(&paths::org_console(&o, &to_endpoints));
                }
            }
        }
    });
    let on_button_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "ArrowDown" {
            ev.prevent_default();
            show();
        }
    };
    let on_popup_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            close(true);
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
    let all_orgs = format!("{}{}", endpoints.auth_origin(), paths::orgs());
    let popup = move || {
        let list = match orgs.get() {
            None => view! { <p class="muted" role="status">"Loading your organizations…"</p> }.into_any(),
            Some(Err(_)) => view! {
                <p class="muted" role="status">"Your organizations could not be loaded."</p>
                <button type="button" class="btn btn--compact" on:click=move |_| load()>"Try again"</button>
            }.into_any(),
            Some(Ok(_)) => view! {
                <Combobox id="org-switcher" label="Find an organization" list_label="Your organizations"
                    placeholder="Name or slug" query options status on_pick=pick/>
            }.into_any(),
        };
        view! {
            <div id="org-switcher-popup" class="org-switcher__popup" role="dialog"
                aria-label="Switch organization" on:keydown=on_popup_key>
                {list}
                <a href=all_orgs.clone() class="org-switcher__all">"All organizations"</a>
            </div>
        }
    };
    view! {
        <div class="org-switcher" on:focusout=on_focus_out>
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
            {move || open.get().then(popup.clone())}
        </div>
    }
}
