//! Buying credits on the billing page: a one-off purchase (then the org, with its balance, is
//! loaded again) and the automatic top-up settings, which load and fail on their own.
//! Calls `POST /cp/billing/topup`, `GET|PUT /cp/billing/auto-credits`.

use crate::{
    api::use_api,
    components::{ConfirmRequest, Field, Loaded, use_confirm, use_toaster},
    format::{credits_price, grouped},
    layouts::org::use_org,
};
use leptos::{ev::SubmitEvent, prelude::*};
use molecule_sdk::{
    calls,
    types::{AutoCreditsSettings, TopupRequest},
};

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
        return Err(format!(
            "Enter between {} and {} credits.",
            grouped(min),
            grouped(max)
        ));
    }
    Ok(n)
}

/// "Buy credits": a one-off purchase charged to the default payment method.
#[component]
pub fn TopupForm() -> impl IntoView {
    let api = use_api();
    let toaster = use_toaster();
    let org = use_org();
    let topup = crate::reactive::action(move |credits: &i64| {
        let body = TopupRequest {
            org_slug: org.slug.get_untracked(),
            credits: *credits,
        };
        async move {
            let bought = api.send(calls::create_topup(&body)).await;
            // The balance at the top of the page comes from the org.
            org.org.refetch();
            toaster.tell(bought, |t| {
                format!(
                    "Added {} credits. Balance: {}.",
                    grouped(t.credits_added),
                    grouped(t.credits_balance)
                )
            });
        }
    });
    let confirm = use_confirm();
    let amount = RwSignal::new(grouped(10_000));
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        match parse_credits(&amount.get_untracked(), TOPUP_MIN, TOPUP_MAX) {
            Ok(n) => {
                error.set(None);
                // Money: the amount is confirmed before anything is charged.
                confirm.ask(ConfirmRequest {
                    title: format!("Buy {} credits for {}?", grouped(n), credits_price(n)),
                    body:
                        "The default payment method is charged now; the credits are added at once."
                            .into(),
                    confirm_label: "Buy credits".into(),
                    danger: false,
                    type_to_confirm: None,
                    on_confirm: Callback::new(move |_| {
                        topup.dispatch(n);
                    }),
                });
            }
            Err(m) => error.set(Some(m)),
        }
    };
    view! {
        <section class="section" aria-labelledby="topup-title">
            <h2 id="topup-title">"Buy credits"</h2>
            <form class="form form--inline" on:submit=submit novalidate>
                <Field id="topup-credits" label="Credits to buy">
                    <input id="topup-credits" class="input" inputmode="numeric" aria-describedby="topup-hint topup-error"
                        aria-invalid=move || error.get().is_some().to_string()
                        prop:value=move || amount.get() on:input=move |ev| amount.set(event_target_value(&ev))/>
                </Field>
                <p id="topup-hint" class="field__hint">{format!("{}–{} credits; 1,000 credits cost $1.00. Charged to the default payment method.", grouped(TOPUP_MIN), grouped(TOPUP_MAX))}</p>
                <p id="topup-error" class="field__error" role="alert">{move || error.get()}</p>
                <button type="submit" class="btn btn--primary" disabled=move || topup.pending().get()>
                    {move || if topup.pending().get() { "Buying…" } else { "Buy credits" }}
                </button>
            </form>
        </section>
    }
}

/// Saving the automatic top-up settings.
type Save = Action<AutoCreditsSettings, ()>;

/// The "Automatic top-up" section, reloaded after each save.
#[component]
pub fn AutoCredits(slug: Memo<String>) -> impl IntoView {
    let api = use_api();
    let toaster = use_toaster();
    let save: Save = crate::reactive::action(move |s: &AutoCreditsSettings| {
        let call = calls::put_auto_credits(s).query("org_slug", slug.get_untracked());
        async move {
            toaster.tell(api.send(call).await, |_| "Automatic top-up saved.".into());
        }
    });
    let current = crate::reactive::resource(move || {
        save.version().track();
        api.send(calls::get_auto_credits().query("org_slug", slug.get()))
    });
    view! {
        <section class="section" aria-labelledby="auto-title">
            <h2 id="auto-title">"Automatic top-up"</h2>
            <Loaded res=current what="Automatic top-up" let:s>
                <AutoCreditsForm initial=s save/>
            </Loaded>
        </section>
    }
}

/// Reads the automatic top-up form, naming the field that is wrong.
fn read_settings(
    enabled: bool,
    threshold: &str,
    amount: &str,
    cap: &str,
) -> Result<AutoCreditsSettings, String> {
    let threshold =
        parse_credits(threshold, 0, TOPUP_MAX).map_err(|m| format!("Threshold: {m}"))?;
    let topup = parse_credits(amount, TOPUP_MIN, TOPUP_MAX).map_err(|m| format!("Amount: {m}"))?;
    let cap = if cap.trim().is_empty() {
        None
    } else {
        Some(parse_credits(cap, 0, i64::MAX / 2).map_err(|m| format!("Monthly cap: {m}"))?)
    };
    Ok(AutoCreditsSettings {
        enabled,
        threshold_credits: threshold,
        topup_credits: topup,
        monthly_cap_credits: cap,
    })
}

#[component]
fn AutoCreditsForm(initial: AutoCreditsSettings, save: Save) -> impl IntoView {
    let enabled = RwSignal::new(initial.enabled);
    // Shown grouped ("10,000", as everywhere else); the fields read back with or without commas.
    let threshold = RwSignal::new(grouped(initial.threshold_credits));
    let amount = RwSignal::new(grouped(initial.topup_credits));
    let cap = RwSignal::new(initial.monthly_cap_credits.map(grouped).unwrap_or_default());
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let parsed = read_settings(
            enabled.get_untracked(),
            &threshold.get_untracked(),
            &amount.get_untracked(),
            &cap.get_untracked(),
        );
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
            <Field id=id label=label>
                <input id=id class="input" inputmode="numeric" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
            </Field>
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
