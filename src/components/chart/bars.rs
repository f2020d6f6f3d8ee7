//! Horizontal bars, one per item, each with an optional limit marker (spend against a budget).
//! Labels and amounts are HTML beside the bars, so they stay sharp and wrap at any width; each
//! bar is a one-row SVG scaled to the chart's shared axis.

use super::{nice_max, permille};
use leptos::prelude::*;

/// One bar: an item's value and, if it has one, its limit.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: i64,
    pub limit: Option<i64>,
}

/// Where a bar and its marker end, in thousandths of the track, on an axis shared by all bars
/// (the largest value or limit, rounded up).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BarGeometry {
    pub value: i64,
    pub limit: Option<i64>,
    pub over: bool,
}

/// The axis top for `bars`.
pub fn axis_of(bars: &[Bar]) -> i64 {
    let top = bars
        .iter()
        .map(|b| b.value.max(b.limit.unwrap_or(0)))
        .max()
        .unwrap_or(0);
    nice_max(top)
}

/// The geometry of one bar on an axis of `max`.
pub fn geometry(bar: &Bar, max: i64) -> BarGeometry {
    BarGeometry {
        value: permille(bar.value, max),
        limit: bar.limit.map(|l| permille(l, max)),
        over: bar.limit.is_some_and(|l| bar.value > l),
    }
}

/// One bar's numbers in words: "$42.00 of $50.00", "$3.00 (no limit)", "$60.00 of $50.00, over".
pub fn amount_text(bar: &Bar, fmt: fn(i64) -> String) -> String {
    match bar.limit {
        Some(l) if bar.value > l => format!("{} of {}, over", fmt(bar.value), fmt(l)),
        Some(l) => format!("{} of {}", fmt(bar.value), fmt(l)),
        None => format!("{} (no limit)", fmt(bar.value)),
    }
}

/// The chart's text alternative: its title, then every bar's label and numbers.
pub fn summary(title: &str, bars: &[Bar], fmt: fn(i64) -> String) -> String {
    if bars.is_empty() {
        return format!("{title}: nothing to show.");
    }
    let items: Vec<String> = bars
        .iter()
        .map(|b| format!("{}, {}", b.label, amount_text(b, fmt)))
        .collect();
    format!("{title}: {}.", items.join("; "))
}

/// A bar chart; `fmt` writes an amount ("$12.50"), `limit_name` names the marker ("Budget").
#[component]
pub fn BarChart(
    title: String,
    bars: Vec<Bar>,
    fmt: fn(i64) -> String,
    #[prop(default = "Limit")] limit_name: &'static str,
) -> impl IntoView {
    let max = axis_of(&bars);
    let label = summary(&title, &bars, fmt);
    let rows = bars
        .iter()
        .map(|bar| {
            let g = geometry(bar, max);
            let class = if g.over { "chart__bar chart__bar--over" } else { "chart__bar" };
            let marker = g.limit.map(|x| {
                view! { <line class="chart__marker" x1=x x2=x y1="0" y2="10"/> }
            });
            view! {
                <div class="chart__row">
                    <span class="chart__label">{bar.label.clone()}</span>
                    <svg class="chart__track" viewBox="0 0 1000 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                        <rect class="chart__bg" x="0" y="0" width="1000" height="10"/>
                        <rect class=class x="0" y="1" width=g.value height="8"/>
                        {marker}
                    </svg>
                    <span class="chart__value">{amount_text(bar, fmt)}</span>
                </div>
            }
        })
        .collect_view();
    let table_rows = bars
        .iter()
        .map(|b| {
            view! {
                <tr>
                    <th scope="row">{b.label.clone()}</th>
                    <td>{fmt(b.value)}</td>
                    <td>{b.limit.map(fmt).unwrap_or_else(|| "none".into())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <div class="chart__bars" role="img" aria-label=label>{rows}</div>
            <p class="chart__legend" aria-hidden="true">
                <span class="chart__key chart__key--marker"></span>{limit_name}
            </p>
            <table class="visually-hidden">
                <caption>{title}</caption>
                <thead><tr><th scope="col">"Item"</th><th scope="col">"Value"</th><th scope="col">{limit_name}</th></tr></thead>
                <tbody>{table_rows}</tbody>
            </table>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(label: &str, value: i64, limit: Option<i64>) -> Bar {
        Bar {
            label: label.into(),
            value,
            limit,
        }
    }

    fn cents(v: i64) -> String {
        crate::format::money(v, "usd")
    }

    #[test]
    fn bars_share_one_axis_that_holds_limits_too() {
        let bars = [
            bar("a", 4_200, Some(5_000)),
            bar("b", 300, None),
            bar("c", 6_000, Some(2_000)),
        ];
        assert_eq!(axis_of(&bars), 10_000);
        assert_eq!(axis_of(&[bar("a", 10, Some(80))]), 100);
        assert_eq!(axis_of(&[]), 1);
        let g = geometry(&bars[0], 10_000);
        assert_eq!(
            g,
            BarGeometry {
                value: 420,
                limit: Some(500),
                over: false
            }
        );
        assert!(geometry(&bars[2], 10_000).over);
        assert_eq!(geometry(&bars[1], 10_000).limit, None);
    }

    #[test]
    fn the_text_alternative_says_every_number() {
        let bars = [
            bar("Lead", 4_200, Some(5_000)),
            bar("Nightly", 300, None),
            bar("Writer", 6_000, Some(2_000)),
        ];
        assert_eq!(
            summary("Monthly spend", &bars, cents),
            "Monthly spend: Lead, $42.00 of $50.00; Nightly, $3.00 (no limit); Writer, $60.00 of $20.00, over."
        );
        assert_eq!(summary("Spend", &[], cents), "Spend: nothing to show.");
    }
}
