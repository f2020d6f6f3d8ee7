//! A new user creating an organization: terms, slug, plan, payment, provisioning.

use super::*;

/// The simulated Stripe Checkout page's Pay button. Its address comes first: looking for the
/// button while the browser is still navigating there fails with "aborted by navigation".
async fn checkout_pay_button(c: &Ctx) -> fantoccini::elements::Element {
    wait_url(c, |u| u.contains("/checkout/")).await;
    c.browser
        .wait()
        .at_most(molecule_e2e::WAIT)
        .for_element(Locator::XPath(
            "//button[starts-with(normalize-space(.), 'Pay')]",
        ))
        .await
        .unwrap()
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
        checkout_pay_button(&c).await.click().await.unwrap();
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
        accept_terms(&c).await;
        let create = c.role("button", "Create and continue to payment").await;
        wait_attr(&create, "disabled", None).await;
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
        checkout_pay_button(&c).await;
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
