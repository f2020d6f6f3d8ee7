//! Billing of one organization: credits, one-off top-up, automatic top-up, invoices (paged in
//! the URL), and the Stripe customer portal.
//! Calls `GET /cp/orgs/{slug}`, `POST /cp/billing/topup`, `GET|PUT /cp/billing/auto-credits`,
//! `GET /cp/billing/invoices`, `POST /cp/billing/portal`.

use crate::{
    api,
    components::{ErrorView, Title, use_toaster},
    paths,
};
use leptos::{ev::SubmitEvent, prelude::*};
use leptos_router::{components::A, hooks::use_query_map};
use molecule_sdk::{
    calls,
    types::{AutoCreditsSettings, InvoiceList, InvoiceStatus, PortalRequest, TopupRequest},
};

/// Invoices per page.
pub const PAGE: i64 = 10;
/// One-off purchase bounds (the contract's).
pub const TOPUP_MIN: i64 = 1_000;
pub const TOPUP_MAX: i64 = 10_000_000;

/// Parses a credits amount typed by a person ("25,000" is fine).
pub fn parse_credits(text: &str, min: i64, max: i64) -> Result<i64, String> {
    let digits: String = text
        .trim()
        .chars()
        .filter(|c| *c != ',' && *c != '_' && *c != ' ')
        .collect();
    let n: i64 = digits
        .parse()
        .map_err(|_| "Enter a whole number of credits.".to_string())?;
    if n < min || n > max {
        return Err(format!("Enter between {min} and {max} credits."));
    }
    Ok(n)
}

/// The billing page.
#[component]
pub fn BillingPage() -> impl IntoView {
    let slug = crate::layouts::org::use_org().slug;
    let toaster = use_toaster();
    let topup = crate::reactive::action(move |credits: &i64| {
        let body = TopupRequest {
            org_slug: slug.get_untracked(),
            credits: *credits,
        };
        async move {
            let r = api::send(calls::create_topup(&body)).await;
            match &r {
                Ok(t) => toaster.success(format!(
                    "Added {} credits. Balance: {}.",
                    t.credits_added, t.credits_balance
                )),
                Err(e) => toaster.error(e.message()),
            }
            r
        }
    });
    let org = crate::reactive::resource(move || {
        topup.version().track();
        api::send(calls::get_org(&slug.get()))
    });
    let portal = crate::reactive::action(move |_: &()| {
        let body = PortalRequest {
            org_slug: slug.get_untracked(),
            return_url: format!(
                "{}{}",
                api::origin(),
                paths::org_billing(&slug.get_untracked())
            ),
        };
        async move {
            match api::send(calls::create_portal_session(&body)).await {
                Ok(p) => {
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().set_href(&p.url);
                    }
                }
                Err(e) => toaster.error(e.message()),
            }
        }
    });
    view! {
        <Title text=Signal::derive(move || format!("Billing · {} · Molecule Console", slug.get()))/>
        <div class="page-header">
            <h1>"Billing"</h1>
            <button type="button" class="btn" disabled=move || portal.pending().get() on:click=move |_| { portal.dispatch(()); }>
                "Manage payment methods"
            </button>
        </div>
        <Transition fallback=|| view! { <span class="skeleton skeleton--row" aria-label="Loading credits"></span> }>
            <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                {move || Suspend::new(async move {
                    org.await.map(|o| view! {
                        <dl class="facts" aria-label="Credits">
                            <dt>"Plan"</dt><dd>{o.plan.to_string()}</dd>
                            <dt>"Credit balance"</dt><dd data-testid="credit-balance">{o.credits_balance.unwrap_or(0)}</dd>
                            <dt>"Monthly allowance"</dt><dd>{o.plan_monthly_credits.unwrap_or(0)}</dd>
                            <dt>"Overage used"</dt><dd>{format!("{} of {}", o.overage_used_credits.unwrap_or(0), o.overage_cap_credits.unwrap_or(0))}</dd>
                        </dl>
                    })
                })}
            </ErrorBoundary>
        </Transition>
        <TopupForm topup/>
        <AutoCredits slug/>
        <Invoices slug/>
    }
}

