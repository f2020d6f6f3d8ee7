//! Small charts drawn by hand in SVG: [`BarChart`] (one bar per item, with an optional limit
//! marker) and [`LineChart`] (a series over time, with an optional reference line).
//!
//! No chart crate: the two components and their geometry are a few hundred lines that compile
//! to a few kilobytes of wasm, and they live only in the lazy splits of the pages that draw
//! them. A plotting crate would bring its own text layout, colour and backend code for what is
//! here a rectangle, a line and a path; and SVG drawn from the DOM takes the theme's colours
//! from CSS (`style/overview.css`), so light and dark need nothing in Rust.
//!
//! Every chart is `role="img"` with an `aria-label` that says its numbers in words, and carries
//! the same numbers as a visually hidden table for screen readers that browse tables.

pub mod bars;
pub mod line;

pub use bars::{Bar, BarChart};
pub use line::{LineChart, Point};

/// The top of an axis that holds `value`: the first of 1, 2, 2.5 and 5 times a power of ten
/// that is at least `value` (at least 1, so an all-zero chart still has an axis).
pub fn nice_max(value: i64) -> i64 {
    if value <= 1 {
        return 1;
    }
    let mut power: i64 = 1;
    while power.saturating_mul(10) < value {
        power = power.saturating_mul(10);
    }
    for step in [10, 20, 25, 50, 100] {
        let candidate = power.saturating_mul(step) / 10;
        if candidate >= value {
            return candidate;
        }
    }
    power.saturating_mul(10)
}

/// `value` as a share of `max` in thousandths, clamped to 0..=1000 (a negative value draws
/// nothing, one past the axis stops at its end). Integer arithmetic only: coordinates are
/// written as whole numbers in a viewBox 1000 units wide, which is finer than a screen needs.
pub fn permille(value: i64, max: i64) -> i64 {
    if max <= 0 {
        return 0;
    }
    (value as i128 * 1000 / max as i128).clamp(0, 1000) as i64
}

/// The points of a series drawn in a `width` × `height` box: spread evenly from left to right
/// (one point sits in the middle), `max` at the top and 0 at the bottom (SVG's y grows down).
pub fn line_points(values: &[i64], max: i64, width: i64, height: i64) -> Vec<(i64, i64)> {
    let n = values.len() as i64;
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let x = if n <= 1 {
                width / 2
            } else {
                width * i as i64 / (n - 1)
            };
            (x, height - height * permille(*v, max) / 1000)
        })
        .collect()
}

/// An SVG path through `points` ("M0 10L50 5").
pub fn path_of(points: &[(i64, i64)]) -> String {
    let mut d = String::new();
    for (i, (x, y)) in points.iter().enumerate() {
        d.push(if i == 0 { 'M' } else { 'L' });
        d.push_str(&format!("{x} {y}"));
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_tops_are_round_and_hold_the_value() {
        assert_eq!(nice_max(0), 1);
        assert_eq!(nice_max(-5), 1);
        assert_eq!(nice_max(1), 1);
        assert_eq!(nice_max(7), 10);
        assert_eq!(nice_max(10), 10);
        assert_eq!(nice_max(11), 20);
        assert_eq!(nice_max(21), 25);
        assert_eq!(nice_max(26), 50);
        assert_eq!(nice_max(51), 100);
        assert_eq!(nice_max(4_200), 5_000);
        assert_eq!(nice_max(2_500), 2_500);
        assert_eq!(nice_max(12_001), 20_000);
        for v in [3, 99, 101, 777, 123_456_789] {
            assert!(nice_max(v) >= v, "{v}");
            assert!(nice_max(v) < v * 3, "{v}");
        }
        assert!(nice_max(i64::MAX) > 0);
    }

    #[test]
    fn shares_are_clamped() {
        assert_eq!(permille(50, 200), 250);
        assert_eq!(permille(0, 200), 0);
        assert_eq!(permille(300, 200), 1000);
        assert_eq!(permille(-3, 200), 0);
        assert_eq!(permille(5, 0), 0);
        assert_eq!(permille(1, 3), 333);
        assert_eq!(permille(i64::MAX, i64::MAX), 1000);
    }

    #[test]
    fn points_span_the_box_from_left_to_right() {
        let pts = line_points(&[0, 50, 100], 100, 1000, 200);
        assert_eq!(pts, vec![(0, 200), (500, 100), (1000, 0)]);
        assert_eq!(line_points(&[10], 20, 1000, 200), vec![(500, 100)]);
        assert!(line_points(&[], 20, 1000, 200).is_empty());
        assert_eq!(path_of(&pts), "M0 200L500 100L1000 0");
        assert_eq!(path_of(&[]), "");
    }
}
