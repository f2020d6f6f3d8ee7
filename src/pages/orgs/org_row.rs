//! One row of the organizations list: name, slug, status badge, plan, credits badge and the one
//! next step that fits the org's state. Makes no calls.

use crate::format::grouped;
use crate::router::A;
use crate::{config::Config, paths};
use leptos::prelude::*;
use molecule_sdk::types::{OrgStatus, Organization};

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

/// One organization in the list.
#[component]
pub fn OrgRow(org: Organization) -> impl IntoView {
    let slug = org.slug.to_string();
    let (label, class) = status_badge(&org.status);
    let credits = credits_state(&org).map(|state| {
        let balance = org.credits_balance.unwrap_or(0);
        let (text, modifier) = match state {
            Credits::Healthy => (format!("{} credits", grouped(balance)), "badge--muted"),
            Credits::Low => (
                format!("{} credits · low", grouped(balance)),
                "badge--warning",
            ),
            Credits::Out => ("Out of credits".to_string(), "badge--danger"),
            Credits::Overage => (
                format!(
                    "Overage: {} credits",
                    grouped(org.overage_used_credits.unwrap_or(0))
                ),
                "badge--danger",
            ),
        };
        view! { <span class=format!("badge {modifier}")>{text}</span> }
    });
    let name = org.name.to_string();
    let plan = crate::format::plan_name(&org.plan);
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
