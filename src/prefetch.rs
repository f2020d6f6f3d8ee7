//! Fetching an area's code before it is needed, so that a click on a link rarely waits.
//!
//! Each area of the console ([`Area`]: an organization's pages, organization creation, the
//! operator area, and on a tenant host three: its main pages, a workspace's tabs, and the API
//! keys, secrets and templates pages) is one lazy wasm split (`pages`). Its code starts loading
//! when a link into the area is pointed at, focused or pressed, and, once the browser is idle
//! after a page has been drawn, for every link on that page into an area used on this kind of
//! host (not when the browser asks to save data). Loading goes through `Area::fetch`, which the
//! router's own preloading also calls on navigation: the loader fetches a split once, and a
//! prefetch that fails leaves the page to try again when it is opened (and to say "This page
//! could not be loaded" if that fails too).
//! One listener per event, on the window: links need nothing of their own, and no script is
//! inline (the console's CSP allows none).

use crate::router::use_location;
use crate::{api::use_api, components::shell::Routing, pages::Area, paths};
use leptos::prelude::*;
use std::cell::Cell;
use wasm_bindgen::JsCast;

thread_local! {
    /// Areas whose code has been asked for (once per page load; the loader keeps it).
    static STARTED: Cell<u8> = const { Cell::new(0) };
}

/// The area whose pages live at `path`, if any (the list, sign-in and 404 are in the main module).
fn area_of(path: &str) -> Option<Area> {
    let under = |prefix: &str| {
        path.strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    };
    if path == paths::org_create() {
        Some(Area::OrgCreate)
    } else if path.starts_with("/orgs/") {
        Some(Area::Org)
    } else if path
        .strip_prefix(&paths::workspaces())
        .is_some_and(|rest| rest.len() > 1 && rest.starts_with('/'))
    {
        Some(Area::TenantWorkspace)
    } else if [paths::api_keys(), paths::secrets(), paths::templates()]
        .iter()
        .any(|p| path == p)
    {
        Some(Area::TenantAdmin)
    } else if under(paths::TENANT_PAGES) {
        Some(Area::Tenant)
    } else if under(&paths::operator()) {
        Some(Area::Operator)
    } else {
        None
    }
}

/// Starts loading the code of the area of `path` (nothing if it has started already). When it
/// has arrived, sets the performance mark `console-prefetched:<area bit>` (the benchmark's cue).
fn prefetch(path: &str) {
    let Some(area) = area_of(path) else { return };
    let bit = area as u8;
    if STARTED.with(|s| s.replace(s.get() | bit)) & bit != 0 {
        return;
    }
    leptos::task::spawn_local(async move {
        // A failure shows when a page of the area is opened: the router tries again and says so.
        let _ = area.fetch().await;
        if let Some(p) = window().performance() {
            let _ = p.mark(&format!("console-prefetched:{bit}"));
        }
    });
}

/// The in-app path an element leads to: a same-origin link the router follows.
fn link_path(target: Option<web_sys::EventTarget>) -> Option<String> {
    let el = target?.dyn_into::<web_sys::Element>().ok()?;
    let a = el.closest("a[href]").ok()??;
    if a.has_attribute("target") || a.has_attribute("download") || a.has_attribute("rel") {
        return None;
    }
    let a: web_sys::HtmlAnchorElement = a.unchecked_into();
    (a.origin() == window().location().origin().ok()?).then(|| a.pathname())
}

/// Prefetches the areas linked from the page on screen, unless the browser asks to save data.
fn prefetch_linked(on_tenant_host: bool) {
    let save_data = js_sys::Reflect::get(&window().navigator(), &"connection".into())
        .and_then(|c| js_sys::Reflect::get(&c, &"saveData".into()))
        .is_ok_and(|s| s.is_truthy());
    if save_data {
        return;
    }
    let Ok(links) = document().query_selector_all("a[href]") else {
        return;
    };
    for i in 0..links.length() {
        if let Some(path) = link_path(links.item(i).map(Into::into))
            && idle_worthy(area_of(&path), on_tenant_host)
        {
            prefetch(&path);
        }
    }
    // The cue for tests and the benchmark that the idle pass has run.
    if let Some(p) = window().performance() {
        let _ = p.mark("console-idle-prefetch");
    }
}

