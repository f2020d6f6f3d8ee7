//! Events: the latest platform events of the organization (the platform keeps 100), newest
//! first, searched by event, workspace or detail, filtered by kind and sorted by column, with
//! the view in the URL (`components::list`). Workspace names come from a second read; a
//! workspace that is no longer there is named from its events (creation records the name) and
//! marked removed, without a link; until the names load, or if they fail, a workspace shows as
//! the start of its id.
//! Calls `GET /events`, `GET /workspaces`.

use crate::router::A;
use crate::{
    api::use_api,
    components::{
        Loaded, PageHeader,
        list::{ListControls, ListTable, UrlList, use_url_list},
    },
    pages::tenant::{
        event_rows::{EventRow, details, event_rows},
        minute,
        overview::event_words,
    },
    paths,
};
use leptos::prelude::*;
use molecule_sdk::{calls, types::PlatformEvent};
use std::collections::HashMap;

/// The kinds the filter offers (URL value, label).
const KINDS: &[(&str, &str)] = &[
    ("workspace", "Workspace lifecycle"),
    ("approval", "Approvals"),
    ("other", "Other"),
];

/// Workspace id -> name, once the workspace list has loaded (`None` before, or if it failed).
type Names = Signal<Option<HashMap<String, String>>>;

/// The events page.
#[component]
pub fn EventsPage() -> impl IntoView {
    let api = use_api();
    let events = crate::reactive::resource(move || api.send(calls::list_events()));
    let workspaces = crate::reactive::resource(move || api.send(calls::list_workspaces()));
    let names: Names = Signal::derive(move || match workspaces.get() {
        Some(Ok(list)) => Some(
            list.into_iter()
                .map(|w| (w.id.to_string(), w.name.to_string()))
                .collect(),
        ),
        _ => None,
    });
    let rows = use_url_list();
    view! {
        <PageHeader title="Events" context="What happened in this organization lately, newest first. The platform keeps the latest 100 events."/>
        <ListControls list=rows what="events" filter="Kind" statuses=KINDS.to_vec()/>
        <Loaded res=events what="Events" let:l>
            <EventTable l rows names/>
        </Loaded>
    }
}

/// The events the search, filter and sort select, with the pager; or a line saying none.
/// Drawn again once when the workspace names arrive, so the search finds workspaces by name.
#[component]
fn EventTable(l: Vec<PlatformEvent>, rows: UrlList, names: Names) -> impl IntoView {
    move || {
        view! {
            <ListTable rows=names.with(|n| event_rows(&l, n.as_ref())) list=rows caption="Events"
                columns=&["When", "Event", "Workspace", "Details"] keys=&["when", "event", "workspace", ""]
                what="events" empty="No events yet. Creating, pausing or resuming a workspace records one."
                row=|r| view! { <EventLine r/> }/>
        }
    }
}

/// One event: when, what, its workspace (a link) and its details.
#[component]
fn EventLine(r: EventRow) -> impl IntoView {
    let workspace = r.workspace_id().map(|id| {
        let text = r
            .workspace
            .clone()
            .unwrap_or_else(|| format!("{}…", id.get(..8).unwrap_or(&id)));
        match r.gone {
            true => {
                view! { <span>{text}</span>" "<span class="muted">"(removed)"</span> }.into_any()
            }
            false => view! { <A href=paths::workspace(&id)>{text}</A> }.into_any(),
        }
    });
    view! {
        <tr>
            <td class="mono">{minute(&r.e.created_at)}</td>
            <td>{event_words(&r.e.event_type)}</td>
            <td>{workspace.map(|w| w.into_any()).unwrap_or_else(|| "—".into_any())}</td>
            <td>{details(&r.e.payload, r.workspace.as_deref())}</td>
        </tr>
    }
}
