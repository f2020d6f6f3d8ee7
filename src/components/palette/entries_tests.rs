//! Unit tests of the palette's entries and matching ([`super`]).
use super::*;
use crate::layouts::org_choice::tests::org;

fn labels(entries: &[Entry]) -> Vec<&str> {
    entries.iter().map(|e| e.label.as_str()).collect()
}

#[test]
fn scores() {
    assert_eq!(score("work", "Workspaces"), Some(0));
    assert_eq!(score("keys", "API keys"), Some(1));
    assert_eq!(score("ys", "API keys"), Some(2));
    assert_eq!(score("api secret", "API keys"), None);
    assert_eq!(score("  ", "Anything"), Some(0));
    assert_eq!(score("RESEARCH", "Research lead"), Some(0));
}

#[test]
fn pages_per_host() {
    let tenant = pages(Some("acme"));
    assert!(
        tenant
            .iter()
            .any(|e| e.target == Target::Page("/console/api-keys".into()))
    );
    assert!(
        tenant
            .iter()
            .any(|e| e.target == Target::Page("/orgs/acme/billing".into()))
    );
    assert!(!tenant.iter().any(|e| e.label.starts_with("Operator")));
    let app = pages(None);
    assert!(
        app.iter()
            .any(|e| e.target == Target::Page("/operator/fleet".into()))
    );
    assert!(!app.iter().any(|e| e.label == "Workspaces"));
    for list in [&tenant, &app] {
        assert_eq!(list.last().unwrap().target, Target::Shortcuts);
    }
}

#[test]
fn organizations_offer_their_sections_on_the_console_host() {
    let list = [org("acme", "Acme"), org("hopper-lab", "Hopper Lab")];
    let endpoints = Endpoints::local(8080);
    let app = orgs(&list, None, &endpoints);
    assert_eq!(
        labels(&app),
        [
            "Acme (acme)",
            "Acme (acme): Members",
            "Acme (acme): Billing",
            "Hopper Lab (hopper-lab)",
            "Hopper Lab (hopper-lab): Members",
            "Hopper Lab (hopper-lab): Billing"
        ]
    );
    assert_eq!(app[2].target, Target::Page("/orgs/acme/billing".into()));
    // On an org's host: this one's workspaces, the other's console; no sections.
    let tenant = orgs(&list, Some("acme"), &endpoints);
    assert_eq!(tenant.len(), 2);
    assert_eq!(tenant[0].target, Target::Page("/console/workspaces".into()));
    assert!(matches!(tenant[1].target, Target::Away(_)));
    assert_eq!(
        labels(&matching(&app, "hopper bill", 10)),
        ["Hopper Lab (hopper-lab): Billing"]
    );
}

fn workspace(id: &str, name: &str) -> Workspace {
    serde_json::from_value(serde_json::json!({
        "id": id, "name": name, "role": "", "status": "online", "tier": 1, "runtime": "",
        "active_tasks": 0, "max_concurrent_tasks": 1, "last_error_rate": 0.0, "uptime_seconds": 0,
        "url": "", "broadcast_enabled": false, "talk_to_user_enabled": false, "collapsed": false,
        "compute": {}, "x": 0.0, "y": 0.0, "parent_id": null
    }))
    .unwrap()
}

#[test]
fn workspaces_offer_their_tabs_up_to_a_limit() {
    let id = "5ca1e000-0000-4000-8000-000000000001";
    let list = [workspace(id, "Research lead")];
    let found = matching(&workspaces(&list), "research budget", 10);
    assert_eq!(labels(&found), ["Research lead: Budget"]);
    assert_eq!(
        found[0].target,
        Target::Page(format!("/console/workspaces/{id}/budget"))
    );
    // Every tab but the overview (the workspace itself goes there).
    assert_eq!(workspaces(&list).len(), 7);
    let many: Vec<Workspace> = (0..TABS_FOR + 3).map(|_| workspace(id, "w")).collect();
    assert_eq!(workspaces(&many).len(), TABS_FOR + 3 + TABS_FOR * 6);
}

#[test]
fn best_matches_first_and_all_for_nothing_typed() {
    let entries = pages(Some("acme"));
    assert_eq!(matching(&entries, "", 100), entries);
    assert_eq!(
        labels(&matching(&entries, "", 3)),
        ["Organizations", "Overview", "Workspaces"]
    );
    // The label's start, then a word's start, then anywhere; ties in the list's order.
    assert_eq!(
        labels(&matching(&entries, "s", 100)),
        [
            "Secrets",
            "Keyboard shortcuts",
            "Organizations",
            "Workspaces",
            "Approvals",
            "Events",
            "API keys",
            "Templates",
            "Members"
        ]
    );
    assert_eq!(
        labels(&matching(&entries, "keyboard", 100)),
        ["Keyboard shortcuts"]
    );
    // The group counts too, after the label's own matches.
    assert_eq!(
        labels(&matching(&entries, "help", 100)),
        ["Keyboard shortcuts"]
    );
    assert!(matching(&entries, "zzz", 100).is_empty());
}
