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
                <DataTable caption="All organizations" columns=&["Organization", "Plan", "Status", "Members"] actions=true>
                    {orgs_of(l).into_iter().map(|o| view! { <OrgRow o/> }).collect_view()}
                </DataTable>
            </Loaded>
        </section>
    }
}

/// The real list carries an org's state in `instance_status` (a top-level `status` is rare):
/// the one that is there, or that nothing runs yet.
fn status_text(o: &AdminOrgSummary) -> String {
    match (&o.status, &o.instance_status) {
        (Some(s), _) => s.to_string(),
        (None, Some(i)) if !i.is_empty() => i.clone(),
        _ => "no instance yet".into(),
    }
}

fn orgs_of(l: AdminOrgList) -> Vec<AdminOrgSummary> {
    l.orgs
}

#[component]
fn OrgRow(o: AdminOrgSummary) -> impl IntoView {
    view! {
        <tr>
            <td><strong>{o.name.clone()}</strong><br/><span class="mono muted">{o.slug.clone()}</span></td>
            <td>{crate::format::plan_name(&o.plan)}</td>
            <td>{status_text(&o)}</td>
            <td>{o.member_count}</td>
            <td><A href=paths::operator_tenant(&o.slug) attr:class="btn" attr:aria-label=format!("Manage tenant {}", o.slug)>"Manage"</A></td>
        </tr>
    }
}
