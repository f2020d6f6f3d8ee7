//! The frame around every page: skip link, header with navigation, theme and user menu,
//! the main landmark, and the route announcer.

use crate::router::{A, use_location};
use crate::{paths, session::use_session};
use leptos::prelude::*;

/// Colour scheme preference.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    fn parse(s: &str) -> Theme {
        match s {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }

    fn next(self) -> Theme {
        match self {
            Theme::System => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// Applies the theme to `<html data-theme>` and remembers it (a preference, not a secret).
fn apply_theme(theme: Theme) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = el.set_attribute("data-theme", theme.as_str());
    }
    if let Some(s) = storage() {
        let _ = s.set_item("molecule-theme", theme.as_str());
    }
}

/// Whether a navigation is still loading the next page (provided by `App` from the router).
#[derive(Clone, Copy)]
pub struct Routing(pub ReadSignal<bool>);

/// Header, main landmark and announcer around `children`.
#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let initial = storage()
        .and_then(|s| s.get_item("molecule-theme").ok().flatten())
        .map(|s| Theme::parse(&s))
        .unwrap_or(Theme::System);
    let theme = RwSignal::new(initial);
    Effect::new(move |_| apply_theme(theme.get()));
    let routing = use_context::<Routing>().map(|r| r.0);
    let loading = move || routing.is_some_and(|r| r.get());
    let location = use_location();
    // Once a navigation has finished, announce the new page's title (waiting, briefly, for the
    // new page to set it: a lazy page sets its title when its code has arrived) and move
    // keyboard focus to the new content, as a full page load would.
    let announced = StoredValue::new(location.pathname.get_untracked());
    let announcement = RwSignal::new(String::new());
    Effect::new(move |_| {
        let path = location.pathname.get();
        if loading() || announced.with_value(|p| p == &path) {
            return;
        }
        announced.set_value(path);
        let document = web_sys::window().and_then(|w| w.document());
        let before = document.as_ref().map(|d| d.title()).unwrap_or_default();
        leptos::task::spawn_local(async move {
            let Some(d) = document else { return };
            for _ in 0..40 {
                gloo_timers::future::TimeoutFuture::new(25).await;
                if d.title() != before {
                    break;
                }
            }
            announcement.try_set(d.title());
            focus_main(&d, false);
        });
    });
    let skip = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(d) = web_sys::window().and_then(|w| w.document()) {
            focus_main(&d, true);
        }
    };
    view! {
        <a class="skip-link" href="#main" rel="external" on:click=skip>"Skip to content"</a>
        <header class="topbar">
            // On a phone the brand is one word, so it and the header's buttons share one row.
            <A href=paths::orgs() attr:class="topbar__brand">"Molecule"<span class="wide-only">" Console"</span></A>
            // An organization's pages put its switcher here (`layouts::org_switcher`).
            <div id="topbar-org" class="topbar__org"></div>
            <nav class="topbar__nav" aria-label="Primary">
                <A href=paths::orgs()>"Organizations"</A>
                // On an organization's own host: its workspaces, keys and secrets.
                {crate::config::Config::from_window().host_slug.map(|_| view! {
                    <A href=paths::tenant_overview() exact=true>"Overview"</A>
                    <A href=paths::workspaces()>"Workspaces"</A>
                    <A href=paths::approvals()>"Approvals"</A>
                    <A href=paths::events()>"Events"</A>
                    <A href=paths::api_keys()>"API keys"</A>
                    <A href=paths::secrets()>"Secrets"</A>
                    <A href=paths::templates()>"Templates"</A>
                })}
            </nav>
            <div class="topbar__end">
                <crate::components::palette::PaletteButton/>
                <button
                    type="button"
                    class="btn btn--ghost"
                    on:click=move |_| theme.update(|t| *t = t.next())
                    aria-label=move || format!("Theme: {}. Change theme", theme.get().as_str())
                >
                    // On a phone, a glyph (its name says the theme).
                    <span class="wide-only">"Theme: "{move || theme.get().as_str()}</span>
                    <span class="narrow-only" aria-hidden="true">"◐"</span>
                </button>
                <UserMenu/>
            </div>
        </header>
        // Shown (after a short delay, in CSS) while the next page is loading.
        <Show when=loading>
            <div class="route-progress" role="progressbar" aria-label="Loading page"></div>
        </Show>
        <main id="main" class="main" tabindex="-1" aria-busy=move || loading().then_some("true")>
            {children()}
        </main>
        <div class="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="route-announcer">
            {move || announcement.get()}
        </div>
    }
}

/// Focuses the main landmark, unless (`always` false) the person is typing in a field of it:
/// focus is never pulled out of a form, but a clicked link that has gone with the old page
/// leaves focus nowhere, so it moves.
fn focus_main(d: &web_sys::Document, always: bool) {
    let Some(main) = d.get_element_by_id("main") else {
        return;
    };
    let typing = d.active_element().is_some_and(|a| {
        main.contains(Some(&a)) && matches!(a.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
    });
    if always || !typing {
        let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(main).focus();
    }
}

/// Signed-in user's email and sign-out, or a sign-in link.
#[component]
fn UserMenu() -> impl IntoView {
    let session = use_session();
    view! {
        <Transition fallback=|| view! { <span class="skeleton skeleton--text" aria-hidden="true"></span> }>
            {move || Suspend::new(async move {
                match session.0.await {
                    Ok(Some(me)) => view! {
                        <span class="topbar__user">{me.email.clone()}</span>
                        <SignOut/>
                    }.into_any(),
                    _ => view! { <A href=paths::sign_in() attr:class="btn btn--primary">"Sign in"</A> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// Ends the session, then leaves through the provider's logout page (or to `then`, by default
/// the sign-in page).
#[component]
pub fn SignOut(
    /// Where to go when the provider has no logout page of its own.
    #[prop(optional, into)]
    then: Option<String>,
    /// The button's words.
    #[prop(default = "Sign out")]
    label: &'static str,
) -> impl IntoView {
    let sign_out = crate::reactive::action(move |_: &()| {
        let then = then.clone();
        async move {
            let target = match crate::api::send(molecule_sdk::calls::auth_signout()).await {
                Ok(r) if !r.logout_url.is_empty() => r.logout_url,
                _ => then.unwrap_or_else(paths::sign_in),
            };
            if let Some(w) = web_sys::window() {
                let _ = w.location().set_href(&target);
            }
        }
    });
    view! {
        <button type="button" class="btn btn--ghost" disabled=move || sign_out.pending().get() on:click=move |_| { sign_out.dispatch(()); }>
            {label}
        </button>
    }
}
