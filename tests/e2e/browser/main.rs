//! End-to-end: the release console in headless Chromium against the devserver (demo seed),
//! organised by who is using it: one module per role and its journeys. Helpers live here.
//! Locators are roles and accessible names; waits poll for a condition, never a fixed sleep.

use fantoccini::Locator;
use molecule_e2e::{Ctx, dist_dir, run, run_with_dist, run_with_faults, wait_attr, wait_prop};
use serde_json::json;

mod admin;
mod anyone;
mod gallery;
mod invitee;
mod new_user;
mod operator;
mod owner;
mod owner_tenant;
mod scale;
mod viewer;
mod visitor;

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

/// Picks `value` in the `<select>` that `css` finds (a list's filter, a period), once it is there.
async fn choose(c: &Ctx, css: &str, value: &str) {
    c.wait_css(css).await.select_by_value(value).await.unwrap();
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

/// Opens the tab `name` of the workspace page shown (from its tab bar, not the header's or the
/// overview's links of the same name) and waits until it is the current tab.
async fn open_tab(c: &Ctx, name: &str) {
    let xpath = format!("//nav[@aria-label='Workspace sections']//a[normalize-space(.)='{name}']");
    let tab = c
        .browser
        .wait()
        .at_most(molecule_e2e::WAIT)
        .for_element(Locator::XPath(&xpath))
        .await
        .unwrap_or_else(|_| panic!("no workspace tab {name}"));
    tab.click().await.unwrap();
    wait_attr(&tab, "aria-current", Some("page")).await;
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

/// The id (or tag) of the element that has keyboard focus, and whether it sits in `css`.
async fn focus_in(c: &Ctx, css: &str) -> bool {
    let script = format!(
        "const a = document.activeElement; return !!(a && a.closest({}));",
        serde_json::to_string(css).unwrap()
    );
    c.browser.execute(&script, vec![]).await.unwrap() == json!(true)
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
    screenshot(c, &format!("phone-{what}")).await;
}

/// Form fields that do not sit right under their label (same left edge, just below it); a table
/// row's label (a budget's) is beside its field by design and is not checked.
async fn fields_off_their_labels(c: &Ctx) -> Vec<String> {
    c.strings(
        "return [...document.querySelectorAll('form label[for]')].flatMap(l => {\
               const f = document.getElementById(l.htmlFor);\
               if (!f || l.closest('th, td') || !l.getClientRects().length || !f.getClientRects().length) return [];\
               const a = l.getBoundingClientRect(), b = f.getBoundingClientRect(), gap = b.top - a.bottom;\
               return Math.abs(a.left - b.left) < 2 && gap > -1 && gap < 24 ? [] :\
                 [`${l.textContent.trim()}: label at (${a.left|0}, ${a.bottom|0}), field at (${b.left|0}, ${b.top|0})`];\
             });",
    )
    .await
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
        let off = fields_off_their_labels(c).await;
        assert!(off.is_empty(), "{host}{path}: {off:?}");
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

/// The page shown, once its reads have finished (no skeleton left): its serious or critical
/// axe-core violations and fields away from their labels, each starting with `page`; and its
/// screenshot, saved as `shot`.
async fn judge(c: &Ctx, page: &str, shot: &str) -> Vec<String> {
    c.wait_css("main#main h1").await;
    let deadline = tokio::time::Instant::now() + molecule_e2e::WAIT;
    while c.browser.find(Locator::Css(".skeleton")).await.is_ok()
        && tokio::time::Instant::now() < deadline
    {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let mut found: Vec<String> = c
        .axe()
        .await
        .into_iter()
        .map(|v| format!("{page}: {v}"))
        .collect();
    for v in fields_off_their_labels(c).await {
        found.push(format!("{page}: field off its label: {v}"));
    }
    screenshot(c, shot).await;
    found
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
            "/invitations/demo-invite-pending-0001",
            "/no-such-page",
        ];
        let acme = [
            "/console",
            "/console/workspaces",
            "/console/workspaces/a0000000-0000-4000-8000-000000000001",
            "/console/workspaces/a0000000-0000-4000-8000-000000000001/settings",
            "/console/workspaces/a0000000-0000-4000-8000-000000000001/budget",
            "/console/workspaces/a0000000-0000-4000-8000-000000000001/secrets",
            "/console/workspaces/a0000000-0000-4000-8000-000000000001/tokens",
            "/console/workspaces/a0000000-0000-4000-8000-000000000001/plugins",
            "/console/workspaces/a0000000-0000-4000-8000-000000000001/bundle",
            "/console/approvals",
            "/console/events",
            "/console/api-keys",
            "/console/secrets",
            "/console/templates",
        ];
        let mut found = Vec::new();
        for theme in ["light", "dark"] {
            set_theme(&c, theme).await;
            for (host, paths) in [("app", &app[..]), ("acme", &acme[..])] {
                for path in paths {
                    c.browser.goto(&c.url(host, path)).await.unwrap();
                    let page = format!("{theme} {host}{path}");
                    found.extend(judge(&c, &page, &format!("{who}-{theme}-{host}{path}")).await);
                }
                if host == "app" {
                    // Theme is per host (local storage): set it on acme's host too.
                    c.browser
                        .goto(&c.url("acme", "/console/workspaces"))
                        .await
                        .unwrap();
                    c.wait_css("main#main").await;
                    set_theme(&c, theme).await;
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

/// The text of the overview tile whose heading has the id `id`, once it contains `expect`.
async fn tile_with(c: &Ctx, id: &str, expect: &str) -> String {
    let css = format!("section[aria-labelledby='{id}']");
    let deadline = tokio::time::Instant::now() + molecule_e2e::WAIT;
    loop {
        let text = match c.browser.find(Locator::Css(&css)).await {
            Ok(e) => e.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        if text.contains(expect) {
            return text;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "tile {id} never showed {expect:?}; it shows:\n{text}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// The text alternative of the chart number `n` in the tile `id`, once it contains `expect`.
async fn chart_with(c: &Ctx, id: &str, n: usize, expect: &str) -> String {
    let css = format!("section[aria-labelledby='{id}'] [role=img]");
    let deadline = tokio::time::Instant::now() + molecule_e2e::WAIT;
    loop {
        let label = match c.browser.find_all(Locator::Css(&css)).await {
            Ok(all) if all.len() > n => {
                all[n].attr("aria-label").await.unwrap().unwrap_or_default()
            }
            _ => String::new(),
        };
        if label.contains(expect) {
            return label;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "chart {n} of {id} never said {expect:?}; it says {label:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// Saves what the browser shows as `target/screenshots/<name>.png` (a sheet to look at after a
/// run; `/` and spaces in the name become `-` and `_`).
async fn screenshot(c: &Ctx, name: &str) {
    let dir = molecule_e2e::repo_root().join("target/screenshots");
    let file: String = name
        .chars()
        .map(|ch| match ch {
            '/' => '-',
            ' ' => '_',
            other => other,
        })
        .collect();
    if let Ok(png) = c.browser.screenshot().await
        && std::fs::create_dir_all(&dir).is_ok()
    {
        let _ = std::fs::write(dir.join(format!("{}.png", file.trim_end_matches('-'))), png);
    }
}

/// Chooses the theme for this host (kept in its local storage; read at the next page load).
async fn set_theme(c: &Ctx, theme: &str) {
    c.browser
        .execute(
            "localStorage.setItem('molecule-theme', arguments[0])",
            vec![json!(theme)],
        )
        .await
        .unwrap();
}

/// Ticks the terms checkbox and accepts the terms.
async fn accept_terms(c: &Ctx) {
    c.role("heading", "Accept the terms of service").await;
    c.browser
        .find(Locator::XPath(
            "//label[contains(., 'I have read and accept')]/input",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.click("button", "Accept terms").await;
    c.wait_gone("//h2[normalize-space(.)='Accept the terms of service']")
        .await;
}

/// Keys for `press` and `send_keys` (WebDriver's codes).
pub(crate) const CTRL_K: &str = "\u{e009}k\u{e000}";
pub(crate) const DOWN: &str = "\u{e015}";
pub(crate) const ENTER: &str = "\u{e007}";
pub(crate) const ESCAPE: &str = "\u{e00c}";

/// Presses `keys` where keyboard focus is.
async fn press(c: &Ctx, keys: &str) {
    c.browser
        .active_element()
        .await
        .unwrap()
        .send_keys(keys)
        .await
        .unwrap();
}

/// Waits until focus is in `css`.
async fn wait_focus(c: &Ctx, css: &str) {
    let deadline = tokio::time::Instant::now() + molecule_e2e::WAIT;
    while !focus_in(c, css).await {
        assert!(
            tokio::time::Instant::now() < deadline,
            "focus never reached {css}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}
