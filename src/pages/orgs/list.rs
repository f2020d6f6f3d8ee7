//! Organizations list: every org the signed-in user belongs to, with status, plan, credits and
//! the next step for each (rows in [`super::org_row`]). Calls `GET /cp/orgs`; re-polls only
//! while some org is changing state.

use crate::{
    api::use_api,
    components::{Loaded, Title, poll::use_poll},
    pages::orgs::org_row::OrgRow,
    paths,
};
use leptos::prelude::*;
use leptos_router::components::A;
use molecule_sdk::{
    calls,
    types::{OrgList, OrgStatus, Organization},
};

/// Poll period while some org is transitioning (milliseconds); `None` stops polling.
pub fn poll_interval(statuses: &[OrgStatus]) -> Option<u32> {
    statuses
        .iter()
        .any(|s| matches!(s, OrgStatus::Provisioning | OrgStatus::AwaitingPayment))
        .then_some(3_000)
}

/// The organizations list page.
#[component]
pub fn OrgsListPage() -> impl IntoView {
    let api = use_api();
    let tick = RwSignal::new(0u32);
    let orgs = crate::reactive::resource(move || {
        tick.track();
        async move { api.send(calls::list_orgs()).await.map(OrgList::into_vec) }
    });
    use_poll(tick, move || {
        orgs.get().and_then(|r| r.ok()).and_then(|list| {
            poll_interval(&list.iter().map(|o| o.status.clone()).collect::<Vec<_>>())
        })
    });
    view! {
        <Title text="Organizations · Molecule Console"/>
        <section class="page">
            <div class="page-header">
                <h1>"Organizations"</h1>
                <A href=paths::org_create() attr:class="btn btn--primary">"New organization"</A>
            </div>
            <Loaded res=orgs what="Organizations" let:list>
                <OrgsOrEmpty list/>
            </Loaded>
        </section>
    }
}

/// The table, or the first-org call to action when there is none.
#[component]
fn OrgsOrEmpty(list: Vec<Organization>) -> impl IntoView {
    mark_painted();
    if list.is_empty() {
        view! { <EmptyOrgs/> }.into_any()
    } else {
        view! { <OrgTable orgs=list/> }.into_any()
    }
}

/// Performance mark read by `scripts/bench.sh` (time from navigation to the list on screen).
fn mark_painted() {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(PAINT_MARK);
    }
}

/// Name of the performance mark set when the organizations list renders.
pub const PAINT_MARK: &str = "orgs-list-painted";

#[component]
fn EmptyOrgs() -> impl IntoView {
    view! {
        <div class="empty">
            <h2>"No organizations yet"</h2>
            <p class="muted">"An organization holds your workspaces, members and billing."</p>
            <A href=paths::org_create() attr:class="btn btn--primary">"Create your first organization"</A>
        </div>
    }
}

/// The organizations, one [`OrgRow`] each.
#[component]
pub fn OrgTable(orgs: Vec<Organization>) -> impl IntoView {
    let rows = orgs
        .into_iter()
        .map(|org| view! { <OrgRow org/> })
        .collect_view();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label="Your organizations">
        <table class="table">
            <caption class="visually-hidden">"Your organizations"</caption>
            <thead>
                <tr>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Slug"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Plan"</th>
                    <th scope="col">"Credits"</th>
                    <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polls_only_while_something_is_transitioning() {
        assert_eq!(
            poll_interval(&[OrgStatus::Running, OrgStatus::Failed]),
            None
        );
        assert_eq!(poll_interval(&[]), None);
        assert_eq!(
            poll_interval(&[OrgStatus::Running, OrgStatus::Provisioning]),
            Some(3_000)
        );
        assert_eq!(poll_interval(&[OrgStatus::AwaitingPayment]), Some(3_000));
    }
}
