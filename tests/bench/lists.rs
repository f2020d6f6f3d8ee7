//! Lists at scale: acme's workspace list in headless Chromium, once on the demo seed (ten
//! workspaces) and once on `--seed scale` (5,000 more):
//! - time to content: from navigation start to the first row on screen, median of `LOADS`
//!   loads (the tenant's list call included; its server time is printed beside it);
//! - typing into the list's search box at 5,000 rows: real keystrokes (WebDriver), each timed in
//!   the page from its `input` event (a capturing listener, before the console's handler) to
//!   the DOM change (a MutationObserver) and to the next paint (the `requestAnimationFrame`
//!   after it, then a task: the frame has been drawn). Median over the keystrokes.
//!
//! Targets (issue 13): typing repaint <= 16 ms median; load at 5,000 rows <= 2x the demo's.

use molecule_e2e::{Ctx, WAIT};
use std::sync::Mutex;

/// Loads per seed.
const LOADS: usize = 10;
/// The list's first row.
const ROW: &str = "[aria-label='Workspaces'] tbody tr";
/// The list's search box (`ListControls`).
const SEARCH: &str = "#workspaces-search";
/// Typed one key at a time: a word, erased, another word (20 keystrokes).
const KEYS: &[&str] = &[
    "r", "e", "v", "i", "e", "w", "e", "r", "\u{E003}", "\u{E003}", "\u{E003}", "\u{E003}",
    "\u{E003}", "\u{E003}", "\u{E003}", "\u{E003}", "d", "o", "c", "s",
];

/// The demo seed's median load (ms), for the ratio printed with the scale run.
pub static DEMO_LOAD: Mutex<Option<f64>> = Mutex::new(None);

/// Resolves with [ms since navigation start to the first row, server ms of the list call, its
/// body's bytes].
const LOADED_AT: &str = "
    const [selector, done] = arguments;
    const look = () => {
        if (!document.querySelector(selector)) return requestAnimationFrame(look);
        const at = performance.now();
        const call = performance.getEntriesByType('resource')
            .filter(e => new URL(e.name).pathname.endsWith('/workspaces'));
        const last = call[call.length - 1];
        done([at, last ? last.responseStart - last.requestStart : null, last ? last.decodedBodySize : null]);
    };
    look();";

/// Times every `input` event of the search box until the next paint.
const TIME_INPUT: &str = "
    const input = document.querySelector(arguments[0]);
    window.__typed = [];
    input.addEventListener('input', () => {
        const t0 = performance.now();
        let dom = null;
        const mo = new MutationObserver(() => { if (dom === null) dom = performance.now() - t0; });
        mo.observe(document.querySelector('main') || document.body,
            { subtree: true, childList: true, characterData: true, attributes: true });
        requestAnimationFrame(() => setTimeout(() => {
            mo.disconnect();
            window.__typed.push([performance.now() - t0, dom]);
        }, 0));
    }, true);";

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    if n.is_multiple_of(2) {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    } else {
        v[n / 2]
    }
}

/// Signs in as Ada and opens acme's workspaces once (the tenant host's sign-in hand-off).
async fn to_workspaces(c: &Ctx) {
    c.browser.goto(&c.url("app", "/")).await.unwrap();
    c.browser
        .wait()
        .at_most(WAIT)
        .for_element(fantoccini::Locator::XPath(
            "//button[contains(., 'Continue as Ada Lovelace')]",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait_css("table.table tbody tr").await;
    c.browser
        .goto(&c.url("acme", "/console/workspaces"))
        .await
        .unwrap();
    c.wait_css(ROW).await;
}

/// The workspace list's median time to content over `LOADS` loads, and the list call's
/// median server time.
async fn load_time(c: &Ctx) -> (f64, f64, f64) {
    let (mut at, mut server, mut bytes) = (Vec::new(), Vec::new(), 0.0);
    for _ in 0..LOADS {
        c.browser
            .goto(&c.url("acme", "/console/workspaces"))
            .await
            .unwrap();
        let v = c
            .browser
            .execute_async(LOADED_AT, vec![ROW.into()])
            .await
            .unwrap();
        let v: Vec<Option<f64>> = serde_json::from_value(v).unwrap();
        at.push(v[0].unwrap());
        server.push(v[1].unwrap_or(f64::NAN));
        bytes = v[2].unwrap_or(f64::NAN);
    }
    (median(at), median(server), bytes)
}

/// The demo seed: the reference load time.
pub async fn demo(c: Ctx) {
    to_workspaces(&c).await;
    let (load, server, bytes) = load_time(&c).await;
    println!(
        "workspace list, demo seed: content at {load:.0} ms median ({LOADS} loads; list call {server:.0} ms on the server, {bytes:.0} B)"
    );
    *DEMO_LOAD.lock().unwrap() = Some(load);
}

/// `--seed scale`: load time at 5,000 rows, and typing into the search box.
pub async fn scale(c: Ctx) {
    to_workspaces(&c).await;
    let pager = c.wait_css("nav.pager [role=status]").await;
    let shown = pager.text().await.unwrap();
    let (load, server, bytes) = load_time(&c).await;
    let ratio = DEMO_LOAD
        .lock()
        .unwrap()
        .map_or(String::new(), |d| format!(", {:.2}x the demo's", load / d));
    println!(
        "workspace list, scale seed ({shown}): content at {load:.0} ms median ({LOADS} loads; list call {server:.0} ms on the server, {bytes:.0} B){ratio}"
    );
    c.browser
        .execute(TIME_INPUT, vec![SEARCH.into()])
        .await
        .unwrap();
    let input = c.wait_css(SEARCH).await;
    input.click().await.unwrap();
    for key in KEYS {
        input.send_keys(key).await.unwrap();
        // A typist's pace; every keystroke is timed on its own.
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    }
    let v = c
        .browser
        .execute("return window.__typed;", vec![])
        .await
        .unwrap();
    let typed: Vec<(f64, Option<f64>)> = serde_json::from_value(v).unwrap();
    assert_eq!(typed.len(), KEYS.len(), "every keystroke was timed");
    // The address follows once the typing pauses.
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    let url = c.browser.current_url().await.unwrap().to_string();
    assert!(
        url.contains("q=docs"),
        "the search reached the address: {url}"
    );
    let paint: Vec<f64> = typed.iter().map(|t| t.0).collect();
    let dom: Vec<f64> = typed.iter().filter_map(|t| t.1).collect();
    let max = paint.iter().copied().fold(0.0, f64::max);
    println!(
        "typing into the workspace search at 5,000 rows: input to next paint {:.1} ms median, max {max:.1} ms; input to DOM change {:.1} ms median ({} keystrokes, {} changed the DOM)",
        median(paint.clone()),
        if dom.is_empty() {
            f64::NAN
        } else {
            median(dom.clone())
        },
        paint.len(),
        dom.len()
    );
}
