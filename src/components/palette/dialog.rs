//! The open overlay: the palette (a dialog holding a combobox over the entries) or the
//! shortcuts help. While one is open the page behind it is inert; when it closes, focus goes
//! back to where it was. Calls `GET /cp/orgs` and, on an organization's host, `GET /workspaces`
//! when the palette opens; each list joins the entries when it arrives, and a list that fails
//! is left out (the pages are always there).

use super::{
    Overlay, Overlays,
    entries::{self, Target},
    shortcuts::ShortcutsDialog,
};
use crate::{
    api::use_api,
    components::{
        combobox::{ComboOption, Combobox},
        modal::{keep_focus_inside, use_modal},
    },
};
use leptos::prelude::*;
use molecule_sdk::calls;

/// At most this many entries are listed at once.
const SHOWN: usize = 50;

/// The overlay that is open, if any (the split's entry point).
pub fn overlay_view(state: Overlays) -> AnyView {
    use_modal(move || state.0.with(Option::is_some));
    (move || match state.0.get() {
        Some(Overlay::Palette) => view! { <Palette state/> }.into_any(),
        Some(Overlay::Shortcuts) => view! { <ShortcutsDialog state/> }.into_any(),
        None => ().into_any(),
    })
    .into_any()
}

/// Goes to `target`, closing the palette; `navigate` moves within this host's console.
fn go(state: Overlays, target: Target, navigate: &dyn Fn(&str)) {
    match target {
        Target::Shortcuts => state.open(Overlay::Shortcuts),
        Target::Page(path) => {
            state.close();
            navigate(&path);
        }
        Target::Away(url) => {
            state.close();
            if let Some(w) = web_sys::window() {
                let _ = w.location().set_href(&url);
            }
        }
    }
}

/// The palette dialog.
#[component]
fn Palette(state: Overlays) -> impl IntoView {
    let config = crate::config::Config::from_window();
    let slug = config.host_slug.clone();
    let api = use_api();
    let orgs = crate::reactive::resource(move || api.send(calls::list_orgs()));
    let on_tenant = slug.is_some();
    let workspaces = crate::reactive::resource(move || async move {
        match on_tenant {
            true => api.send(calls::list_workspaces()).await.unwrap_or_default(),
            false => Vec::new(),
        }
    });
    let all = Memo::new(move |_| {
        let mut list = entries::pages(slug.as_deref());
        if let Some(Ok(o)) = orgs.get() {
            let o = o.into_vec();
            list.extend(entries::orgs(&o, slug.as_deref(), &config.endpoints));
        }
        if let Some(w) = workspaces.get() {
            list.extend(entries::workspaces(&w));
        }
        list
    });
    let query = RwSignal::new(String::new());
    let shown = Memo::new(move |_| entries::matching(&all.get(), &query.get(), SHOWN));
    let options = Signal::derive(move || {
        shown.with(|s| {
            s.iter()
                .map(|e| ComboOption {
                    label: e.label.clone(),
                    note: e.group.into(),
                })
                .collect()
        })
    });
    let navigate = crate::router::use_navigate();
    let pick = Callback::new(move |i: usize| {
        if let Some(e) = shown.with_untracked(|s| s.get(i).cloned()) {
            go(state, e.target, &|path| navigate(path, Default::default()));
        }
    });
    let on_dialog_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            state.close();
        }
        "Tab" => keep_focus_inside(&ev),
        _ => {}
    };
    view! {
        <div class="dialog-backdrop" on:click=move |_| state.close()>
            <div class="dialog palette" role="dialog" aria-modal="true" aria-labelledby="palette-title"
                on:keydown=on_dialog_key on:click=|ev| ev.stop_propagation()>
                <h2 id="palette-title" class="visually-hidden">"Search or jump to"</h2>
                <Combobox id="palette" label="Search or jump to" list_label="Places"
                    placeholder="Pages, organizations, workspaces…" query options status=Signal::derive(move || places(shown.with(Vec::len))) on_pick=pick/>
                <div class="dialog__actions">
                    <button type="button" class="btn" on:click=move |_| state.close()>"Close"</button>
                </div>
            </div>
        </div>
    }
}

/// The status line: how many places match.
fn places(n: usize) -> String {
    match n {
        0 => "Nothing matches.".into(),
        1 => "1 place.".into(),
        n => format!("{n} places."),
    }
}
