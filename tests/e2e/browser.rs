//! End-to-end: the release console in headless Chromium against the devserver (demo seed).
//! Locators are roles and accessible names; waits poll for a condition, never a fixed sleep.

use fantoccini::Locator;
use molecule_e2e::{Ctx, dist_dir, run, run_with_dist, run_with_faults, wait_attr, wait_prop};
use serde_json::json;

/// Signs in through the hosted AuthKit page by picking a demo user (the console redirects to
/// sign-in on its own when the session is missing).
async fn sign_in_as(c: &Ctx, who: &str) {
    let xpath = format!("//button[contains(normalize-space(.), 'Continue as {who}')]");
    let deadline = tokio::time::Instant::now() + molecule_e2e::WAIT;
    loop {
        // The console redirects to the hosted page; a lookup can race that navigation
        // ("aborted by navigation"), so look again until the page has settled.
        match c.browser.find(Locator::XPath(&xpath)).await {
            Ok(b) if b.click().await.is_ok() => return,
            _ if tokio::time::Instant::now() < deadline => {
                tokio::time::sleep(std::time::Duration::from_millis(50)).await
            }
            _ => {
                let url = current_url(c).await;
                let body = c.body_text().await;
                panic!(
                    "hosted sign-in page with {who} never came; at {url}:\n{body}\nconsole: {:?}",
                    c.console_errors().await
                )
            }
        }
    }
}

/// Opens the console on the app host and signs in.
async fn signed_in(c: &Ctx, who: &str, path: &str) {
    c.browser.goto(&c.url("app", path)).await.unwrap();
    sign_in_as(c, who).await;
    c.wait_css("main#main").await;
}

/// Console errors other than expected HTTP failures of requests the test provoked.
async fn js_errors(c: &Ctx) -> Vec<String> {
    c.console_errors()
        .await
        .into_iter()
        .filter(|m| !m.contains("Failed to load resource"))
        .collect()
}

/// Closes every toast (they sit above the page's lower right corner, as for a user).
async fn dismiss_toasts(c: &Ctx) {
    for b in c
        .browser
        .find_all(Locator::Css(".toast__close"))
        .await
        .unwrap()
    {
        let _ = b.click().await;
    }
}

