//! The overview's credits burn-down: how long the balance lasts at the org's recent spend,
//! and the projected balance day by day. Spend draws credits at the top-up price (1,000 credits
//! cost $1.00, so a cent of spend is [`CREDITS_PER_CENT`] credits); the rate is the average of
//! the last full days of the spend history (`GET /usage/spend`, designed), so today's partial
//! day does not pull it down. The balance is this host's org as loaded at start-up.

use crate::{
    components::{
        LoadedTile,
        card::{Card, StatTile},
        chart::{LineChart, Point},
    },
    format::{CREDITS_PER_CENT, grouped},
    paths,
    reactive::Res,
};
use leptos::prelude::*;
use molecule_sdk::{ApiError, types::SpendHistory};

/// Full days the rate is averaged over.
pub const RATE_DAYS: usize = 7;

/// Days ahead the projection draws.
pub const AHEAD: i64 = 30;

/// Credits a day at the average spend of the last [`RATE_DAYS`] full days (the history's last
/// day is today, so far); `None` without a full day of history.
pub fn daily_rate(h: &SpendHistory) -> Option<i64> {
    let full = h.days.len().checked_sub(1).filter(|n| *n > 0)?;
    let from = full.saturating_sub(RATE_DAYS);
    let cents: i64 = h
        .workspaces
        .iter()
        .flat_map(|w| w.spend.iter().take(full).skip(from))
        .sum();
    Some(cents * CREDITS_PER_CENT / (full - from) as i64)
}

/// Days since 1970-01-01 of a "YYYY-MM-DD" date (proleptic Gregorian).
pub fn day_number(date: &str) -> Option<i64> {
    let mut parts = date.splitn(3, '-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The "YYYY-MM-DD" date of a day number (the inverse of [`day_number`]).
pub fn date_of(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The balance from `today` on, [`AHEAD`] days ahead, falling by `rate` a day and stopping at
/// zero.
pub fn projection(balance: i64, rate: i64, today: i64) -> Vec<Point> {
    (0..=AHEAD)
        .map(|k| Point {
            label: date_of(today + k),
            value: (balance - rate * k).max(0),
        })
        .collect()
}

/// The headline: how long the balance lasts, and the detail under it.
pub fn runway(balance: i64, rate: i64, today: i64) -> (String, String) {
    let spend = format!(
        "{} credits a day (the average of the last {RATE_DAYS} days)",
        grouped(rate)
    );
    if balance <= 0 {
        return (
            "Used up".into(),
            format!("no credits left; spending {spend}"),
        );
    }
    if rate <= 0 {
        return (
            "No spend".into(),
            format!("nothing was spent in the last {RATE_DAYS} days"),
        );
    }
    let days = (balance + rate - 1) / rate;
    let value = match days {
        1 => "About 1 day".to_string(),
        n => format!("About {} days", grouped(n)),
    };
    (
        value,
        format!("until about {}, at {spend}", date_of(today + days)),
    )
}

/// The credits burn-down tile.
#[component]
pub fn CreditsRunwayCard(
    history: Res<Result<Option<SpendHistory>, ApiError>>,
    balance: i64,
    slug: String,
) -> impl IntoView {
    view! {
        <Card title="Credits burn-down" id="ov-runway" href=paths::org_billing(&slug) link_text="Buy credits">
            <LoadedTile res=history what="Spend history" let:h>
                {match h.as_ref().and_then(|h| Some((daily_rate(h)?, day_number(h.days.last()?)?))) {
                    None => view! { <p class="muted">"Spend history is not available, so there is no burn-down."</p> }.into_any(),
                    Some((rate, today)) => {
                        let (value, detail) = runway(balance, rate, today);
                        view! {
                            <StatTile label="Credits last" value detail/>
                            <LineChart title=format!("Projected credit balance, next {AHEAD} days")
                                points=projection(balance, rate, today) fmt=|n| grouped(n)/>
                        }.into_any()
                    }
                }}
            </LoadedTile>
        </Card>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use molecule_sdk::types::WorkspaceSpendSeries;

    fn history(a: Vec<i64>, b: Vec<i64>) -> SpendHistory {
        let days = (0..a.len()).map(|i| date_of(20_000 + i as i64)).collect();
        let series = |n: u8, spend| WorkspaceSpendSeries {
            workspace_id: format!("00000000-0000-4000-8000-00000000000{n}")
                .parse()
                .unwrap(),
            name: n.to_string(),
            spend,
        };
        SpendHistory {
            days,
            workspaces: vec![series(1, a), series(2, b)],
        }
    }

    #[test]
    fn dates_round_trip_and_cross_months_and_leap_days() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(date_of(20_000), "2024-10-04");
        assert_eq!(date_of(day_number("2026-12-31").unwrap() + 1), "2027-01-01");
        assert_eq!(date_of(day_number("2028-02-28").unwrap() + 1), "2028-02-29");
        assert_eq!(date_of(day_number("2100-02-28").unwrap() + 1), "2100-03-01");
        for d in [-1, 0, 59, 10_957, 20_423, 47_482] {
            assert_eq!(day_number(&date_of(d)), Some(d));
        }
        assert_eq!(day_number("2026-13-01"), None);
        assert_eq!(day_number("soon"), None);
    }

    #[test]
    fn the_rate_averages_the_last_full_days_without_today() {
        // Ten days; the last is today (9,999 cents so far, left out). Days 2..9: 7 full days.
        let mut a = vec![1_000, 1_000, 10, 20, 30, 40, 50, 60, 70, 9_999];
        let h = history(a.clone(), vec![0; 10]);
        assert_eq!(
            daily_rate(&h),
            Some((10 + 20 + 30 + 40 + 50 + 60 + 70) * 10 / 7)
        );
        // Across workspaces.
        let h = history(a.clone(), vec![7; 10]);
        assert_eq!(daily_rate(&h), Some((280 + 49) * 10 / 7));
        // Fewer full days than a week: those.
        a.truncate(3);
        assert_eq!(daily_rate(&history(a, vec![0; 3])), Some(1_000 * 10));
        // Only today: no rate.
        assert_eq!(daily_rate(&history(vec![5], vec![5])), None);
    }

    #[test]
    fn the_projection_falls_to_zero_and_the_headline_says_when() {
        let today = day_number("2026-12-01").unwrap();
        let p = projection(25_000, 1_000, today);
        assert_eq!(p.len(), 31);
        assert_eq!((p[0].label.as_str(), p[0].value), ("2026-12-01", 25_000));
        assert_eq!(p[25].value, 0);
        assert_eq!(p[30].value, 0);
        let (value, detail) = runway(25_000, 1_000, today);
        assert_eq!(value, "About 25 days");
        assert_eq!(
            detail,
            "until about 2026-12-26, at 1,000 credits a day (the average of the last 7 days)"
        );
        assert_eq!(runway(1_500, 1_000, today).0, "About 2 days");
        assert_eq!(runway(500, 1_000, today).0, "About 1 day");
        assert_eq!(runway(5, 0, today).0, "No spend");
        let (value, detail) = runway(0, 300, today);
        assert_eq!(value, "Used up");
        assert_eq!(
            detail,
            "no credits left; spending 300 credits a day (the average of the last 7 days)"
        );
    }
}
