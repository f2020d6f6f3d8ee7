//! A platform operator: the token gate, tenants, fleet, images, catalog.

use super::*;

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
        c.role("heading", "Boot events").await;
        c.click("button", "Show console output").await;
        c.wait_css("pre.code-block").await;
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
        dismiss_toasts(&c).await;
        c.click("button", "Done").await;
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
        // A list like the others: searched (any word of a template), filtered by tier, sorted,
        // with the view in the address.
        let names = || c.strings("return [...document.querySelectorAll('tbody td:first-child strong')].map(s => s.textContent);");
        fill(&c, "Search catalog templates", "tickets").await;
        c.text("Showing 1–1 of 1 catalog templates, filtered from 3.").await;
        assert_eq!(names().await, ["Support desk"]);
        wait_url(&c, |u| u.contains("q=tickets")).await;
        c.role("textbox", "Search catalog templates")
            .await
            .send_keys("\u{E009}a\u{E000}\u{E003}")
            .await
            .unwrap();
        choose(&c, "#catalog-templates-status", "4").await;
        c.text("Showing 1–1 of 1 catalog templates, filtered from 3.").await;
        assert_eq!(names().await, ["Research team"]);
        choose(&c, "#catalog-templates-status", "").await;
        c.click("button", "Tier").await;
        wait_url(&c, |u| u.contains("sort=tier")).await;
        assert_eq!(names().await, ["Support desk", "Code reviewer", "Research team"]);
        c.click("button", "Tier ▲").await;
        wait_url(&c, |u| u.contains("sort=-tier")).await;
        assert_eq!(names().await, ["Research team", "Code reviewer", "Support desk"]);
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

/// The `aria-label`s of the page's "Manage tenant …" links, top to bottom.
async fn managed(c: &Ctx) -> Vec<String> {
    c.strings("return [...document.querySelectorAll('tbody a[aria-label^=\"Manage tenant\"]')].map(a => a.getAttribute('aria-label').slice(14));")
        .await
}

#[tokio::test(flavor = "multi_thread")]
async fn the_operator_org_list_opens_searched_filtered_and_sorted_from_its_address() {
    run(|c| async move {
        // A linked view: the search, the status filter and the order come from the address.
        c.browser
            .goto(&c.url("app", "/operator?q=FLEET&status=running&sort=-name"))
            .await
            .unwrap();
        fill(&c, "Admin token", "dev-cp-admin-token").await;
        c.click("button", "Unlock").await;
        c.role("link", "Manage tenant fleet-west").await;
        assert_eq!(
            managed(&c).await,
            ["fleet-west", "fleet-east", "fleet-canary"]
        );
        c.text("Showing 1–3 of 3 organizations, filtered from")
            .await;
        let search = c.role("textbox", "Search organizations").await;
        assert_eq!(
            search.prop("value").await.unwrap().as_deref(),
            Some("FLEET")
        );
        let th = c
            .browser
            .find(Locator::Css("th[aria-sort='descending']"))
            .await
            .unwrap();
        assert!(th.text().await.unwrap().starts_with("Organization"));
        // Changed in the page: the search emptied as a person does, another status, sorted by
        // name ascending; the address follows.
        search.send_keys("\u{E009}a\u{E000}\u{E003}").await.unwrap();
        choose(&c, "#organizations-status", "stopped").await;
        c.wait_gone("//a[@aria-label='Manage tenant fleet-west']")
            .await;
        c.click("button", "Organization ▼").await;
        wait_url(&c, |u| {
            u.contains("status=stopped") && u.contains("sort=name") && !u.contains("q=")
        })
        .await;
        assert_eq!(managed(&c).await, ["delta-inc", "fail-demo"]);
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}

/// Every operator view, in light and dark (switched in place: the unlocked token lives in the
/// page's memory, so a reload would lock the area again): no serious or critical axe-core
/// violation, fields on their labels, and a screenshot of each.
#[tokio::test(flavor = "multi_thread")]
async fn every_operator_view_is_accessible_in_light_and_dark() {
    run(|c| async move {
        // Signed in, so the catalog is read too.
        signed_in(&c, "Ada Lovelace", "/").await;
        c.browser.goto(&c.url("app", "/operator")).await.unwrap();
        fill(&c, "Admin token", "dev-cp-admin-token").await;
        c.click("button", "Unlock").await;
        c.role("link", "Manage tenant fleet-east").await;
        let views = [
            ("All organizations", "/operator"),
            ("New organization", "/operator/orgs/new"),
            ("Fleet rollout", "/operator/fleet"),
            ("Runtime images", "/operator/images"),
            ("Thin AMIs", "/operator/amis"),
            ("Template catalog", "/operator/catalog"),
        ];
        let mut found = Vec::new();
        for theme in ["light", "dark"] {
            c.browser
                .execute(
                    "document.documentElement.setAttribute('data-theme', arguments[0])",
                    vec![json!(theme)],
                )
                .await
                .unwrap();
            for (tab, path) in views {
                c.click("link", tab).await;
                wait_url(&c, |u| u.ends_with(path)).await;
                let page = format!("{theme} app{path}");
                found.extend(judge(&c, &page, &format!("operator-{theme}-app{path}")).await);
            }
            c.click("link", "All organizations").await;
            c.click("link", "Manage tenant fleet-east").await;
            c.role("heading", "Tenant fleet-east").await;
            let path = "/operator/tenants/fleet-east";
            let page = format!("{theme} app{path}");
            found.extend(judge(&c, &page, &format!("operator-{theme}-app{path}")).await);
        }
        assert!(
            found.is_empty(),
            "accessibility violations:\n{}",
            found.join("\n")
        );
    })
    .await;
}
