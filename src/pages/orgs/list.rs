//! Organizations list: every org the signed-in user belongs to, with status, plan, credits and
//! the next step for each (rows in [`super::org_row`]), searched by name or slug, filtered by
//! status and sorted by column, the view kept in the address (`?q=&status=&sort=`,
//! [`super::list_view`]). This page is in the console's first download, so it does without the
//! paged `components::list` (23.6 KB of brotli here) and even without router navigation for
//! the view (11.7 KB): the view lives in signals and is written into the address with
//! `history.replaceState`, read back from it when the page opens (a reload, back, a link). A
//! person's organizations are usually few; an operator's can be a thousand, so the rows come
//! fifty to a page like every other list's.
//! Calls `GET /cp/orgs`; re-polls only while some org is changing state (the search box stays
//! put).

use crate::router::A;
use crate::{
    api::use_api,
    components::{Empty, Field, Loaded, PageHeader, TopTrail, poll::use_poll},
    pages::orgs::{
        list_pager::OrgPager,
        list_view::{OrgSortHeader, OrgView, STATUSES, page_of, select},
        org_row::OrgRow,
    },
    paths,
};
use leptos::prelude::*;
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
    // The search box sits outside the reloaded table (a poll keeps focus and text), shown once
    // the caller has an org.
    let any = Memo::new(move |prev: Option<&bool>| match orgs.get() {
        Some(r) => r.is_ok_and(|l| !l.is_empty()),
        None => prev.copied().unwrap_or(false),
    });
    provide_context(OrgView::from_address());
    view! {
        <section class="page">
            <TopTrail here="Organizations"/>
            <PageHeader title="Organizations">
                <A href=paths::org_create() attr:class="btn btn--primary">"New organization"</A>
            </PageHeader>
            <OrgSearch hidden=any/>
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
        <Empty title="No organizations yet" message="An organization holds your workspaces, members and billing.">
            <A href=paths::org_create() attr:class="btn btn--primary">"Create your first organization"</A>
        </Empty>
    }
}

/// The search box and status filter: the table follows each change; the address is replaced
/// in place. Deliberately not `components::list::ListControls` (kept out of the first
/// download; see the top).
#[component]
fn OrgSearch(hidden: Memo<bool>) -> impl IntoView {
    let Some(v) = use_context::<OrgView>() else {
        return ().into_any();
    };
    let on_input = move |ev| {
        v.q.set(event_target_value(&ev));
        v.write_from_start();
    };
    let on_status = move |ev| {
        v.status.set(event_target_value(&ev));
        v.write_from_start();
    };
    // Only this control changes the filter, so the option the address chose is selected once.
    let chosen = v.status.get_untracked();
    let options = STATUSES
        .iter()
        .map(|(value, label)| view! { <option value=*value selected=chosen == *value>{*label}</option> })
        .collect_view();
    view! {
        <div class="list-controls" role="search" aria-label="Find organizations" hidden=move || !hidden.get()>
            <Field id="orgs-search" label="Search organizations">
                <input id="orgs-search" class="input" type="search" autocomplete="off" spellcheck="false"
                    prop:value=move || v.q.get() on:input=on_input/>
            </Field>
            <Field id="orgs-status" label="Status">
                <select id="orgs-status" class="input" on:change=on_status>
                    <option value="">"Any status"</option>
                    {options}
                </select>
            </Field>
        </div>
    }
    .into_any()
}

/// The organizations the search and filter select, in the sort's order, a page of
/// [`OrgRow`]s at a time with the pager under them.
#[component]
pub fn OrgTable(orgs: Vec<Organization>) -> impl IntoView {
    let v = use_context::<OrgView>().unwrap_or_else(|| OrgView {
        q: RwSignal::new(String::new()),
        status: RwSignal::new(String::new()),
        sort: RwSignal::new(String::new()),
        page: RwSignal::new(String::new()),
    });
    let of = orgs.len();
    // The pager selects again rather than share a memo of the rows: a memo of this type is
    // code in the first download, selecting twice is microseconds.
    let all = orgs.clone();
    let rows = move || {
        let hits = select(&orgs, &v.q.get(), &v.status.get(), &v.sort.get());
        // Type-erased views: this page is in the first download, and erased views reuse the
        // console's one copy of the rendering code.
        if hits.is_empty() {
            return view! { <tr><td colspan="6" class="muted">{format!("No organizations match (of {of}).")}</td></tr> }
                .into_any();
        }
        let (start, end, _, _) = page_of(&v.page.get(), hits.len());
        hits.into_iter()
            .skip(start)
            .take(end - start)
            .map(|org| view! { <OrgRow org/> }.into_any())
            .collect::<Vec<_>>()
            .into_any()
    };
    let total = Memo::new(move |_| select(&all, &v.q.get(), &v.status.get(), "").len());
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label="Your organizations">
        <table class="table">
            <caption class="visually-hidden">"Your organizations"</caption>
            <thead>
                <tr>
                    <OrgSortHeader view=v key="name" label="Name"/>
                    <th scope="col">"Slug"</th>
                    <OrgSortHeader view=v key="status" label="Status"/>
                    <OrgSortHeader view=v key="plan" label="Plan"/>
                    <OrgSortHeader view=v key="credits" label="Credits"/>
                    <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        </div>
        <OrgPager v total of/>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::orgs::list_view::matches;

    #[test]
    fn the_search_matches_name_or_slug_in_any_case() {
        let org: Organization = serde_json::from_value(serde_json::json!({
            "id": "2b0c7f8e-6a8f-4f5e-9d43-0f3c3f1c2a10", "slug": "acme", "name": "Acme Robotics",
            "plan": "pro", "status": "running", "created_at": "", "updated_at": ""
        }))
        .unwrap();
        assert!(matches(&org, ""));
        assert!(matches(&org, " ROBO "));
        assert!(matches(&org, "acm"));
        assert!(!matches(&org, "hopper"));
    }

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
