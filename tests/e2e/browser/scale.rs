//! Lists longer than one of the platform's pages, against `--seed scale` (acme with 5,009
//! workspaces, a workspace with 230 tokens, a tenant with 620 boot events): what a person sees
//! is every row the platform holds, or words saying which part of it they are seeing.

use super::*;
use molecule_e2e::run_at_scale;

/// acme's first added workspace: 230 tokens (the platform lists 50 unless asked for more).
const TOKENS: &str = "/console/workspaces/5ca1e000-0000-4000-8000-000000000001/tokens";

#[tokio::test(flavor = "multi_thread")]
async fn long_lists_show_every_row_or_say_which_rows_they_show() {
    run_at_scale(|c| async move {
        // A workspace's tokens: all 230, not the platform's first page of 50.
        on_acme(&c, "Ada Lovelace", TOKENS).await;
        c.text("Showing 1–50 of 230 workspace tokens.").await;
        c.click("button", "Next").await;
        c.text("Showing 51–100 of 230 workspace tokens.").await;
        wait_url(&c, |u| u.contains("tok_page=2")).await;
        // The overview of an org with 5,009 workspaces reads the first 200 budgets, a few at a
        // time, says so, and draws the 12 biggest spenders.
        to_acme(&c, "/console").await;
        let tile = tile_with(&c, "ov-spend", "the first 200 of 5,009 workspaces").await;
        assert!(tile.contains("Spent"), "{tile}");
        chart_with(&c, "ov-spend", 0, "the 12 biggest spenders").await;
        let bars = c
            .strings("return [...document.querySelectorAll(\"section[aria-labelledby='ov-spend'] .chart__row\")].map(r => r.textContent);")
            .await;
        assert_eq!(bars.len(), 12, "{bars:?}");
        assert!(js_errors(&c).await.is_empty());
        // An operator sees a tenant's newest 500 boot events, and is told they are the newest.
        c.browser.goto(&c.url("app", "/operator/tenants/acme")).await.unwrap();
        fill(&c, "Admin token", "dev-cp-admin-token").await;
        c.click("button", "Unlock").await;
        c.role("heading", "Boot events").await;
        c.text("Showing the newest 500 events, the most the platform returns at once.").await;
        c.text("Showing 1–50 of 500 boot events.").await;
        c.text("boot step 620 of 620").await;
    })
    .await;
}

/// The rows of the organizations table.
async fn org_rows(c: &Ctx) -> usize {
    c.strings("return [...document.querySelectorAll('[aria-label=\"Your organizations\"] tbody tr')].map(r => r.textContent);")
        .await
        .len()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_operators_thousand_organizations_come_fifty_to_a_page() {
    run_at_scale(|c| async move {
        // Ops Robot is not among the hosted page's first twenty users at scale: by email.
        c.browser.goto(&c.url("app", "/")).await.unwrap();
        let email = c.wait_css("input[name=email]").await;
        email.send_keys("ops@example.com").await.unwrap();
        c.click("button", "Sign in").await;
        c.role("heading", "Organizations").await;
        let status = c
            .wait_css("nav[aria-label='Pages of organizations'] [role=status]")
            .await;
        let first = status.text().await.unwrap();
        let total: usize = first
            .trim_start_matches("Showing 1–50 of ")
            .trim_end_matches(" organizations.")
            .replace(',', "")
            .parse()
            .unwrap_or_else(|_| panic!("{first}"));
        assert!(total >= 1_000, "{first}");
        assert_eq!(org_rows(&c).await, 50);
        c.click("button", "Next").await;
        c.text("Showing 51–100 of").await;
        wait_url(&c, |u| u.contains("page=2")).await;
        assert_eq!(org_rows(&c).await, 50);
        // The address keeps the page: a reload shows the same rows.
        let here = current_url(&c).await;
        c.browser.goto(&here).await.unwrap();
        c.text("Showing 51–100 of").await;
        // A search starts again from the top, and one page needs no pager.
        fill(&c, "Search organizations", "scale-0999").await;
        c.wait_gone("//nav[@aria-label='Pages of organizations' and not(@hidden)]")
            .await;
        assert_eq!(org_rows(&c).await, 1);
        wait_url(&c, |u| u.contains("q=scale-0999") && !u.contains("page=")).await;
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}
