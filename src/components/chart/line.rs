//! A series over time as a line, with an optional dashed reference level (a budget, a
//! balance). The SVG scales to the width it is given; the axis labels are HTML beside it.

use super::{line_points, nice_max, path_of};
use leptos::prelude::*;

/// One point of the series: its label on the time axis ("2026-11-30") and its value.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    pub label: String,
    pub value: i64,
}

const WIDTH: i64 = 1000;
const HEIGHT: i64 = 200;

/// The axis top for the series and the reference level.
pub fn axis_of(points: &[Point], reference: Option<i64>) -> i64 {
    let top = points.iter().map(|p| p.value).max().unwrap_or(0);
    nice_max(top.max(reference.unwrap_or(0)))
}

/// The text alternative: the span, first and last values, the highest and lowest points.
pub fn summary(title: &str, points: &[Point], fmt: fn(i64) -> String) -> String {
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return format!("{title}: no data.");
    };
    let high = points.iter().max_by_key(|p| p.value).unwrap_or(first);
    let low = points.iter().min_by_key(|p| p.value).unwrap_or(first);
    format!(
        "{title}, {} points from {} to {}: {} at the start, {} at the end; highest {} on {}, lowest {} on {}.",
        points.len(),
        first.label,
        last.label,
        fmt(first.value),
        fmt(last.value),
        fmt(high.value),
        high.label,
        fmt(low.value),
        low.label
    )
}

/// A line chart; `reference` draws a dashed level named `reference_name`.
#[component]
pub fn LineChart(
    title: String,
    points: Vec<Point>,
    fmt: fn(i64) -> String,
    #[prop(optional)] reference: Option<i64>,
    #[prop(default = "Reference")] reference_name: &'static str,
) -> impl IntoView {
    let max = axis_of(&points, reference);
    let values: Vec<i64> = points.iter().map(|p| p.value).collect();
    let d = path_of(&line_points(&values, max, WIDTH, HEIGHT));
    let level = reference.map(|r| {
        let y = line_points(&[r], max, WIDTH, HEIGHT)[0].1;
        view! { <line class="chart__marker chart__marker--level" x1="0" x2=WIDTH y1=y y2=y/> }
    });
    let label = summary(&title, &points, fmt);
    let first = points.first().map(|p| p.label.clone()).unwrap_or_default();
    let last = points.last().map(|p| p.label.clone()).unwrap_or_default();
    let legend = reference.map(|r| {
        view! {
            <p class="chart__legend" aria-hidden="true">
                <span class="chart__key chart__key--level"></span>{format!("{reference_name}: {}", fmt(r))}
            </p>
        }
    });
    let table_rows = points
        .iter()
        .map(|p| view! { <tr><th scope="row">{p.label.clone()}</th><td>{fmt(p.value)}</td></tr> })
        .collect_view();
    view! {
        <figure class="chart">
            // Seen, not read: the plot's label and the table's caption say it to a screen reader.
            <p class="chart__title" aria-hidden="true">{title.clone()}</p>
            <div class="chart__plot" role="img" aria-label=label>
                <span class="chart__axis-top">{fmt(max)}</span>
                <svg class="chart__area" viewBox=format!("0 0 {WIDTH} {HEIGHT}") preserveAspectRatio="none" aria-hidden="true" focusable="false">
                    <line class="chart__grid" x1="0" x2=WIDTH y1=HEIGHT y2=HEIGHT/>
                    {level}
                    <path class="chart__line" d=d/>
                </svg>
                <span class="chart__axis-x"><span>{first}</span><span>{last}</span></span>
            </div>
            {legend}
            <table class="visually-hidden">
                <caption>{title}</caption>
                <thead><tr><th scope="col">"When"</th><th scope="col">"Value"</th></tr></thead>
                <tbody>{table_rows}</tbody>
            </table>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pts(values: &[i64]) -> Vec<Point> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| Point {
                label: format!("d{i}"),
                value: *v,
            })
            .collect()
    }

    fn cents(v: i64) -> String {
        crate::format::money(v, "usd")
    }

    #[test]
    fn the_axis_holds_the_reference_level() {
        assert_eq!(axis_of(&pts(&[10, 40, 30]), None), 50);
        assert_eq!(axis_of(&pts(&[10, 40, 30]), Some(90)), 100);
        assert_eq!(axis_of(&[], None), 1);
    }

    #[test]
    fn the_text_alternative_names_the_span_and_extremes() {
        assert_eq!(
            summary("Daily spend", &pts(&[100, 900, 50]), cents),
            "Daily spend, 3 points from d0 to d2: $1.00 at the start, $0.50 at the end; highest $9.00 on d1, lowest $0.50 on d2."
        );
        assert_eq!(summary("Daily spend", &[], cents), "Daily spend: no data.");
    }
}
