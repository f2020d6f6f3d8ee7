//! An owner on the console host: the org, members, billing, export, deletion.

use super::*;

#[tokio::test(flavor = "multi_thread")]
async fn deleting_an_org_needs_the_typed_slug() {
    run(|c| async move {
        // Ada owns `acme` in the demo seed.
        signed_in(&c, "Ada Lovelace", "/orgs/acme").await;
        c.click("button", "Delete organization").await;
        // The dialog's code loads with the first question: wait for it to open.
        c.wait_css("[role=alertdialog]").await;
        let dialog_confirm =
            "//*[@role='alertdialog']//button[normalize-space(.)='Delete organization']";
        let confirm = c
            .browser
            .find(Locator::XPath(dialog_confirm))
            .await
            .unwrap();
        wait_attr(&confirm, "disabled", Some("true")).await;
        let input = c
            .browser
            .find(Locator::Css("[role=alertdialog] input"))
            .await
            .unwrap();
        input.send_keys("acm").await.unwrap();
        wait_attr(&confirm, "disabled", Some("true")).await;
        input.send_keys("e").await.unwrap();
        wait_attr(&confirm, "disabled", None).await;
        confirm.click().await.unwrap();
        c.text("Organization acme was deleted.").await;
        wait_url(&c, |u| u.ends_with(&format!("app.localhost:{}/", c.port))).await;
        c.role("heading", "Organizations").await;
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn owners_invite_change_roles_and_remove_members() {
    run(|c| async move {
        signed_in(&c, "Ada Lovelace", "/orgs/acme").await;
        c.click("link", "Members").await;
        c.role("heading", "People").await;
        c.text("grace@example.com").await;
        // Ada is the only owner: she can be neither removed nor demoted, and is told why.
        let me = c.role("button", "Remove ada@example.com").await;
        wait_attr(&me, "disabled", Some("true")).await;
        let why = me.attr("title").await.unwrap().unwrap_or_default();
        assert!(why.contains("at least one owner"), "title was {why:?}");
        let my_role = c
            .browser
            .find(Locator::Css("select[aria-label='Role of ada@example.com']"))
            .await
            .unwrap();
        wait_attr(&my_role, "disabled", Some("true")).await;
        // Invalid email: refused in the page.
        fill(&c, "Email", "not-an-email").await;
        c.click("button", "Send invitation").await;
        c.text("Enter an email address like name@example.com.")
            .await;
        // The message takes a row of its own: every field stays under its label.
        let off = fields_off_their_labels(&c).await;
        assert!(off.is_empty(), "{off:?}");
        // A real invitation appears as pending.
        fill(&c, "Email", "newhire@example.com").await;
        c.click("button", "Send invitation").await;
        c.text("Invitation sent to newhire@example.com.").await;
        // Its accept link is shown once, on the auth host, to pass on by hand if need be.
        let link = c.role("textbox", "Accept link").await;
        let href = link.prop("value").await.unwrap().unwrap_or_default();
        assert!(href.starts_with(&c.url("app", "/invitations/")), "{href}");
        dismiss_toasts(&c).await;
        c.click("button", "Done").await;
        c.click("button", "Revoke invitation to newhire@example.com")
            .await;
        c.confirm_with("Revoke invitation").await;
        c.text("Invitation revoked.").await;
        dismiss_toasts(&c).await;
        // Linus (viewer) becomes a member, then is removed after confirming.
        let role = c
            .browser
            .find(Locator::Css(
                "select[aria-label='Role of linus@example.com']",
            ))
            .await
            .unwrap();
        role.select_by_value("member").await.unwrap();
        c.text("Role of linus@example.com changed to Member.").await;
        dismiss_toasts(&c).await;
        c.click("button", "Remove linus@example.com").await;
        c.click("button", "Remove member").await;
        c.text("linus@example.com was removed.").await;
        c.wait_gone("//td[normalize-space(.)='linus@example.com']")
            .await;
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn billing_shows_credits_invoices_and_buys_credits() {
    run(|c| async move {
        signed_in(&c, "Ada Lovelace", "/orgs/acme/billing").await;
        c.role("heading", "Invoices").await;
        let balance = c.wait_css("[data-testid=credit-balance]").await;
        let before: i64 = balance
            .text()
            .await
            .unwrap()
            .trim()
            .replace(',', "")
            .parse()
            .unwrap();
        // Amounts are written grouped, as everywhere else, and read back with or without commas.
        wait_prop(&c.role("textbox", "Credits to buy").await, "value", "10,000").await;
        fill(&c, "Credits to buy", "500").await;
        c.click("button", "Buy credits").await;
        c.text("Enter between 1,000 and 10,000,000 credits.").await;
        fill(&c, "Credits to buy", "25,000").await;
        c.click("button", "Buy credits").await;
        // Money is confirmed with the amount and its price before anything is charged.
        c.text("Buy 25,000 credits for $25.00?").await;
        c.confirm_with("Buy credits").await;
        c.text("Added 25,000 credits.").await;
        dismiss_toasts(&c).await;
        let after = balance_text(before + 25_000);
        c.text(&after).await;
        // Automatic top-up round-trips.
        fill(&c, "When the balance falls below", "5000").await;
        c.click("button", "Save automatic top-up").await;
        c.text("Automatic top-up saved.").await;
        let threshold = c.role("textbox", "When the balance falls below").await;
        wait_prop(&threshold, "value", "5,000").await;
        assert!(js_errors(&c).await.is_empty());
        // Invoices: newest first (the purchase's own on top); found by number, filtered by
        // status, sorted by column, with the view in the address.
        let numbers = "return [...document.querySelectorAll('[aria-label=\"Invoices\"] tbody tr td:first-child')].map(td => td.textContent.trim());";
        c.text("ACME-0004").await;
        assert_eq!(c.strings(numbers).await, ["ACME-0004", "ACME-0003", "ACME-0002", "ACME-0001"]);
        fill(&c, "Search invoices", "0002").await;
        wait_url(&c, |u| u.contains("inv_q=0002")).await;
        c.wait_gone("//td[normalize-space(.)='ACME-0003']").await;
        assert_eq!(c.strings(numbers).await, ["ACME-0002"]);
        // A filter in the address opens filtered; the filter control changes it.
        c.browser
            .goto(&c.url("app", "/orgs/acme/billing?inv_status=open"))
            .await
            .unwrap();
        c.text("ACME-0003").await;
        assert_eq!(c.strings(numbers).await, ["ACME-0003"]);
        choose(&c, "#invoices-status", "paid").await;
        wait_url(&c, |u| u.contains("inv_status=paid")).await;
        c.wait_gone("//td[normalize-space(.)='ACME-0003']").await;
        let paid = c.strings(numbers).await;
        assert!(paid.ends_with(&["ACME-0002".to_string(), "ACME-0001".to_string()]), "{paid:?}");
        c.browser.goto(&c.url("app", "/orgs/acme/billing")).await.unwrap();
        c.role("heading", "Invoices").await;
        c.click("button", "Number").await;
        wait_url(&c, |u| u.contains("inv_sort=number")).await;
        assert_eq!(c.strings(numbers).await, ["ACME-0001", "ACME-0002", "ACME-0003", "ACME-0004"]);
        // An invoice opens the provider's page (it once ended on "Page not found").
        c.browser
            .find(Locator::XPath(
                "//a[starts-with(@aria-label, 'View invoice')]",
            ))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_url(&c, |u| u.contains("/invoices/")).await;
        c.text("Molecule local").await;
        assert!(!c.body_text().await.contains("Page not found"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_gdpr_export_downloads_as_a_json_file() {
    run(|c| async move {
        signed_in(&c, "Ada Lovelace", "/orgs/acme").await;
        c.click("button", "Download export").await;
        let (name, text) = c.downloaded("-export.json").await;
        assert_eq!(name, "molecule-acme-export.json");
        let export: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(text.contains("acme"), "the export is acme's: {export}");
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn only_the_open_org_tab_is_current_and_the_tenant_console_root_opens_the_overview() {
    run(|c| async move {
        signed_in(&c, "Ada Lovelace", "/orgs/acme/members").await;
        c.role("heading", "People").await;
        for (tab, heading) in [("Members", "People"), ("Billing", "Plan and credits")] {
            c.click("link", tab).await;
            c.role("heading", heading).await;
            // Above every tab, as above a workspace's: the org's name as the page's heading.
            c.wait_css("main#main h1").await;
            let h1 = "return [...document.querySelectorAll('main#main h1')].map(h => h.textContent.trim());";
            let deadline = tokio::time::Instant::now() + molecule_e2e::WAIT;
            while c.strings(h1).await != ["Acme Robotics"] {
                assert!(
                    tokio::time::Instant::now() < deadline,
                    "h1 on {tab}: {:?}",
                    c.strings(h1).await
                );
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
            // The overview's address is a prefix of the others: it must not stay marked.
            let current = c
                .browser
                .find_all(Locator::Css("nav.tabs [aria-current=page]"))
                .await
                .unwrap();
            assert_eq!(current.len(), 1, "one current tab on {tab}");
            assert_eq!(current[0].text().await.unwrap(), tab);
            // The trail names the organization (its slug only while it loads).
            c.wait_css("nav.breadcrumbs li:nth-child(2) a").await;
            let crumbs = "return [...document.querySelectorAll('nav.breadcrumbs li')].map(l => l.textContent.trim());";
            let deadline = tokio::time::Instant::now() + molecule_e2e::WAIT;
            while c.strings(crumbs).await != ["Organizations", "Acme Robotics", tab] {
                assert!(
                    tokio::time::Instant::now() < deadline,
                    "breadcrumbs on {tab}: {:?}",
                    c.strings(crumbs).await
                );
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
        }
        // The tenant console's own root (once "Page not found", then a redirect to the
        // workspaces) is the organization's overview, and every tenant page says which
        // organization it belongs to.
        to_acme(&c, "/console").await;
        c.role("heading", "Overview").await;
        wait_url(&c, |u| u.ends_with("/console")).await;
        c.text("Organization Acme").await;
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_org_page_shows_credits_and_members_and_links_to_them() {
    run(|c| async move {
        signed_in(&c, "Ada Lovelace", "/orgs/acme").await;
        // The demo seed: acme has 42,000 credits, three members and one open invitation.
        let credits = tile_with(&c, "ov-credits", "42,000").await;
        assert!(credits.contains("Team"), "{credits}");
        // Its plan allows no overage: said in words, with no empty chart ("0 of 0").
        assert!(credits.contains("None allowed on this plan"), "{credits}");
        assert!(!credits.contains("Cap"), "{credits}");
        // The caller's role reads as a word ("Owner", not the wire value).
        c.browser
            .wait()
            .at_most(molecule_e2e::WAIT)
            .for_element(Locator::XPath(
                "//dt[normalize-space(.)='Your role']/following-sibling::dd[1][normalize-space(.)='Owner']",
            ))
            .await
            .unwrap();
        let people = tile_with(&c, "ov-members", "Pending invitations").await;
        assert!(people.contains("Members\n3"), "{people}");
        assert!(people.contains("Pending invitations\n1"), "{people}");
        c.click("link", "Credits and billing").await;
        wait_url(&c, |u| u.ends_with("/orgs/acme/billing")).await;
        c.role("heading", "Plan and credits").await;
        c.browser.back().await.unwrap();
        c.click("link", "Members and invitations").await;
        wait_url(&c, |u| u.ends_with("/orgs/acme/members")).await;
        c.role("heading", "People").await;
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_link_an_owner_can_follow_leads_somewhere() {
    every_link_leads_somewhere_for("Ada Lovelace").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_page_an_owner_sees_passes_axe_in_light_and_dark() {
    accessible_for("Ada Lovelace").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn invitations_are_filtered_beside_the_member_list_and_a_reload_keeps_both_views() {
    run(|c| async move {
        signed_in(&c, "Ada Lovelace", "/orgs/acme/members").await;
        c.role("button", "Resend invitation to new@example.com")
            .await;
        // The invitations' status filter has its own keys in the address.
        choose(&c, "#invitations-status", "expired").await;
        c.wait_gone("//button[@aria-label='Resend invitation to new@example.com']")
            .await;
        c.role("button", "Resend invitation to old@example.com")
            .await;
        c.text("Showing 1–1 of 1 invitations, filtered from 2.")
            .await;
        // The member search beside it changes the members only.
        fill(&c, "Search members", "grace").await;
        c.wait_gone("//td[normalize-space(.)='ada@example.com']")
            .await;
        let here = wait_url(&c, |u| {
            u.contains("inv_status=expired") && u.contains("q=grace")
        })
        .await;
        c.role("button", "Resend invitation to old@example.com")
            .await;
        // A reload shows the same view of both lists.
        c.browser.goto(&here).await.unwrap();
        c.role("button", "Resend invitation to old@example.com")
            .await;
        c.text("Showing 1–1 of 1 invitations, filtered from 2.")
            .await;
        c.text("Showing 1–1 of 1 members, filtered from 3.").await;
        assert!(c.body_text().await.contains("grace@example.com"));
        assert!(!c.body_text().await.contains("new@example.com"));
        let filter = c
            .browser
            .find(Locator::Css("#invitations-status"))
            .await
            .unwrap();
        assert_eq!(
            filter.prop("value").await.unwrap().as_deref(),
            Some("expired")
        );
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_org_list_is_searched_and_a_reload_keeps_the_search() {
    run(|c| async move {
        signed_in(&c, "Ada Lovelace", "/").await;
        c.role("link", "Acme Robotics").await;
        fill(&c, "Search organizations", "DELTA").await;
        c.wait_gone("//a[normalize-space(.)='Acme Robotics']").await;
        c.role("link", "Delta Inc").await;
        let here = wait_url(&c, |u| u.ends_with("/?q=DELTA")).await;
        // The address keeps the search: a reload shows the same rows and text.
        c.browser.goto(&here).await.unwrap();
        c.role("link", "Delta Inc").await;
        let search = c.role("textbox", "Search organizations").await;
        assert_eq!(
            search.prop("value").await.unwrap().as_deref(),
            Some("DELTA")
        );
        assert!(!c.body_text().await.contains("Acme Robotics"));
        // Nothing matches: said so in the table.
        search.send_keys("\u{E009}a\u{E000}zzz").await.unwrap();
        c.text("No organizations match (of 5).").await;
        assert!(js_errors(&c).await.is_empty());
        // The status filter and the column sort join the search in the address.
        let names = "return [...document.querySelectorAll('tbody tr td:first-child')].map(td => td.textContent.trim());";
        c.browser.goto(&c.url("app", "/")).await.unwrap();
        c.role("link", "Acme Robotics").await;
        choose(&c, "#orgs-status", "failed").await;
        wait_url(&c, |u| u.ends_with("/?status=failed")).await;
        c.wait_gone("//a[normalize-space(.)='Acme Robotics']").await;
        assert_eq!(c.strings(names).await.len(), 1, "only the failed org");
        choose(&c, "#orgs-status", "").await;
        c.role("link", "Acme Robotics").await;
        c.click("button", "Name").await;
        wait_url(&c, |u| u.ends_with("/?sort=name")).await;
        let ascending = c.strings(names).await;
        let mut sorted = ascending.clone();
        sorted.sort_by_key(|n| n.to_lowercase());
        assert_eq!(ascending, sorted, "A to Z");
        c.click("button", "Name ▲").await;
        let here = wait_url(&c, |u| u.ends_with("/?sort=-name")).await;
        c.browser.goto(&here).await.unwrap();
        c.role("link", "Acme Robotics").await;
        let descending = c.strings(names).await;
        assert_eq!(
            descending,
            ascending.iter().rev().cloned().collect::<Vec<_>>(),
            "Z to A, kept by a reload"
        );
        c.wait_css("th[aria-sort='descending']").await;
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}
