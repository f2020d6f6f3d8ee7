//! One organization: status and next step (payment, provisioning progress, open the tenant),
//! credits and members ([`super::tiles`]), then the data export and owner-only deletion
//! ([`super::data`]). The org itself comes from the org layout ([`use_org`]); this page
//! refetches it when provisioning ends.
//! Calls (through its parts) `GET /cp/orgs/{slug}/provision-status`, `POST /cp/billing/checkout`,
//! `GET /cp/orgs/{slug}`, `GET /cp/orgs/{slug}/members`, `GET /cp/orgs/{slug}/invitations`,
//! `GET /cp/orgs/{slug}/export`, `DELETE /cp/orgs/{slug}`.

use crate::router::use_query_map;
use crate::{
    components::{Fact, Facts, Loaded, Title},
    config::Config,
    layouts::org::use_org,
    pages::orgs::{
        checkout::CheckoutPanel,
        data::DataAndDeletion,
        provision::ProvisionProgress,
        tiles::{CreditsCard, MembersCard},
    },
    paths,
};
use leptos::prelude::*;
use molecule_sdk::types::{OrgStatus, Organization};

/// The organization page.
#[component]
pub fn OrgPage() -> impl IntoView {
    let org = use_org();
    let slug = org.slug;
    view! {
        <Title text=move || format!("{} · Molecule Console", slug.get())/>
        <CheckoutBanner/>
        <Loaded res=org.org what="Organization" let:o>
            <OrgDetail org=o/>
        </Loaded>
    }
}

/// Banner after returning from Checkout.
#[component]
fn CheckoutBanner() -> impl IntoView {
    let query = use_query_map();
    move || {
        match query.with(|q| q.get("checkout")).as_deref() {
        Some("success") => Some(view! {
            <div class="callout" role="status">"Payment received. Your organization is being set up."</div>
        }.into_any()),
        Some("cancelled") => Some(view! {
            <div class="callout" role="status">"Checkout was cancelled. Nothing was charged; you can pay whenever you are ready."</div>
        }.into_any()),
        _ => None,
    }
    }
}

#[component]
fn OrgDetail(org: Organization) -> impl IntoView {
    let slug = org.slug.to_string();
    let plan = crate::format::plan_name(&org.plan);
    let role = org
        .role
        .as_ref()
        .map(super::member_rows::role_label)
        .unwrap_or_else(|| "—".into());
    view! {
        // The org's name and status are the layout's header.
        <Facts>
            <Fact term="Slug" mono=true>{slug}</Fact>
            <Fact term="Plan">{plan}</Fact>
            <Fact term="Your role">{role}</Fact>
        </Facts>
        <NextStep org=org.clone()/>
        <OrgTiles org=org.clone()/>
        <DataAndDeletion org/>
    }
}

/// Credits and members at a glance, once the org exists (the rest of the overview, from its
/// workspaces, is on the org's own host).
#[component]
fn OrgTiles(org: Organization) -> impl IntoView {
    let live = matches!(
        org.status,
        OrgStatus::Running | OrgStatus::Active | OrgStatus::Suspended
    );
    let blocked = use_org().blocker(&molecule_sdk::ops::LIST_INVITATIONS);
    live.then(|| {
        let slug = org.slug.to_string();
        view! {
            <div class="card-grid">
                <CreditsCard slug=slug.clone()/>
                <MembersCard slug invitations_blocked=blocked/>
            </div>
        }
    })
}

/// What to do next, from the org's status.
#[component]
fn NextStep(org: Organization) -> impl IntoView {
    let slug = org.slug.to_string();
    let layout = use_org();
    match org.status {
        OrgStatus::AwaitingPayment => view! { <CheckoutPanel slug plan=org.plan.clone()/> }.into_any(),
        OrgStatus::Provisioning => {
            // Provisioning ended: load the org again (its status and the way in).
            let on_done = Callback::new(move |_| layout.org.refetch());
            view! { <ProvisionProgress slug on_done/> }.into_any()
        }
        OrgStatus::Running | OrgStatus::Active => {
            let href = paths::tenant_home(org.tenant_url.as_deref(), &Config::from_window().endpoints, &slug);
            view! {
                <div class="callout">
                    <p>"Your organization is running."</p>
                    <a class="btn btn--primary" href=href>"Open organization"</a>
                </div>
            }
            .into_any()
        }
        OrgStatus::Failed => view! {
            <div class="callout callout--error" role="alert">
                <p>"Setting up this organization failed. Our team has been told; contact support to get it going."</p>
                <a class="btn" href="mailto:support@moleculesai.app">"Contact support"</a>
            </div>
        }
        .into_any(),
        OrgStatus::Suspended => view! {
            <div class="callout callout--warning" role="alert"><p>"This organization is suspended because a payment is overdue. It resumes once the invoice is paid."</p></div>
        }
        .into_any(),
        OrgStatus::Purged | OrgStatus::Deleted => view! { <p class="muted">"This organization has been deleted."</p> }.into_any(),
        OrgStatus::Unknown(_) => view! {
            <p class="muted">"The platform reports a status this console does not know yet. Reload later, or contact support if it stays."</p>
        }
        .into_any(),
    }
}
