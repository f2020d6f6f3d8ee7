//! Organizations list: every org the signed-in user belongs to, with status, plan, credits and
//! the next step for each. Calls `GET /cp/orgs`; re-polls only while some org is changing state.

use crate::components::Title;
use crate::{
    api,
    components::{ErrorView, poll::use_poll},
    config::Config,
    paths,
};
use leptos::prelude::*;
use leptos_router::components::A;
use molecule_sdk::{
    calls,
    types::{OrgStatus, Organization, PlanId},
};

/// Poll period while some org is transitioning (milliseconds); `None` stops polling.
pub fn poll_interval(statuses: &[OrgStatus]) -> Option<u32> {
    statuses
        .iter()
        .any(|s| matches!(s, OrgStatus::Provisioning | OrgStatus::AwaitingPayment))
        .then_some(3_000)
}

/// Credits state shown in the pill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credits {
    Healthy,
    Low,
    Out,
    Overage,
}

/// Classifies an org's credits (`None` when the org reports none).
pub fn credits_state(org: &Organization) -> Option<Credits> {
    let balance = org.credits_balance?;
    let monthly = org.plan_monthly_credits.unwrap_or(0);
    Some(
        if balance <= 0 && org.overage_used_credits.unwrap_or(0) > 0 {
            Credits::Overage
        } else if balance <= 0 {
            Credits::Out
        } else if monthly > 0 && balance * 10 < monthly {
            Credits::Low
        } else {
            Credits::Healthy
        },
    )
}

/// Badge text and modifier for a status. A status this console does not know yet is shown as
/// the platform sent it, in a neutral badge.
pub fn status_badge(status: &OrgStatus) -> (String, &'static str) {
    let (label, class) = match status {
        OrgStatus::Running => ("Running", "badge--success"),
        OrgStatus::Active => ("Active", "badge--success"),
        OrgStatus::Provisioning => ("Provisioning", "badge--info"),
        OrgStatus::AwaitingPayment => ("Awaiting payment", "badge--warning"),
        OrgStatus::Failed => ("Failed", "badge--danger"),
        OrgStatus::Suspended => ("Suspended", "badge--warning"),
        OrgStatus::Purged | OrgStatus::Deleted => ("Deleted", "badge--muted"),
        OrgStatus::Unknown(raw) => return (raw.clone(), "badge--muted"),
    };
    (label.to_string(), class)
}

/// The organizations list page.
#[component]
pub fn OrgsListPage() -> impl IntoView {
    let tick = RwSignal::new(0u32);
    let orgs = crate::reactive::resource(move || {
        tick.track();
        async move {
            api::send(calls::list_orgs())
                .await
                .map(molecule_sdk::types::OrgList::into_vec)
        }
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
            <Transition fallback=|| view! { <ListSkeleton/> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        orgs.await.map(|list| {
                            mark_painted();
                            if list.is_empty() {
                                view! { <EmptyOrgs/> }.into_any()
                            } else {
                                view! { <OrgTable orgs=list/> }.into_any()
                            }
                        })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
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
fn ListSkeleton() -> impl IntoView {
    view! {
        <div aria-busy="true" aria-label="Loading organizations">
            <span class="skeleton skeleton--row"></span>
            <span class="skeleton skeleton--row"></span>
            <span class="skeleton skeleton--row"></span>
        </div>
    }
}

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

#[component]
pub fn OrgTable(orgs: Vec<Organization>) -> impl IntoView {
    let rows = orgs
        .into_iter()
        .map(|org| view! { <OrgRow org/> })
        .collect_view();
    view! {
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
    }
}

#[component]
fn OrgRow(org: Organization) -> impl IntoView {
    let slug = org.slug.to_string();
    let (label, class) = status_badge(&org.status);
    let credits = credits_state(&org).map(|state| {
        let balance = org.credits_balance.unwrap_or(0);
        let (text, modifier) = match state {
            Credits::Healthy => (format!("{balance} credits"), ""),
            Credits::Low => (format!("{balance} credits · low"), "pill--low"),
            Credits::Out => ("Out of credits".to_string(), "pill--out"),
            Credits::Overage => (
                format!("Overage: {} credits", org.overage_used_credits.unwrap_or(0)),
                "pill--out",
            ),
        };
        view! { <span class=format!("pill {modifier}")>{text}</span> }
    });
    let name = org.name.to_string();
    // The platform sends "" for an org without a plan, which its own dashboard shows as free.
    let plan = match &org.plan {
        PlanId::Empty => "free".to_string(),
        p => p.to_string(),
    };
    view! {
        <tr>
            <td><A href=paths::org(&slug)>{name}</A></td>
            <td class="mono">{slug.clone()}</td>
            <td><span class=format!("badge {class}")>{label}</span></td>
            <td>{plan}</td>
            <td>{credits}</td>
            <td><NextStep org/></td>
        </tr>
    }
}

/// The one action that fits the org's state.
#[component]
fn NextStep(org: Organization) -> impl IntoView {
    let slug = org.slug.to_string();
    let name = org.name.to_string();
    match org.status {
        OrgStatus::Running | OrgStatus::Active => {
            let href = paths::tenant_home(org.tenant_url.as_deref(), &Config::from_window().endpoints, &slug);
            view! { <a class="btn" href=href aria-label=format!("Open {name}")>"Open"</a> }.into_any()
        }
        OrgStatus::AwaitingPayment => view! {
            <A href=paths::org(&slug) attr:class="btn btn--primary" attr:aria-label=format!("Complete payment for {name}")>"Complete payment"</A>
        }
        .into_any(),
        OrgStatus::Provisioning => view! {
            <A href=paths::org(&slug) attr:class="btn" attr:aria-label=format!("View progress of {name}")>"View progress"</A>
        }
        .into_any(),
        OrgStatus::Failed | OrgStatus::Suspended => view! {
            <a class="btn" href="mailto:support@moleculesai.app">"Contact support"</a>
        }
        .into_any(),
        OrgStatus::Purged | OrgStatus::Deleted | OrgStatus::Unknown(_) => view! { <span class="muted">"—"</span> }.into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(balance: Option<i64>, monthly: i64, overage: i64) -> Organization {
        serde_json::from_value(serde_json::json!({
            "id": "7b0c1d4e-0000-4000-8000-000000000001", "slug": "acme", "name": "Acme",
            "plan": "starter", "status": "running",
            "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z",
            "credits_balance": balance, "plan_monthly_credits": monthly, "overage_used_credits": overage,
        }))
        .unwrap()
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

    #[test]
    fn credits_pill_states() {
        assert_eq!(
            credits_state(&org(Some(900), 1000, 0)),
            Some(Credits::Healthy)
        );
        assert_eq!(credits_state(&org(Some(50), 1000, 0)), Some(Credits::Low));
        assert_eq!(credits_state(&org(Some(0), 1000, 0)), Some(Credits::Out));
        assert_eq!(
            credits_state(&org(Some(0), 1000, 25)),
            Some(Credits::Overage)
        );
        assert_eq!(credits_state(&org(None, 1000, 0)), None);
    }
}
