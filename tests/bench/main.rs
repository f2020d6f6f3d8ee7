//! Load benchmark (not a test), in headless Chromium against the devserver (demo seed,
//! loopback), with every figure read from the browser's own timing entries:
//! - the first visit with nothing cached (the console's sign-in page: page, CSS, JS, main module),
//!   files and bytes on the wire (`transferSize`: compressed bodies plus headers);
//! - the organizations list painted after navigation, median of 20 loads (a returning user);
//! - every route's first visit in one session, the browser's cache emptied before each (then
//!   the sign-in page loads the main module, so the route fetches its own code): files fetched
//!   until the route's content is on screen, their bytes on the wire, the time from navigation
//!   start to the content, and what prefetching fetched after it;
//! - the time from a click on a link to the route's content, the link's area prefetched first
//!   (the link is pointed at and the prefetch's performance mark awaited).
//! - lists at scale (`lists.rs`): the workspace list's load at 5,000 rows against the demo's,
//!   and typing into its search box.
//!
//! Run through `scripts/bench.sh` (`bench lists` runs only the lists part).

mod lists;

use fantoccini::Locator;
use molecule_e2e::{Ctx, WAIT, run, run_at_scale};

const LOADS: usize = 20;

/// (host, path, CSS selector of the route's content, what it is)
const ROUTES: &[(&str, &str, &str, &str)] = &[
    ("app", "/orgs/acme", ".page h1", "org overview"),
    ("app", "/orgs/acme/members", "table tbody tr", "members"),
    (
        "app",
        "/orgs/acme/billing",
        "[data-testid=balance], .page h2",
        "billing",
    ),
    ("app", "/orgs/new", "form input", "new organization"),
    ("app", "/operator", "form input", "operator area"),
    (
        "acme",
        "/console/workspaces",
        "table tbody tr",
        "workspaces",
    ),
    ("acme", "/console/api-keys", ".page h1", "API keys"),
    ("acme", "/console/secrets", ".page h1", "org secrets"),
    ("acme", "/console/templates", "table tbody tr", "templates"),
    ("acme", "/console", "[role=img]", "org overview (acme)"),
    ("acme", "/console/approvals", "table tbody tr", "approvals"),
    ("acme", "/console/events", "table tbody tr", "events"),
    (
        "acme",
        "/console/workspaces/a0000000-0000-4000-8000-000000000001/budget",
        "form input",
        "a workspace's budget tab",
    ),
];

/// Where a click leads to each route (same index as `ROUTES`): the page it starts on, the link,
/// and the bit of the link's area in the console's prefetch marks (`src/prefetch.rs`).
const CLICKS: &[Option<(&str, &str, u8)>] = &[
    Some(("/", "a[href='/orgs/acme']", 1)),
    Some(("/orgs/acme", "a[href='/orgs/acme/members']", 1)),
    Some(("/orgs/acme", "a[href='/orgs/acme/billing']", 1)),
    Some(("/", "a[href='/orgs/new']", 2)),
    None, // no in-app link leads to the operator area
    Some(("/", "a[href='/console/workspaces']", 4)),
    Some(("/", "a[href='/console/api-keys']", 32)),
    Some(("/", "a[href='/console/secrets']", 32)),
    Some(("/", "a[href='/console/templates']", 32)),
    Some(("/console/workspaces", "a[href='/console']", 4)),
    Some(("/", "a[href='/console/approvals']", 4)),
    Some(("/", "a[href='/console/events']", 4)),
    Some((
        "/console/workspaces/a0000000-0000-4000-8000-000000000001",
        "a[href='/console/workspaces/a0000000-0000-4000-8000-000000000001/budget']",
        16,
    )),
];

/// Points at the link, waits for its area's prefetch mark, clicks, and resolves with the ms
/// from the click to new content matching the selector at the link's path.
const CLICK: &str = "
    const [link, bit, selector, done] = arguments;
    const a = document.querySelector(link);
    a.dispatchEvent(new PointerEvent('pointerover', { bubbles: true }));
    const target = new URL(a.href).pathname;
    const go = () => {
        const before = new Set(document.querySelectorAll(selector));
        const t0 = performance.now();
        a.click();
        const look = () => location.pathname === target
            && [...document.querySelectorAll(selector)].some(e => !before.has(e))
            ? done(performance.now() - t0) : requestAnimationFrame(look);
        look();
    };
    const wait = () => performance.getEntriesByName('console-prefetched:' + bit).length
        ? go() : setTimeout(wait, 10);
    wait();";

/// Empties the browser's HTTP cache (Chrome DevTools `Network.clearBrowserCache`).
#[derive(Debug)]
struct ClearCache;

impl fantoccini::wd::WebDriverCompatibleCommand for ClearCache {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = r#"{"cmd":"Network.clearBrowserCache","params":{}}"#;
        (http::Method::POST, Some(body.into()))
    }
}

/// Files fetched over the network since the navigation and started before `arguments[0]` ms
/// (all if absent), their bytes on the wire, of those the wasm bytes, and how many of the files
/// are the console's code or style (`.wasm`, `.js`, `.css`; the rest are the page and its API
/// reads).
const WIRE: &str = "
    const until = arguments[0] ?? Infinity, after = arguments[1] ?? -1;
    const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
    const fetched = entries.filter(e => e.transferSize > 0 && e.startTime <= until && e.startTime > after);
    return [fetched.length, fetched.reduce((n, e) => n + e.transferSize, 0),
            fetched.filter(e => e.name.endsWith('.wasm')).reduce((n, e) => n + e.transferSize, 0),
            fetched.filter(e => /\\.(wasm|js|css)$/.test(new URL(e.name).pathname)).length];";

