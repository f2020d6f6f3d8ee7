//! Events: the latest platform events of the organization (the platform keeps 100), newest
//! first, searched by event, workspace or detail, filtered by kind and sorted by column, with
//! the view in the URL (`components::list`). Workspace names come from a second read; while it
//! loads, or if it fails, a workspace shows as the start of its id.
//! Calls `GET /events`, `GET /workspaces`.

use crate::{
    api::use_api,
    components::{
        DataTable, Empty, Loaded, PageHeader,
        list::{ListControls, ListPager, Listed, Prepared, UrlList, use_url_list},
    },
    pages::tenant::{minute, overview::event_words},
    paths,
};
use leptos::prelude::*;
use leptos_router::components::A;
use molecule_sdk::{calls, types::PlatformEvent};
use std::collections::HashMap;

/// The kinds the filter offers (URL value, label).
const KINDS: &[(&str, &str)] = &[
    ("workspace", "Workspace lifecycle"),
    ("approval", "Approvals"),
    ("other", "Other"),
];

/// Workspace id -> name, once the workspace list has loaded.
type Names = Signal<HashMap<String, String>>;

/// An event with its workspace's name (when known).
#[derive(Clone, Debug)]
pub struct EventRow {
    pub e: PlatformEvent,
    pub workspace: Option<String>,
}

impl EventRow {
    fn workspace_id(&self) -> Option<String> {
        self.e.workspace_id.map(|w| w.to_string())
    }
}

/// The filter's kind of an event type.
pub fn kind(event_type: &str) -> &'static str {
    if event_type.starts_with("WORKSPACE_") {
        "workspace"
    } else if event_type.starts_with("APPROVAL_") {
        "approval"
    } else {
        "other"
    }
}

/// An event's payload as short "key: value" text (strings, numbers and booleans, at most
/// four, sorted by key); "—" when there is nothing to say.
pub fn details(payload: &serde_json::Map<String, serde_json::Value>) -> String {
    let mut parts: Vec<String> = payload
        .iter()
        .filter_map(|(k, v)| {
            let v = match v {
                serde_json::Value::String(s) if !s.is_empty() => s.clone(),
                serde_json::Value::Number(n) => n.to_string(),
                serde_json::Value::Bool(b) => b.to_string(),
                _ => return None,
            };
            Some(format!("{}: {v}", k.replace('_', " ")))
        })
        .collect();
    parts.sort();
    parts.truncate(4);
    if parts.is_empty() {
        "—".into()
    } else {
        parts.join(" · ")
    }
}

impl Listed for EventRow {
    fn haystack(&self) -> String {
        format!(
            "{} {} {} {} {}",
            self.e.event_type,
            event_words(&self.e.event_type),
            self.workspace.as_deref().unwrap_or_default(),
            self.workspace_id().unwrap_or_default(),
            details(&self.e.payload)
        )
    }
    fn status_key(&self) -> Option<String> {
        Some(kind(&self.e.event_type).into())
    }
    fn compare(&self, other: &Self, key: &str) -> std::cmp::Ordering {
        match key {
            "event" => self.e.event_type.cmp(&other.e.event_type),
            "workspace" => self
                .workspace
                .as_deref()
                .map(str::to_lowercase)
                .cmp(&other.workspace.as_deref().map(str::to_lowercase)),
            _ => self.e.created_at.cmp(&other.e.created_at),
        }
    }
}

/// The events page.
#[component]
pub fn EventsPage() -> impl IntoView {
    let api = use_api();
    let events = crate::reactive::resource(move || api.send(calls::list_events()));
    let workspaces = crate::reactive::resource(move || api.send(calls::list_workspaces()));
    let names: Names = Signal::derive(move || match workspaces.get() {
        Some(Ok(list)) => list
            .into_iter()
            .map(|w| (w.id.to_string(), w.name.to_string()))
            .collect(),
        _ => HashMap::new(),
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
#[component]
fn EventTable(l: Vec<PlatformEvent>, rows: UrlList, names: Names) -> impl IntoView {
    if l.is_empty() {
        return view! { <Empty message="No events yet. Creating, pausing or resuming a workspace records one."/> }
            .into_any();
    }
    // At most a few hundred events: prepared again when the names arrive (so the search finds
    // workspaces by name too) or the view changes.
    (move || {
        let names = names.get();
        let prepared = Prepared::new(
            l.iter()
                .map(|e| EventRow {
                    workspace: e
                        .workspace_id
                        .and_then(|w| names.get(&w.to_string()).cloned()),
                    e: e.clone(),
                })
                .collect(),
        );
        let of = prepared.len();
        let (page, total) = rows.state.with(|s| prepared.apply(s));
        let body = page
            .into_iter()
            .map(|r| view! { <EventLine r/> })
            .collect_view();
        view! {
            <DataTable caption="Events" columns=&["When", "Event", "Workspace", "Details"]
                keys=&["when", "event", "workspace", ""] list=rows>{body}</DataTable>
            <ListPager list=rows total of what="events"/>
        }
    })
    .into_any()
}

/// One event: when, what, its workspace (a link) and its details.
#[component]
fn EventLine(r: EventRow) -> impl IntoView {
    let workspace = r.workspace_id().map(|id| {
        let text = r
            .workspace
            .clone()
            .unwrap_or_else(|| format!("{}…", id.get(..8).unwrap_or(&id)));
        view! { <A href=paths::workspace(&id)>{text}</A> }
    });
    view! {
        <tr>
            <td class="mono">{minute(&r.e.created_at)}</td>
            <td>{event_words(&r.e.event_type)}</td>
            <td>{workspace.map(|w| w.into_any()).unwrap_or_else(|| "—".into_any())}</td>
            <td>{details(&r.e.payload)}</td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn kinds_and_details() {
        assert_eq!(kind("WORKSPACE_ONLINE"), "workspace");
        assert_eq!(kind("APPROVAL_DENIED"), "approval");
        assert_eq!(kind("ORG_RENAMED"), "other");
        let p = json!({"runtime": "hermes", "name": "Lead", "nested": {"a": 1}, "count": 3, "empty": ""});
        assert_eq!(
            details(p.as_object().unwrap()),
            "count: 3 · name: Lead · runtime: hermes"
        );
        let many = json!({"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "decided_by": "x"});
        assert_eq!(details(many.as_object().unwrap()).matches(" · ").count(), 3);
        assert_eq!(details(&serde_json::Map::new()), "—");
    }
}
