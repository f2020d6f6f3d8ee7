//! Load benchmark (not a test), in headless Chromium against the devserver (demo seed,
//! loopback), with every figure read from the browser's own timing entries:
//! - the first visit with nothing cached (the console's sign-in page: page, CSS, JS, main module),
//!   files and bytes on the wire (`transferSize`: compressed bodies plus headers);
//! - the organizations list painted after navigation, median of 20 loads (a returning user);
//! - every route's first visit in one session (its lazy chunks are fetched then; files the
//!   browser already holds come from its cache): files fetched, bytes on the wire and the time
//!   from navigation start to the route's content on screen.
//!
//! Run through `scripts/bench.sh`.

use fantoccini::Locator;
use molecule_e2e::{Ctx, WAIT, run};

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
];

/// Files fetched over the network since the navigation, and their bytes on the wire.
const WIRE: &str = "
    const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
    const fetched = entries.filter(e => e.transferSize > 0);
    return [fetched.length, fetched.reduce((n, e) => n + e.transferSize, 0),
            fetched.filter(e => e.name.endsWith('.wasm')).reduce((n, e) => n + e.transferSize, 0)];";

/// Resolves with the time (ms since navigation start) the selector first matches.
const CONTENT_AT: &str = "
    const [selector, done] = arguments;
    const look = () => document.querySelector(selector)
        ? done(performance.now()) : requestAnimationFrame(look);
    look();";

async fn wire(c: &Ctx) -> (u64, u64, u64) {
    let v = c.browser.execute(WIRE, vec![]).await.unwrap();
    let n: Vec<f64> = serde_json::from_value(v).unwrap();
    (n[0] as u64, n[1] as u64, n[2] as u64)
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    run(|c| async move {
        // 1. Nothing cached: the console's own sign-in page.
        c.browser.goto(&c.url("app", "/sign-in")).await.unwrap();
        c.wait_css("main#main").await;
        let (files, bytes, wasm) = wire(&c).await;
        println!(
            "first visit, nothing cached: {files} files, {bytes} bytes on the wire ({wasm} of them wasm)"
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
        let (files, bytes, _) = wire(&c).await;
        samples.sort_by(|a, b| a.total_cmp(b));
        let median = (samples[LOADS / 2 - 1] + samples[LOADS / 2]) / 2.0;
        println!(
            "org list painted after navigation: median {median:.0} ms, min {:.0} ms, p90 {:.0} ms, max {:.0} ms ({LOADS} loads); a return visit fetches {files} files, {bytes} bytes",
            samples[0],
            samples[LOADS * 9 / 10 - 1],
            samples[LOADS - 1]
        );
        // 3. Every route's first visit.
        println!("{:<18} {:<34} {:>5} {:>9} {:>9} {:>8}", "route", "path", "files", "wire B", "wasm B", "content");
        for (host, path, selector, what) in ROUTES {
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
            let (files, bytes, wasm) = wire(&c).await;
            println!("{what:<18} {:<34} {files:>5} {bytes:>9} {wasm:>9} {at:>6.0}ms", format!("{host}{path}"));
        }
    })
    .await;
}
