//! The billing page's Invoices section: every invoice of the org, searched by number or
//! description, filtered by status and sorted by column, with the view in the address
//! (`inv_q`, `inv_status`, `inv_sort`, `inv_page`; `components::list`), loading and failing on
//! its own. The platform pages the list (at most 100 a call): every page is read, as an org has
//! one invoice a month or so.
//! Calls `GET /cp/billing/invoices?org_slug=&limit=&offset=`.

use crate::{
    api::use_api,
    components::{
        Loaded,
        list::{ListControls, ListTable, Listed, UrlList, use_url_list_in},
    },
};
use leptos::prelude::*;
use molecule_sdk::{
    ApiError, calls,
    types::{Invoice, InvoiceStatus},
};

/// Invoices asked for per call (the contract's largest page).
pub const BATCH: usize = 100;

/// The status filter's choices (URL value, label).
const STATUSES: &[(&str, &str)] = &[
    ("paid", "Paid"),
    ("open", "Open"),
    ("draft", "Draft"),
    ("void", "Void"),
    ("uncollectible", "Uncollectible"),
];

impl Listed for Invoice {
    fn haystack(&self) -> String {
        format!(
            "{} {} {}",
            self.number.as_deref().unwrap_or(&self.id),
            self.description,
            invoice_badge(&self.status).0
        )
    }
    fn status_key(&self) -> Option<String> {
        Some(self.status.to_string())
    }
    fn compare(&self, other: &Self, key: &str) -> std::cmp::Ordering {
        match key {
            "number" => self.number.cmp(&other.number),
            "amount" => self.amount_due_cents.cmp(&other.amount_due_cents),
            "status" => invoice_badge(&self.status)
                .0
                .cmp(invoice_badge(&other.status).0),
            _ => self.created_at.cmp(&other.created_at),
        }
    }
}

/// Every invoice of `slug`, page after page, newest first.
async fn all_invoices(api: crate::api::Api, slug: String) -> Result<Vec<Invoice>, ApiError> {
    crate::api::pages::every_page(BATCH, |offset| {
        let call = calls::list_invoices()
            .query("org_slug", &slug)
            .query("limit", BATCH)
            .query("offset", offset);
        async move {
            let page = api.send(call).await?;
            Ok((page.invoices, page.total.max(0) as usize))
        }
    })
    .await
}

/// The Invoices section.
#[component]
pub fn Invoices(slug: Memo<String>) -> impl IntoView {
    let api = use_api();
    let invoices = crate::reactive::resource(move || all_invoices(api, slug.get()));
    let rows = use_url_list_in("inv_");
    view! {
        <section class="section" aria-labelledby="invoices-title">
            <h2 id="invoices-title">"Invoices"</h2>
            <ListControls list=rows what="invoices" statuses=STATUSES.to_vec()/>
            <Loaded res=invoices what="Invoices" let:list>
                <InvoiceTable list rows/>
            </Loaded>
        </section>
    }
}

/// The invoices the search, filter and sort select, a page at a time; or a line saying none.
#[component]
fn InvoiceTable(list: Vec<Invoice>, rows: UrlList) -> impl IntoView {
    view! {
        <ListTable rows=list list=rows caption="Invoices" columns=&["Number", "Description", "Date", "Amount", "Status"]
            keys=&["number", "", "date", "amount", "status"] what="invoices" actions=true
            empty="No invoices yet. The first arrives at the end of the first paid month."
            key=|i: &Invoice| i.id.clone()
            row=|inv| view! { <InvoiceRow inv/> }/>
    }
}

/// Status text and badge modifier of an invoice.
fn invoice_badge(status: &InvoiceStatus) -> (&str, &'static str) {
    match status {
        InvoiceStatus::Paid => ("Paid", "badge--success"),
        InvoiceStatus::Open => ("Open", "badge--warning"),
        InvoiceStatus::Draft => ("Draft", "badge--muted"),
        InvoiceStatus::Void => ("Void", "badge--muted"),
        InvoiceStatus::Uncollectible => ("Uncollectible", "badge--danger"),
        InvoiceStatus::Unknown(raw) => (raw.as_str(), "badge--muted"),
    }
}

/// One invoice: number, description, date, amount, status and its hosted page.
#[component]
fn InvoiceRow(inv: Invoice) -> impl IntoView {
    let (label, class) = invoice_badge(&inv.status);
    let label = label.to_string();
    let number = inv.number.clone().unwrap_or_else(|| inv.id.clone());
    let link = inv.hosted_invoice_url.clone().map(|u| {
        // The invoice is a page of the billing provider's (a server page): the router
        // must let the browser open it.
        let label = format!("View invoice {number}");
        view! { <a href=u rel="external noopener" aria-label=label>"View"</a> }
    });
    view! {
        <tr>
            <td class="mono">{number}</td>
            <td>{inv.description.clone()}</td>
            <td>{inv.created_at.get(..10).unwrap_or_default().to_string()}</td>
            <td>{crate::format::money(inv.amount_due_cents, &inv.currency)}</td>
            <td><span class=format!("badge {class}")>{label}</span></td>
            <td>{link}</td>
        </tr>
    }
}
