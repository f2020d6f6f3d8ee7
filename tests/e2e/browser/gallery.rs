//! The design system's gallery: every shared component, found on the real pages an owner
//! sees (demo seed) and saved on its own, in the light and the dark theme, as
//! `target/screenshots/component-<name>-<theme>.png` for `scripts/screenshot-sheet.py`.
//! Each component must be on its page and visible, so the test fails when one disappears.

use super::*;
use fantoccini::elements::Element;
use molecule_e2e::role_xpath;

/// A read that fails (the overview's approvals tile shows its error box with "Try again") and
/// one slow enough to see its skeleton (the API keys page's list, not waited for).
const FAULTS: &str = "GET /approvals/pending=503,GET /org/tokens=latency:5000";

/// The themes each component is saved in, side by side on the sheet.
const THEMES: [&str; 2] = ["light", "dark"];

/// Chrome's DevTools protocol through chromedriver (`goog/cdp/execute`): a picture of a region
/// that spans several elements (a button and the menu it opened), and reduced motion.
#[derive(Debug)]
struct Cdp {
    cmd: &'static str,
    params: serde_json::Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }
    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.cmd, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

/// Switches the page to `theme` in place, as the header's theme button does. The browser
/// reports a wish for reduced motion, so the console's own styles turn transitions off and the
/// picture is never taken halfway between the themes (an injected style would break the
/// console's content security policy).
async fn theme_in_place(c: &Ctx, theme: &str) {
    c.browser
        .issue_cmd(Cdp {
            cmd: "Emulation.setEmulatedMedia",
            params: json!({
                "features": [{ "name": "prefers-reduced-motion", "value": "reduce" }]
            }),
        })
        .await
        .unwrap();
    c.browser
        .execute(
            "document.documentElement.setAttribute('data-theme', arguments[0]);",
            vec![json!(theme)],
        )
        .await
        .unwrap();
}