/// Resolves with the time (ms since navigation start) the selector first matches.
const CONTENT_AT: &str = "
    const [selector, done] = arguments;
    const look = () => document.querySelector(selector)
        ? done(performance.now()) : requestAnimationFrame(look);
    look();";

async fn wire(c: &Ctx) -> (u64, u64, u64, u64) {
    wire_between(c, -1.0, f64::INFINITY).await
}

async fn wire_between(c: &Ctx, after: f64, until: f64) -> (u64, u64, u64, u64) {
    let args = vec![serde_json::json!(until.min(1e12)), serde_json::json!(after)];
    let v = c.browser.execute(WIRE, args).await.unwrap();
    let n: Vec<f64> = serde_json::from_value(v).unwrap();
    (n[0] as u64, n[1] as u64, n[2] as u64, n[3] as u64)
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    if !std::env::args().any(|a| a == "lists") {
        routes().await;
    }
    run(lists::demo).await;
    run_at_scale(lists::scale).await;
}

/// Sizes on the wire, the org list's paint and every route's first visit (demo seed).
async fn routes() {
    run(|c| async move {
        // 1. Nothing cached: the console's own sign-in page.
        c.browser.goto(&c.url("app", "/sign-in")).await.unwrap();
        c.wait_css("main#main").await;
        let (files, bytes, wasm, code) = wire(&c).await;
        println!(
            "first visit, nothing cached: {files} files ({code} of code and style), {bytes} bytes on the wire ({wasm} of them wasm)"
        );
        // Sign in once as the demo user with the most organizations.
        c.browser.goto(&c.url("app", "/")).await.unwrap();
        c.browser
            .wait()
            .at_most(WAIT)
            .for_element(Locator::XPath("//button[contains(., 'Continue as Ada Lovelace')]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        c.wait_css("table.table tbody tr").await;
        // 2. The list page, returning user.
        let mut samples = Vec::with_capacity(LOADS);
        for _ in 0..LOADS {
            c.browser.goto(&c.url("app", "/")).await.unwrap();
            c.wait_css("table.table tbody tr").await;
            let ms = c
                .browser
                .execute(
                    "const m = performance.getEntriesByName(arguments[0]); return m.length ? m[0].startTime : null;",
                    vec![serde_json::json!("orgs-list-painted")],
                )
                .await
                .unwrap();
            samples.push(ms.as_f64().expect("the list set its performance mark"));
        }
        let (files, bytes, _, _) = wire(&c).await;
        samples.sort_by(|a, b| a.total_cmp(b));
        let median = (samples[LOADS / 2 - 1] + samples[LOADS / 2]) / 2.0;
        println!(
            "org list painted after navigation: median {median:.0} ms, min {:.0} ms, p90 {:.0} ms, max {:.0} ms ({LOADS} loads); a return visit fetches {files} files, {bytes} bytes",
            samples[0],
            samples[LOADS * 9 / 10 - 1],
            samples[LOADS - 1]
        );
        // 3. Every route's first visit, nothing of it cached.
        println!(
            "{:<18} {:<34} {:>8} {:>9} {:>9} {:>8} {:>16} {:>8}",
            "route", "path", "files", "wire B", "wasm B", "content", "then prefetched", "click"
        );
        println!(
            "(files: all of the route's requests, and in brackets those of code and style; the rest are the page and its API reads)"
        );
        for (i, (host, path, selector, what)) in ROUTES.iter().enumerate() {
            c.browser.issue_cmd(ClearCache).await.unwrap();
            c.browser.goto(&c.url(host, "/sign-in")).await.unwrap();
            c.wait_css("main#main").await;
            c.browser.goto(&c.url(host, path)).await.unwrap();
            c.wait_css(selector).await;
            // Sign-in hand-offs between hosts happen on the way: measure the route's own load.
            let at = c
                .browser
                .execute_async(CONTENT_AT, vec![serde_json::json!(selector)])
                .await
                .unwrap()
                .as_f64()
                .unwrap_or(f64::NAN);
            let (files, bytes, wasm, code) = wire_between(&c, -1.0, at).await;
            let files = format!("{files} ({code})");
            // What the idle prefetch fetches after the content is on screen (it waits a second).
            tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
            let (later, later_bytes, _, _) = wire_between(&c, at, f64::INFINITY).await;
            let click = match CLICKS[i] {
                Some((from, link, bit)) => {
                    c.browser.goto(&c.url(host, from)).await.unwrap();
                    c.wait_css(link).await;
                    let ms = c
                        .browser
                        .execute_async(CLICK, vec![link.into(), bit.into(), (*selector).into()])
                        .await
                        .unwrap()
                        .as_f64()
                        .unwrap_or(f64::NAN);
                    format!("{ms:.0}ms")
                }
                None => "-".into(),
            };
            println!(
                "{what:<18} {:<34} {files:>8} {bytes:>9} {wasm:>9} {at:>6.0}ms {:>16} {click:>8}",
                format!("{host}{path}"),
                format!("{later} f, {later_bytes} B")
            );
        }
    })
    .await;
}
