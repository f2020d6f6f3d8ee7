//! Organization tiles shared by the org page on the console host and the overview on the org's
//! own host: credits, and members with pending invitations (control-plane reads, which both
//! hosts reach through `/cp`). Each loads and fails on its own and links to its page.
//! Calls `GET /cp/orgs/{slug}`, `GET /cp/orgs/{slug}/members` and, for owners and admins,
//! `GET /cp/orgs/{slug}/invitations`.

use crate::{
    api::use_api,
    components::{
        LoadedTile,
        card::{Card, DescriptionList, StatTile},
        chart::{Bar, BarChart},
    },
    format::{credits_price, grouped},
    paths,
};
use leptos::prelude::*;
use molecule_sdk::{calls, types::InvitationStatus};

fn credits(n: i64) -> String {
    format!("{} credits", grouped(n))
}

/// Members, and invitations waiting for an answer (for owners and admins; others see why not).
#[component]
pub fn MembersCard(
    slug: String,
    /// Why the caller may not list invitations (`None` when they may).
    invitations_blocked: Signal<Option<&'static str>>,
) -> impl IntoView {
    let api = use_api();
    let s = slug.clone();
    let members = crate::reactive::resource(move || api.send(calls::list_members(&s)));
    let blocked = invitations_blocked;
    let s = slug.clone();
    let invitations = crate::reactive::resource(move || {
        let call = (blocked.get().is_none()).then(|| calls::list_invitations(&s));
        async move {
            match call {
                Some(c) => api.send(c).await.map(Some),
                None => Ok(None),
            }
        }
    });
    view! {
        <Card title="Members" id="ov-members" href=paths::org_members(&slug) link_text="Members and invitations">
            <LoadedTile res=members what="Members" let:m>
                <StatTile label="Members" value=grouped(m.len() as i64)/>
            </LoadedTile>
            <LoadedTile res=invitations what="Invitations" let:i>
                {match i {
                    Some(list) => {
                        let pending = list.iter().filter(|x| x.status == InvitationStatus::Pending).count();
                        view! { <StatTile label="Pending invitations" value=grouped(pending as i64)/> }.into_any()
                    }
                    None => view! {
                        <StatTile label="Pending invitations" value="—" detail=blocked.get_untracked().unwrap_or_default()/>
                    }.into_any(),
                }}
            </LoadedTile>
        </Card>
    }
}

/// Credit balance, monthly allowance and the overage used against its cap.
#[component]
pub fn CreditsCard(slug: String) -> impl IntoView {
    let api = use_api();
    let s = slug.clone();
    let org = crate::reactive::resource(move || api.send(calls::get_org(&s)));
    view! {
        <Card title="Credits" id="ov-credits" href=paths::org_billing(&slug) link_text="Credits and billing">
            <LoadedTile res=org what="Credits" let:o>
                {
                    let balance = o.credits_balance.unwrap_or(0);
                    let used = o.overage_used_credits.unwrap_or(0);
                    let cap = o.overage_cap_credits.unwrap_or(0);
                    view! {
                        <StatTile label="Credit balance" value=grouped(balance) detail=format!("worth {}", credits_price(balance))/>
                        <DescriptionList label="Credits" items=vec![
                            ("Plan".into(), crate::format::plan_name(&o.plan)),
                            ("Monthly allowance".into(), credits(o.plan_monthly_credits.unwrap_or(0))),
                            ("Overage used".into(), crate::format::overage(o.overage_used_credits, o.overage_cap_credits)),
                        ]/>
                        // A plan without overage has nothing to draw.
                        {(cap > 0).then(|| view! {
                            <BarChart title="Overage used against its cap".to_string() bars=vec![Bar { label: "Overage".into(), value: used, limit: Some(cap) }] fmt=credits limit_name="Cap"/>
                        })}
                    }
                }
            </LoadedTile>
        </Card>
    }
}