#[component]
fn TopupForm(
    topup: Action<i64, Result<molecule_sdk::types::TopupResult, molecule_sdk::ApiError>>,
) -> impl IntoView {
    let amount = RwSignal::new("10000".to_string());
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        match parse_credits(&amount.get_untracked(), TOPUP_MIN, TOPUP_MAX) {
            Ok(n) => {
                error.set(None);
                topup.dispatch(n);
            }
            Err(m) => error.set(Some(m)),
        }
    };
    view! {
        <section class="section" aria-labelledby="topup-title">
            <h2 id="topup-title">"Buy credits"</h2>
            <form class="form form--inline" on:submit=submit novalidate>
                <label class="field" for="topup-credits"><span class="field__label">"Credits to buy"</span></label>
                <input id="topup-credits" class="input" inputmode="numeric" aria-describedby="topup-hint topup-error"
                    aria-invalid=move || error.get().is_some().to_string()
                    prop:value=move || amount.get() on:input=move |ev| amount.set(event_target_value(&ev))/>
                <p id="topup-hint" class="field__hint">{format!("{TOPUP_MIN}–{TOPUP_MAX} credits; 1,000 credits cost $1.00. Charged to the default payment method.")}</p>
                <p id="topup-error" class="field__error" role="alert">{move || error.get()}</p>
                <button type="submit" class="btn btn--primary" disabled=move || topup.pending().get()>
                    {move || if topup.pending().get() { "Buying…" } else { "Buy credits" }}
                </button>
            </form>
        </section>
    }
}

