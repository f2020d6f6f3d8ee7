//! Any role: keyboard, phone, and a console whose code cannot be fetched.

use super::*;

/// Which area packs the page has fetched so far.
const PACKS: &str = "return performance.getEntriesByType('resource')
    .map(e => e.name).filter(n => n.includes('/pack_')).map(n => n.split('/').pop());";

/// Points at the element `selector` picks (as a mouse would: a bubbling pointer event named
/// `event`) and waits until the page has fetched the pack named `pack`; fails if it never does.
async fn point_at_and_await_pack(c: &Ctx, selector: &str, event: &str, pack: &str) {
    c.browser
        .execute(
            "document.querySelector(arguments[0])
                .dispatchEvent(new PointerEvent(arguments[1], { bubbles: true }));",
            vec![json!(selector), json!(event)],
        )
        .await
        .unwrap();
    let mut fetched = Vec::new();
    for _ in 0..100 {
        fetched = c.strings(PACKS).await;
        if fetched.iter().any(|n| n.contains(pack)) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("pointing at {selector} never fetched {pack}: {fetched:?}");
}

/// Points at the link to `href` and waits for the pack named `pack`.
async fn point_at_link_and_await_pack(c: &Ctx, href: &str, pack: &str) {
    point_at_and_await_pack(c, &format!("a[href='{href}']"), "pointerover", pack).await;
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
async fn the_switchers_code_comes_when_its_button_is_pointed_at_and_its_absence_is_said() {
    // The popup is a pack of its own: not fetched with the organization's pages, fetched when
    // a person points at the button, so the click waits for nothing.
    run(|c| async move {
        signed_in(&c, "Ada Lovelace", "/orgs/acme/members").await;
        c.role("heading", "People").await;
        let button = c.role("button", "Switch organization: Acme Robotics").await;
        let before = c.strings(PACKS).await;
        assert!(
            before.iter().all(|n| !n.contains("console_org_switcher")),
            "{before:?}"
        );
        point_at_and_await_pack(&c, ".org-switcher", "pointerenter", "console_org_switcher").await;
        button.click().await.unwrap();
        c.role("combobox", "Find an organization").await;
        c.text("5 organizations.").await;
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
    // Without its pack (a deployment replaced the files while the tab was open) the popup says
    // so, and the page goes on working.
    let build = tempfile::tempdir().unwrap();
    let skipped = copy_build_without(&dist_dir(), build.path(), "console_org_switcher");
    assert_eq!(skipped, 1, "the switcher's popup is a wasm pack of its own");
    run_with_dist(build.path().to_path_buf(), |c| async move {
        signed_in(&c, "Ada Lovelace", "/orgs/acme/members").await;
        c.role("heading", "People").await;
        c.click("button", "Switch organization: Acme Robotics")
            .await;
        c.text("The organization switcher could not be loaded.")
            .await;
        c.click("link", "Billing").await;
        c.role("heading", "Plan and credits").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn pointing_at_a_link_fetches_its_area_before_the_click() {
    run(|c| async move {
        signed_in(&c, "Ada Lovelace", "/").await;
        c.role("heading", "Organizations").await;
        c.role("link", "New organization").await;
        point_at_link_and_await_pack(&c, "/orgs/new", "console_org_create").await;
        c.click("link", "New organization").await;
        c.role("heading", "New organization").await;
        // The click fetched no code of its own.
        let after = c.strings(PACKS).await;
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
async fn a_tenant_host_prefetches_its_own_console_and_other_areas_only_on_intent() {
    const IDLE_DONE: &str =
        "return performance.getEntriesByName('console-idle-prefetch').length > 0 ? ['yes'] : [];";
    run(|c| async move {
        on_acme(&c, "Ada Lovelace", "/console/workspaces").await;
        c.role("heading", "Workspaces").await;
        // The idle pass runs a second after the page is drawn.
        let mut idle = Vec::new();
        for _ in 0..200 {
            idle = c.strings(IDLE_DONE).await;
            if !idle.is_empty() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert!(!idle.is_empty(), "the idle prefetch never ran");
        let fetched = c.strings(PACKS).await;
        assert!(
            !fetched.iter().any(|n| n.contains("console_org_pages")),
            "idle time fetched the org pages' code on a tenant host: {fetched:?}"
        );
        // Pointing at the organization's link fetches its area.
        point_at_link_and_await_pack(&c, "/orgs/acme", "console_org_pages").await;
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
        c.role("heading", "People").await;
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
            ("/orgs/acme/members", "People"),
            ("/orgs/acme/billing", "Plan and credits"),
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
        for path in [
            "/console",
            "/console/workspaces",
            "/console/approvals",
            "/console/events",
            "/console/api-keys",
            "/console/secrets",
            "/console/templates",
        ] {
            c.browser.goto(&c.url("acme", path)).await.unwrap();
            c.wait_css("main#main h1").await;
            c.text("Organization Acme").await;
            fits_the_screen(&c, path).await;
        }
        // A row's menu opens whole on screen, although its button sits at the end of a table
        // that scrolls sideways here.
        c.browser.goto(&c.url("acme", "/console/workspaces")).await.unwrap();
        c.menu_item("Actions for Research lead", "Restart").await;
        let inside = c
            .browser
            .execute(
                "const m = document.querySelector('[role=menu]:popover-open').getBoundingClientRect(); \
                 return m.width > 0 && m.left >= 0 && m.right <= window.innerWidth && m.top >= 0 && m.bottom <= window.innerHeight;",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(inside, json!(true), "the row menu is not whole on screen");
        screenshot(&c, "phone-workspace-row-menu").await;
        press(&c, ESCAPE).await;
        c.click("link", "Research lead").await;
        c.role("heading", "Settings").await;
        fits_the_screen(&c, "a workspace").await;
        let here = current_url(&c).await;
        for (tab, heading) in [
            ("settings", "Settings"),
            ("budget", "Budget"),
            ("secrets", "Workspace secrets"),
            ("tokens", "Workspace tokens"),
            ("plugins", "Plugin allowlist"),
            ("bundle", "Bundle"),
        ] {
            c.browser.goto(&format!("{here}/{tab}")).await.unwrap();
            c.role("heading", heading).await;
            fits_the_screen(&c, &format!("workspace {tab}")).await;
        }
    })
    .await;
}

/// The palette's options, top to bottom, until the first one is `first`.
async fn options_from(c: &Ctx, first: &str) -> Vec<String> {
    let deadline = tokio::time::Instant::now() + molecule_e2e::WAIT;
    loop {
        let shown = c
            .strings("return [...document.querySelectorAll('[role=listbox] [role=option] > span:first-child')].map(s => s.textContent.trim());")
            .await;
        if shown.first().is_some_and(|f| f == first) {
            return shown;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the palette shows {shown:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_command_palette_opens_from_the_keyboard_or_the_header_and_jumps_anywhere() {
    run(|c| async move {
        signed_in(&c, "Ada Lovelace", "/").await;
        c.role("heading", "Organizations").await;
        // Ctrl+K: a modal dialog whose combobox has focus.
        press(&c, CTRL_K).await;
        let input = c.role("combobox", "Search or jump to").await;
        wait_focus(&c, "[role=dialog][aria-modal=true] [role=combobox]").await;
        input.send_keys("operator").await.unwrap();
        let shown = options_from(&c, "Operator: all organizations").await;
        assert_eq!(shown.len(), 6, "{shown:?}");
        // The sheet's pictures of the components that only show on request.
        screenshot(&c, "component-palette").await;
        wait_attr(&input, "aria-activedescendant", Some("palette-option-0")).await;
        // Tab stays inside the dialog.
        for _ in 0..3 {
            press(&c, TAB).await;
            assert!(focus_in(&c, "[role=dialog]").await, "Tab left the palette");
        }
        c.role("combobox", "Search or jump to")
            .await
            .click()
            .await
            .unwrap();
        press(&c, DOWN).await;
        wait_attr(&input, "aria-activedescendant", Some("palette-option-1")).await;
        let second = c.wait_css("#palette-option-1").await;
        wait_attr(&second, "aria-selected", Some("true")).await;
        press(&c, ENTER).await;
        wait_url(&c, |u| u.ends_with("/operator/orgs/new")).await;
        c.wait_gone("//*[@role='dialog']").await;
        // The header's button; Escape closes and gives focus back to it.
        c.click("button", "Search or jump to…").await;
        let input = c.role("combobox", "Search or jump to").await;
        wait_focus(&c, "[role=combobox]").await;
        input.send_keys("acme").await.unwrap();
        options_from(&c, "Acme Robotics (acme)").await;
        press(&c, ESCAPE).await;
        c.wait_gone("//*[@role='dialog']").await;
        wait_focus(&c, ".palette-button").await;
        // "?" shows the shortcuts; Escape closes them.
        press(&c, "?").await;
        c.role("dialog", "Keyboard shortcuts").await;
        c.text("Open the command palette").await;
        screenshot(&c, "component-shortcuts-dialog").await;
        press(&c, ESCAPE).await;
        c.wait_gone("//*[@role='dialog']").await;
        wait_focus(&c, ".palette-button").await;
        // The palette offers the shortcuts too.
        press(&c, CTRL_K).await;
        c.role("combobox", "Search or jump to")
            .await
            .send_keys("keyboard")
            .await
            .unwrap();
        options_from(&c, "Keyboard shortcuts").await;
        press(&c, ENTER).await;
        c.role("dialog", "Keyboard shortcuts").await;
        press(&c, ESCAPE).await;
        c.wait_gone("//*[@role='dialog']").await;
        // On an organization's own host it finds workspaces by name.
        to_acme(&c, "/console/api-keys").await;
        c.role("heading", "API keys").await;
        press(&c, CTRL_K).await;
        c.role("combobox", "Search or jump to")
            .await
            .send_keys("ticket")
            .await
            .unwrap();
        options_from(&c, "Ticket writer").await;
        press(&c, ENTER).await;
        wait_url(&c, |u| {
            u.ends_with("/console/workspaces/a0000000-0000-4000-8000-000000000004")
        })
        .await;
        c.role("heading", "Ticket writer").await;
        // A workspace's tab by name and tab.
        press(&c, CTRL_K).await;
        c.role("combobox", "Search or jump to")
            .await
            .send_keys("ticket tokens")
            .await
            .unwrap();
        options_from(&c, "Ticket writer: Tokens").await;
        press(&c, ENTER).await;
        wait_url(&c, |u| {
            u.ends_with("/console/workspaces/a0000000-0000-4000-8000-000000000004/tokens")
        })
        .await;
        c.role("heading", "Workspace tokens").await;
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn on_the_console_host_the_palette_opens_an_organizations_members_or_billing() {
    run(|c| async move {
        signed_in(&c, "Ada Lovelace", "/").await;
        c.role("heading", "Organizations").await;
        press(&c, CTRL_K).await;
        let input = c.role("combobox", "Search or jump to").await;
        input.send_keys("delta bill").await.unwrap();
        let shown = options_from(&c, "Delta Inc (delta-inc): Billing").await;
        assert_eq!(shown.len(), 1, "{shown:?}");
        press(&c, ENTER).await;
        wait_url(&c, |u| u.ends_with("/orgs/delta-inc/billing")).await;
        c.role("heading", "Plan and credits").await;
        press(&c, CTRL_K).await;
        let input = c.role("combobox", "Search or jump to").await;
        input.send_keys("acme members").await.unwrap();
        options_from(&c, "Acme Robotics (acme): Members").await;
        press(&c, ENTER).await;
        wait_url(&c, |u| u.ends_with("/orgs/acme/members")).await;
        c.role("heading", "People").await;
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}

/// Clicks the browser must carry out itself, each on a link into the console; returns, for
/// each, whether the console took it over (`defaultPrevented`). A listener added after the
/// console's reads that, then stops the browser from following the link.
const LEFT_TO_THE_BROWSER: &str = "
    const seen = [];
    const spy = e => { seen.push(e.defaultPrevented); e.preventDefault(); };
    window.addEventListener('click', spy);
    const link = (attrs) => {
        const a = document.createElement('a');
        a.href = '/orgs/acme';
        a.textContent = 'x';
        for (const [k, v] of Object.entries(attrs)) a.setAttribute(k, v);
        document.body.append(a);
        return a;
    };
    const click = (a, init) => a.dispatchEvent(
        new MouseEvent('click', Object.assign({ bubbles: true, cancelable: true }, init)));
    for (const key of ['ctrlKey', 'metaKey', 'shiftKey', 'altKey']) click(link({}), { [key]: true });
    click(link({}), { button: 1 });
    click(link({ target: '_blank' }), {});
    click(link({ download: '' }), {});
    click(link({ rel: 'external' }), {});
    const away = link({});
    away.href = 'http://example.invalid/orgs/acme';
    click(away, {});
    window.removeEventListener('click', spy);
    return seen;";

#[tokio::test(flavor = "multi_thread")]
async fn links_stay_in_the_page_layouts_stay_put_and_the_browsers_own_clicks_are_left_alone() {
    run(|c| async move {
        signed_in(&c, "Ada Lovelace", "/").await;
        c.role("heading", "Organizations").await;
        let taken = c
            .browser
            .execute(LEFT_TO_THE_BROWSER, vec![])
            .await
            .unwrap();
        assert_eq!(
            taken,
            json!(vec![false; 9]),
            "modifier keys, middle button, target, download, rel=external, other origin"
        );
        assert_eq!(
            current_url(&c).await,
            c.url("app", "/"),
            "none of them navigated"
        );
        // A link moves within the page: no reload (a mark on the window survives).
        c.browser
            .execute("window.__kept = 'yes'; return null;", vec![])
            .await
            .unwrap();
        c.wait_css("a[href='/orgs/acme']")
            .await
            .click()
            .await
            .unwrap();
        let members = c.role("link", "Members").await;
        wait_url(&c, |u| u.ends_with("/orgs/acme")).await;
        // The layout stays while its tabs change: the same tab bar, marked, is still there.
        c.browser
            .execute(
                "document.querySelector('nav.tabs').dataset.kept = 'yes'; return null;",
                vec![],
            )
            .await
            .unwrap();
        members.click().await.unwrap();
        wait_attr(&members, "aria-current", Some("page")).await;
        wait_url(&c, |u| u.ends_with("/orgs/acme/members")).await;
        let kept = "return [window.__kept, document.querySelector('nav.tabs').dataset.kept];";
        assert_eq!(
            c.browser.execute(kept, vec![]).await.unwrap(),
            json!(["yes", "yes"])
        );
        // Back and forward follow the history the links wrote.
        c.browser.back().await.unwrap();
        wait_attr(&members, "aria-current", None).await;
        wait_url(&c, |u| u.ends_with("/orgs/acme")).await;
        c.browser.forward().await.unwrap();
        wait_attr(&members, "aria-current", Some("page")).await;
        c.browser.back().await.unwrap();
        c.browser.back().await.unwrap();
        c.role("heading", "Organizations").await;
        let window_kept = c
            .browser
            .execute("return window.__kept;", vec![])
            .await
            .unwrap();
        assert_eq!(
            window_kept,
            json!("yes"),
            "back to the list without a reload"
        );
        // An address under a layout that no page has is not found, and says so.
        c.browser
            .goto(&c.url("app", "/orgs/acme/nope"))
            .await
            .unwrap();
        c.role("heading", "Page not found").await;
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}
