//! `/operator`: every organization on the platform, each linking to its tenant; searchable by
//! name or slug, filtered by status and sorted by column, with the view in the URL
//! (`components::list`). The platform pages its list (at most 500 a call): every page is read
//! so the search covers all organizations.
//! Calls `GET /api/v1/admin/orgs?limit=&offset=`.

use crate::router::A;
use crate::{
    api::use_api,
    components::{
        Loaded, Title,
        list::{ListControls, ListTable, Listed, UrlList, use_url_list},
    },
    paths,
};
use leptos::prelude::*;
use molecule_sdk::{ApiError, calls, types::AdminOrgSummary};
use std::cmp::Ordering;

/// Organizations asked for per call (the platform's largest page).
const BATCH: usize = 500;

/// The status filter's choices (URL value, label): the org states and the instance states the
/// platform reports.
const STATUSES: &[(&str, &str)] = &[
    ("running", "Running"),
    ("pending", "Pending"),
    ("provisioning", "Provisioning"),
    ("stopped", "Stopped"),
    ("suspended", "Suspended"),
    ("failed", "Failed"),
    ("terminated", "Terminated"),
    ("none", "No instance yet"),
];

impl Listed for AdminOrgSummary {
    fn haystack(&self) -> String {
        format!("{} {}", self.name, self.slug)
    }
    fn status_key(&self) -> Option<String> {
        Some(match (&self.status, &self.instance_status) {
            (Some(s), _) => s.to_string(),
            (None, Some(i)) if !i.is_empty() => i.clone(),
            _ => "none".into(),
        })
    }
    fn compare(&self, other: &Self, key: &str) -> Ordering {
        match key {
            "plan" => self.plan.to_string().cmp(&other.plan.to_string()),
            "status" => status_text(self).cmp(&status_text(other)),
            "members" => self.member_count.cmp(&other.member_count),
            _ => self.name.to_lowercase().cmp(&other.name.to_lowercase()),
        }
    }
}

/// Every organization, page after page.
async fn all_orgs(api: crate::api::Api) -> Result<Vec<AdminOrgSummary>, ApiError> {
    crate::api::pages::every_page(BATCH, |offset| async move {
        let call = calls::admin_list_orgs()
            .query("limit", BATCH)
            .query("offset", offset);
        let page = api.send(call).await?;
        Ok((page.orgs, page.total.map_or(0, |t| t.max(0) as usize)))
    })
    .await
}

/// The operator's organizations page.
#[component]
pub fn OperatorOrgsPage() -> impl IntoView {
    let api = use_api();
    let list = crate::reactive::resource(move || all_orgs(api));
    let rows = use_url_list();
    view! {
        <Title text="Organizations · Operator · Molecule Console"/>
        <section class="section" aria-labelledby="op-orgs-title">
            <h2 id="op-orgs-title">"Organizations"</h2>
            <ListControls list=rows what="organizations" statuses=STATUSES.to_vec()/>
            <Loaded res=list what="Organizations" let:l>
                <OrgTable items=l rows/>
            </Loaded>
        </section>
    }
}

/// The page of organizations the search, filter and sort select, with the pager.
#[component]
fn OrgTable(items: Vec<AdminOrgSummary>, rows: UrlList) -> impl IntoView {
    view! {
        <ListTable rows=items list=rows caption="All organizations" columns=&["Organization", "Plan", "Status", "Members"]
            keys=&["name", "plan", "status", "members"] what="organizations" actions=true
            empty="No organization exists on this platform yet. Create the first under “New organization”."
            key=|o: &AdminOrgSummary| o.id.to_string()
            row=|o| view! { <OrgRow o/> }/>
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