/// Waits until `xpath` finds an element that is displayed and has a size, and returns it;
/// fails, naming `what`, when it never does.
async fn visible(c: &Ctx, what: &str, xpath: &str) -> Element {
    let deadline = tokio::time::Instant::now() + molecule_e2e::WAIT;
    loop {
        if let Ok(el) = c.browser.find(Locator::XPath(xpath)).await
            && shown(&el).await
        {
            return el;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the {what} is not on the page ({xpath}) at {}:\n{}",
            current_url(c).await,
            c.body_text().await
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// Whether `el` is displayed and takes up room.
async fn shown(el: &Element) -> bool {
    let displayed = el.is_displayed().await.unwrap_or(false);
    let sized = matches!(el.rectangle().await, Ok((_, _, w, h)) if w >= 1.0 && h >= 1.0);
    displayed && sized
}

fn shot_path(name: &str, theme: &str) -> std::path::PathBuf {
    let dir = molecule_e2e::repo_root().join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(format!("component-{name}-{theme}.png"))
}

/// Saves `el` (an element screenshot) as `component-<name>-<theme>.png` in each theme, then
/// goes back to the light theme.
async fn capture(c: &Ctx, name: &str, el: &Element) {
    assert!(shown(el).await, "the {name} is no longer visible");
    for theme in THEMES {
        theme_in_place(c, theme).await;
        let png = el
            .screenshot()
            .await
            .unwrap_or_else(|e| panic!("no screenshot of the {name} ({theme}): {e}"));
        std::fs::write(shot_path(name, theme), png).unwrap();
    }
    theme_in_place(c, "light").await;
}

/// Saves the region around all of `parts` (with a margin for their shadows) in each theme:
/// a component drawn as several boxes, such as a menu button and its open menu. The page
/// scrolls first when the region reaches past the window.
async fn capture_region(c: &Ctx, name: &str, parts: &[&Element]) {
    let mut args = Vec::new();
    for el in parts {
        assert!(shown(el).await, "a part of the {name} is not visible");
        args.push(serde_json::to_value(el).unwrap());
    }
    let rect = c
        .browser
        .execute(
            "const parts = [...arguments], m = 10;
             const union = () => {
                 const rs = parts.map(e => e.getBoundingClientRect());
                 return {
                     left: Math.min(...rs.map(r => r.left)),
                     top: Math.min(...rs.map(r => r.top)),
                     right: Math.max(...rs.map(r => r.right)),
                     bottom: Math.max(...rs.map(r => r.bottom)),
                 };
             };
             let u = union();
             if (u.top < 0 || u.bottom > window.innerHeight) {
                 window.scrollBy(0, u.top - m);
                 u = union();
             }
             const left = Math.max(0, u.left - m), top = Math.max(0, u.top - m);
             const right = Math.min(document.documentElement.clientWidth, u.right + m);
             const bottom = Math.min(window.innerHeight, u.bottom + m);
             return [left + window.scrollX, top + window.scrollY, right - left, bottom - top];",
            args,
        )
        .await
        .unwrap();
    let n = |i: usize| rect[i].as_f64().unwrap();
    let clip = json!({ "x": n(0), "y": n(1), "width": n(2), "height": n(3), "scale": 1 });
    for theme in THEMES {
        theme_in_place(c, theme).await;
        let answer = c
            .browser
            .issue_cmd(Cdp {
                cmd: "Page.captureScreenshot",
                params: json!({ "format": "png", "clip": clip }),
            })
            .await
            .unwrap_or_else(|e| panic!("no screenshot of the {name} ({theme}): {e}"));
        let data = answer["data"].as_str().unwrap_or_default();
        let png = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, data)
            .unwrap_or_else(|e| panic!("the {name}'s screenshot is not base64: {e}"));
        std::fs::write(shot_path(name, theme), png).unwrap();
    }
    theme_in_place(c, "light").await;
}

/// The section of a dashboard or page labelled by the heading `title`.
fn region(title: &str) -> String {
    format!(
        "//section[@aria-labelledby=//h2[normalize-space(.)={}]/@id]",
        molecule_e2e::xpath_literal(title)
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn the_gallery_shows_every_component_in_light_and_dark() {
    run_with_faults(FAULTS, |c| async move {
        // A form row with its label, hint and the error a bad slug gets (before any request).
        signed_in(&c, "Ada Lovelace", "/orgs/new").await;
        c.role("heading", "New organization").await;
        fill(&c, "Name", "Gallery Lab").await;
        fill(&c, "Slug", "gallery_lab").await;
        c.click("button", "Create and continue to payment").await;
        let slug = c.role("textbox", "Slug").await;
        wait_attr(&slug, "aria-invalid", Some("true")).await;
        let field = "//div[contains(@class, 'field')][.//input[@id='org-slug']]";
        let hint = format!("{field}//p[@class='field__hint'][normalize-space(.)!='']");
        visible(&c, "slug's hint", &hint).await;
        let error = format!("{field}//p[@role='alert'][contains(., 'is not allowed')]");
        visible(&c, "slug's error", &error).await;
        let row = slug
            .find(Locator::XPath(
                "./ancestor::div[contains(@class, 'field')][1]",
            ))
            .await
            .unwrap();
        capture(&c, "form-row-error", &row).await;

        // The org's overview: the approvals tile has failed, the others show their figures and
        // charts.
        to_acme(&c, "/console").await;
        c.role("heading", "Overview").await;
        let approvals = region("Pending approvals");
        let retry = format!("{approvals}//button[normalize-space(.)='Try again']");
        visible(&c, "error state's Try again", &retry).await;
        let failed = format!(
            "{approvals}//*[@role='alert']\
             [.//h2[normalize-space(.)='Approvals could not be loaded']]"
        );
        let failed = visible(&c, "error state", &failed).await;
        capture(&c, "error-state", &failed).await;
        let crumbs = visible(&c, "breadcrumbs", "//nav[@aria-label='Breadcrumb']").await;
        capture(&c, "breadcrumbs", &crumbs).await;
        tile_with(&c, "ov-workspaces", "Paused").await;
        let card = visible(&c, "card", &region("Workspaces")).await;
        capture(&c, "card", &card).await;
        chart_with(&c, "ov-spend", 0, "Flaky scraper").await;
        let spend = region("Spend against budget");
        let stat = format!("{spend}//div[@class='stat'][span[normalize-space(.)='Spent']]");
        let stat = visible(&c, "stat tile", &stat).await;
        capture(&c, "stat-tile", &stat).await;
        let bars = format!(
            "{spend}//figure\
             [.//*[@role='img'][starts-with(@aria-label, 'Monthly spend against budget')]]"
        );
        let bars = visible(&c, "bar chart", &bars).await;
        capture(&c, "bar-chart", &bars).await;
        chart_with(&c, "ov-history", 0, "Daily spend").await;
        let line = format!(
            "{}//figure[.//*[@role='img'][starts-with(@aria-label, 'Daily spend')]]",
            region("Spend over time")
        );
        let line = visible(&c, "line chart", &line).await;
        capture(&c, "line-chart", &line).await;

        // The credits burn-down: runway and the projected balance.
        chart_with(&c, "ov-runway", 0, "Projected credit balance").await;
        let runway = visible(&c, "credits burn-down", &region("Credits burn-down")).await;
        capture_region(&c, "burn-down", &[&runway]).await;

        // The org switcher in the header, open on the organizations Ada is in: a combobox.
        let switch = visible(
            &c,
            "org switcher",
            "//header//button[@aria-label='Switch organization: Acme Robotics']",
        )
        .await;
        switch.click().await.unwrap();
        wait_attr(&switch, "aria-expanded", Some("true")).await;
        let popup = role_xpath("dialog", "Switch organization");
        let here = format!("{popup}//*[@role='option'][contains(., 'Acme Robotics')]");
        visible(&c, "org switcher's current organization", &here).await;
        let popup = visible(&c, "org switcher's combobox", &popup).await;
        capture_region(&c, "org-switcher", &[&switch, &popup]).await;
        press(&c, ESCAPE).await;
        wait_attr(&switch, "aria-expanded", Some("false")).await;

        // A page header with its context line, over a list still loading (opened afresh: a
        // move within the console waits for the new page's reads before showing it).
        c.open("acme", "/console/api-keys").await;
        let header = "//div[@class='page-header'][.//h1[normalize-space(.)='API keys']]\
                      [.//p[@class='page-header__context']]";
        let header = visible(&c, "page header with context", header).await;
        capture(&c, "page-header-context", &header).await;
        let controls = visible(&c, "list controls", &role_xpath("search", "Find API keys")).await;
        let loading = role_xpath("status", "Loading: API keys");
        let loading = visible(&c, "loading state", &loading).await;
        capture_region(&c, "loading-state", &[&controls, &loading]).await;

        // The workspaces: a header with its primary action, the list's controls, its sorted
        // table with the pager, a row's menu and the confirmation it asks for.
        c.click("link", "Workspaces").await;
        c.role("link", "Research lead").await;
        let header = "//div[@class='page-header'][.//h1[normalize-space(.)='Workspaces']]";
        let action = format!("{header}//button[normalize-space(.)='New workspace']");
        visible(&c, "page header's primary action", &action).await;
        let header = visible(&c, "page header", header).await;
        capture(&c, "page-header", &header).await;
        c.click("button", "Name").await;
        wait_url(&c, |u| u.contains("sort=name")).await;
        c.role("button", "Name ▲").await;
        let controls = visible(
            &c,
            "list controls",
            &role_xpath("search", "Find workspaces"),
        )
        .await;
        capture(&c, "list-controls", &controls).await;
        let table = format!("{}[.//table]", role_xpath("region", "Workspaces"));
        let table = visible(&c, "table", &table).await;
        let pager = visible(&c, "pager", "//nav[@aria-label='Pages of workspaces']").await;
        capture_region(&c, "table", &[&table, &pager]).await;
        let delete = c.menu_item("Actions for Ticket writer", "Delete").await;
        let button = visible(
            &c,
            "menu button",
            &role_xpath("button", "Actions for Ticket writer"),
        )
        .await;
        let menu = visible(&c, "menu", &role_xpath("menu", "Actions for Ticket writer")).await;
        capture_region(&c, "menu", &[&button, &menu]).await;
        delete.click().await.unwrap();
        let dialog = role_xpath("dialog", "Delete Ticket writer?");
        let dialog = visible(&c, "confirm dialog", &dialog).await;
        capture(&c, "confirm-dialog", &dialog).await;
        c.confirm_with("Cancel").await;
        c.wait_gone("//*[@role='alertdialog']").await;

        // A workspace: its tabs, its facts (a description list) and the copy button beside
        // its id; a change to its settings, saved, says so in a toast.
        c.click("link", "Research lead").await;
        let tabs = "//nav[@aria-label='Workspace sections'][.//a[@aria-current='page']]";
        let tabs = visible(&c, "tabs", tabs).await;
        capture(&c, "tabs", &tabs).await;
        let facts = "//dl[dt[normalize-space(.)='Workspace ID']]";
        let facts = visible(&c, "description list", facts).await;
        capture(&c, "description-list", &facts).await;
        let copy = "//dd[button[@aria-label='Copy workspace ID']]";
        let copy = visible(&c, "copy button", copy).await;
        capture(&c, "copy-button", &copy).await;
        open_tab(&c, "Settings").await;
        fill(&c, "Description", "Leads the research agents").await;
        c.click("button", "Save settings").await;
        let toast = "//*[@role='status']//div[contains(concat(' ', @class, ' '), ' toast ')]\
                     [contains(., 'Settings saved')]";
        let toast = visible(&c, "toast", toast).await;
        capture(&c, "toast", &toast).await;
        dismiss_toasts(&c).await;

        // The command palette and the keyboard shortcuts, from the header and the keyboard.
        c.click("button", "Search or jump to…").await;
        c.role("combobox", "Search or jump to")
            .await
            .send_keys("work")
            .await
            .unwrap();
        let palette = role_xpath("dialog", "Search or jump to");
        let options = format!("{palette}//*[@role='listbox']//*[@role='option']");
        visible(&c, "palette's options", &options).await;
        let palette = visible(&c, "palette", &palette).await;
        capture(&c, "palette", &palette).await;
        press(&c, ESCAPE).await;
        c.wait_gone("//*[@role='dialog']").await;
        press(&c, "?").await;
        let shortcuts = role_xpath("dialog", "Keyboard shortcuts");
        let shortcuts = visible(&c, "shortcuts dialog", &shortcuts).await;
        capture(&c, "shortcuts-dialog", &shortcuts).await;
        press(&c, ESCAPE).await;
        c.wait_gone("//*[@role='dialog']").await;

        // An empty state: the page of a workspace that was removed.
        c.open(
            "acme",
            "/console/workspaces/a0000000-0000-4000-8000-00000000000a",
        )
        .await;
        let empty = "//div[contains(concat(' ', @class, ' '), ' empty ')]\
                     [h1[normalize-space(.)='This workspace is not here']]";
        let empty = visible(&c, "empty state", empty).await;
        capture(&c, "empty-state", &empty).await;

        let errors = js_errors(&c).await;
        assert!(errors.is_empty(), "{errors:?}");
    })
    .await;
}
