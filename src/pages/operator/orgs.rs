//! `/operator`: every organization on the platform, each linking to its tenant.
//! Calls `GET /api/v1/admin/orgs`.

use crate::{
    api::use_api,
    components::{DataTable, Loaded, Title},
    paths,
};
use leptos::prelude::*;
use leptos_router::components::A;
use molecule_sdk::{
    calls,
    types::{AdminOrgList, AdminOrgSummary},
};

/// The operator's organizations page.
#[component]
pub fn OperatorOrgsPage() -> impl IntoView {
    let api = use_api();
    let list = crate::reactive::resource(move || api.send(calls::admin_list_orgs()));
    view! {
        <Title text="Organizations · Operator · Molecule Console"/>
        <section class="section" aria-labelledby="op-orgs-title">
            <h2 id="op-orgs-title">"Organizations"</h2>
            <Loaded res=list what="Organizations" let:l>
                <DataTable caption="All organizations" columns=&["Organization", "Plan", "Status", "Instance", "Members"] actions=true>
                    {orgs_of(l).into_iter().map(|o| view! { <OrgRow o/> }).collect_view()}
                </DataTable>
            </Loaded>
        </section>
    }
}

fn orgs_of(l: AdminOrgList) -> Vec<AdminOrgSummary> {
    l.orgs
}

#[component]
fn OrgRow(o: AdminOrgSummary) -> impl IntoView {
    let dash = || "—".to_string();
    view! {
        <tr>
            <td><strong>{o.name.clone()}</strong><br/><span class="mono muted">{o.slug.clone()}</span></td>
            <td>{o.plan.to_string()}</td>
            <td>{o.status.map(|s| s.to_string()).unwrap_or_else(dash)}</td>
            <td>{o.instance_status.clone().unwrap_or_else(dash)}</td>
            <td>{o.member_count}</td>
            <td><A href=paths::operator_tenant(&o.slug) attr:class="btn" attr:aria-label=format!("Manage tenant {}", o.slug)>"Manage"</A></td>
        </tr>
    }
}
