//! A workspace's budget per period, a section of the workspace page: limit, spend and what is
//! left for each rolling window. The whole map is replaced on save; an empty field clears its
//! limit, 0 blocks all spend.
//! Calls `GET|PATCH /workspaces/{id}/budget`.

use crate::{
    api::use_api,
    components::{DataTable, Loaded, use_toaster},
    format::dollars,
};
use leptos::{ev::SubmitEvent, prelude::*};
use molecule_sdk::{
    calls,
    types::{Budget, BudgetLimits, BudgetPeriod, BudgetUpdateRequest},
};

/// "$12.50" typed by a person -> 1250 cents; empty -> no limit.
pub fn parse_dollars(text: &str) -> Result<Option<i64>, String> {
    let t = text.trim().trim_start_matches('$').replace(',', "");
    if t.is_empty() {
        return Ok(None);
    }
    let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
    let bad = || "Enter an amount in dollars, like 25 or 12.50 (empty for no limit).".to_string();
    if whole.is_empty() && frac.is_empty()
        || frac.len() > 2
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return Err(bad());
    }
    let dollars: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| bad())?
    };
    let cents: i64 = format!("{frac:0<2}").parse().map_err(|_| bad())?;
    dollars
        .checked_mul(100)
        .and_then(|d| d.checked_add(cents))
        .map(Some)
        .ok_or_else(bad)
}

/// What is left of a limit, in words ("$5.80 over" once spend has passed it).
pub fn remaining_text(cents: i64) -> String {
    if cents < 0 {
        format!("${} over", dollars(-cents))
    } else {
        format!("${}", dollars(cents))
    }
}

/// Saves the four limits (toasting how it went).
type SaveAction = Action<BudgetLimits, ()>;

/// The budget section of the workspace `id`.
#[component]
pub fn BudgetEditor(id: String) -> impl IntoView {
    let api = use_api();
    let toaster = use_toaster();
    let i = id.clone();
    let save = crate::reactive::action(move |limits: &BudgetLimits| {
        let body = BudgetUpdateRequest {
            budget_limits: Some(limits.clone()),
            budget_limit: None,
        };
        let call = calls::update_workspace_budget(&i, &body);
        async move {
            toaster.tell(api.send(call).await, |_| "Budget saved.".into());
        }
    });
    let budget = crate::reactive::resource(move || {
        save.version().track();
        api.send(calls::get_workspace_budget(&id))
    });
    view! {
        <section class="section" aria-labelledby="budget-title">
            <h2 id="budget-title">"Budget"</h2>
            <p class="section__intro">"Rolling windows. Leave a field empty for no limit; 0 blocks all spend. Saving replaces all four limits."</p>
            <Loaded res=budget what="Budget" let:b>
                <BudgetForm budget=b save/>
            </Loaded>
        </section>
    }
}

/// One row of the budget form.
struct PeriodField {
    key: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    spend: i64,
    remaining: Option<i64>,
}

/// The four limits as fields, prefilled with the stored ones.
fn period_fields(budget: &Budget) -> Vec<PeriodField> {
    let p = &budget.periods;
    let periods: [(&'static str, &'static str, &BudgetPeriod); 4] = [
        ("hourly", "Hourly", &p.hourly),
        ("daily", "Daily", &p.daily),
        ("weekly", "Weekly", &p.weekly),
        ("monthly", "Monthly", &p.monthly),
    ];
    periods
        .iter()
        .map(|(key, label, period)| PeriodField {
            key,
            label,
            value: RwSignal::new(period.limit.map(dollars).unwrap_or_default()),
            spend: period.spend,
            remaining: period.remaining,
        })
        .collect()
}

/// The limits typed in `values` (hourly, daily, weekly, monthly); the error names the field.
fn limits_of(values: &[RwSignal<String>]) -> Result<BudgetLimits, String> {
    let mut parsed = Vec::with_capacity(4);
    for (v, name) in values.iter().zip(["Hourly", "Daily", "Weekly", "Monthly"]) {
        parsed.push(parse_dollars(&v.get_untracked()).map_err(|m| format!("{name}: {m}"))?);
    }
    Ok(BudgetLimits {
        hourly: parsed[0],
        daily: parsed[1],
        weekly: parsed[2],
        monthly: parsed[3],
    })
}

#[component]
fn BudgetForm(budget: Budget, save: SaveAction) -> impl IntoView {
    let may_update_workspace_budget =
        crate::layouts::tenant::use_blocker(&molecule_sdk::ops::UPDATE_WORKSPACE_BUDGET);
    let fields = period_fields(&budget);
    let error = RwSignal::new(None::<String>);
    let values: Vec<RwSignal<String>> = fields.iter().map(|f| f.value).collect();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        match limits_of(&values) {
            Ok(limits) => {
                error.set(None);
                save.dispatch(limits);
            }
            Err(m) => error.set(Some(m)),
        }
    };
    let rows = fields
        .into_iter()
        .map(|field| view! { <PeriodRow field/> })
        .collect_view();
    view! {
        <form class="form" on:submit=submit novalidate>
            <DataTable caption="Budget per period" columns=&["Period", "Limit", "Spent", "Remaining"]>{rows}</DataTable>
            <p class="field__error" role="alert">{move || error.get()}</p>
            <div class="form__actions">
                <button title=move || may_update_workspace_budget.get() type="submit" class="btn btn--primary" disabled=move || may_update_workspace_budget.get().is_some() || save.pending().get()>"Save budget"</button>
            </div>
        </form>
    }
}

/// One period: its limit field, what was spent and what is left.
#[component]
fn PeriodRow(field: PeriodField) -> impl IntoView {
    let PeriodField {
        key,
        label,
        value,
        spend,
        remaining,
    } = field;
    let id = format!("budget-{key}");
    view! {
        <tr>
            <th scope="row"><label for=id.clone()>{format!("{label} limit ($)")}</label></th>
            <td><input id=id class="input" inputmode="decimal" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/></td>
            <td>{format!("${}", dollars(spend))}</td>
            <td>{remaining.map(remaining_text).unwrap_or_else(|| "no limit".into())}</td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remaining_reads_as_over_once_passed() {
        assert_eq!(remaining_text(1250), "$12.50");
        assert_eq!(remaining_text(0), "$0.00");
        assert_eq!(remaining_text(-580), "$5.80 over");
    }

    #[test]
    fn dollars_in_and_out() {
        assert_eq!(parse_dollars(""), Ok(None));
        assert_eq!(parse_dollars("  "), Ok(None));
        assert_eq!(parse_dollars("0"), Ok(Some(0)));
        assert_eq!(parse_dollars("25"), Ok(Some(2500)));
        assert_eq!(parse_dollars("$12.5"), Ok(Some(1250)));
        assert_eq!(parse_dollars("1,000.05"), Ok(Some(100005)));
        assert_eq!(parse_dollars(".75"), Ok(Some(75)));
        for bad in ["-1", "1.234", "abc", "1.2.3", "."] {
            assert!(parse_dollars(bad).is_err(), "{bad}");
        }
    }
}
