//! The organization switcher's popup ([`super::org_switcher`]): the combobox over the person's
//! organizations, what choosing one does, and the link to all of them.

use super::{
    org_choice::{counted, matching, same_page},
    org_switcher::Goes,
};
use crate::{
    components::combobox::{ComboOption, Combobox},
    config::Config,
    paths,
};
use leptos::{prelude::*, wasm_split::SplitLoaderError};
use molecule_sdk::types::Organization;
use std::{future::Future, pin::Pin};

/// At most this many organizations are listed at once; typing narrows the rest.
const SHOWN: usize = 50;

/// The person's organizations once asked for (`Err` when the read failed).
pub type Orgs = RwSignal<Option<Result<Vec<Organization>, ()>>, LocalStorage>;

/// What the popup shares with the switcher's button.
#[derive(Clone, Copy)]
pub struct Popup {
    pub orgs: Orgs,
    /// The slug of the organization on show.
    pub current: Signal<String>,
    pub goes: Goes,
    /// Closes the popup; `true` gives focus back to the button.
    pub close: Callback<bool>,
    /// Asks for the organizations again.
    pub load: Callback<()>,
}

/// The popup, once its code is loaded.
pub type DrawnPopup = Pin<Box<dyn Future<Output = Result<AnyView, SplitLoaderError>> + Send>>;

/// How the switcher gets the popup's code: the console's entry ([`crate::app`]) provides the
/// loader of the popup's wasm split (fetched the first time the popup opens, or when the
/// button is pointed at or focused). Provided there, not called from here, because a split's
/// loader reached from inside another split's code (the layouts are in the area packs) ends up
/// in the component tests' binary, which cannot load splits.
#[derive(Clone, Copy)]
pub struct PopupLoader {
    /// Loads the code (once) and draws the popup.
    pub draw: fn(Popup) -> DrawnPopup,
    /// Loads the code ahead of need.
    pub fetch: fn(),
}

/// The open popup.
pub fn popup_view(p: Popup) -> AnyView {
    let Popup {
        orgs,
        current,
        goes,
        close,
        load,
    } = p;
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
    let navigate = crate::router::use_navigate();
    let location = crate::router::use_location();
    let to_endpoints = endpoints.clone();
    let pick = Callback::new(move |i: usize| {
        let Some(o) = found.with_untracked(|(s, _)| s.get(i).cloned()) else {
            return;
        };
        close.run(false);
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
    let on_popup_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            close.run(true);
        }
    };
    let all_orgs = format!("{}{}", endpoints.auth_origin(), paths::orgs());
    let list = move || {
        match orgs.get() {
        None => view! { <p class="muted" role="status">"Loading your organizations…"</p> }.into_any(),
        Some(Err(_)) => view! {
            <p class="muted" role="status">"Your organizations could not be loaded."</p>
            <button type="button" class="btn btn--compact" on:click=move |_| load.run(())>"Try again"</button>
        }
        .into_any(),
        Some(Ok(_)) => view! {
            <Combobox id="org-switcher" label="Find an organization" list_label="Your organizations"
                placeholder="Name or slug" query options status on_pick=pick/>
        }
        .into_any(),
    }
    };
    view! {
        <div id="org-switcher-popup" class="org-switcher__popup" role="dialog"
            aria-label="Switch organization" on:keydown=on_popup_key>
            {list}
            <a href=all_orgs class="org-switcher__all">"All organizations"</a>
        </div>
    }
    .into_any()
}
