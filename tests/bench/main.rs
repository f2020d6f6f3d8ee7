//! Load-time benchmark (not a test): median time from navigation start to the organizations
//! list painted, over 20 loads in headless Chromium against the devserver.
//! Also lists the files the list page fetched (`loaded <path>` lines). Run through
//! `scripts/bench.sh`, which reports the bundle sizes and the gzip transfer of those files.

use fantoccini::Locator;
use molecule_e2e::{WAIT, run};

const LOADS: usize = 20;

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    run(|c| async move {
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
        c.browser.wait().at_most(WAIT).for_element(Locator::Css("table.table")).await.unwrap();
        let mut samples = Vec::with_capacity(LOADS);
        for _ in 0..LOADS {
            c.browser.goto(&c.url("app", "/")).await.unwrap();
            c.browser.wait().at_most(WAIT).for_element(Locator::Css("table.table tbody tr")).await.unwrap();
            let ms = c
                .browser
                .execute(
                    "const m = performance.getEntriesByName(arguments[0]); return m.length ? m[0].startTime : null;",
                    vec![serde_json::json!(molecule_console_mark())],
                )
                .await
                .unwrap();
            samples.push(ms.as_f64().expect("the list set its performance mark"));
        }
        // What the list page fetched: scripts/bench.sh sums the gzip size of these files.
        let loaded = c
            .browser
            .execute(
                "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname);",
                vec![],
            )
            .await
            .unwrap();
        for path in loaded.as_array().expect("a list of paths") {
            println!("loaded {}", path.as_str().unwrap_or_default());
        }
        samples.sort_by(|a, b| a.total_cmp(b));
        let median = (samples[LOADS / 2 - 1] + samples[LOADS / 2]) / 2.0;
        println!(
            "org list painted after navigation: median {median:.0} ms, min {:.0} ms, p90 {:.0} ms, max {:.0} ms ({LOADS} loads)",
            samples[0],
            samples[LOADS * 9 / 10 - 1],
            samples[LOADS - 1]
        );
    })
    .await;
}

/// The mark the console sets when the list renders (`pages::orgs::list::PAINT_MARK`).
fn molecule_console_mark() -> &'static str {
    "orgs-list-painted"
}
