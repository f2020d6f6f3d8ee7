//! A workspace's overview tab (`/console/workspaces/:id`): its facts (runtime, tier, tasks; the
//! name and status are in the layout's header) and a short summary of each other tab, linking
//! to it. The workspace comes from the layout (`layouts::workspace`); the budget summary makes
//! its own call, `GET /workspaces/{id}/budget`, and loads and fails on its own.

use crate::{
    api::use_api,
    components::{Fact, Facts, Loaded, card::Card, copy::CopyButton},
    format::dollars,
    layouts::workspace::use_workspace,
    paths::{self, WorkspaceTab},
};
use leptos::prelude::*;
use molecule_sdk::{
    calls,
    types::{Budget, Workspace},
};

/// The overview tab.
#[component]
pub fn WorkspacePage() -> impl IntoView {
    let ctx = use_workspace();
    let root = ctx.is_root();
    // Rebuilt when the address moves to another workspace (the layout stays mounted).
    move || {
        let id = ctx.id.get();
        let card = {
            let id = id.clone();
            move |tab: WorkspaceTab, text: &'static str| {
                view! {
                    <li>
                        <Card title=tab.label() id=format!("ws-card-{}", tab.label().to_lowercase()) href=paths::workspace_tab(&id, tab)>
                            <p class="muted">{text}</p>
                        </Card>
                    </li>
                }
            }
        };
        let plugins_card = card.clone();
        view! {
            <Loaded res=ctx.ws what="Workspace" let:w>
                <WorkspaceFacts w/>
            </Loaded>
            <ul class="card-grid" aria-label="Sections of this workspace">
                {card(WorkspaceTab::Settings, "Its name and description; hibernate it when it is idle.")}
                <li>
                    <Card title="Budget" id="ws-card-budget" href=paths::workspace_tab(&id, WorkspaceTab::Budget)>
                        <BudgetSummary id=id.clone()/>
                    </Card>
                </li>
                {card(WorkspaceTab::Secrets, "Environment variables only this workspace receives; values are never shown.")}
                {card(WorkspaceTab::Tokens, "Tokens that act on this workspace only, shown once when created.")}
                {move || (root.get() == Some(true)).then(|| plugins_card(
                    WorkspaceTab::Plugins,
                    "The plugins this organization's workspaces may install.",
                ))}
                {card(WorkspaceTab::Bundle, "Download this workspace and those under it as one file, without secrets.")}
            </ul>
        }
    }
}

/// Its id (to copy: scripts and support ask for it), runtime, tier and tasks.
#[component]
fn WorkspaceFacts(w: Workspace) -> impl IntoView {
    view! {
        <Facts>
            <Fact term="Workspace ID" mono=true>{w.id.to_string()}<CopyButton text=w.id.to_string() what="workspace ID" compact=true/></Fact>
            <Fact term="Runtime" mono=true>{w.runtime.clone()}</Fact>
            <Fact term="Tier">{w.tier}</Fact>
            <Fact term="Active tasks">{w.active_tasks}</Fact>
            <Fact term="At most at once">{w.max_concurrent_tasks.get()}</Fact>
        </Facts>
    }
}

/// The budget in a sentence, loaded on its own.
#[component]
fn BudgetSummary(id: String) -> impl IntoView {
    let api = use_api();
    let budget = crate::reactive::resource(move || api.send(calls::get_workspace_budget(&id)));
    view! {
        <Loaded res=budget what="Budget" let:b>
            <p class="muted" data-testid="budget-summary">{budget_summary(&b)}</p>
        </Loaded>
    }
}

/// "Spent $12.00 in the last 30 days. Limits: daily $40.00 ($3.00 spent)." or, with no
/// limit, "... No limits set."
pub fn budget_summary(b: &Budget) -> String {
    let p = &b.periods;
    let limits: Vec<String> = [
        ("hourly", &p.hourly),
        ("daily", &p.daily),
        ("weekly", &p.weekly),
        ("monthly", &p.monthly),
    ]
    .iter()
    .filter_map(|(name, period)| {
        period
            .limit
            .map(|l| format!("{name} ${} (${} spent)", dollars(l), dollars(period.spend)))
    })
    .collect();
    let spent = format!("Spent ${} in the last 30 days.", dollars(b.monthly_spend));
    match limits.is_empty() {
        true => format!("{spent} No limits set."),
        false => format!("{spent} Limits: {}.", limits.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use molecule_sdk::types::{BudgetPeriod, BudgetPeriods};

    fn period(limit: Option<i64>, spend: i64) -> BudgetPeriod {
        BudgetPeriod {
            limit,
            remaining: limit.map(|l| l - spend),
            spend,
        }
    }

    #[test]
    fn budget_in_a_sentence() {
        let mut b = Budget {
            budget_limit: None,
            budget_remaining: None,
            monthly_spend: 1200,
            periods: BudgetPeriods {
                hourly: period(None, 0),
                daily: period(None, 300),
                weekly: period(None, 900),
                monthly: period(None, 1200),
            },
        };
        assert_eq!(
            budget_summary(&b),
            "Spent $12.00 in the last 30 days. No limits set."
        );
        b.periods.daily = period(Some(4000), 300);
        b.periods.monthly = period(Some(0), 1200);
        assert_eq!(
            budget_summary(&b),
            "Spent $12.00 in the last 30 days. Limits: daily $40.00 ($3.00 spent), monthly $0.00 ($12.00 spent)."
        );
    }
}
