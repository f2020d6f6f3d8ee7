//! The billing page's Invoices section: the org's invoices, paged in the address (`?page=`),
//! loading and failing on its own. Calls `GET /cp/billing/invoices`.

use crate::components::Empty;
use crate::{api::use_api, components::Loaded, paths};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_query_map};
use molecule_sdk::{
    calls,
    types::{Invoice, InvoiceList, InvoiceStatus},
};

/// Invoices per page.
pub const PAGE: i64 = 10;

/// The Invoices section.
#[component]
pub fn Invoices(slug: Memo<String>) -> impl IntoView {
    let api = use_api();
    let query = use_query_map();
    let page = Memo::new(move |_| {
        query
            .with(|q| q.get("page"))
            .and_then(|p| p.parse::<i64>().ok())
            .filter(|p| *p >= 1)
            .unwrap_or(1)
    });
    let invoices = crate::reactive::resource(move || {
        let offset = (page.get() - 1) * PAGE;
        api.send(
            calls::list_invoices()
                .query("org_slug", slug.get())
                .query("limit", PAGE)
                .query("offset", offset),
        )
    });
    view! {
        <section class="section" aria-labelledby="invoices-title">
            <h2 id="invoices-title">"Invoices"</h2>
            <Loaded res=invoices what="Invoices" let:list>
                <InvoiceTable list page=page.get_untracked() slug=slug.get_untracked()/>
            </Loaded>
        </section>
    }
}

/// One page of invoices and the pager, or a line saying there are none.
#[component]
fn InvoiceTable(list: InvoiceList, page: i64, slug: String) -> impl IntoView {
    if list.invoices.is_empty() {
        return view! { <Empty message="No invoices yet."/> }.into_any();
    }
    let last = ((list.total as i64 + PAGE - 1) / PAGE).max(1);
    let rows = list
        .invoices
        .into_iter()
        .map(|inv| view! { <InvoiceRow inv/> })
        .collect_view();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label="Invoices">
        <table class="table">
            <caption class="visually-hidden">"Invoices"</caption>
            <thead><tr>
                <th scope="col">"Number"</th><th scope="col">"Description"</th><th scope="col">"Date"</th>
                <th scope="col">"Amount"</th><th scope="col">"Status"</th><th scope="col"><span class="visually-hidden">"Links"</span></th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
        </div>
        <Pager page last slug/>
    }
    .into_any()
}

/// "Previous · Page p of n · Next".
#[component]
fn Pager(page: i64, last: i64, slug: String) -> impl IntoView {
    let href = move |p: i64| format!("{}?page={}", paths::org_billing(&slug), p);
    view! {
        <nav class="pager" aria-label="Invoice pages">
            {(page > 1).then(|| view! { <A href=href(page - 1)>"Previous"</A> })}
            <span>{format!("Page {page} of {last}")}</span>
            {(page < last).then(|| view! { <A href=href(page + 1)>"Next"</A> })}
        </nav>
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
