//! A viewer: sees everything, meets no control that would fail.

use super::*;

#[tokio::test(flavor = "multi_thread")]
async fn viewers_see_billing_without_controls_they_cannot_use() {
    run(|c| async move {
        signed_in(&c, "Linus Torvalds", "/orgs/acme/billing").await;
        c.role("heading", "Plan and credits").await;
        c.wait_css("[data-testid=credit-balance]").await;
        // No read a viewer cannot make is attempted, so no error box; the reason instead.
        c.text("Only owners and admins can do this.").await;
        assert!(!c.body_text().await.contains("could not be loaded"));
        assert!(
            c.browser
                .find(Locator::Css("#topup-credits"))
                .await
                .is_err()
        );
        let portal = c.role("button", "Manage payment methods").await;
        assert_eq!(
            portal.prop("disabled").await.unwrap().as_deref(),
            Some("true")
        );
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn viewers_see_members_read_only() {
    run(|c| async move {
        signed_in(&c, "Linus Torvalds", "/orgs/acme/members").await;
        c.text("Only owners and admins can invite people.").await;
        let remove = c.role("button", "Remove ada@example.com").await;
        wait_attr(&remove, "disabled", Some("true")).await;
        // Finding people needs no power: search, the role filter and sorting work for a viewer.
        fill(&c, "Search members", "hopper").await;
        c.wait_gone("//td[normalize-space(.)='ada@example.com']")
            .await;
        c.text("Showing 1–1 of 1 members, filtered from 3.").await;
        c.browser
            .goto(&c.url("app", "/orgs/acme/members?status=viewer&sort=-email"))
            .await
            .unwrap();
        c.role("button", "Remove linus@example.com").await;
        c.text("Showing 1–1 of 1 members, filtered from 3.").await;
        let th = c
            .browser
            .find(Locator::Css("th[aria-sort='descending']"))
            .await
            .unwrap();
        assert!(th.text().await.unwrap().starts_with("Email"));
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_viewer_on_the_tenant_sees_everything_and_no_control_that_would_fail() {
    run(|c| async move {
        on_acme(&c, "Linus Torvalds", "/console/workspaces").await;
        c.role("heading", "Workspaces").await;
        c.text("You are a viewer in this organization").await;
        // Writes are off, with the reason as the control's title; reads still work.
        // In the row's menu, the acts are there but unavailable.
        let delete = c.menu_item("Actions for Research lead", "Delete").await;
        wait_attr(&delete, "aria-disabled", Some("true")).await;
        let why = delete.attr("title").await.unwrap().unwrap_or_default();
        assert!(why.contains("Viewers can look"), "title was {why:?}");
        // No form to open: "New workspace" is off, and says why.
        let create = c
            .browser
            .find(Locator::XPath(
                "//button[normalize-space(.)='New workspace']",
            ))
            .await
            .unwrap();
        wait_attr(&create, "disabled", Some("true")).await;
        let why = create.attr("title").await.unwrap().unwrap_or_default();
        assert!(why.contains("Viewers can look"), "title was {why:?}");
        let form = c.wait_css("#new-workspace").await;
        wait_attr(&form, "hidden", Some("true")).await;
        assert!(!form.is_displayed().await.unwrap());
        // On every page the note comes once, under the page's trail (a workspace's too).
        const NOTE: &str = "const notes = document.querySelectorAll('.callout[role=note]');
            const trail = document.querySelector('nav.breadcrumbs');
            return [notes.length, !!trail && notes.length === 1
                && !!(trail.compareDocumentPosition(notes[0]) & Node.DOCUMENT_POSITION_FOLLOWING)];";
        for (path, heading) in [
            ("/console", "Overview"),
            (
                "/console/workspaces/a0000000-0000-4000-8000-000000000001",
                "Research lead",
            ),
        ] {
            c.browser.goto(&c.url("acme", path)).await.unwrap();
            c.role("heading", heading).await;
            c.text("You are a viewer in this organization").await;
            let placed = c.browser.execute(NOTE, vec![]).await.unwrap();
            assert_eq!(placed, json!([1, true]), "the viewer's note on {path}");
        }
        c.browser
            .goto(&c.url("acme", "/console/api-keys"))
            .await
            .unwrap();
        c.role("heading", "API keys").await;
        let mint = c.role("button", "Create API key").await;
        wait_attr(&mint, "disabled", Some("true")).await;
        assert!(!c.body_text().await.contains("could not be loaded"));
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_link_a_viewer_can_follow_leads_somewhere() {
    every_link_leads_somewhere_for("Linus Torvalds").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_page_a_viewer_sees_passes_axe_in_light_and_dark() {
    accessible_for("Linus Torvalds").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_viewer_sees_the_overview_without_the_invitations_only_managers_read() {
    run(|c| async move {
        on_acme(&c, "Linus Torvalds", "/console").await;
        c.role("heading", "Overview").await;
        tile_with(&c, "ov-workspaces", "Paused").await;
        chart_with(&c, "ov-spend", 0, "Flaky scraper, $18.00 of $15.00, over").await;
        tile_with(&c, "ov-credits", "42,000").await;
        let people = tile_with(&c, "ov-members", "Only owners and admins").await;
        assert!(people.contains("Members\n3"), "{people}");
        tile_with(&c, "ov-approvals", "send_email").await;
        // No read a viewer may not make was tried: no error box anywhere.
        assert!(!c.body_text().await.contains("could not be loaded"));
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_viewer_sees_the_approvals_but_may_not_decide() {
    run(|c| async move {
        on_acme(&c, "Linus Torvalds", "/console/approvals").await;
        for name in [
            "Approve “send_email” for Research lead",
            "Deny “git push --force” for Flaky scraper",
        ] {
            let b = c.role("button", name).await;
            wait_attr(&b, "disabled", Some("true")).await;
            let why = b.attr("title").await.unwrap().unwrap_or_default();
            assert!(why.starts_with("Viewers can look"), "{why}");
        }
        c.click("link", "Events").await;
        c.role("heading", "Events").await;
        c.text("Workspace provisioning").await;
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}
