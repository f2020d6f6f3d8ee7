//! `/console`: the organization at a glance, the tenant host's first page. Tiles for
//! workspaces by status, spend against budget, spend over time and what is left of the monthly
//! budgets ([`super::overview_money`]), credits and their burn-down
//! ([`super::overview_credits`]), members and invitations, recent events and
//! pending approvals. Each tile loads and fails on its own (with "Try again") and links to the
//! page that tells the whole story.
//! Calls `GET /workspaces`, `GET /events`, `GET /approvals/pending`,
//! `GET /cp/orgs/{slug}/members`, `GET /cp/orgs/{slug}/invitations` (owners and admins) and,
//! through its parts, `GET /workspaces/{id}/budget`, `GET /usage/spend`, `GET /cp/orgs/{slug}`.

use super::{
    overview_credits::CreditsRunwayCard,
    overview_money::{HistoryCard, SpendCard, load_budgets, load_history},
};
use crate::{
    api::use_api,
    components::{
        LoadedTile, PageHeader,
        card::{Card, DescriptionList, StatTile},
    },
    format::grouped,
    layouts::tenant::{NotOnTenant, use_blocker},
    pages::{
        orgs::tiles::{CreditsCard, MembersCard},
        tenant::workspaces::status_badge,
    },
    paths,
    tenant::Tenant,
};
use leptos::prelude::*;
use molecule_sdk::{
    calls, ops,
    types::{PendingApproval, PlatformEvent, Workspace},
};

/// How many recent events and approvals a tile lists.
const RECENT: usize = 5;

/// The overview page. The tenant layout shows its pages once this host's org has loaded, so it
/// is here already (a second loader on the same read, around the tiles, kept a failed tile
/// from showing its error).
#[component]
pub fn OverviewPage() -> impl IntoView {
    match use_api()
        .tenant()
        .and_then(|t| t.get())
        .and_then(Result::ok)
    {
        None => view! { <NotOnTenant/> }.into_any(),
        Some(t) => view! { <Overview t/> }.into_any(),
    }
}

#[component]
fn Overview(t: Tenant) -> impl IntoView {
    let name = t.org.name.to_string();
    let slug = t.slug.clone();
    // Read once for the two tiles that draw budgets.
    let budgets = load_budgets();
    // Read once for spend over time and the credits burn-down.
    let history = load_history();
    let balance = t.org.credits_balance.unwrap_or(0);
    view! {
        <PageHeader title="Overview" doc_title=format!("Overview · {name} · Molecule Console")/>
        <div class="card-grid">
            <WorkspacesCard/>
            <SpendCard budgets/>
            <HistoryCard budgets history/>
            <CreditsCard slug=slug.clone()/>
            <CreditsRunwayCard history balance slug=slug.clone()/>
            <MembersCard slug invitations_blocked=use_blocker(&ops::LIST_INVITATIONS)/>
            <EventsCard/>
            <ApprovalsCard/>
        </div>
    }
}

/// Workspaces per status, in the order the statuses first appear; (label, count).
pub fn by_status(list: &[Workspace]) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    for w in list {
        let (label, _) = status_badge(&w.status);
        match out.iter_mut().find(|(l, _)| *l == label) {
            Some((_, n)) => *n += 1,
            None => out.push((label, 1)),
        }
    }
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

#[component]
fn WorkspacesCard() -> impl IntoView {
    let api = use_api();
    let list = crate::reactive::resource(move || api.send(calls::list_workspaces()));
    view! {
        <Card title="Workspaces" id="ov-workspaces" href=paths::workspaces() link_text="All workspaces">
            <LoadedTile res=list what="Workspaces" let:l>
                <StatTile label="Workspaces" value=grouped(l.len() as i64)/>
                <DescriptionList label="Workspaces by status" items=by_status(&l).into_iter().map(|(s, n)| (s, n.to_string())).collect()/>
            </LoadedTile>
        </Card>
    }
}

/// "WORKSPACE_ONLINE" -> "Workspace online".
pub fn event_words(kind: &str) -> String {
    let lower = kind.replace('_', " ").to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[component]
fn EventsCard() -> impl IntoView {
    let api = use_api();
    let events = crate::reactive::resource(move || api.send(calls::list_events()));
    view! {
        <Card title="Recent events" id="ov-events" href=paths::events() link_text="All recent events">
            <LoadedTile res=events what="Events" let:e>
                <StatTile label="Events" value=grouped(e.len() as i64) detail="the latest the platform keeps"/>
                <EventList events=e/>
            </LoadedTile>
        </Card>
    }
}

#[component]
fn EventList(events: Vec<PlatformEvent>) -> impl IntoView {
    let items = events
        .into_iter()
        .take(RECENT)
        .map(|e| {
            let what = event_words(&e.event_type);
            let what = match e.workspace_id {
                Some(id) => {
                    view! { <a href=paths::workspace(&id.to_string())>{what}</a> }.into_any()
                }
                None => view! { <span>{what}</span> }.into_any(),
            };
            view! { <li>{what}<span class="muted mono">{super::minute(&e.created_at)}</span></li> }
        })
        .collect_view();
    view! { <ul class="card__list" aria-label="Latest events">{items}</ul> }
}

#[component]
fn ApprovalsCard() -> impl IntoView {
    let api = use_api();
    let approvals = crate::reactive::resource(move || api.send(calls::list_pending_approvals()));
    view! {
        <Card title="Pending approvals" id="ov-approvals" href=paths::approvals() link_text="Decide on approvals">
            <LoadedTile res=approvals what="Approvals" let:a>
                <StatTile label="Waiting for a person" value=grouped(a.len() as i64)/>
                <ApprovalList approvals=a/>
            </LoadedTile>
        </Card>
    }
}

#[component]
fn ApprovalList(approvals: Vec<PendingApproval>) -> impl IntoView {
    let items = approvals
        .into_iter()
        .take(RECENT)
        .map(|a| {
            view! {
                <li>
                    <a href=paths::workspace(&a.workspace_id.to_string())>{a.workspace_name.clone()}</a>
                    <span>{a.action.clone()}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="card__list" aria-label="Latest approvals waiting">{items}</ul> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_types_read_as_words() {
        assert_eq!(event_words("WORKSPACE_ONLINE"), "Workspace online");
        assert_eq!(event_words("A"), "A");
        assert_eq!(event_words(""), "");
    }
}
