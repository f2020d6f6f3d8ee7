//! The events page's rows: each event with its workspace's name, the kind the filter uses,
//! payload details as short text, and how rows are searched and sorted.

use crate::{components::list::Listed, pages::tenant::overview::event_words};
use molecule_sdk::types::PlatformEvent;
use std::collections::HashMap;

/// An event with its workspace's name (when known).
#[derive(Clone, Debug, PartialEq)]
pub struct EventRow {
    pub e: PlatformEvent,
    pub workspace: Option<String>,
    /// The workspace list has loaded and this event's workspace is not in it.
    pub gone: bool,
}

/// The rows for `events`: each workspace named from the list, else from the `name` an event
/// of that workspace carries; `gone` when the list is known and lacks it.
pub fn event_rows(
    events: &[PlatformEvent],
    names: Option<&HashMap<String, String>>,
) -> Vec<EventRow> {
    let mut recorded: HashMap<String, String> = HashMap::new();
    for e in events {
        if let (Some(w), Some(serde_json::Value::String(n))) =
            (e.workspace_id, e.payload.get("name"))
            && !n.trim().is_empty()
        {
            recorded.entry(w.to_string()).or_insert_with(|| n.clone());
        }
    }
    events
        .iter()
        .map(|e| {
            let id = e.workspace_id.map(|w| w.to_string());
            let listed = id
                .as_ref()
                .and_then(|w| names.and_then(|n| n.get(w)).cloned());
            let gone = id.is_some() && names.is_some() && listed.is_none();
            EventRow {
                workspace: listed.or_else(|| id.and_then(|w| recorded.get(&w).cloned())),
                gone,
                e: e.clone(),
            }
        })
        .collect()
}

impl EventRow {
    pub fn workspace_id(&self) -> Option<String> {
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
/// four, sorted by key); "—" when there is nothing to say. A `name` equal to the workspace
/// name shown beside it (`shown`) is not said twice.
pub fn details(
    payload: &serde_json::Map<String, serde_json::Value>,
    shown: Option<&str>,
) -> String {
    let mut parts: Vec<String> = payload
        .iter()
        .filter_map(|(k, v)| {
            let v = match v {
                serde_json::Value::String(s) if k == "name" && Some(s.as_str()) == shown => {
                    return None;
                }
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
            "{} {} {} {} {} {}",
            self.e.event_type,
            event_words(&self.e.event_type),
            self.workspace.as_deref().unwrap_or_default(),
            if self.gone { "removed" } else { "" },
            self.workspace_id().unwrap_or_default(),
            details(&self.e.payload, self.workspace.as_deref())
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
            details(p.as_object().unwrap(), None),
            "count: 3 · name: Lead · runtime: hermes"
        );
        // The workspace column already names it.
        assert_eq!(
            details(p.as_object().unwrap(), Some("Lead")),
            "count: 3 · runtime: hermes"
        );
        assert_eq!(
            details(p.as_object().unwrap(), Some("Other")),
            "count: 3 · name: Lead · runtime: hermes"
        );
        let many = json!({"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "decided_by": "x"});
        assert_eq!(
            details(many.as_object().unwrap(), None)
                .matches(" · ")
                .count(),
            3
        );
        assert_eq!(details(&serde_json::Map::new(), None), "—");
    }

    fn ev(ws: &str, kind: &str, payload: serde_json::Value) -> PlatformEvent {
        serde_json::from_value(json!({
            "id": "e1", "event_type": kind, "created_at": "2026-12-01T09:00:00Z",
            "workspace_id": ws, "payload": payload
        }))
        .unwrap()
    }

    #[test]
    fn removed_workspaces_keep_the_name_their_events_recorded() {
        let (kept, gone) = (
            "a0000000-0000-4000-8000-000000000001",
            "a0000000-0000-4000-8000-000000000002",
        );
        let events = [
            ev(
                gone,
                "WORKSPACE_REMOVED",
                json!({"from": "online", "to": "removed"}),
            ),
            ev(
                gone,
                "WORKSPACE_PROVISIONING",
                json!({"name": "Old scraper"}),
            ),
            ev(kept, "WORKSPACE_ONLINE", json!({})),
        ];
        // Before the list arrives: names from the events only, nothing marked removed.
        let rows = event_rows(&events, None);
        assert_eq!(rows[0].workspace.as_deref(), Some("Old scraper"));
        assert_eq!(rows[2].workspace, None);
        assert!(rows.iter().all(|r| !r.gone));
        // With the list: the listed name wins; the missing workspace is marked removed.
        let names = HashMap::from([(kept.to_string(), "Research lead".to_string())]);
        let rows = event_rows(&events, Some(&names));
        assert_eq!(rows[2].workspace.as_deref(), Some("Research lead"));
        assert!(!rows[2].gone);
        assert!(rows[0].gone && rows[1].gone);
        assert_eq!(rows[0].workspace.as_deref(), Some("Old scraper"));
        assert!(rows[0].haystack().contains("removed"));
    }
}
