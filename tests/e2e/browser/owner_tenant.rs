//! An owner on the org's own host: workspaces, keys, secrets, budgets, templates, bundles.

use super::*;

/// Opens the workspaces page's "New workspace" form from the page header; focus goes to the
/// name.
async fn open_new_workspace(c: &Ctx) {
    let button = c.role("button", "New workspace").await;
    wait_attr(&button, "disabled", None).await;
    button.click().await.unwrap();
    wait_attr(&button, "aria-expanded", Some("true")).await;
    let deadline = tokio::time::Instant::now() + molecule_e2e::WAIT;
    while !focus_in(c, "#ws-name").await {
        assert!(
            tokio::time::Instant::now() < deadline,
            "opening the form did not focus the name"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn workspaces_are_created_paused_resumed_and_deleted_on_the_tenant() {
    run(|c| async move {
        on_acme(&c, "Ada Lovelace", "/console/workspaces").await;
        c.role("heading", "Workspaces").await;
        c.text("Research lead").await;
        // Client-side rule: no request for a bad name.
        open_new_workspace(&c).await;
        fill(&c, "Workspace name", "bad{name}").await;
        c.click("button", "Create workspace").await;
        c.text("Names cannot contain “{”.").await;
        fill(&c, "Workspace name", "e2e-worker").await;
        c.click("button", "Create workspace").await;
        c.text("e2e-worker is being created.").await;
        dismiss_toasts(&c).await;
        let pause = c.menu_item("Actions for e2e-worker", "Pause").await;
        screenshot(&c, "workspace-row-menu").await;
        pause.click().await.unwrap();
        c.text("e2e-worker: paused.").await;
        dismiss_toasts(&c).await;
        c.choose_in_menu("Actions for e2e-worker", "Resume").await;
        c.text("e2e-worker: resuming.").await;
        dismiss_toasts(&c).await;
        c.choose_in_menu("Actions for e2e-worker", "Delete").await;
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
async fn an_open_row_menu_holds_the_lists_polling_until_it_closes() {
    run(|c| async move {
        on_acme(&c, "Ada Lovelace", "/console/workspaces").await;
        c.role("heading", "Workspaces").await;
        open_new_workspace(&c).await;
        fill(&c, "Workspace name", "held-menu").await;
        c.click("button", "Create workspace").await;
        c.text("held-menu is being created.").await;
        // The list reloads every 2 s while a workspace is provisioning, which redraws its rows.
        // With a row's menu open it waits: the menu stays open past several would-be reloads.
        c.menu_item("Actions for held-menu", "Restart").await;
        let open = "return !!document.querySelector('[role=menu][aria-label=\"Actions for held-menu\"]:popover-open');";
        let until = tokio::time::Instant::now() + std::time::Duration::from_millis(4_500);
        while tokio::time::Instant::now() < until {
            let still = c.browser.execute(open, vec![]).await.unwrap();
            assert_eq!(still, json!(true), "a reload closed the open menu");
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        // Closed, the polling resumes and the new workspace comes online (0.5 s of boot here).
        c.browser
            .active_element()
            .await
            .unwrap()
            .send_keys("\u{e00c}")
            .await
            .unwrap();
        let xpath = "//tr[.//a[normalize-space(.)='held-menu']]//span[contains(@class,'badge')][normalize-space(.)='Online']";
        c.browser
            .wait()
            .at_most(molecule_e2e::WAIT)
            .for_element(Locator::XPath(xpath))
            .await
            .unwrap();
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
        // The keys are a list like the others: found by name, sorted by column, the view in
        // the address.
        fill(&c, "Search API keys", "deploy").await;
        c.text("Showing 1–2 of 2 API keys, filtered from 3.").await;
        c.click("button", "Name").await;
        wait_url(&c, |u| u.contains("q=deploy") && u.contains("sort=name")).await;
        assert_eq!(first_column(&c).await, ["CI deploy", "ci-deploy"]);
        c.click("button", "Name ▲").await;
        wait_url(&c, |u| u.contains("sort=-name")).await;
        assert_eq!(first_column(&c).await, ["ci-deploy", "CI deploy"]);
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
        open_tab(&c, "Budget").await;
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
        open_tab(&c, "Tokens").await;
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
        open_tab(&c, "Budget").await;
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
        open_tab(&c, "Budget").await;
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
        open_tab(&c, "Secrets").await;
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
        screenshot(&c, "component-toast").await;
        dismiss_toasts(&c).await;
        // Its own and the inherited ones are told apart by the scope filter.
        choose(&c, "#secrets-status", "workspace").await;
        c.wait_gone("//td[normalize-space(.)='Organization (inherited)']")
            .await;
        c.role("button", "Delete WS_ONLY_KEY").await;
        wait_url(&c, |u| u.contains("secret_status=workspace")).await;
        choose(&c, "#secrets-status", "global").await;
        c.text("Organization (inherited)").await;
        assert!(!c.body_text().await.contains("WS_ONLY_KEY"));
        choose(&c, "#secrets-status", "").await;
        c.click("button", "Delete WS_ONLY_KEY").await;
        c.role("button", "Delete secret").await;
        screenshot(&c, "component-confirm-dialog").await;
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
        open_tab(&c, "Plugins").await;
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
        // The page's two lists are searched like the others, each with its own keys in the
        // address.
        fill(&c, "Search organization templates", "sales").await;
        c.text("Showing 1–1 of 1 organization templates, filtered from").await;
        wait_url(&c, |u| u.contains("org_q=sales")).await;
        c.wait_gone("//button[@aria-label='Create workspaces from Starter team']").await;
        c.role("textbox", "Search organization templates")
            .await
            .send_keys("\u{E009}a\u{E000}\u{E003}")
            .await
            .unwrap();
        c.role("button", "Create workspaces from Starter team").await;
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
async fn a_workspace_is_renamed_and_hibernated() {
    run(|c| async move {
        on_acme(&c, "Ada Lovelace", "/console/workspaces").await;
        c.click("link", "Research lead").await;
        // Its id is on its overview, with a button that copies it and says it did.
        c.text("a0000000-0000-4000-8000-000000000001").await;
        let copy = c.role("button", "Copy workspace ID").await;
        copy.click().await.unwrap();
        wait_prop(&copy, "textContent", "Copied").await;
        c.text("Copied to the clipboard.").await;
        let pasted = c
            .browser
            .execute_async(
                "navigator.clipboard.readText().then(arguments[0], () => arguments[0]('(unreadable)'))",
                vec![],
            )
            .await
            .unwrap();
        assert!(
            pasted == "a0000000-0000-4000-8000-000000000001" || pasted == "(unreadable)",
            "{pasted}"
        );
        wait_prop(&copy, "textContent", "Copy").await;
        open_tab(&c, "Settings").await;
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

/// The names in the first column of the page's table, top to bottom.
async fn first_column(c: &Ctx) -> Vec<String> {
    c.strings("return [...document.querySelectorAll('tbody tr td:first-child')].map(td => td.textContent.trim());")
        .await
}

#[tokio::test(flavor = "multi_thread")]
async fn the_workspace_list_is_searched_filtered_and_sorted_with_the_view_in_its_address() {
    run(|c| async move {
        on_acme(&c, "Ada Lovelace", "/console/workspaces").await;
        c.role("link", "Research lead").await;
        let all = first_column(&c).await.len();
        fill(&c, "Search workspaces", "TICKET").await;
        c.wait_gone("//a[normalize-space(.)='Research lead']").await;
        c.text(&format!(
            "Showing 1–1 of 1 workspaces, filtered from {all}."
        ))
        .await;
        wait_url(&c, |u| u.contains("q=TICKET")).await;
        // Emptied as a person does (select all, delete): the list comes back whole.
        c.role("textbox", "Search workspaces")
            .await
            .send_keys("\u{E009}a\u{E000}\u{E003}")
            .await
            .unwrap();
        c.role("link", "Research lead").await;
        choose(&c, "#workspaces-status", "paused").await;
        c.wait_gone("//a[normalize-space(.)='Research lead']").await;
        c.click("button", "Name").await;
        wait_url(&c, |u| {
            u.contains("status=paused") && u.contains("sort=name")
        })
        .await;
        assert_eq!(first_column(&c).await, ["Support triage", "Ticket writer"]);
        c.click("button", "Name ▲").await;
        wait_url(&c, |u| u.contains("sort=-name")).await;
        assert_eq!(first_column(&c).await, ["Ticket writer", "Support triage"]);
        // The address keeps the view: a reload shows the same rows, filter and order.
        let here = current_url(&c).await;
        c.browser.goto(&here).await.unwrap();
        c.role("link", "Ticket writer").await;
        assert_eq!(first_column(&c).await, ["Ticket writer", "Support triage"]);
        let th = c
            .browser
            .find(Locator::Css("th[aria-sort='descending']"))
            .await
            .unwrap();
        assert!(th.text().await.unwrap().starts_with("Name"));
        let status = c
            .browser
            .find(Locator::Css("#workspaces-status"))
            .await
            .unwrap();
        wait_prop(&status, "value", "paused").await;
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}

/// The address of acme's "Research lead" (an org root workspace).
const LEAD: &str = "/console/workspaces/a0000000-0000-4000-8000-000000000001";

/// From the start of the content, presses Tab until the workspace tab `name` has focus, then
/// Enter; fails if it takes more than 30 presses.
async fn tab_to_and_open(c: &Ctx, name: &str) {
    c.browser
        .execute("document.getElementById('main').focus()", vec![])
        .await
        .unwrap();
    let on_it = format!(
        "const a = document.activeElement; return !!(a && a.closest('nav.tabs') && a.textContent.trim() === {});",
        serde_json::to_string(name).unwrap()
    );
    for _ in 0..30 {
        let el = c.browser.active_element().await.unwrap();
        if c.browser.execute(&on_it, vec![]).await.unwrap() == json!(true) {
            el.send_keys("\u{e007}").await.unwrap();
            return;
        }
        el.send_keys("\u{e004}").await.unwrap();
    }
    panic!("Tab never reached the workspace tab {name}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_workspace_tab_opens_by_its_address_survives_a_reload_and_works_by_keyboard() {
    run(|c| async move {
        on_acme(&c, "Ada Lovelace", &format!("{LEAD}/budget")).await;
        c.role("heading", "Model billing").await;
        c.role("heading", "Research lead").await;
        let crumbs = "return [...document.querySelectorAll('nav.breadcrumbs li')].map(l => l.textContent.trim());";
        let current = "return [...document.querySelectorAll('nav.tabs [aria-current=page]')].map(a => a.textContent.trim());";
        assert_eq!(
            c.strings(crumbs).await,
            ["Acme Robotics", "Workspaces", "Research lead", "Budget"]
        );
        assert_eq!(c.strings(current).await, ["Budget"]);
        // A reload keeps the tab, its trail and its title.
        c.browser.refresh().await.unwrap();
        c.role("heading", "Model billing").await;
        assert!(current_url(&c).await.ends_with("/budget"));
        assert_eq!(c.strings(current).await, ["Budget"]);
        assert_eq!(
            c.browser.title().await.unwrap(),
            "Budget · Research lead · Molecule Console"
        );
        // Keyboard only, tab after tab.
        for (tab, end, heading) in [
            ("Settings", "/settings", "Settings"),
            ("Secrets", "/secrets", "Workspace secrets"),
            ("Tokens", "/tokens", "Workspace tokens"),
            ("Plugins", "/plugins", "Plugin allowlist"),
            ("Bundle", "/bundle", "Bundle"),
        ] {
            tab_to_and_open(&c, tab).await;
            wait_url(&c, |u| u.ends_with(&format!("{LEAD}{end}"))).await;
            c.role("heading", heading).await;
            assert_eq!(c.strings(current).await, [tab]);
            assert_eq!(
                c.strings(crumbs).await,
                ["Acme Robotics", "Workspaces", "Research lead", tab]
            );
        }
        tab_to_and_open(&c, "Overview").await;
        wait_url(&c, |u| u.ends_with(LEAD)).await;
        c.text("Active tasks").await;
        // The overview sums up the budget and links to each tab.
        c.wait_css("[data-testid=budget-summary]").await;
        c.text("Spent $").await;
        c.role("link", "Tokens").await;
        // A workspace under another has no plugin tab; its address says where the list lives.
        c.browser
            .goto(&c.url("acme", "/console/workspaces/a0000000-0000-4000-8000-000000000004/plugins"))
            .await
            .unwrap();
        c.role("heading", "Plugin allowlist").await;
        c.text("Only an organization's root workspace has a plugin allowlist").await;
        let tabs = c
            .strings("return [...document.querySelectorAll('nav.tabs a')].map(a => a.textContent.trim());")
            .await;
        assert_eq!(tabs, ["Overview", "Settings", "Budget", "Secrets", "Tokens", "Bundle"]);
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}

/// Follows the link `name` from the overview, checks where it lands, and comes back.
async fn follow_and_return(c: &Ctx, name: &str, lands: &str, heading: &str) {
    c.click("link", name).await;
    wait_url(c, |u| u.ends_with(lands)).await;
    c.role("heading", heading).await;
    c.browser.back().await.unwrap();
    wait_url(c, |u| u.ends_with("/console")).await;
    c.role("heading", "Overview").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_overview_shows_the_org_at_a_glance_and_each_tile_leads_to_its_page() {
    run(|c| async move {
        on_acme(&c, "Ada Lovelace", "/console").await;
        c.role("heading", "Overview").await;
        // The trail says where this is, as on the host's other pages.
        c.wait_css("nav.breadcrumbs").await;
        let crumbs = "return [...document.querySelectorAll('nav.breadcrumbs li')].map(l => l.textContent.trim());";
        assert_eq!(c.strings(crumbs).await, ["Acme Robotics", "Overview"]);
        // The demo seed: nine live workspaces of acme (a tenth was removed), two paused.
        let ws = tile_with(&c, "ov-workspaces", "Paused").await;
        assert!(ws.contains("Workspaces\n9"), "{ws}");
        assert!(ws.contains("Paused\n2"), "{ws}");
        assert!(
            ws.contains("Degraded\n1") && ws.contains("Failed\n1"),
            "{ws}"
        );
        // Flaky scraper: $18.00 spent this month against its $15.00 limit; Support triage
        // has no monthly limit but a weekly one of $0.00.
        let monthly = chart_with(&c, "ov-spend", 0, "Flaky scraper, $18.00 of $15.00, over").await;
        assert!(
            monthly.starts_with("Monthly spend against budget per workspace:"),
            "{monthly}"
        );
        assert!(
            monthly.contains("Support triage, $25.00 (no limit)"),
            "{monthly}"
        );
        // The lead is online, so its spend grows with the simulated clock past the seed's $42.
        assert!(
            monthly.contains("Research lead, $") && monthly.contains("of $100.00;"),
            "{monthly}"
        );
        choose(&c, "select#ov-period", "Weekly").await;
        // 7/30 of the $25.00 month.
        chart_with(&c, "ov-spend", 0, "Support triage, $5.83 of $0.00, over").await;
        // Spend per day (designed route) and what is left of the two monthly limits ($115.00).
        chart_with(&c, "ov-history", 0, "Daily spend, last 30 days, 30 points").await;
        tile_with(&c, "ov-history", "Monthly budgets: $115.00").await;
        chart_with(&c, "ov-history", 1, "Left of the monthly budgets").await;
        // Credits of acme, its three members (owner, admin, viewer) and one invitation still
        // open (the other has expired); three approvals waiting; the seed's provisioning events.
        tile_with(&c, "ov-credits", "42,000").await;
        // The burn-down: how long 42,000 credits last at the last week's spend, and a
        // projection from 42,000 down over the next 30 days.
        let runway = tile_with(&c, "ov-runway", "Credits last").await;
        let (days, rate) = runway_figures(&runway);
        assert_eq!(days, (42_000 + rate - 1) / rate, "{runway}");
        let chart = chart_with(&c, "ov-runway", 0, "Projected credit balance, next 30 days, 31 points").await;
        assert!(chart.contains(": 42,000 at the start"), "{chart}");
        let people = tile_with(&c, "ov-members", "Pending invitations").await;
        assert!(people.contains("Members\n3"), "{people}");
        assert!(people.contains("Pending invitations\n1"), "{people}");
        let approvals = tile_with(&c, "ov-approvals", "send_email").await;
        assert!(approvals.contains("Waiting for a person\n3"), "{approvals}");
        assert!(approvals.contains("Research lead"), "{approvals}");
        tile_with(&c, "ov-events", "Workspace provisioning").await;
        // Every tile leads to its page.
        follow_and_return(&c, "All workspaces", "/console/workspaces", "Workspaces").await;
        follow_and_return(
            &c,
            "Budgets on each workspace",
            "/console/workspaces",
            "Workspaces",
        )
        .await;
        follow_and_return(
            &c,
            "Members and invitations",
            "/orgs/acme/members",
            "People",
        )
        .await;
        follow_and_return(
            &c,
            "Credits and billing",
            "/orgs/acme/billing",
            "Plan and credits",
        )
        .await;
        follow_and_return(&c, "Decide on approvals", "/console/approvals", "Approvals").await;
        follow_and_return(&c, "All recent events", "/console/events", "Events").await;
        c.click("link", "Research lead").await;
        wait_url(&c, |u| u.contains("/console/workspaces/")).await;
        c.role("heading", "Budget").await;
        assert!(js_errors(&c).await.is_empty());
        // At phone width the tiles and charts fit.
        c.browser.set_window_size(390, 844).await.unwrap();
        c.browser.goto(&c.url("acme", "/console")).await.unwrap();
        chart_with(&c, "ov-spend", 0, "Flaky scraper").await;
        tile_with(&c, "ov-history", "Monthly budgets").await;
        fits_the_screen(&c, "overview").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_org_strip_shows_plan_and_credits_and_switches_org_by_keyboard() {
    run(|c| async move {
        // Grace is an admin of acme and owns hopper-lab (running). Signed in on the console's
        // host, as people arrive, so every org's host gets her session without a prompt.
        signed_in(&c, "Grace Hopper", "/").await;
        c.role("heading", "Organizations").await;
        to_acme(&c, "/console/api-keys").await;
        c.role("heading", "API keys").await;
        c.text("Organization Acme Robotics").await;
        let plan = c.wait_css("[data-testid=org-plan]").await.text().await.unwrap();
        assert_eq!(plan, "Plan Team");
        let credits = c.wait_css("[data-testid=org-credits]").await.text().await.unwrap();
        assert_eq!(credits, format!("Credits {}", balance_text(42_000)));
        let crumbs = c
            .strings("return [...document.querySelectorAll('nav.breadcrumbs li')].map(l => l.textContent.trim());")
            .await;
        assert_eq!(crumbs, ["Acme Robotics", "API keys"]);
        // The switcher is in the header and names the organization on show.
        let button = c.role("button", "Switch organization: Acme Robotics").await;
        c.wait_css("header #topbar-org .org-switcher__button").await;
        // ↓ opens it with focus in its search box; Escape closes it and gives focus back.
        button.send_keys("\u{e015}").await.unwrap();
        wait_attr(&button, "aria-expanded", Some("true")).await;
        wait_focus(&c, "#org-switcher").await;
        let search = c.role("combobox", "Find an organization").await;
        wait_attr(&search, "aria-activedescendant", Some("org-switcher-option-0")).await;
        c.text("2 organizations.").await;
        search.send_keys("\u{e00c}").await.unwrap();
        wait_attr(&button, "aria-expanded", Some("false")).await;
        wait_focus(&c, ".org-switcher__button").await;
        // Enter opens it; typing narrows; nothing matching says so and Enter stays put.
        button.send_keys("\u{e007}").await.unwrap();
        let search = c.role("combobox", "Find an organization").await;
        search.send_keys("zzz").await.unwrap();
        c.text("No organization matches.").await;
        search.send_keys("\u{e007}").await.unwrap();
        wait_attr(&search, "aria-activedescendant", None).await;
        assert!(c.browser.current_url().await.unwrap().as_str().contains("acme.localhost"));
        // Its slug finds Hopper Lab; Enter opens its own console. (Erased with the keyboard:
        // WebDriver's clear would take the focus away, which closes the popup.)
        search.send_keys("\u{e003}\u{e003}\u{e003}").await.unwrap();
        search.send_keys("hopper").await.unwrap();
        c.text("1 organization.").await;
        let first = c.wait_css("#org-switcher-option-0").await.text().await.unwrap();
        assert!(first.starts_with("Hopper Lab"), "{first}");
        search.send_keys("\u{e007}").await.unwrap();
        wait_url(&c, |u| u.starts_with(&format!("http://hopper-lab.localhost:{}/console/workspaces", c.port))).await;
        c.text("Organization Hopper Lab").await;
        c.role("heading", "Workspaces").await;
        c.role("button", "Switch organization: Hopper Lab").await;
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}

/// The burn-down tile's days ("About 13 days") and credits a day ("at 3,303 credits a day").
fn runway_figures(tile: &str) -> (i64, i64) {
    let number = |after: &str, upto: &str| -> i64 {
        let start = tile
            .find(after)
            .unwrap_or_else(|| panic!("no {after:?} in {tile}"))
            + after.len();
        let end = start
            + tile[start..]
                .find(upto)
                .unwrap_or_else(|| panic!("no {upto:?} in {tile}"));
        tile[start..end]
            .replace(',', "")
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{tile}"))
    };
    (number("About ", " day"), number(" at ", " credits a day"))
}

#[tokio::test(flavor = "multi_thread")]
async fn on_the_console_host_the_switcher_opens_the_same_section_of_another_org() {
    run(|c| async move {
        signed_in(&c, "Ada Lovelace", "/orgs/acme/members").await;
        c.role("heading", "People").await;
        let button = c.role("button", "Switch organization: Acme Robotics").await;
        button.click().await.unwrap();
        let search = c.role("combobox", "Find an organization").await;
        c.text("5 organizations.").await;
        // The one on show says so.
        let first = c.wait_css("#org-switcher-option-0").await.text().await.unwrap();
        assert!(first.contains("acme · this one"), "{first}");
        search.send_keys("delta").await.unwrap();
        c.text("1 organization.").await;
        // A click picks too.
        c.wait_css("#org-switcher-option-0").await.click().await.unwrap();
        wait_url(&c, |u| u.ends_with("/orgs/delta-inc/members")).await;
        c.role("button", "Switch organization: Delta Inc").await;
        let crumbs = c
            .strings("return [...document.querySelectorAll('nav.breadcrumbs li')].map(l => l.textContent.trim());")
            .await;
        assert_eq!(crumbs, ["Organizations", "Delta Inc", "Members"]);
        // Leaving the organization's pages takes the switcher out of the header.
        c.click("link", "Organizations").await;
        c.role("heading", "Organizations").await;
        c.wait_gone("//*[contains(@class, 'org-switcher')]").await;
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failing_tile_says_so_in_place_and_the_others_still_show() {
    run_with_faults("GET /approvals/pending=503", |c| async move {
        on_acme(&c, "Ada Lovelace", "/console").await;
        let failed = tile_with(&c, "ov-approvals", "Approvals could not be loaded").await;
        assert!(failed.contains("Try again"), "{failed}");
        // The other tiles are unaffected.
        tile_with(&c, "ov-credits", "42,000").await;
        tile_with(&c, "ov-workspaces", "Paused").await;
        chart_with(&c, "ov-spend", 0, "Flaky scraper").await;
        // Trying again asks again (and fails again while the fault holds).
        c.browser
            .find(Locator::Css(
                "section[aria-labelledby='ov-approvals'] button",
            ))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        tile_with(&c, "ov-approvals", "Approvals could not be loaded").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_platform_without_the_spend_history_says_it_is_not_available() {
    run_with_faults("GET /usage/spend=404", |c| async move {
        on_acme(&c, "Ada Lovelace", "/console").await;
        tile_with(&c, "ov-history", "Spend history is not available").await;
        tile_with(
            &c,
            "ov-runway",
            "Spend history is not available, so there is no burn-down",
        )
        .await;
        chart_with(&c, "ov-spend", 0, "Flaky scraper").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn approvals_are_decided_after_a_question_and_show_up_as_events() {
    run(|c| async move {
        // From the overview, through the top navigation.
        on_acme(&c, "Ada Lovelace", "/console").await;
        c.click("link", "Approvals").await;
        wait_url(&c, |u| u.ends_with("/console/approvals")).await;
        c.role("heading", "Approvals").await;
        // The seed's three requests, newest first; one without a reason says so.
        c.role("button", "Approve “send_email” for Research lead").await;
        assert_eq!(
            first_column(&c).await.len(),
            3,
            "three requests wait"
        );
        let reasons = c
            .strings("return [...document.querySelectorAll('tbody tr td:nth-child(4)')].map(td => td.textContent.trim());")
            .await;
        assert_eq!(
            reasons,
            [
                "Email the weekly digest to 42 recipients",
                "Rewrite the scraper branch after a bad merge",
                "—"
            ]
        );
        // Search narrows the list and keeps it in the address.
        fill(&c, "Search approvals", "force").await;
        wait_url(&c, |u| u.contains("q=force")).await;
        c.wait_gone("//button[@aria-label='Approve “send_email” for Research lead']")
            .await;
        // Deny asks first, quoting the agent's reason; cancelling changes nothing.
        c.click("button", "Deny “git push --force” for Flaky scraper").await;
        c.text("The agent says: “Rewrite the scraper branch after a bad merge”.").await;
        c.confirm_with("Cancel").await;
        c.role("button", "Deny “git push --force” for Flaky scraper").await;
        c.click("button", "Deny “git push --force” for Flaky scraper").await;
        c.confirm_with("Deny").await;
        c.text("Denied “git push --force” for Flaky scraper.").await;
        c.text("No approvals match (of 2).").await;
        dismiss_toasts(&c).await;
        // Approve another from the full list.
        c.browser.goto(&c.url("acme", "/console/approvals")).await.unwrap();
        c.click("button", "Approve “send_email” for Research lead").await;
        c.confirm_with("Approve").await;
        c.text("Approved “send_email” for Research lead.").await;
        c.wait_gone("//button[@aria-label='Approve “send_email” for Research lead']")
            .await;
        assert_eq!(first_column(&c).await.len(), 1, "one request left");
        // Both decisions are events, with who decided; the kind filter keeps only approvals.
        c.click("link", "Events").await;
        c.role("heading", "Events").await;
        c.text("Approval approved").await;
        c.text("decided by: ada@example.com").await;
        choose(&c, "#events-status", "approval").await;
        wait_url(&c, |u| u.contains("status=approval")).await;
        c.wait_gone("//td[normalize-space(.)='Workspace provisioning']")
            .await;
        let kinds = c
            .strings("return [...document.querySelectorAll('tbody tr td:nth-child(2)')].map(td => td.textContent.trim());")
            .await;
        assert_eq!(kinds, ["Approval approved", "Approval denied"], "newest first");
        // Workspace names link to the workspace; search finds a workspace by name.
        fill(&c, "Search events", "flaky").await;
        c.wait_gone("//td[normalize-space(.)='Approval approved']").await;
        c.click("link", "Flaky scraper").await;
        wait_url(&c, |u| u.ends_with("/console/workspaces/a0000000-0000-4000-8000-000000000006")).await;
        c.role("heading", "Flaky scraper").await;
        // A removed workspace keeps the name its creation recorded, marked removed, unlinked.
        c.browser
            .goto(&c.url("acme", "/console/events?q=retired"))
            .await
            .unwrap();
        c.role("heading", "Events").await;
        c.text("(removed)").await;
        let cells = c
            .strings("return [...document.querySelectorAll('tbody tr td:nth-child(3)')].map(td => td.textContent.trim() + '|' + td.querySelectorAll('a').length);")
            .await;
        assert!(!cells.is_empty(), "the removed workspace's events are found by its name");
        assert!(
            cells.iter().all(|c| c == "Retired helper (removed)|0"),
            "{cells:?}"
        );
        // Its address, typed or kept from before, says so, with a way back.
        c.browser
            .goto(&c.url("acme", "/console/workspaces/a0000000-0000-4000-8000-00000000000a"))
            .await
            .unwrap();
        c.role("heading", "This workspace is not here").await;
        c.click("link", "All workspaces").await;
        c.role("heading", "Workspaces").await;
        let errors = js_errors(&c).await;
        assert!(errors.is_empty(), "{errors:?}");
    })
    .await;
}
