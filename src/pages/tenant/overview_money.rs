//! The spend tiles of the overview: spend against budget per period (a bar per workspace with
//! its limit), spend per day with what is left of the monthly budgets (lines).
//! Calls `GET /workspaces` and `GET /workspaces/{id}/budget` (once, shared by two tiles) and
//! `GET /usage/spend` (designed: a platform without it answers 404 and the tile says the history
//! is not available).

use super::overview_data::{
    Budgets, MAX_BUDGETS, PERIODS, TOP_BARS, burn_down, daily_totals, period_of, spend_bars,
};
use crate::{
    api::use_api,
    components::{
        Field, LoadedTile,
        card::{Card, StatTile},
        chart::{BarChart, LineChart},
    },
    format::{grouped, money},
    paths,
    reactive::Res,
};
use leptos::prelude::*;
use molecule_sdk::{ApiError, calls, types::SpendHistory};

/// Budget reads in flight at once.
const AT_ONCE: usize = 6;

/// What the spend tiles draw from: the budgets read, and how many workspaces the org has.
pub type BudgetsRead = (Budgets, usize);

/// Loads the workspaces' budgets (one read per workspace, after the list, a few at a time; the
/// first [`MAX_BUDGETS`] of them).
pub fn load_budgets() -> Res<Result<BudgetsRead, ApiError>> {
    use futures_util::{StreamExt, TryStreamExt};
    let api = use_api();
    crate::reactive::resource(move || async move {
        let all = api.send(calls::list_workspaces()).await?;
        let count = all.len();
        let reads = all.into_iter().take(MAX_BUDGETS).map(move |w| {
            let (id, name) = (w.id.to_string(), w.name.to_string());
            let call = calls::get_workspace_budget(&id);
            async move { api.send(call).await.map(|b| (id, name, b)) }
        });
        let rows = futures_util::stream::iter(reads)
            .buffered(AT_ONCE)
            .try_collect()
            .await?;
        Ok((rows, count))
    })
}

/// "all workspaces", or which of them when the org has more than were read.
fn which(b: &BudgetsRead) -> String {
    if b.1 > b.0.len() {
        format!(
            "the first {} of {} workspaces",
            b.0.len(),
            grouped(b.1 as i64)
        )
    } else {
        "all workspaces".into()
    }
}

fn usd(cents: i64) -> String {
    money(cents, "usd")
}

/// Spend against budget, with a period picker.
#[component]
pub fn SpendCard(budgets: Res<Result<BudgetsRead, ApiError>>) -> impl IntoView {
    let period = RwSignal::new("Monthly".to_string());
    let options = PERIODS
        .iter()
        .map(|p| view! { <option value=*p selected=*p == "Monthly">{*p}</option> })
        .collect_view();
    view! {
        <Card title="Spend against budget" id="ov-spend" href=paths::workspaces() link_text="Budgets on each workspace">
            <Field id="ov-period" label="Period">
                <select id="ov-period" class="input input--auto" on:change=move |ev| period.set(event_target_value(&ev))>{options}</select>
            </Field>
            <LoadedTile res=budgets what="Budgets" let:b>
                {move || {
                    let p = period.get();
                    let total: i64 = b.0.iter().map(|(_, _, x)| period_of(x, &p).spend).sum();
                    let title = if b.0.len() > TOP_BARS {
                        format!("{p} spend against budget, the {TOP_BARS} biggest spenders")
                    } else {
                        format!("{p} spend against budget per workspace")
                    };
                    view! {
                        <StatTile label="Spent" value=usd(total) detail=format!("{} window, {}", p.to_lowercase(), which(&b))/>
                        <BarChart title bars=spend_bars(&b.0, &p) fmt=usd limit_name="Budget"/>
                    }
                }}
            </LoadedTile>
        </Card>
    }
}

/// The spend history, once for the tiles that draw it; `None` from a platform without the
/// (designed) route, which answers 404: not an error, not there.
pub fn load_history() -> Res<Result<Option<SpendHistory>, ApiError>> {
    let api = use_api();
    crate::reactive::resource(move || async move {
        match api.send(calls::get_spend_history()).await {
            Ok(h) => Ok(Some(h)),
            Err(e) if e.status == 404 => Ok(None),
            Err(e) => Err(e),
        }
    })
}

/// Spend per day and the burn-down of the monthly budgets.
#[component]
pub fn HistoryCard(
    budgets: Res<Result<BudgetsRead, ApiError>>,
    history: Res<Result<Option<SpendHistory>, ApiError>>,
) -> impl IntoView {
    view! {
        <Card title="Spend over time" id="ov-history" href=paths::workspaces() link_text="Spend per workspace">
            <LoadedTile res=history what="Spend history" let:h>
                {match h {
                    None => view! { <p class="muted">"Spend history is not available from this platform."</p> }.into_any(),
                    Some(h) => view! {
                        <LineChart title=format!("Daily spend, last {} days", h.days.len()) points=daily_totals(&h) fmt=usd/>
                        <LoadedTile res=budgets what="Budgets" let:b>
                            <BurnDown h=h.clone() b=b.0/>
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