#[component]
fn AutoCredits(#[prop(into)] slug: Signal<String>) -> impl IntoView {
    let toaster = use_toaster();
    let save = crate::reactive::action(move |s: &AutoCreditsSettings| {
        let (slug, s) = (slug.get_untracked(), s.clone());
        async move {
            let r = api::send(calls::put_auto_credits(&s).query("org_slug", slug)).await;
            match &r {
                Ok(_) => toaster.success("Automatic top-up saved."),
                Err(e) => toaster.error(e.message()),
            }
            r
        }
    });
    let current = crate::reactive::resource(move || {
        save.version().track();
        api::send(calls::get_auto_credits().query("org_slug", slug.get()))
    });
    view! {
        <section class="section" aria-labelledby="auto-title">
            <h2 id="auto-title">"Automatic top-up"</h2>
            <Transition fallback=|| view! { <span class="skeleton skeleton--row"></span> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        current.await.map(|s| view! { <AutoCreditsForm initial=s save/> })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

#[component]
fn AutoCreditsForm(
    initial: AutoCreditsSettings,
    save: Action<AutoCreditsSettings, Result<AutoCreditsSettings, molecule_sdk::ApiError>>,
) -> impl IntoView {
    let enabled = RwSignal::new(initial.enabled);
    let threshold = RwSignal::new(initial.threshold_credits.to_string());
    let amount = RwSignal::new(initial.topup_credits.to_string());
    let cap = RwSignal::new(
        initial
            .monthly_cap_credits
            .map(|c| c.to_string())
            .unwrap_or_default(),
    );
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let parsed = (|| {
            let threshold = parse_credits(&threshold.get_untracked(), 0, TOPUP_MAX)
                .map_err(|m| format!("Threshold: {m}"))?;
            let topup = parse_credits(&amount.get_untracked(), TOPUP_MIN, TOPUP_MAX)
                .map_err(|m| format!("Amount: {m}"))?;
            let cap_text = cap.get_untracked();
            let cap = if cap_text.trim().is_empty() {
                None
            } else {
                Some(
                    parse_credits(&cap_text, 0, i64::MAX / 2)
                        .map_err(|m| format!("Monthly cap: {m}"))?,
                )
            };
            Ok::<_, String>(AutoCreditsSettings {
                enabled: enabled.get_untracked(),
                threshold_credits: threshold,
                topup_credits: topup,
                monthly_cap_credits: cap,
            })
        })();
        match parsed {
            Ok(s) => {
                error.set(None);
                save.dispatch(s);
            }
            Err(m) => error.set(Some(m)),
        }
    };
    let number = move |id: &'static str, label: &'static str, value: RwSignal<String>| {
        view! {
            <label class="field" for=id><span class="field__label">{label}</span></label>
            <input id=id class="input" inputmode="numeric" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
        }
    };
    view! {
        <form class="form form--inline" on:submit=submit novalidate>
            <label class="checkbox">
                <input type="checkbox" prop:checked=move || enabled.get() on:change=move |ev| enabled.set(event_target_checked(&ev))/>
                " Top up automatically"
            </label>
            {number("auto-threshold", "When the balance falls below", threshold)}
            {number("auto-amount", "Buy this many credits", amount)}
            {number("auto-cap", "Monthly cap (empty: none)", cap)}
            <p class="field__error" role="alert">{move || error.get()}</p>
            <button type="submit" class="btn btn--primary" disabled=move || save.pending().get()>"Save automatic top-up"</button>
        </form>
    }
}

#[component]
fn Invoices(#[prop(into)] slug: Signal<String>) -> impl IntoView {
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
        api::send(
            calls::list_invoices()
                .query("org_slug", slug.get())
                .query("limit", PAGE)
                .query("offset", offset),
        )
    });
    view! {
        <section class="section" aria-labelledby="invoices-title">
            <h2 id="invoices-title">"Invoices"</h2>
            <Transition fallback=|| view! { <span class="skeleton skeleton--row"></span> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        invoices.await.map(|list: InvoiceList| {
                            let total = list.total as i64;
                            if list.invoices.is_empty() {
                                return view! { <p class="muted">"No invoices yet."</p> }.into_any();
                            }
                            let rows = list.invoices.into_iter().map(|inv| {
                                let (label, class) = match &inv.status {
                                    InvoiceStatus::Paid => ("Paid", "badge--success"),
                                    InvoiceStatus::Open => ("Open", "badge--warning"),
                                    InvoiceStatus::Draft => ("Draft", "badge--muted"),
                                    InvoiceStatus::Void => ("Void", "badge--muted"),
                                    InvoiceStatus::Uncollectible => ("Uncollectible", "badge--danger"),
                                    InvoiceStatus::Unknown(raw) => (raw.as_str(), "badge--muted"),
                                };
                                let label = label.to_string();
                                view! {
                                    <tr>
                                        <td class="mono">{inv.number.clone().unwrap_or_else(|| inv.id.clone())}</td>
                                        <td>{inv.description.clone()}</td>
                                        <td>{inv.created_at.get(..10).unwrap_or_default().to_string()}</td>
                                        <td>{crate::format::money(inv.amount_due_cents, &inv.currency)}</td>
                                        <td><span class=format!("badge {class}")>{label}</span></td>
                                        <td>{inv.hosted_invoice_url.clone().map(|u| view! { <a href=u rel="noopener">"View"</a> })}</td>
                                    </tr>
                                }
                            }).collect_view();
                            let p = page.get_untracked();
                            let last = ((total + PAGE - 1) / PAGE).max(1);
                            let s = slug.get_untracked();
                            view! {
                                <table class="table">
                                    <caption class="visually-hidden">"Invoices"</caption>
                                    <thead><tr>
                                        <th scope="col">"Number"</th><th scope="col">"Description"</th><th scope="col">"Date"</th>
                                        <th scope="col">"Amount"</th><th scope="col">"Status"</th><th scope="col"><span class="visually-hidden">"Links"</span></th>
                                    </tr></thead>
                                    <tbody>{rows}</tbody>
                                </table>
                                <nav class="pager" aria-label="Invoice pages">
                                    {(p > 1).then(|| view! { <A href=format!("{}?page={}", paths::org_billing(&s), p - 1)>"Previous"</A> })}
                                    <span>{format!("Page {p} of {last}")}</span>
                                    {(p < last).then(|| view! { <A href=format!("{}?page={}", paths::org_billing(&s), p + 1)>"Next"</A> })}
                                </nav>
                            }.into_any()
                        })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_parse_and_bounds() {
        assert_eq!(parse_credits("25,000", TOPUP_MIN, TOPUP_MAX), Ok(25_000));
        assert_eq!(parse_credits(" 1000 ", TOPUP_MIN, TOPUP_MAX), Ok(1_000));
        assert!(parse_credits("999", TOPUP_MIN, TOPUP_MAX).is_err());
        assert!(parse_credits("10000001", TOPUP_MIN, TOPUP_MAX).is_err());
        assert!(parse_credits("12.5", TOPUP_MIN, TOPUP_MAX).is_err());
        assert!(parse_credits("-5", 0, 10).is_err());
        assert!(
            parse_credits("ten", 0, 10)
                .unwrap_err()
                .contains("whole number")
        );
    }
}
