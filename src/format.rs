//! Formatting of amounts for display (the API speaks cents).

/// 1250 -> "12.50" (also the value of a dollars input).
pub fn dollars(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", cents.abs() / 100, cents.abs() % 100)
}

/// `$12.34` for USD, `EUR 12.34` otherwise.
pub fn money(cents: i64, currency: &str) -> String {
    let amount = dollars(cents);
    let (sign, digits) = match amount.strip_prefix('-') {
        Some(rest) => ("-", rest.to_string()),
        None => ("", amount),
    };
    if currency.eq_ignore_ascii_case("usd") {
        format!("{sign}${digits}")
    } else {
        format!("{sign}{} {digits}", currency.to_uppercase())
    }
}

/// 25000 -> "25,000".
pub fn grouped(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// A pager's line: "Showing 51–100 of 1,006 organizations, filtered from 1,200." for the rows
/// `first..=end` (1-based) of `total` matching rows out of `of` (the same words for every list;
/// the organizations list's hand-made pager and `components::list::ListPager` both write it).
pub fn showing(first: usize, end: usize, total: usize, of: usize, what: &str) -> String {
    let filtered = if total < of {
        format!(", filtered from {}", grouped(of as i64))
    } else {
        String::new()
    };
    format!(
        "Showing {first}–{end} of {} {what}{filtered}.",
        grouped(total as i64)
    )
}

/// Credits per cent of spend: 1,000 credits cost $1.00 (the top-up price).
pub const CREDITS_PER_CENT: i64 = 10;

/// What `credits` cost: 1,000 credits are $1.00 (the platform's price).
pub fn credits_price(credits: i64) -> String {
    money(credits / CREDITS_PER_CENT, "usd")
}

/// A plan as every page names it (the platform's ids are `starter` and `pro`; people choose
/// "Team" and "Growth"); `""` is an org without a plan, shown as free like the platform does.
pub fn plan_name(plan: &molecule_sdk::types::PlanId) -> String {
    use molecule_sdk::types::PlanId;
    match plan {
        PlanId::Free | PlanId::Empty => "Free".into(),
        PlanId::Starter => "Team".into(),
        PlanId::Pro => "Growth".into(),
        PlanId::Unknown(raw) => raw.clone(),
    }
}

/// Overage used against its cap ("1,200 of 10,000"); a plan without overage says so rather
/// than "0 of 0".
pub fn overage(used: Option<i64>, cap: Option<i64>) -> String {
    match (used.unwrap_or(0), cap.unwrap_or(0)) {
        (used, cap) if cap > 0 => format!("{} of {}", grouped(used), grouped(cap)),
        (0, _) => "None allowed on this plan".to_string(),
        (used, _) => grouped(used),
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_pager_line_says_which_rows_and_what_they_are_filtered_from() {
        assert_eq!(
            showing(51, 100, 1_006, 1_006, "organizations"),
            "Showing 51–100 of 1,006 organizations."
        );
        assert_eq!(
            showing(1, 1, 1, 1_200, "workspaces"),
            "Showing 1–1 of 1 workspaces, filtered from 1,200."
        );
    }

    use super::*;

    #[test]
    fn amounts() {
        assert_eq!(dollars(1250), "12.50");
        assert_eq!(dollars(5), "0.05");
        assert_eq!(dollars(-150), "-1.50");
        assert_eq!(money(2900, "usd"), "$29.00");
        assert_eq!(money(5, "USD"), "$0.05");
        assert_eq!(money(-150, "usd"), "-$1.50");
        assert_eq!(money(1000, "eur"), "EUR 10.00");
        assert_eq!(grouped(42_000), "42,000");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(-1_234_567), "-1,234,567");
        assert_eq!(credits_price(10_000_000), "$10,000.00".replace(',', ""));
        assert_eq!(credits_price(25_000), "$25.00");
        use molecule_sdk::types::PlanId;
        assert_eq!(plan_name(&PlanId::Starter), "Team");
        assert_eq!(plan_name(&PlanId::Empty), "Free");
    }

    #[test]
    fn overage_reads_against_its_cap_or_says_there_is_none() {
        assert_eq!(overage(Some(1_200), Some(10_000)), "1,200 of 10,000");
        assert_eq!(overage(None, Some(10_000)), "0 of 10,000");
        assert_eq!(overage(Some(0), Some(0)), "None allowed on this plan");
        assert_eq!(overage(None, None), "None allowed on this plan");
        assert_eq!(overage(Some(300), None), "300");
    }
}
