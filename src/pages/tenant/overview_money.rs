//! The spend tiles of the overview: spend against budget per period (a bar per workspace with
//! its limit), spend per day with what is left of the monthly budgets (lines).
//! Calls `GET /workspaces` and `GET /workspaces/{id}/budget` (once, shared by two tiles) and
//! `GET /usage/spend` (designed: a platform without it answers 404 and the tile says the history
//! is not available).

use super::overview_data::{Budgets, PERIODS, burn_down, daily_totals, period_of, spend_bars};
use crate::{
    api::use_api,
    components::{
        LoadedTile,
        card::{Card, StatTile},
        chart::{BarChart, LineChart},
    },
    format::money,
    paths,
    reactive::Res,
};
use leptos::prelude::*;
use molecule_sdk::{ApiError, calls, types::SpendHistory};

/// Loads every workspace's budget (one read per workspace, after the list).
pub fn load_budgets() -> Res<Result<Budgets, ApiError>> {
    let api = use_api();
    crate::reactive::resource(move || async move {
        let mut out = Vec::new();
        for w in api.send(calls::list_workspaces()).await? {
            let id = w.id.to_string();
            let budget = api.send(calls::get_workspace_budget(&id)).await?;
            out.push((id, w.name.to_string(), budget));
        }
        Ok(out)
    })
}

fn usd(cents: i64) -> String {
    money(cents, "usd")
}

/// Spend against budget, with a period picker.
#[component]
pub fn SpendCard(budgets: Res<Result<Budgets, ApiError>>) -> impl IntoView {
    let period = RwSignal::new("Monthly".to_string());
    let options = PERIODS
        .iter()
        .map(|p| view! { <option value=*p selected=*p == "Monthly">{*p}</option> })
        .collect_view();
    view! {
        <Card title="Spend against budget" id="ov-spend" href=paths::workspaces() link_text="Budgets on each workspace">
            <div class="field">
                <label class="field__label" for="ov-period">"Period"</label>
                <select id="ov-period" class="input input--auto" on:change=move |ev| period.set(event_target_value(&ev))>{options}</select>
            </div>
            <LoadedTile res=budgets what="Budgets" let:b>
                {move || {
                    let p = period.get();
                    let total: i64 = b.iter().map(|(_, _, x)| period_of(x, &p).spend).sum();
                    view! {
                        <StatTile label="Spent" value=usd(total) detail=format!("{} window, all workspaces", p.to_lowercase())/>
                        <BarChart title=format!("{p} spend against budget per workspace") bars=spend_bars(&b, &p) fmt=usd limit_name="Budget"/>
                    }
                }}
            </LoadedTile>
        </Card>
    }
}

/// Spend per day and the burn-down of the monthly budgets.
#[component]
pub fn HistoryCard(budgets: Res<Result<Budgets, ApiError>>) -> impl IntoView {
    let api = use_api();
    // A platform without the (designed) history route answers 404: not an error, not there.
    let history = crate::reactive::resource(move || async move {
        match api.send(calls::get_spend_history()).await {
            Ok(h) => Ok(Some(h)),
            Err(e) if e.status == 404 => Ok(None),
            Err(e) => Err(e),
        }
    });
    view! {
        <Card title="Spend over time" id="ov-history" href=paths::workspaces() link_text="Spend per workspace">
            <LoadedTile res=history what="Spend history" let:h>
                {match h {
                    None => view! { <p class="muted">"Spend history is not available from this platform."</p> }.into_any(),
                    Some(h) => view! {
                        <LineChart title=format!("Daily spend, last {} days", h.days.len()) points=daily_totals(&h) fmt=usd/>
                        <LoadedTile res=budgets what="Budgets" let:b>
                            <BurnDown h=h.clone() b/>
                        </LoadedTile>
                    }.into_any(),
                }}
            </LoadedTile>
        </Card>
    }
}

/// What is left of the monthly budgets, day by day.
#[component]
fn BurnDown(h: SpendHistory, b: Budgets) -> impl IntoView {
    match burn_down(&h, &b) {
        Some((total, points)) => view! {
            <LineChart title="Left of the monthly budgets".to_string() points fmt=usd reference=total reference_name="Monthly budgets"/>
        }
        .into_any(),
        None => view! { <p class="muted">"No workspace has a monthly budget."</p> }.into_any(),
    }
}