/// Whether idle time should fetch an area's code: only areas whose pages are used on this kind
/// of host. A tenant host's console links to the org's overview on the same origin (the org
/// strip), but people there rarely follow it, so the org pages' code waits for a pointer or
/// focus there; an auth host prefetches every area it links to.
fn idle_worthy(area: Option<Area>, on_tenant_host: bool) -> bool {
    match area {
        None => false,
        Some(Area::Tenant | Area::TenantWorkspace | Area::TenantAdmin) => true,
        Some(_) => !on_tenant_host,
    }
}

/// Installs the prefetching (inside the router; renders nothing).
#[component]
pub fn Prefetch() -> impl IntoView {
    for event in ["pointerover", "focusin", "pointerdown"] {
        let handle = window_event_listener_untyped(event, |e| {
            if let Some(path) = link_path(e.target()) {
                prefetch(&path);
            }
        });
        on_cleanup(move || handle.remove());
    }
    // A second after each page is drawn (its data has usually arrived by then), when idle.
    let location = use_location();
    let routing = use_context::<Routing>().map(|r| r.0);
    let on_tenant_host = use_api().tenant().is_some();
    Effect::new(move |_| {
        location.pathname.track();
        if routing.is_some_and(|r| r.get()) {
            return;
        }
        set_timeout(
            move || request_idle_callback(move || prefetch_linked(on_tenant_host)),
            std::time::Duration::from_secs(1),
        );
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::Page;

    #[test]
    fn areas_by_path() {
        assert!(matches!(area_of("/orgs/new"), Some(Area::OrgCreate)));
        assert!(matches!(area_of("/orgs/acme/members"), Some(Area::Org)));
        assert!(matches!(area_of("/console/workspaces"), Some(Area::Tenant)));
        assert!(matches!(
            area_of("/console/workspaces/"),
            Some(Area::Tenant)
        ));
        assert!(matches!(area_of("/console"), Some(Area::Tenant)));
        assert!(matches!(area_of("/console/events"), Some(Area::Tenant)));
        assert!(matches!(
            area_of("/console/workspaces/a0000000-0000-4000-8000-000000000001/tokens"),
            Some(Area::TenantWorkspace)
        ));
        assert!(matches!(
            area_of("/console/api-keys"),
            Some(Area::TenantAdmin)
        ));
        assert!(matches!(
            area_of("/console/templates"),
            Some(Area::TenantAdmin)
        ));
        assert!(matches!(area_of("/operator/fleet"), Some(Area::Operator)));
        assert!(area_of("/").is_none());
        assert!(area_of("/consoles").is_none());
    }

    #[test]
    fn each_page_of_an_area_is_prefetched_with_it() {
        // The area a path belongs to is the area whose code draws the path's pages.
        assert_eq!(area_of("/orgs/acme/members"), Some(Page::Members.area()));
        assert_eq!(area_of("/orgs/acme"), Some(Page::OrgLayout.area()));
        assert_eq!(area_of("/orgs/new"), Some(Page::OrgCreate.area()));
        assert_eq!(area_of("/console/events"), Some(Page::TenantLayout.area()));
        assert_eq!(
            area_of("/console/workspaces/a0000000-0000-4000-8000-000000000001/budget"),
            Some(Page::WorkspaceBudget.area())
        );
        assert_eq!(area_of("/console/secrets"), Some(Page::Secrets.area()));
        assert_eq!(area_of("/operator/amis"), Some(Page::OperatorAmis.area()));
        // Each area is one bit of `STARTED` and of the benchmark's prefetch marks.
        let bits = [
            Area::Org,
            Area::OrgCreate,
            Area::Tenant,
            Area::Operator,
            Area::TenantWorkspace,
            Area::TenantAdmin,
            Area::Invitation,
        ]
        .map(|a| a as u8);
        assert!(bits.iter().all(|b| b.is_power_of_two()));
        assert_eq!(bits.iter().fold(0, |all, b| all | b).count_ones(), 7);
    }

    #[test]
    fn idle_prefetch_stays_on_the_hosts_own_areas() {
        // A tenant host prefetches its console when idle, never the org pages it links to.
        assert!(idle_worthy(Some(Area::Tenant), true));
        assert!(!idle_worthy(Some(Area::Org), true));
        assert!(!idle_worthy(Some(Area::Operator), true));
        // The auth host prefetches every area it links to.
        assert!(idle_worthy(Some(Area::Org), false));
        assert!(idle_worthy(Some(Area::OrgCreate), false));
        assert!(!idle_worthy(None, false));
    }
}
