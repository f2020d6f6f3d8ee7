//! The numbers behind the overview's money tiles ([`super::overview_money`]): bars per
//! workspace for a budget period, spend per day, and the burn-down of the monthly budgets.

use crate::components::chart::{Bar, Point};
use molecule_sdk::types::{Budget, BudgetPeriod, SpendHistory};

/// Each live workspace's id, name and budget.
pub type Budgets = Vec<(String, String, Budget)>;

/// The budget periods, as the picker names them.
pub const PERIODS: [&str; 4] = ["Hourly", "Daily", "Weekly", "Monthly"];

pub fn period_of<'a>(b: &'a Budget, name: &str) -> &'a BudgetPeriod {
    match name {
        "Hourly" => &b.periods.hourly,
        "Daily" => &b.periods.daily,
        "Weekly" => &b.periods.weekly,
        _ => &b.periods.monthly,
    }
}

/// The most workspaces whose budget the overview reads: a budget is one request per
/// workspace, so an org with thousands reads the first ones and says so.
pub const MAX_BUDGETS: usize = 200;

/// The most bars the spend chart draws; past that, the period's biggest spenders.
pub const TOP_BARS: usize = 12;

/// One bar per workspace: its spend in the period and its limit there; in the list's order,
/// or, for more than [`TOP_BARS`] workspaces, the biggest spenders first.
pub fn spend_bars(budgets: &Budgets, period: &str) -> Vec<Bar> {
    let mut bars: Vec<Bar> = budgets
        .iter()
        .map(|(_, name, b)| {
            let p = period_of(b, period);
            Bar {
                label: name.clone(),
                value: p.spend,
                limit: p.limit,
            }
        })
        .collect();
    if bars.len() > TOP_BARS {
        bars.sort_by_key(|b| std::cmp::Reverse(b.value));
        bars.truncate(TOP_BARS);
    }
    bars
}

/// The org's spend per day (all workspaces).
pub fn daily_totals(h: &SpendHistory) -> Vec<Point> {
    h.days
        .iter()
        .enumerate()
        .map(|(i, day)| Point {
            label: day.clone(),
            value: h.workspaces.iter().filter_map(|w| w.spend.get(i)).sum(),
        })
        .collect()
}

/// What is left of the monthly limits (the workspaces that have one) after each day's spend:
/// the total of those limits and a point per day. `None` when no workspace has a monthly limit.
pub fn burn_down(h: &SpendHistory, budgets: &Budgets) -> Option<(i64, Vec<Point>)> {
    let limited: Vec<(&str, i64)> = budgets
        .iter()
        .filter_map(|(id, _, b)| b.periods.monthly.limit.map(|l| (id.as_str(), l)))
        .collect();
    if limited.is_empty() {
        return None;
    }
    let total: i64 = limited.iter().map(|(_, l)| l).sum();
    let mut left = total;
    let points = h
        .days
        .iter()
        .enumerate()
        .map(|(i, day)| {
            left -= h
                .workspaces
                .iter()
                .filter(|w| {
                    limited
                        .iter()
                        .any(|(id, _)| *id == w.workspace_id.to_string())
                })
                .filter_map(|w| w.spend.get(i))
                .sum::<i64>();
            Point {
                label: day.clone(),
                value: left.max(0),
            }
        })
        .collect();
    Some((total, points))
}

#[cfg(test)]
mod tests {
    use super::*;
    use molecule_sdk::types::{BudgetPeriods, WorkspaceSpendSeries};

    const A: &str = "00000000-0000-4000-8000-00000000000a";
    const B: &str = "00000000-0000-4000-8000-00000000000b";

    fn budget(monthly_spend: i64, monthly_limit: Option<i64>) -> Budget {
        let p = |spend, limit| BudgetPeriod {
            limit,
            remaining: None,
            spend,
        };
        Budget {
            budget_limit: monthly_limit,
            budget_remaining: None,
            monthly_spend,
            periods: BudgetPeriods {
                hourly: p(1, None),
                daily: p(10, Some(50)),
                weekly: p(70, None),
                monthly: p(monthly_spend, monthly_limit),
            },
        }
    }

    fn history() -> SpendHistory {
        let series = |id: &str, spend: Vec<i64>| WorkspaceSpendSeries {
            workspace_id: id.parse().unwrap(),
            name: id.into(),
            spend,
        };
        SpendHistory {
            days: vec!["d1".into(), "d2".into(), "d3".into()],
            workspaces: vec![series(A, vec![100, 200, 300]), series(B, vec![5, 5, 5])],
        }
    }

    #[test]
    fn bars_follow_the_chosen_period() {
        let b: Budgets = vec![(A.into(), "Lead".into(), budget(4_200, Some(10_000)))];
        assert_eq!(
            spend_bars(&b, "Monthly"),
            vec![Bar {
                label: "Lead".into(),
                value: 4_200,
                limit: Some(10_000)
            }]
        );
        assert_eq!(spend_bars(&b, "Daily")[0].limit, Some(50));
        assert_eq!(spend_bars(&b, "Hourly")[0].value, 1);
    }

    #[test]
    fn many_workspaces_draw_only_the_biggest_spenders() {
        let b: Budgets = (0..TOP_BARS as i64 + 5)
            .map(|i| (A.into(), format!("w{i}"), budget(i * 10, None)))
            .collect();
        let bars = spend_bars(&b, "Monthly");
        assert_eq!(bars.len(), TOP_BARS);
        assert_eq!(bars[0].label, format!("w{}", TOP_BARS + 4));
        assert!(bars.windows(2).all(|w| w[0].value >= w[1].value));
        assert_eq!(bars[TOP_BARS - 1].value, 50);
    }

    #[test]
    fn days_add_up_across_workspaces() {
        let totals: Vec<i64> = daily_totals(&history()).iter().map(|p| p.value).collect();
        assert_eq!(totals, vec![105, 205, 305]);
    }

    #[test]
    fn the_burn_down_counts_only_workspaces_with_a_monthly_limit() {
        // Only A has a limit: 1000 - 100 - 200 - 300.
        let b: Budgets = vec![
            (A.into(), "A".into(), budget(600, Some(1_000))),
            (B.into(), "B".into(), budget(15, None)),
        ];
        let (total, points) = burn_down(&history(), &b).unwrap();
        assert_eq!(total, 1_000);
        let left: Vec<i64> = points.iter().map(|p| p.value).collect();
        assert_eq!(left, vec![900, 700, 400]);
        // Past the limit the line stays at zero.
        let tight: Budgets = vec![(A.into(), "A".into(), budget(600, Some(250)))];
        let left: Vec<i64> = burn_down(&history(), &tight)
            .unwrap()
            .1
            .iter()
            .map(|p| p.value)
            .collect();
        assert_eq!(left, vec![150, 0, 0]);
        let none: Budgets = vec![(B.into(), "B".into(), budget(15, None))];
        assert_eq!(burn_down(&history(), &none), None);
    }
}
