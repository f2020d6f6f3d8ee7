//! Billing of one organization: plan and credits (from the org the org layout loaded; reloaded
//! after a purchase), buying credits and the automatic top-up ([`super::topup`]), invoices
//! ([`super::invoices`]) and the payment-methods portal. Each section loads and fails on its own.
//! Calls `POST /cp/billing/portal` (and, through its sections, `POST /cp/billing/topup`,
//! `GET|PUT /cp/billing/auto-credits`, `GET /cp/billing/invoices`).

use crate::{
    api::use_api,
    components::{Fact, Facts, Loaded, Title, use_toaster},
    format::grouped,
    layouts::org::{IfAllowed, use_org},
    pages::orgs::{
        invoices::Invoices,
        topup::{AutoCredits, TopupForm},
    },
    paths,
    words::say,
};
use leptos::prelude::*;
use molecule_sdk::{
    calls, ops,
    types::{Organization, PortalRequest},
};

/// The billing page.
#[component]
pub fn BillingPage() -> impl IntoView {
    let org = use_org();
    let slug = org.slug;
    view! {
        <Title text=move || format!("Billing · {} · Molecule Console", slug.get())/>
        <section class="section" aria-labelledby="billing-plan">
            <h2 id="billing-plan">"Plan and credits"</h2>
            <Loaded res=org.org what="Credits" let:o>
                <CreditFacts o/>
            </Loaded>
            <PortalButton slug/>
        </section>
        <IfAllowed op=&ops::CREATE_TOPUP title="Buy credits"><TopupForm/></IfAllowed>
        <IfAllowed op=&ops::GET_AUTO_CREDITS title="Automatic top-up"><AutoCredits slug/></IfAllowed>
        <IfAllowed op=&ops::LIST_INVOICES title="Invoices"><Invoices slug/></IfAllowed>
    }
}

/// Plan, balance, allowance and overage.
#[component]
fn CreditFacts(o: Organization) -> impl IntoView {
    let overage = crate::format::overage(o.overage_used_credits, o.overage_cap_credits);
    view! {
        <Facts label="Credits">
            <Fact term="Plan">{crate::format::plan_name(&o.plan)}</Fact>
            <Fact term="Credit balance" testid="credit-balance">{grouped(o.credits_balance.unwrap_or(0))}</Fact>
            <Fact term="Monthly allowance">{grouped(o.plan_monthly_credits.unwrap_or(0))}</Fact>
            <Fact term="Overage used">{overage}</Fact>
        </Facts>
    }
}

/// "Manage payment methods": opens the billing portal, coming back to this page.
#[component]
fn PortalButton(slug: Memo<String>) -> impl IntoView {
    let api = use_api();
    let toaster = use_toaster();
    let blocked = use_org().blocker(&ops::CREATE_PORTAL_SESSION);
    let portal = crate::reactive::action(move |_: &()| {
        let slug = slug.get_untracked();
        let body = PortalRequest {
            return_url: format!("{}{}", crate::api::origin(), paths::org_billing(&slug)),
            org_slug: slug,
        };
        async move {
            match api.send(calls::create_portal_session(&body)).await {
                Ok(p) => {
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().set_href(&p.url);
                    }
                }
                Err(e) => toaster.error(say(&e)),
            }
        }
    });
    view! {
        <button type="button" class="btn" disabled=move || portal.pending().get() || blocked.get().is_some()
            title=move || blocked.get() on:click=move |_| { portal.dispatch(()); }>
            "Manage payment methods"
        </button>
    }
}