async fn fill(c: &Ctx, label: &str, text: &str) {
    let field = c.role("textbox", label).await;
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

async fn current_url(c: &Ctx) -> String {
    c.browser.current_url().await.unwrap().to_string()
}

async fn wait_url(c: &Ctx, pred: impl Fn(&str) -> bool) -> String {
    let deadline = tokio::time::Instant::now() + molecule_e2e::WAIT;
    loop {
        let url = current_url(c).await;
        if pred(&url) {
            return url;
        }
        assert!(tokio::time::Instant::now() < deadline, "stuck at {url}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn sign_in_create_pay_provision_and_open_the_tenant() {
    run(|c| async move {
        // Grace owns one demo org, so she is under the organization quota.
        signed_in(&c, "Grace Hopper", "/").await;
        c.role("heading", "Organizations").await;
        assert!(js_errors(&c).await.is_empty(), "console errors on the list");

        c.click("link", "New organization").await;
        c.role("heading", "New organization").await;
        fill(&c, "Name", "E2E Corp").await;
        // The slug follows the name until edited.
        let slug = c.role("textbox", "Slug").await;
        wait_prop(&slug, "value", "e2e-corp").await;
        c.click("button", "Create and continue to payment").await;

        // Simulated Stripe Checkout, then back on the org page with the banner.
        let pay = "//button[starts-with(normalize-space(.), 'Pay')]";
        c.browser
            .wait()
            .at_most(molecule_e2e::WAIT)
            .for_element(Locator::XPath(pay))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_url(&c, |u| u.contains("/orgs/e2e-corp?checkout=success")).await;
        c.text("Payment received").await;
        // Provisioning runs on the fast test clock and ends in running.
        c.role("link", "Open organization").await;
        assert!(
            js_errors(&c).await.is_empty(),
            "console errors on the org page"
        );

        c.click("link", "Open organization").await;
        // The tenant host gets its own session through the provider's single sign-on: no prompt.
        let tenant = format!("http://e2e-corp.localhost:{}/console/workspaces", c.port);
        wait_url(&c, |u| u.starts_with(&tenant)).await;
        c.role("heading", "Workspaces").await;
        assert!(
            js_errors(&c).await.is_empty(),
            "console errors on the tenant host"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_taken_slug_is_reported_at_the_field() {
    run(|c| async move {
        signed_in(&c, "Grace Hopper", "/orgs/new").await;
        fill(&c, "Name", "Another Acme").await;
        fill(&c, "Slug", "acme").await;
        c.click("button", "Create and continue to payment").await;
        c.text("That slug is already taken").await;
        let slug = c.role("textbox", "Slug").await;
        wait_attr(&slug, "aria-invalid", Some("true")).await;
        assert!(current_url(&c).await.ends_with("/orgs/new"));
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn over_the_org_quota_the_form_offers_an_upgrade() {
    run(|c| async move {
        // Ada already owns the demo seed's maximum of organizations.
        signed_in(&c, "Ada Lovelace", "/orgs/new").await;
        fill(&c, "Name", "One Too Many").await;
        c.click("button", "Create and continue to payment").await;
        c.text("reached its organization limit").await;
        c.role("link", "Contact sales").await;
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_invalid_slug_sends_no_request() {
    run(|c| async move {
        signed_in(&c, "Ada Lovelace", "/orgs/new").await;
        // Count POSTs from the page (WebDriver scripts are not subject to the page's CSP).
        c.browser
            .execute(
                "window.__posts = 0; const f = window.fetch; window.fetch = function(r, o) { \
                 const m = (o && o.method) || (r && r.method) || 'GET'; if (m === 'POST') window.__posts++; \
                 return f.apply(this, arguments); };",
                vec![],
            )
            .await
            .unwrap();
        fill(&c, "Name", "Bad Slug Inc").await;
        for bad in ["ab", "1abc", "Upper", "api", "has_underscore"] {
            fill(&c, "Slug", bad).await;
            c.click("button", "Create and continue to payment").await;
            let slug = c.role("textbox", "Slug").await;
            wait_attr(&slug, "aria-invalid", Some("true")).await;
        }
        let posts = c.browser.execute("return window.__posts;", vec![]).await.unwrap();
        assert_eq!(posts, json!(0), "no request for invalid input");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_terms_gate_blocks_creation_until_accepted() {
    run(|c| async move {
        signed_in(&c, "Linus Torvalds", "/orgs/new").await;
        c.role("heading", "Accept the terms of service").await;
        let create = c.role("button", "Create and continue to payment").await;
        wait_attr(&create, "disabled", Some("true")).await;
        let accept = c.role("button", "Accept terms").await;
        wait_attr(&accept, "disabled", Some("true")).await;
        c.browser
            .find(Locator::XPath(
                "//label[contains(., 'I have read and accept')]/input",
            ))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        accept.click().await.unwrap();
        c.wait_gone("//h2[normalize-space(.)='Accept the terms of service']")
            .await;
        let create = c.role("button", "Create and continue to payment").await;
        wait_attr(&create, "disabled", None).await;
    })
    .await;
}

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
async fn non_owners_see_why_they_cannot_delete() {
    run(|c| async move {
        // Grace is an admin (not owner) of acme.
        signed_in(&c, "Grace Hopper", "/orgs/acme").await;
        let button = c.role("button", "Delete organization").await;
        wait_attr(&button, "disabled", Some("true")).await;
        c.text("Only an owner can delete this organization.").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_expired_session_returns_to_the_same_page_after_sign_in() {
    run(|c| async move {
        signed_in(&c, "Ada Lovelace", "/orgs/acme").await;
        c.role("heading", "Data").await;
        // The session ends behind the page's back (cookie dropped), then the page makes a call.
        c.browser.delete_cookie("mcp_session").await.unwrap();
        c.click("button", "Download export").await;
        sign_in_as(&c, "Ada Lovelace").await;
        wait_url(&c, |u| u.ends_with("/orgs/acme")).await;
        c.role("heading", "Data").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn markup_in_an_org_name_renders_as_text() {
    run(|c| async move {
        signed_in(&c, "Grace Hopper", "/orgs/new").await;
        let evil = "<img src=x onerror=alert(1)>";
        fill(&c, "Name", evil).await;
        fill(&c, "Slug", "xss-check").await;
        c.click("button", "Create and continue to payment").await;
        // Wait for the Checkout page by its address first: looking for its button while the
        // browser is still navigating there fails with "aborted by navigation".
        wait_url(&c, |u| u.contains("/checkout/")).await;
        let pay = "//button[starts-with(normalize-space(.), 'Pay')]";
        c.browser
            .wait()
            .at_most(molecule_e2e::WAIT)
            .for_element(Locator::XPath(pay))
            .await
            .unwrap();
        c.browser.goto(&c.url("app", "/")).await.unwrap();
        c.text(evil).await;
        assert!(
            c.browser
                .find_all(Locator::Css("main img"))
                .await
                .unwrap()
                .is_empty(),
            "no img element"
        );
        let alert = c.browser.get_alert_text().await;
        assert!(alert.is_err(), "no alert dialog");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn console_pages_carry_a_strict_csp() {
    run(|c| async move {
        for (host, path) in [("app", "/"), ("app", "/orgs/acme"), ("acme", "/")] {
            let head = molecule_e2e::http_head(c.port, host, path)
                .await
                .to_ascii_lowercase();
            let csp = head
                .lines()
                .find_map(|l| l.strip_prefix("content-security-policy:"))
                .unwrap_or_else(|| panic!("{host}{path}: no CSP header in\n{head}"));
            assert!(
                csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
                "{host}: {csp}"
            );
            assert!(csp.contains("frame-ancestors 'none'"), "{host}: {csp}");
            assert!(!csp.contains("unsafe-inline"), "{host}: {csp}");
        }
        // And the app runs under it: no CSP violation or script error in the console.
        signed_in(&c, "Ada Lovelace", "/").await;
        c.role("heading", "Organizations").await;
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_console_arrives_compressed_and_a_return_visit_reuses_it() {
    // What the browser itself reports: bytes on the wire against bytes decoded.
    const WASM: &str = "return performance.getEntriesByType('resource')
        .filter(e => e.name.endsWith('/molecule-console_bg.wasm'))
        .map(e => [e.transferSize, e.encodedBodySize, e.decodedBodySize]);";
    run(|c| async move {
        // A first visit (nobody signed in yet: the console shows its sign-in page).
        c.open("app", "/sign-in").await;
        let first = c.browser.execute(WASM, vec![]).await.unwrap();
        let [wire, encoded, decoded] = serde_json::from_value::<Vec<[f64; 3]>>(first)
            .unwrap()
            .pop()
            .expect("the page fetched the main module");
        assert!(
            encoded > 0.0 && encoded < decoded * 0.4,
            "main module: {encoded} bytes encoded for {decoded} decoded"
        );
        assert!(
            wire > encoded,
            "a first visit fetches it: {wire} bytes on the wire"
        );
        // A hashed file is cached for good: the next visit does not fetch it again.
        c.open("app", "/sign-in").await;
        let again = c.browser.execute(WASM, vec![]).await.unwrap();
        let [wire, _, _] = serde_json::from_value::<Vec<[f64; 3]>>(again)
            .unwrap()
            .pop()
            .expect("the module is still listed");
        assert_eq!(
            wire, 0.0,
            "a return visit takes the main module from the cache"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_free_org_skips_checkout_and_shows_its_progress() {
    run(|c| async move {
        signed_in(&c, "Grace Hopper", "/orgs/new").await;
        fill(&c, "Name", "Free Tier Lab").await;
        c.browser
            .find(Locator::XPath(
                "//label[contains(., 'Free')]/input[@type='radio']",
            ))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        c.click("button", "Create organization").await;
        wait_url(&c, |u| u.ends_with("/orgs/free-tier-lab")).await;
        c.role("heading", "Free Tier Lab").await;
        // Progress first (or straight to running on a fast clock), then the way in.
        c.role("link", "Open organization").await;
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
        // Invalid email: refused in the page.
        fill(&c, "Email", "not-an-email").await;
        c.click("button", "Send invitation").await;
        c.text("Enter an email address like name@example.com.")
            .await;
        // A real invitation appears as pending.
        fill(&c, "Email", "newhire@example.com").await;
        c.click("button", "Send invitation").await;
        c.text("Invitation sent to newhire@example.com.").await;
        dismiss_toasts(&c).await;
        c.click("button", "Revoke invitation to newhire@example.com")
            .await;
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
        c.text("linus@example.com is now member.").await;
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
async fn viewers_see_billing_without_controls_they_cannot_use() {
    run(|c| async move {
        signed_in(&c, "Linus Torvalds", "/orgs/acme/billing").await;
        c.role("heading", "Billing").await;
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
    })
    .await;
}

/// 1234567 -> "1,234,567", as the console writes credits.
fn balance_text(n: i64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
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
        assert!(js_errors(&c).await.is_empty());
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

/// Opens a page of acme's own host for someone already signed in on the console host (the
/// sign-in hand-off passes them through).
async fn to_acme(c: &Ctx, path: &str) {
    c.browser.goto(&c.url("acme", path)).await.unwrap();
    wait_url(c, |u| {
        u.starts_with(&format!("http://acme.localhost:{}{path}", c.port))
    })
    .await;
    c.wait_css("main#main").await;
}

/// Opens a page of acme's own host, signing in on the way as `who`.
async fn on_acme(c: &Ctx, who: &str, path: &str) {
    on_tenant(c, "acme", who, path).await
}

/// Opens a page of the org `slug`'s own host, signing in on the way as `who`.
async fn on_tenant(c: &Ctx, slug: &str, who: &str, path: &str) {
    c.browser.goto(&c.url(slug, path)).await.unwrap();
    sign_in_as(c, who).await;
    wait_url(c, |u| {
        u.starts_with(&format!("http://{slug}.localhost:{}{path}", c.port))
    })
    .await;
    c.wait_css("main#main").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn workspaces_are_created_paused_resumed_and_deleted_on_the_tenant() {
    run(|c| async move {
        on_acme(&c, "Ada Lovelace", "/console/workspaces").await;
        c.role("heading", "Workspaces").await;
        c.text("Research lead").await;
        // Client-side rule: no request for a bad name.
        c.browser
            .find(Locator::XPath(
                "//summary[normalize-space(.)='New workspace']",
            ))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        fill(&c, "Workspace name", "bad{name}").await;
        c.click("button", "Create workspace").await;
        c.text("Names cannot contain “{”.").await;
        fill(&c, "Workspace name", "e2e-worker").await;
        c.click("button", "Create workspace").await;
        c.text("e2e-worker is being created.").await;
        dismiss_toasts(&c).await;
        c.click("button", "Pause e2e-worker").await;
        c.text("e2e-worker: paused.").await;
        dismiss_toasts(&c).await;
        c.click("button", "Resume e2e-worker").await;
        c.text("e2e-worker: resuming.").await;
        dismiss_toasts(&c).await;
        c.click("button", "Delete e2e-worker").await;
        c.wait_css("[role=alertdialog]").await;
        let input = c
            .browser
            .find(Locator::Css("[role=alertdialog] input"))
            .await
            .unwrap();
        input.send_keys("e2e-worker").await.unwrap();
        let confirm = c
            .browser
            .find(Locator::XPath(
                "//*[@role='alertdialog']//button[normalize-space(.)='Delete workspace']",
            ))
            .await
            .unwrap();
        wait_attr(&confirm, "disabled", None).await;
        confirm.click().await.unwrap();
        c.text("e2e-worker was deleted.").await;
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_api_key_is_shown_once_and_can_be_revoked() {
    run(|c| async move {
        on_acme(&c, "Ada Lovelace", "/console/api-keys").await;
        fill(&c, "Key name", "ci-deploy").await;
        c.click("button", "Create API key").await;
        c.role("heading", "Copy your new API key now").await;
        let key = c
            .role("textbox", "New API key")
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default();
        assert_eq!(key.len(), 43, "a 32-byte base64url key");
        c.click("button", "Done").await;
        c.role("button", "Revoke ci-deploy").await;
        let body = c
            .browser
            .find(Locator::Css("body"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(!body.contains(&key), "the key is not shown after Done");
        let stored = c
            .browser
            .execute(
                "return JSON.stringify(localStorage) + JSON.stringify(sessionStorage);",
                vec![],
            )
            .await
            .unwrap();
        assert!(
            !stored.as_str().unwrap_or_default().contains(&key),
            "the key is not kept in browser storage"
        );
        c.click("button", "Revoke ci-deploy").await;
        c.click("button", "Revoke key").await;
        c.text("Key ci-deploy was revoked.").await;
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn secrets_are_write_only() {
    run(|c| async move {
        on_acme(&c, "Ada Lovelace", "/console/secrets").await;
        fill(&c, "Secret name", "bad-name").await;
        fill(&c, "Secret value", "x").await;
        c.click("button", "Save secret").await;
        c.text("Use capital letters, digits and underscores").await;
        fill(&c, "Secret name", "E2E_TOKEN").await;
        fill(&c, "Secret value", "s3cr3t-value-never-shown").await;
        c.click("button", "Save secret").await;
        c.text("Secret E2E_TOKEN saved.").await;
        dismiss_toasts(&c).await;
        c.role("button", "Delete E2E_TOKEN").await;
        let html = c.browser.source().await.unwrap();
        assert!(
            !html.contains("s3cr3t-value-never-shown"),
            "the value is never rendered back"
        );
        c.click("button", "Delete E2E_TOKEN").await;
        c.click("button", "Delete secret").await;
        c.text("Secret E2E_TOKEN deleted.").await;
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_workspace_budget_is_edited_and_its_token_shown_once() {
    run(|c| async move {
        on_acme(&c, "Ada Lovelace", "/console/workspaces").await;
        c.click("link", "Research lead").await;
        c.role("heading", "Budget").await;
        // Bad amount: explained, nothing sent.
        fill(&c, "Daily limit ($)", "12.345").await;
        c.click("button", "Save budget").await;
        c.text("Daily: Enter an amount in dollars").await;
        // Set daily, clear the rest, save: the page shows what the server stored.
        fill(&c, "Hourly limit ($)", "").await;
        fill(&c, "Daily limit ($)", "40").await;
        fill(&c, "Weekly limit ($)", "").await;
        fill(&c, "Monthly limit ($)", "").await;
        c.click("button", "Save budget").await;
        c.text("Budget saved.").await;
        dismiss_toasts(&c).await;
        let daily = c.role("textbox", "Daily limit ($)").await;
        wait_prop(&daily, "value", "40.00").await;
        // A workspace token: shown once, then only its prefix.
        c.click("button", "Create workspace token").await;
        let token = c
            .role("textbox", "New workspace token")
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default();
        assert_eq!(token.len(), 43);
        c.click("button", "Done").await;
        c.role("button", &format!("Revoke token {}", &token[..8]))
            .await;
        assert!(!c.browser.source().await.unwrap().contains(&token));
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_tenant_without_the_billing_mode_route_still_shows_the_workspace() {
    // Newer tenants removed the per-workspace billing-mode route: it answers 404.
    run_with_faults("GET /admin/workspaces/=404", |c| async move {
        on_acme(&c, "Ada Lovelace", "/console/workspaces").await;
        c.click("link", "Research lead").await;
        c.role("heading", "Model billing").await;
        c.text("does not offer a billing mode per workspace").await;
        // The section says so in place; the rest of the page is there.
        c.role("heading", "Budget").await;
        assert!(c.body_text().await.contains("Research lead"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_workspace_has_its_own_billing_mode_and_write_only_secrets() {
    run(|c| async move {
        on_acme(&c, "Ada Lovelace", "/console/workspaces").await;
        c.click("link", "Research lead").await;
        c.role("heading", "Model billing").await;
        // Override the org's default on this workspace, then go back to the default.
        c.click("radio", "Disabled").await;
        c.click("button", "Save billing mode").await;
        c.text("Billing mode saved.").await;
        c.text("Model calls are billed to: disabled (set on this workspace).")
            .await;
        dismiss_toasts(&c).await;
        c.click("radio", "Use the organization's default").await;
        c.click("button", "Save billing mode").await;
        c.text("Billing mode saved.").await;
        c.text("(the organization's default)").await;
        dismiss_toasts(&c).await;
        // An org-wide secret the workspace inherits is named as such and not offered for
        // deletion here (deleting it from the workspace failed with "Not found").
        c.text("Organization (inherited)").await;
        c.role("link", "Change on Secrets").await;
        assert!(
            c.browser
                .find(Locator::XPath(
                    "//button[@aria-label='Delete SLACK_WEBHOOK_URL']"
                ))
                .await
                .is_err()
        );
        // A secret of this workspace only: write-only, deletable.
        fill(&c, "Secret name", "WS_ONLY_KEY").await;
        fill(&c, "Secret value", "workspace-secret-never-shown").await;
        c.click("button", "Save secret").await;
        c.text("Secret WS_ONLY_KEY saved.").await;
        dismiss_toasts(&c).await;
        c.click("button", "Delete WS_ONLY_KEY").await;
        c.click("button", "Delete secret").await;
        c.text("Secret WS_ONLY_KEY deleted.").await;
        assert!(
            !c.browser
                .source()
                .await
                .unwrap()
                .contains("workspace-secret-never-shown")
        );
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_root_workspace_edits_its_plugin_allowlist() {
    run(|c| async move {
        on_acme(&c, "Ada Lovelace", "/console/workspaces").await;
        c.click("link", "Research lead").await;
        c.role("heading", "Plugin allowlist").await;
        c.text("Only the plugins listed here can be installed.")
            .await;
        c.role("button", "Remove github").await;
        // A path-like name is refused before anything is sent.
        fill(&c, "Plugin name", "../etc").await;
        c.click("button", "Allow plugin").await;
        c.text("Plugin names cannot contain /, \\ or ..").await;
        fill(&c, "Plugin name", "jira").await;
        c.click("button", "Allow plugin").await;
        c.text("Plugin jira allowed.").await;
        dismiss_toasts(&c).await;
        c.click("button", "Remove jira").await;
        c.click("button", "Remove plugin").await;
        c.text("Plugin jira removed.").await;
        dismiss_toasts(&c).await;
        c.role("button", "Remove slack").await;
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn templates_create_workspaces_and_import_from_files() {
    let files = tempfile::tempdir().unwrap();
    let config = files.path().join("config.yaml");
    let prompt = files.path().join("system.md");
    std::fs::write(
        &config,
        "name: e2e-agent\nruntime: claude-code\nmodel: claude-sonnet-4\n",
    )
    .unwrap();
    std::fs::write(&prompt, "You answer briefly.\n").unwrap();
    let chosen = format!("{}\n{}", config.display(), prompt.display());
    run(move |c| async move {
        on_acme(&c, "Ada Lovelace", "/console/templates").await;
        c.role("heading", "Organization templates").await;
        // This template needs org secrets nobody set: the page names them.
        c.click("button", "Create workspaces from Sales pod").await;
        c.text("Add these org secrets first, then try again: SALESFORCE_TOKEN; one of HUBSPOT_TOKEN, PIPEDRIVE_TOKEN.")
            .await;
        c.click("button", "Create workspaces from Starter team").await;
        // acme is one workspace short of its plan's limit: creation stops part-way (207).
        c.text("Creation stopped part-way: only 1 workspace created from Starter team.")
            .await;
        // A workspace template from its files. Listed templates name their models and the
        // provider key each needs (models are objects on the real tenant).
        c.text("Research assistant").await;
        c.role("columnheader", "Models").await;
        c.text(" (needs ").await;
        c.click("button", "Import template").await;
        c.text("Enter a name for the template.").await;
        fill(&c, "Template name", "e2e-agent").await;
        c.click("button", "Import template").await;
        c.text("Choose the template's files.").await;
        c.browser
            .find(Locator::Css("#template-files"))
            .await
            .unwrap()
            .send_keys(&chosen)
            .await
            .unwrap();
        c.click("button", "Import template").await;
        c.text("Template e2e-agent imported.").await;
        dismiss_toasts(&c).await;
        c.browser
            .wait()
            .at_most(molecule_e2e::WAIT)
            .for_element(Locator::XPath("//table//strong[normalize-space(.)='e2e-agent']"))
            .await
            .unwrap();
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
    drop(files);
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
async fn a_workspace_bundle_downloads_and_imports_into_another_org() {
    let files = tempfile::tempdir().unwrap();
    let not_a_bundle = files.path().join("notes.json");
    std::fs::write(&not_a_bundle, "these are notes, not a bundle").unwrap();
    let bundle_path = files.path().join("research-lead-bundle.json");
    let (bad, good) = (
        not_a_bundle.display().to_string(),
        bundle_path.display().to_string(),
    );
    run(move |c| async move {
        // Grace is an admin of acme and owns hopper-lab.
        on_acme(&c, "Grace Hopper", "/console/workspaces").await;
        c.click("link", "Research lead").await;
        c.click("button", "Download bundle").await;
        let (name, text) = c.downloaded("-bundle.json").await;
        assert_eq!(name, "research-lead-bundle.json");
        let bundle: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(bundle["name"], "Research lead");
        assert!(!text.contains("ghp_"), "a bundle never carries secrets");
        std::fs::write(&bundle_path, &text).unwrap();
        on_tenant(&c, "hopper-lab", "Grace Hopper", "/console/templates").await;
        c.role("heading", "Import a bundle").await;
        let file = c.browser.find(Locator::Css("#bundle-file")).await.unwrap();
        file.send_keys(&bad).await.unwrap();
        c.click("button", "Import bundle").await;
        c.text("This file is not a Molecule bundle").await;
        let file = c.browser.find(Locator::Css("#bundle-file")).await.unwrap();
        file.send_keys(&good).await.unwrap();
        c.click("button", "Import bundle").await;
        c.text("Bundle Research lead imported: 2 workspaces provisioning.")
            .await;
        dismiss_toasts(&c).await;
        c.browser
            .goto(&c.url("hopper-lab", "/console/workspaces"))
            .await
            .unwrap();
        c.role("link", "Research lead").await;
        c.role("link", "Flaky scraper").await;
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
    drop(files);
}

#[tokio::test(flavor = "multi_thread")]
async fn operators_unlock_with_the_admin_token_and_run_tenant_and_image_operations() {
    run(|c| async move {
        c.browser.goto(&c.url("app", "/operator")).await.unwrap();
        c.role("heading", "Operator").await;
        c.click("button", "Unlock").await;
        c.text("Enter the control-plane admin token.").await;
        // A wrong token is refused and said so; nobody is sent to sign in.
        fill(&c, "Admin token", "not-the-token").await;
        c.click("button", "Unlock").await;
        c.text("The operator token was not accepted.").await;
        // The area stays locked: no sections behind a refused token.
        assert!(!c.body_text().await.contains("Fleet rollout"));
        fill(&c, "Admin token", "dev-cp-admin-token").await;
        c.click("button", "Unlock").await;
        c.role("heading", "Organizations").await;
        // Not signed in: the catalog says what it needs instead of leaving the page.
        c.click("link", "Template catalog").await;
        c.text("Reading the catalog needs a signed-in session.")
            .await;
        assert!(current_url(&c).await.ends_with("/operator/catalog"));
        // An org for a user: checked in the page, a dry run first, then for real.
        c.click("link", "New organization").await;
        fill(&c, "Organization name", "Ops Lab").await;
        fill(&c, "Organization slug", "Ops Lab").await;
        fill(&c, "Owner user id", "user_ops").await;
        c.click("button", "Create organization").await;
        c.text("Slug: Start with a lowercase letter.").await;
        fill(&c, "Organization slug", "ops-lab").await;
        c.click("button", "Create organization").await;
        c.text("Dry run: ops-lab can be created for user_ops; nothing was created.")
            .await;
        dismiss_toasts(&c).await;
        c.browser
            .find(Locator::XPath(
                "//label[normalize-space(.)='Dry run only']/input",
            ))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        c.click("button", "Create organization").await;
        c.text("Organization ops-lab created.").await;
        dismiss_toasts(&c).await;
        // A fleet rollout, dry run (the default): checked first, then per-tenant results.
        c.click("link", "Fleet rollout").await;
        fill(&c, "Batch size", "0").await;
        c.click("button", "Start rollout").await;
        c.text("Enter the image tag to roll out.").await;
        fill(&c, "Roll out image tag", "prod-2026-11-29").await;
        c.click("button", "Start rollout").await;
        c.text("The batch size is a whole number of tenants, at least 1.")
            .await;
        fill(&c, "Batch size", "2").await;
        c.click("button", "Start rollout").await;
        // A dry run says so: nothing changed (it once read "Rollout finished.").
        c.text("Dry run finished: nothing was changed.").await;
        assert!(!c.body_text().await.contains("Rollout finished."));
        // Every view is its own address: the back button returns to the last one.
        c.click("link", "All organizations").await;
        c.click("link", "Manage tenant fleet-east").await;
        c.role("heading", "Tenant fleet-east").await;
        assert!(
            current_url(&c)
                .await
                .ends_with("/operator/tenants/fleet-east")
        );
        c.browser.back().await.unwrap();
        c.role("link", "Manage tenant fleet-east").await;
        c.browser.forward().await.unwrap();
        c.role("heading", "Tenant fleet-east").await;
        // Diagnostics as the control plane reports them, layer by layer.
        c.text("Organization record present").await;
        c.text("Instance record present").await;
        c.role("heading", "Recent boot events").await;
        c.click("button", "Show console output").await;
        c.wait_css("pre.console-output").await;
        dismiss_toasts(&c).await;
        // The tenant's admin token: on request, after a confirmation, shown once.
        c.click("button", "Reveal admin token").await;
        c.click("button", "Reveal token").await;
        let token = c
            .role("textbox", "Tenant admin token")
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default();
        assert_eq!(token, "demo-admin-token-fleet-east");
        c.click("button", "Done").await;
        dismiss_toasts(&c).await;
        // Data volume: the size is checked, then a dry run.
        fill(&c, "New size (GiB, optional)", "20").await;
        c.click("button", "Migrate data volume").await;
        c.text("The new size is a whole number of GiB from 30 to 500")
            .await;
        fill(&c, "New size (GiB, optional)", "100").await;
        c.click("button", "Migrate data volume").await;
        c.text("Dry run: the data volume of fleet-east can be migrated")
            .await;
        dismiss_toasts(&c).await;
        fill(&c, "Redeploy to image tag", "staging-2026-11-28").await;
        c.click("button", "Redeploy").await;
        c.text("Dry run: fleet-east").await;
        dismiss_toasts(&c).await;
        // Teardown needs the slug typed.
        c.click("button", "Tear down tenant").await;
        c.wait_css("[role=alertdialog] input")
            .await
            .send_keys("fleet-east")
            .await
            .unwrap();
        c.confirm_with("Tear down tenant").await;
        // The purge receipt: done, with the purge id the operator can look up later.
        c.text("Tenant fleet-east was torn down (purge ").await;
        dismiss_toasts(&c).await;
        // Env on one of acme's workspaces: lines checked, secret-looking keys refused without
        // the force box (the server's answer, in words), then set after a confirmation.
        c.click("link", "All organizations").await;
        c.click("link", "Manage tenant acme").await;
        c.role("heading", "Tenant acme").await;
        let lines = c.wait_css("#env-lines").await;
        lines.send_keys("LOG LEVEL=debug").await.unwrap();
        c.click("button", "Set variables").await;
        c.text("Line 1: a key is letters, digits and underscores.")
            .await;
        let lines = c.wait_css("#env-lines").await;
        lines.clear().await.unwrap();
        lines.send_keys("API_TOKEN=abc").await.unwrap();
        c.click("button", "Set variables").await;
        c.click("button", "Set and restart").await;
        c.text("Secret-like keys need the force option").await;
        let lines = c.wait_css("#env-lines").await;
        lines.clear().await.unwrap();
        lines.send_keys("LOG_LEVEL=debug").await.unwrap();
        c.click("button", "Set variables").await;
        c.click("button", "Set and restart").await;
        c.text("Set LOG_LEVEL on the workspace").await;
        dismiss_toasts(&c).await;
        // Runtime images: a bad digest is refused before sending; a good one is promoted.
        c.click("link", "Runtime images").await;
        fill(&c, "Runtime template", "mock").await;
        fill(&c, "Image digest", "latest").await;
        c.click("button", "Promote image").await;
        c.text("An image digest is sha256: followed by 64 hexadecimal digits.")
            .await;
        fill(&c, "Image digest", &format!("sha256:{}", "7".repeat(64))).await;
        c.click("button", "Promote image").await;
        c.text("mock in global now runs sha256:777777777777").await;
        dismiss_toasts(&c).await;
        c.click("button", "Roll back mock in global").await;
        c.confirm_with("Roll back").await;
        c.text("mock in global rolled back to").await;
        dismiss_toasts(&c).await;
        // Tenant base images: the AMI id is checked before sending.
        c.click("link", "Thin AMIs").await;
        fill(&c, "AMI region", "us-east-1").await;
        fill(&c, "AMI id", "ami-XYZ").await;
        c.click("button", "Promote base image").await;
        c.text("An AMI id is ami- followed by 8 to 17 lowercase hexadecimal digits.")
            .await;
        fill(&c, "AMI id", "ami-0123456789abcdef0").await;
        c.click("button", "Promote base image").await;
        c.text("New tenants in us-east-1 boot ami-0123456789abcdef0.")
            .await;
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn operators_add_and_remove_catalog_templates() {
    run(|c| async move {
        signed_in(&c, "Ada Lovelace", "/").await;
        // A deep link: the gate first (the token lives in memory only), then that very view.
        c.browser
            .goto(&c.url("app", "/operator/catalog"))
            .await
            .unwrap();
        fill(&c, "Admin token", "dev-cp-admin-token").await;
        c.click("button", "Unlock").await;
        c.role("button", "Remove code-reviewer from the catalog")
            .await;
        fill(&c, "Template slug", "triage-bot").await;
        fill(&c, "Template name", "Triage bot").await;
        fill(&c, "Runtime", "claude-code").await;
        fill(&c, "Default model", "claude-sonnet-4").await;
        fill(&c, "Tier (1–4, optional)", "9").await;
        c.click("button", "Add template").await;
        c.text("The tier is 1, 2, 3 or 4.").await;
        fill(&c, "Tier (1–4, optional)", "2").await;
        c.click("button", "Add template").await;
        c.text("Template triage-bot added to the catalog.").await;
        dismiss_toasts(&c).await;
        c.click("button", "Remove triage-bot from the catalog")
            .await;
        c.click("button", "Remove template").await;
        c.text("Template triage-bot removed from the catalog.")
            .await;
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_workspace_is_renamed_and_hibernated() {
    run(|c| async move {
        on_acme(&c, "Ada Lovelace", "/console/workspaces").await;
        c.click("link", "Research lead").await;
        c.role("heading", "Settings").await;
        fill(&c, "Workspace name", " ").await;
        c.click("button", "Save settings").await;
        c.text("Enter a name for the workspace.").await;
        fill(&c, "Workspace name", "Research head").await;
        c.click("button", "Save settings").await;
        c.text("Settings saved").await;
        c.role("heading", "Research head").await;
        dismiss_toasts(&c).await;
        // It has active tasks: the confirmation says they stop.
        c.click("button", "Hibernate").await;
        c.text("It has 2 active tasks; they are stopped.").await;
        c.confirm_with("Hibernate").await;
        c.text("The workspace is hibernating.").await;
        c.text("Hibernated").await;
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}

/// Copies the build in `from` to `to`, leaving out files whose name contains `skip` (with their
/// precompressed `.br`/`.gz` variants); returns how many files, not counting variants, were left out.
fn copy_build_without(from: &std::path::Path, to: &std::path::Path, skip: &str) -> usize {
    let mut skipped = 0;
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let target = to.join(&name);
        if entry.file_type().unwrap().is_dir() {
            skipped += copy_build_without(&entry.path(), &target, skip);
        } else if name.contains(skip) {
            skipped += usize::from(!name.ends_with(".br") && !name.ends_with(".gz"));
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
    skipped
}

#[tokio::test(flavor = "multi_thread")]
async fn a_page_whose_code_cannot_be_fetched_says_so_and_the_console_keeps_working() {
    // The organization pages are one lazy area; its pack is missing, as after a deployment that
    // replaced the files while the tab was open.
    let build = tempfile::tempdir().unwrap();
    let skipped = copy_build_without(&dist_dir(), build.path(), "console_org_pages");
    assert_eq!(
        skipped, 1,
        "the organization pages are a wasm pack of their own"
    );
    run_with_dist(build.path().to_path_buf(), |c| async move {
        signed_in(&c, "Ada Lovelace", "/").await;
        c.role("heading", "Organizations").await;
        c.browser
            .goto(&c.url("app", "/orgs/acme/members"))
            .await
            .unwrap();
        c.role("heading", "This page could not be loaded").await;
        c.role("button", "Reload the page").await;
        // The console is still alive: other pages, eager and lazy, load and work.
        c.click("link", "Organizations").await;
        c.role("heading", "Organizations").await;
        c.browser.goto(&c.url("app", "/orgs/new")).await.unwrap();
        c.role("heading", "New organization").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn pointing_at_a_link_fetches_its_area_before_the_click() {
    // Which area packs the page has fetched so far.
    const PACKS: &str = "return performance.getEntriesByType('resource')
        .map(e => e.name).filter(n => n.includes('/pack_')).map(n => n.split('/').pop());";
    run(|c| async move {
        signed_in(&c, "Ada Lovelace", "/").await;
        c.role("heading", "Organizations").await;
        c.role("link", "New organization").await;
        c.browser
            .execute(
                "document.querySelector(\"a[href='/orgs/new']\")
                    .dispatchEvent(new PointerEvent('pointerover', { bubbles: true }));",
                vec![],
            )
            .await
            .unwrap();
        let mut fetched = Vec::new();
        for _ in 0..100 {
            let v = c.browser.execute(PACKS, vec![]).await.unwrap();
            fetched = serde_json::from_value::<Vec<String>>(v).unwrap();
            if fetched.iter().any(|n| n.contains("console_org_create")) {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert!(
            fetched.iter().any(|n| n.contains("console_org_create")),
            "{fetched:?}"
        );
        c.click("link", "New organization").await;
        c.role("heading", "New organization").await;
        // The click fetched no code of its own.
        let v = c.browser.execute(PACKS, vec![]).await.unwrap();
        let after = serde_json::from_value::<Vec<String>>(v).unwrap();
        let create = after
            .iter()
            .filter(|n| n.contains("console_org_create"))
            .count();
        assert_eq!(create, 1, "{after:?}");
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn without_the_dialog_code_an_irreversible_act_is_not_carried_out() {
    let build = tempfile::tempdir().unwrap();
    let skipped = copy_build_without(&dist_dir(), build.path(), "console_confirm");
    assert_eq!(skipped, 1, "the confirm dialog is a wasm chunk of its own");
    run_with_dist(build.path().to_path_buf(), |c| async move {
        signed_in(&c, "Ada Lovelace", "/orgs/acme").await;
        c.click("button", "Delete organization").await;
        c.text("The confirmation could not be shown, so nothing was changed.")
            .await;
        dismiss_toasts(&c).await;
        // Nothing was deleted: the org is still there, and its page still works.
        c.role("button", "Delete organization").await;
        c.browser.goto(&c.url("app", "/")).await.unwrap();
        c.text("Acme Robotics").await;
    })
    .await;
}

/// A one-page site on its own loopback port: another port of the same host name, as an attacker
/// running a local service would have. Returns the port.
async fn serve_one_page(html: String) -> u16 {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        while let Ok((mut socket, _)) = listener.accept().await {
            let html = html.clone();
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                let _ = socket.read(&mut buf).await;
                let answer = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{html}",
                    html.len()
                );
                let _ = socket.write_all(answer.as_bytes()).await;
            });
        }
    });
    port
}

#[tokio::test(flavor = "multi_thread")]
async fn a_page_on_another_port_cannot_write_with_the_session_cookie() {
    run(|c| async move {
        signed_in(&c, "Ada Lovelace", "/orgs/acme/members").await;
        c.role("heading", "People").await;
        // The reported attack: a no-cors text/plain POST that carries the victim's cookie
        // (same site: every port of *.localhost), plus a plain HTML form post.
        let target = c.url("app", "/cp/orgs/acme/invitations");
        let page = format!(
            r#"<!doctype html><title>prize</title>
<form id="f" method="post" action="{target}" enctype="text/plain" target="sink">
<input name='{{"email":"form@evil.test","role":"admin","x":"' value='"}}'></form>
<iframe name="sink"></iframe>
<script>
fetch("{target}", {{method: "POST", mode: "no-cors", credentials: "include",
  headers: {{"Content-Type": "text/plain"}},
  body: JSON.stringify({{email: "mallory@evil.test", role: "admin"}})}})
  .finally(() => {{ document.getElementById("f").submit();
                    setTimeout(() => document.title = "sent", 500); }});
</script>"#
        );
        let port = serve_one_page(page).await;
        c.browser
            .goto(&format!("http://app.localhost:{port}/"))
            .await
            .unwrap();
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
        while c.browser.title().await.unwrap_or_default() != "sent" {
            assert!(
                tokio::time::Instant::now() < deadline,
                "the page never sent"
            );
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        // Back in the console: no invitation was created.
        c.browser
            .goto(&c.url("app", "/orgs/acme/members"))
            .await
            .unwrap();
        c.role("heading", "People").await;
        c.text("grace@example.com").await;
        let text = c.body_text().await;
        assert!(!text.contains("mallory@evil.test"), "{text}");
        assert!(!text.contains("form@evil.test"), "{text}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn only_the_open_org_tab_is_current_and_the_tenant_console_root_opens_workspaces() {
    run(|c| async move {
        signed_in(&c, "Ada Lovelace", "/orgs/acme/members").await;
        c.role("heading", "Members").await;
        for (tab, heading) in [("Members", "Members"), ("Billing", "Billing")] {
            c.click("link", tab).await;
            c.role("heading", heading).await;
            // The overview's address is a prefix of the others: it must not stay marked.
            let current = c
                .browser
                .find_all(Locator::Css("nav.tabs [aria-current=page]"))
                .await
                .unwrap();
            assert_eq!(current.len(), 1, "one current tab on {tab}");
            assert_eq!(current[0].text().await.unwrap(), tab);
        }
        // The tenant console's own root (once "Page not found") opens the workspaces, and
        // every tenant page says which organization it belongs to.
        to_acme(&c, "/console").await;
        c.role("heading", "Workspaces").await;
        wait_url(&c, |u| u.ends_with("/console/workspaces")).await;
        c.text("Organization Acme").await;
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn links_to_server_pages_leave_the_console_and_sign_out_can_sign_in_again() {
    run(|c| async move {
        signed_in(&c, "Ada Lovelace", "/").await;
        c.role("heading", "Organizations").await;
        c.click("button", "Sign out").await;
        // Signed out: the sign-in page, whose links are the server's (once "Page not found").
        c.role("heading", "Sign in to Molecule").await;
        c.click("link", "Create an account").await;
        wait_url(&c, |u| {
            u.contains("/authkit/login") && u.contains("screen=sign-up")
        })
        .await;
        c.role("heading", "Create your Molecule account").await;
        c.browser.back().await.unwrap();
        c.click("link", "Continue to sign in").await;
        wait_url(&c, |u| u.contains("/authkit/login")).await;
        sign_in_as(&c, "Grace Hopper").await;
        c.role("heading", "Organizations").await;
        // A server address that reaches the router anyway is fetched from the server.
        c.browser
            .execute(
                "history.pushState({}, '', '/authkit/login?screen=sign-in'); \
                 dispatchEvent(new PopStateEvent('popstate'));",
                vec![],
            )
            .await
            .unwrap();
        // The server's own page (here: its answer to a sign-in without a started state).
        c.text("Molecule local").await;
        assert!(!c.body_text().await.contains("Page not found"));
    })
    .await;
}

/// The id (or tag) of the element that has keyboard focus, and whether it sits in `css`.
async fn focus_in(c: &Ctx, css: &str) -> bool {
    let script = format!(
        "const a = document.activeElement; return !!(a && a.closest({}));",
        serde_json::to_string(css).unwrap()
    );
    c.browser.execute(&script, vec![]).await.unwrap() == json!(true)
}

const TAB: &str = "\u{e004}";

#[tokio::test(flavor = "multi_thread")]
async fn keyboard_users_skip_to_content_follow_focus_and_stay_in_dialogs() {
    run(|c| async move {
        signed_in(&c, "Ada Lovelace", "/orgs/acme").await;
        c.role("heading", "Acme Robotics").await;
        // The skip link is the first stop and moves focus into the content.
        c.browser
            .execute("document.activeElement.blur()", vec![])
            .await
            .unwrap();
        c.wait_css("body").await.send_keys(TAB).await.unwrap();
        assert!(focus_in(&c, ".skip-link").await);
        c.browser
            .active_element()
            .await
            .unwrap()
            .send_keys("\u{e007}")
            .await
            .unwrap();
        let deadline = tokio::time::Instant::now() + molecule_e2e::WAIT;
        while !focus_in(&c, "main#main").await {
            assert!(
                tokio::time::Instant::now() < deadline,
                "skip link did not focus the content"
            );
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        // After a navigation the new page has focus and its title is announced (not the old one).
        c.click("link", "Members").await;
        c.role("heading", "Members").await;
        let announcer = c.wait_css("[data-testid=route-announcer]").await;
        let deadline = tokio::time::Instant::now() + molecule_e2e::WAIT;
        loop {
            let said = announcer.text().await.unwrap_or_default();
            if said.starts_with("Members") && focus_in(&c, "main#main").await {
                break;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "announcer said {said:?}"
            );
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        // Tab and Shift+Tab cycle inside an open dialog.
        c.click("button", "Remove linus@example.com").await;
        c.wait_css("[role=alertdialog]").await;
        for _ in 0..6 {
            c.browser
                .active_element()
                .await
                .unwrap()
                .send_keys(TAB)
                .await
                .unwrap();
            assert!(
                focus_in(&c, "[role=alertdialog]").await,
                "Tab left the dialog"
            );
        }
        for _ in 0..4 {
            let shift_tab = "\u{e008}\u{e004}";
            c.browser
                .active_element()
                .await
                .unwrap()
                .send_keys(shift_tab)
                .await
                .unwrap();
            assert!(
                focus_in(&c, "[role=alertdialog]").await,
                "Shift+Tab left the dialog"
            );
        }
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}

/// Fails when the page is wider than the window or `name`d button lies off-screen.
async fn fits_the_screen(c: &Ctx, what: &str) {
    let widths = c
        .browser
        .execute(
            "return [document.documentElement.scrollWidth, window.innerWidth];",
            vec![],
        )
        .await
        .unwrap();
    let (page, window) = (widths[0].as_i64().unwrap(), widths[1].as_i64().unwrap());
    if page > window {
        // Name the offenders: the innermost elements that reach past the window's right edge.
        let culprits = c
            .browser
            .execute(
                "return [...document.querySelectorAll('body *')]
                   .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                   .filter(e => ![...e.children].some(k => k.getBoundingClientRect().right > window.innerWidth + 1))
                   .slice(0, 6)
                   .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));",
                vec![],
            )
            .await
            .unwrap();
        panic!(
            "{what}: the page is {page}px wide in a {window}px window; past the edge: {culprits}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn on_a_phone_every_page_fits_and_its_actions_are_reachable() {
    run(|c| async move {
        c.browser.set_window_size(390, 844).await.unwrap();
        signed_in(&c, "Ada Lovelace", "/").await;
        c.role("heading", "Organizations").await;
        fits_the_screen(&c, "organizations").await;
        for (path, heading) in [
            ("/orgs/new", "New organization"),
            ("/orgs/acme", "Acme Robotics"),
            ("/orgs/acme/members", "Members"),
            ("/orgs/acme/billing", "Billing"),
        ] {
            c.browser.goto(&c.url("app", path)).await.unwrap();
            c.role("heading", heading).await;
            fits_the_screen(&c, path).await;
        }
        // Sign-out and the primary action stay on screen.
        let visible = c
            .browser
            .execute(
                "const b = [...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Sign out'); \
                 const r = b.getBoundingClientRect(); return r.right <= window.innerWidth && r.width > 0;",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(visible, json!(true), "Sign out is off-screen");
        to_acme(&c, "/console/workspaces").await;
        c.role("heading", "Workspaces").await;
        for path in ["/console/workspaces", "/console/api-keys", "/console/secrets", "/console/templates"] {
            c.browser.goto(&c.url("acme", path)).await.unwrap();
            c.wait_css("main#main h1").await;
            c.text("Organization Acme").await;
            fits_the_screen(&c, path).await;
        }
        c.browser.goto(&c.url("acme", "/console/workspaces")).await.unwrap();
        c.click("link", "Research lead").await;
        c.role("heading", "Settings").await;
        fits_the_screen(&c, "a workspace").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_viewer_on_the_tenant_sees_everything_and_no_control_that_would_fail() {
    run(|c| async move {
        on_acme(&c, "Linus Torvalds", "/console/workspaces").await;
        c.role("heading", "Workspaces").await;
        c.text("You are a viewer of this organization").await;
        // Writes are off, with the reason as the control's title; reads still work.
        let delete = c.role("button", "Delete Research lead").await;
        wait_attr(&delete, "disabled", Some("true")).await;
        let why = delete.attr("title").await.unwrap().unwrap_or_default();
        assert!(why.contains("Viewers can look"), "title was {why:?}");
        let create = c
            .browser
            .find(Locator::XPath(
                "//button[normalize-space(.)='Create workspace']",
            ))
            .await
            .unwrap();
        wait_attr(&create, "disabled", Some("true")).await;
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

/// Visits every in-app page reachable by links from `start` on `host` (up to `limit`), and fails
/// on a page that ends on "Page not found" or logs a script error. Returns the paths visited.
async fn crawl(c: &Ctx, host: &str, start: &str, limit: usize) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    let mut queue = std::collections::VecDeque::from([start.to_string()]);
    while let Some(path) = queue.pop_front() {
        if seen.len() >= limit || seen.contains(&path) {
            continue;
        }
        seen.push(path.clone());
        c.browser.goto(&c.url(host, &path)).await.unwrap();
        let h1 = c
            .wait_css("main#main h1")
            .await
            .text()
            .await
            .unwrap_or_default();
        assert_ne!(
            h1, "Page not found",
            "{host}{path} is a dead end (linked from a page before it)"
        );
        let errors = js_errors(c).await;
        assert!(errors.is_empty(), "{host}{path}: {errors:?}");
        let hrefs = c
            .browser
            .execute(
                "return [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'));",
                vec![],
            )
            .await
            .unwrap();
        for href in hrefs
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|h| h.as_str())
        {
            let in_app = href.starts_with('/') && !href.starts_with("//") && !href.contains('#');
            let server = ["/cp/", "/authkit/", "/checkout/", "/portal/", "/invoices/"]
                .iter()
                .any(|p| href.starts_with(p));
            if in_app && !server && !seen.iter().any(|s| s == href) {
                queue.push_back(href.to_string());
            }
        }
    }
    seen
}

/// Crawls the console host and acme's host as `who`.
async fn every_link_leads_somewhere_for(who: &'static str) {
    run(move |c| async move {
        signed_in(&c, who, "/").await;
        c.role("heading", "Organizations").await;
        let app = crawl(&c, "app", "/", 40).await;
        assert!(app.len() >= 5, "{who} reached only {app:?}");
        to_acme(&c, "/console/workspaces").await;
        let tenant = crawl(&c, "acme", "/console/workspaces", 40).await;
        assert!(
            tenant.iter().any(|p| p.starts_with("/console/workspaces/")),
            "{who} reached no workspace page: {tenant:?}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_link_an_owner_can_follow_leads_somewhere() {
    every_link_leads_somewhere_for("Ada Lovelace").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_link_a_viewer_can_follow_leads_somewhere() {
    every_link_leads_somewhere_for("Linus Torvalds").await;
}

/// Every page `who` can open, in light and dark: no serious or critical axe-core violation.
async fn accessible_for(who: &'static str) {
    run(move |c| async move {
        signed_in(&c, who, "/").await;
        c.role("heading", "Organizations").await;
        let app = [
            "/",
            "/orgs/new",
            "/orgs/acme",
            "/orgs/acme/members",
            "/orgs/acme/billing",
            "/operator",
            "/sign-in",
            "/no-such-page",
        ];
        let acme = [
            "/console/workspaces",
            "/console/workspaces/a0000000-0000-4000-8000-000000000001",
            "/console/api-keys",
            "/console/secrets",
            "/console/templates",
        ];
        let mut found = Vec::new();
        for theme in ["light", "dark"] {
            c.browser
                .execute(
                    &format!("localStorage.setItem('molecule-theme', '{theme}')"),
                    vec![],
                )
                .await
                .unwrap();
            for (host, paths) in [("app", &app[..]), ("acme", &acme[..])] {
                for path in paths {
                    c.browser.goto(&c.url(host, path)).await.unwrap();
                    c.wait_css("main#main h1").await;
                    // Let the page's reads finish (no skeleton left) before judging it.
                    let deadline = tokio::time::Instant::now() + molecule_e2e::WAIT;
                    while c.browser.find(Locator::Css(".skeleton")).await.is_ok()
                        && tokio::time::Instant::now() < deadline
                    {
                        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    }
                    for v in c.axe().await {
                        found.push(format!("{theme} {host}{path}: {v}"));
                    }
                }
                if host == "app" {
                    // Theme is per host (local storage): set it on acme's host too.
                    c.browser
                        .goto(&c.url("acme", "/console/workspaces"))
                        .await
                        .unwrap();
                    c.wait_css("main#main").await;
                    c.browser
                        .execute(
                            &format!("localStorage.setItem('molecule-theme', '{theme}')"),
                            vec![],
                        )
                        .await
                        .unwrap();
                }
            }
            c.browser.goto(&c.url("app", "/")).await.unwrap();
            c.wait_css("main#main").await;
        }
        assert!(
            found.is_empty(),
            "accessibility violations:\n{}",
            found.join("\n")
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_page_an_owner_sees_passes_axe_in_light_and_dark() {
    accessible_for("Ada Lovelace").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_page_a_viewer_sees_passes_axe_in_light_and_dark() {
    accessible_for("Linus Torvalds").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn signing_out_on_one_host_signs_out_on_every_host() {
    run(|c| async move {
        signed_in(&c, "Ada Lovelace", "/").await;
        c.role("heading", "Organizations").await;
        to_acme(&c, "/console/workspaces").await;
        c.role("heading", "Workspaces").await;
        // Signing out on the console host ends the sign-in on acme's host too.
        c.browser.goto(&c.url("app", "/")).await.unwrap();
        c.click("button", "Sign out").await;
        c.role("heading", "Sign in to Molecule").await;
        c.browser
            .goto(&c.url("acme", "/console/workspaces"))
            .await
            .unwrap();
        wait_url(&c, |u| u.contains("/authkit/login")).await;
        // And the other way round: signed in again, out from acme's host, out on the console.
        sign_in_as(&c, "Ada Lovelace").await;
        c.role("heading", "Workspaces").await;
        c.click("button", "Sign out").await;
        c.browser.goto(&c.url("app", "/")).await.unwrap();
        wait_url(&c, |u| u.contains("/authkit/login")).await;
    })
    .await;
}
