//! Spend per UTC day (`GET /usage/spend`, a designed route): the simulation's spend model laid
//! out over days. A workspace's historical spend (`base_spend`) is spread evenly over the last
//! 30 days, which is how the budget windows count it; what it accrued while online in the same
//! 30 days falls on the days it was online. So the days that cover the last 30 days add up to
//! exactly the monthly spend that `GET /workspaces/{id}/budget` reports.

use crate::{state::AppState, store::tenant as store};
use molecule_sdk::types::{SpendHistory, WorkspaceSpendSeries};
use rusqlite::Connection;

const DAY_MS: i64 = 86_400_000;
const MONTH_MS: i64 = 2_592_000_000;

/// The part of `total` that falls in `[from, to)` when `total` is spread evenly over
/// `[start, end)`. Shares of adjacent ranges add up to exactly `total` (no cent is lost to
/// rounding).
pub fn share(total: i64, start: i64, end: i64, from: i64, to: i64) -> i64 {
    if end <= start || total <= 0 {
        return 0;
    }
    let upto = |t: i64| -> i64 {
        let t = t.clamp(start, end);
        (total as i128 * (t - start) as i128 / (end - start) as i128) as i64
    };
    upto(to) - upto(from)
}

/// The UTC day of Unix milliseconds ("2026-11-30").
fn day_label(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// The org's spend over the last `days` UTC days (today last, so far), per live workspace.
pub fn history(
    state: &AppState,
    conn: &Connection,
    org_id: &str,
    days: i64,
) -> rusqlite::Result<SpendHistory> {
    let now = state.clock.now_ms();
    let today = now.div_euclid(DAY_MS) * DAY_MS;
    let starts: Vec<i64> = (0..days).map(|i| today - (days - 1 - i) * DAY_MS).collect();
    let month_start = now - MONTH_MS;
    let workspaces = store::list(conn, org_id)?
        .into_iter()
        .map(|row| {
            let monthly = store::spend(state, &row, 2_592_000);
            let accrued = (monthly - row.base_spend).max(0);
            let online_from = row.online_since.unwrap_or(now).max(month_start);
            let spend = starts
                .iter()
                .map(|&d| {
                    share(row.base_spend, month_start, now, d, d + DAY_MS)
                        + share(accrued, online_from, now, d, d + DAY_MS)
                })
                .collect();
            WorkspaceSpendSeries {
                workspace_id: row.id.parse().unwrap_or_default(),
                name: row.name.clone(),
                spend,
            }
        })
        .collect();
    Ok(SpendHistory {
        days: starts.iter().map(|&d| day_label(d)).collect(),
        workspaces,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_of_adjacent_ranges_add_up_to_the_total() {
        // 1000 cents over [0, 30): 33 or 34 per unit, rounded so that nothing is lost.
        assert_eq!(share(1000, 0, 30, 0, 30), 1000);
        assert_eq!(share(1000, 0, 30, -10, 100), 1000);
        let parts: Vec<i64> = (0..30).map(|i| share(1000, 0, 30, i, i + 1)).collect();
        assert_eq!(parts.iter().sum::<i64>(), 1000);
        assert!(parts.iter().all(|p| (33..=34).contains(p)), "{parts:?}");
        // Outside the range, or an empty range, or nothing to spread: nothing.
        assert_eq!(share(1000, 0, 30, 30, 60), 0);
        assert_eq!(share(1000, 0, 30, -5, 0), 0);
        assert_eq!(share(1000, 5, 5, 0, 10), 0);
        assert_eq!(share(0, 0, 30, 0, 30), 0);
        // Half the range, half the total.
        assert_eq!(share(4_200, 0, 100, 0, 50), 2_100);
    }

    #[test]
    fn days_are_utc_dates() {
        assert_eq!(day_label(0), "1970-01-01");
        assert_eq!(day_label(DAY_MS * 20_000), "2024-10-04");
    }
}
