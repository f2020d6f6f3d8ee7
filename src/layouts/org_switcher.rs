//! The organization switcher in a tenant page's org strip: a menu button listing the person's
//! organizations; choosing one opens that organization's console on its own host (its
//! overview on the console host while it is not running). Keyboard: Enter, Space or ↓ open it
//! on the first item (↑ on the last), ↑ ↓ Home End move, Escape closes it and gives focus back
//! to the button, Tab closes it. Calls `GET /cp/orgs` (allowlisted on tenant hosts) the first
//! time it opens.

use crate::{
    api::use_api,
    components::menu::keys::{self, Move as Focus, focus_item},
    config::Config,
    paths,
};
use leptos::{html, prelude::*};
use molecule_sdk::{calls, types::Organization};
use wasm_bindgen::JsCast;

/// The switcher; `current` is this host's org.
#[component]
pub fn OrgSwitcher(current: String) -> impl IntoView {
    let api = use_api();
    let open = RwSignal::new(false);
    // Where focus goes once the menu is open and its items are drawn.
    let focus_to = RwSignal::new(None::<Focus>);
    // The list, loaded the first time the menu opens. A signal, not a resource: the strip sits
    // in the layout's `Transition`, which would redraw the whole page (and drop the button's
    // focus) while a resource read under it reloads.
    let orgs = RwSignal::new_local(None::<Result<Vec<Organization>, ()>>);
    let asked = StoredValue::new(false);
    let button = NodeRef::<html::Button>::new();
    let menu = NodeRef::<html::Div>::new();
    let show = move |to: Focus| {
        if !asked.get_value() {
            asked.set_value(true);
            leptos::task::spawn_local(async move {
                let got = api.send(calls::list_orgs()).await;
                if got.is_err() {
                    // The next opening asks again.
                    asked.try_set_value(false);
                }
                orgs.try_set(Some(got.map(|l| l.into_vec()).map_err(|_| ())));
            });
        }
        open.set(true);
        focus_to.set(Some(to));
    };
    let close = move |refocus: bool| {
        open.set(false);
        if refocus && let Some(b) = button.get_untracked() {
            let _ = b.focus();
        }
    };
    // Focus the wanted item once the list is there.
    Effect::new(move |_| {
        let loaded = orgs.with(Option::is_some);
        if let (true, Some(to), Some(m)) = (open.get() && loaded, focus_to.get(), menu.get()) {
            focus_to.set(None);
            let m: web_sys::HtmlElement = m.unchecked_into();
            // The menu may still carry `hidden` until its attribute is redrawn; nothing in a
            // hidden element can take focus.
            let _ = m.remove_attribute("hidden");
            focus_item(&m, to);
        }
    });
    let on_button_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "ArrowDown" => {
            ev.prevent_default();
            show(Focus::First);
        }
        "ArrowUp" => {
            ev.prevent_default();
            show(Focus::Last);
        }
        _ => {}
    };
    let on_menu_key = move |ev: leptos::ev::KeyboardEvent| {
        let Some(m) = menu.get_untracked() else {
            return;
        };
        let m: web_sys::HtmlElement = m.unchecked_into();
        keys::on_menu_key(&ev, &m, close);
    };
    // Focus leaving the switcher (a click elsewhere, Tab past it) closes the menu.
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
    let endpoints = Config::from_window().endpoints;
    let all_orgs = format!("{}{}", endpoints.auth_origin(), paths::orgs());
    view! {
        <div class="org-switcher" on:focusout=on_focus_out>
            <button
                node_ref=button
                type="button"
                class="btn btn--ghost org-switcher__button"
                aria-haspopup="menu"
                aria-expanded=move || open.get().to_string()
                aria-controls="org-switcher-menu"
                on:click=move |_| if open.get_untracked() { close(false) } else { show(Focus::First) }
                on:keydown=on_button_key
            >
                "Switch organization"
            </button>
            <div
                node_ref=menu
                id="org-switcher-menu"
                class="org-switcher__menu"
                role="menu"
                aria-label="Your organizations"
                hidden=move || !open.get()
                on:keydown=on_menu_key
            >
                {move || match orgs.get() {
                    None => view! { <p class="muted" role="status">"Loading your organizations…"</p> }.into_any(),
                    Some(Err(_)) => view! { <p class="muted" role="status">"Your organizations could not be loaded."</p> }.into_any(),
                    Some(Ok(list)) => list.into_iter().map(|o| {
                        let here = o.slug == current;
                        let href = match here {
                            true => paths::workspaces(),
                            false => paths::org_console(&o, &endpoints),
                        };
                        view! {
                            <a role="menuitem" tabindex="-1" href=href class="org-switcher__item"
                                aria-current=here.then_some("true")>
                                {o.name.to_string()}
                                <span class="mono muted">{format!(" ({})", o.slug)}</span>
                                {here.then_some(" · this one")}
                            </a>
                        }
                    }).collect_view().into_any(),
                }}
                <a role="menuitem" tabindex="-1" href=all_orgs.clone() class="org-switcher__item">"All organizations"</a>
            </div>
        </div>
    }
}
