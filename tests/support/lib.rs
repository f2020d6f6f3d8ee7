//! End-to-end harness: a devserver on a free loopback port (seeded with the demo data and
//! serving the release build in `dist/`), chromedriver, and headless Debian Chromium.
//!
//! `Harness::run(|browser, server| async { ... })` always closes the browser and stops the
//! server, even when the scenario panics; the panic is then re-raised.

use fantoccini::{Client, ClientBuilder, Locator, elements::Element};
use std::{
    future::Future,
    net::TcpListener,
    path::{Path, PathBuf},
    time::Duration,
};
use tokio::process::{Child, Command};

/// How long a wait-for may take before a test fails.
pub const WAIT: Duration = Duration::from_secs(15);

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .unwrap()
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// What a scenario gets: the browser and where the platform is.
pub struct Ctx {
    pub browser: Client,
    pub port: u16,
    /// Where the browser saves downloads (a directory of this scenario's own).
    pub downloads: PathBuf,
}

impl Ctx {
    /// Waits for a finished download whose file name ends with `suffix`; returns its text.
    pub async fn downloaded(&self, suffix: &str) -> (String, String) {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            if let Ok(entries) = std::fs::read_dir(&self.downloads) {
                for e in entries.flatten() {
                    let name = e.file_name().to_string_lossy().into_owned();
                    if name.ends_with(suffix)
                        && let Ok(text) = std::fs::read_to_string(e.path())
                        && !text.is_empty()
                    {
                        return (name, text);
                    }
                }
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "no download ending with {suffix:?} in {}",
                self.downloads.display()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// `http://<host>.localhost:<port><path>`.
    pub fn url(&self, host: &str, path: &str) -> String {
        format!("http://{host}.localhost:{}{path}", self.port)
    }

    /// Opens a page and waits for the app to mount (the main landmark exists).
    pub async fn open(&self, host: &str, path: &str) {
        self.browser.goto(&self.url(host, path)).await.unwrap();
        self.wait_css("main#main").await;
    }

    /// Waits for a CSS selector; on timeout panics with the URL and what the page shows.
    pub async fn wait_css(&self, css: &str) -> Element {
        match self
            .browser
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
        {
            Ok(e) => e,
            Err(e) => {
                let url = self
                    .browser
                    .current_url()
                    .await
                    .map(|u| u.to_string())
                    .unwrap_or_default();
                let src = self.browser.source().await.unwrap_or_default();
                let logs = self.console_errors().await;
                panic!(
                    "no {css} ({e}) at {url}\nconsole: {logs:?}\n{}",
                    &src[..src.len().min(3000)]
                );
            }
        }
    }

    /// Element by ARIA role and accessible name (exact), waiting for it to appear.
    pub async fn role(&self, role: &str, name: &str) -> Element {
        let xpath = role_xpath(role, name);
        match self
            .browser
            .wait()
            .at_most(WAIT)
            .for_element(Locator::XPath(&xpath))
            .await
        {
            Ok(e) => e,
            Err(e) => {
                let url = self
                    .browser
                    .current_url()
                    .await
                    .map(|u| u.to_string())
                    .unwrap_or_default();
                let text = match self.browser.find(Locator::Css("body")).await {
                    Ok(b) => b.text().await.unwrap_or_default(),
                    Err(_) => String::new(),
                };
                let logs = self.console_errors().await;
                panic!("no {role} named {name:?} ({e}) at {url}\nconsole: {logs:?}\npage:\n{text}")
            }
        }
    }

    /// Waits for the element of `role` named `name` and clicks it.
    pub async fn click(&self, role: &str, name: &str) {
        self.role(role, name).await.click().await.unwrap();
    }

    /// Opens the action menu named `menu` (its button, "Actions for Research lead") and returns
    /// its item `item`, once the menu is open.
    pub async fn menu_item(&self, menu: &str, item: &str) -> Element {
        self.click("button", menu).await;
        let xpath = format!(
            "//*[@role='menu'][@aria-label={}]//*[@role='menuitem'][normalize-space(.)={}]",
            xpath_literal(menu),
            xpath_literal(item)
        );
        self.wait_css(&format!(
            "[role=menu][aria-label={}]:popover-open",
            css_string(menu)
        ))
        .await;
        self.browser.find(Locator::XPath(&xpath)).await.unwrap()
    }

    /// Chooses `item` in the action menu named `menu`.
    pub async fn choose_in_menu(&self, menu: &str, item: &str) {
        self.menu_item(menu, item).await.click().await.unwrap();
    }

    /// Clicks the button labelled `label` inside the open confirm dialog.
    pub async fn confirm_with(&self, label: &str) {
        self.wait_css("[role=alertdialog]").await;
        let xpath = format!(
            "//*[@role='alertdialog']//button[normalize-space(.)={}]",
            xpath_literal(label)
        );
        self.browser
            .find(Locator::XPath(&xpath))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    }

    /// The page's visible text (empty while it cannot be read).
    pub async fn body_text(&self) -> String {
        match self.browser.find(Locator::Css("body")).await {
            Ok(b) => b.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    /// Waits until the page text contains `text`.
    pub async fn text(&self, text: &str) {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let body = self.body_text().await;
            if body.contains(text) {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "page never showed {text:?}; it shows:\n{body}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Browser console messages at level SEVERE since the last call.
    pub async fn console_errors(&self) -> Vec<String> {
        let logs = self.browser.issue_cmd(GetLogs).await.unwrap_or_default();
        logs.as_array()
            .map(|a| {
                a.iter()
                    .filter(|e| e["level"] == "SEVERE")
                    .map(|e| e["message"].as_str().unwrap_or_default().to_string())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Raw HTTP/1.1 GET on loopback with a chosen Host header; returns the response head.
pub async fn http_head(port: u16, host: &str, path: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut s = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .unwrap();
    let req = format!(
        "GET {path} HTTP/1.1\r\nHost: {host}.localhost:{port}\r\nAccept: text/html\r\nSec-Fetch-Mode: navigate\r\nConnection: close\r\n\r\n"
    );
    s.write_all(req.as_bytes()).await.unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).await.unwrap();
    let text = String::from_utf8_lossy(&buf).to_string();
    text.split("\r\n\r\n")
        .next()
        .unwrap_or_default()
        .to_string()
}

/// Waits until `attr` of `el` equals `expected` (`None` = absent). DOM updates from signals land
/// asynchronously, so assertions right after an input event must wait for them.
pub async fn wait_attr(el: &Element, attr: &str, expected: Option<&str>) {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let now = el.attr(attr).await.unwrap();
        if now.as_deref() == expected {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "{attr} stayed {now:?}, expected {expected:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Waits until the DOM property `prop` of `el` equals `expected` (e.g. an input's value).
pub async fn wait_prop(el: &Element, prop: &str, expected: &str) {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let now = el.prop(prop).await.unwrap();
        if now.as_deref() == Some(expected) {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "{prop} stayed {now:?}, expected {expected:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

impl Ctx {
    /// Waits until nothing matches `xpath` any more.
    pub async fn wait_gone(&self, xpath: &str) {
        let deadline = tokio::time::Instant::now() + WAIT;
        while self.browser.find(Locator::XPath(xpath)).await.is_ok() {
            assert!(
                tokio::time::Instant::now() < deadline,
                "{xpath} is still on the page"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

/// XPath for role + accessible name, covering native roles the console uses.
pub fn role_xpath(role: &str, name: &str) -> String {
    let name = &xpath_literal(name);
    let n = format!("normalize-space(.)={name} or @aria-label={name}");
    match role {
        "button" => format!(
            "//button[{n}] | //*[@role='button'][{n}] | //input[@type='submit'][@value={name}]"
        ),
        "link" => format!("//a[{n}]"),
        "columnheader" => format!("//th[{n}] | //*[@role='columnheader'][{n}]"),
        "heading" => format!("//*[self::h1 or self::h2 or self::h3][{n}]"),
        "textbox" => format!(
            "//input[@aria-label={name} or @id=//label[normalize-space(.)={name} or normalize-space(./span[1])={name}]/@for or ancestor::label[normalize-space(./span[1])={name}]]"
        ),
        // A radio button whose label starts with `name` (a hint may follow in the label).
        "radio" => format!(
            "//input[@type='radio'][@aria-label={name} or ancestor::label[normalize-space(./span[1]/text()[1])={name} or normalize-space(.)={name}]]"
        ),
        "dialog" => format!(
            "//*[(@role='dialog' or @role='alertdialog') and (@aria-label={name} or @aria-labelledby=//*[normalize-space(.)={name}]/@id)]"
        ),
        other => format!("//*[@role='{other}'][{n}]"),
    }
}

/// `text` as a CSS string (double-quoted).
pub fn css_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// `text` as an XPath string literal (quoted with whichever quote it does not contain).
pub fn xpath_literal(text: &str) -> String {
    if !text.contains('\'') {
        format!("'{text}'")
    } else if !text.contains('"') {
        format!("\"{text}\"")
    } else {
        let parts: Vec<String> = text.split('\'').map(|p| format!("'{p}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}

#[derive(Debug)]
struct GetLogs;

impl fantoccini::wd::WebDriverCompatibleCommand for GetLogs {
    fn endpoint(
        &self,
        base: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/se/log",
            session_id.unwrap_or_default()
        ))
    }
    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(r#"{"type":"browser"}"#.into()))
    }
}

/// The release build of the console, `dist/` at the repository root.
pub fn dist_dir() -> PathBuf {
    let dist = repo_root().join("dist");
    assert!(
        dist.join("index.html").exists(),
        "build the console first: trunk build --release"
    );
    dist
}

/// Starts everything, runs `scenario`, tears everything down.
pub async fn run<F, Fut>(scenario: F)
where
    F: FnOnce(Ctx) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    run_with_dist(dist_dir(), scenario).await
}

/// [`run`] with the console served from `dist` (a modified copy of the build, say).
pub async fn run_with_dist<F, Fut>(dist: PathBuf, scenario: F)
where
    F: FnOnce(Ctx) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    run_with(dist, "", false, scenario).await
}

/// [`run`] against a devserver seeded with `--seed scale` (the demo data plus lists of
/// thousands: acme's 5,000 workspaces and 200 members, 1,000 more orgs), for the benchmark.
pub async fn run_at_scale<F, Fut>(scenario: F)
where
    F: FnOnce(Ctx) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    run_with(dist_dir(), "", true, scenario).await
}

/// [`run`] against a devserver that injects `faults` (`METHOD /path-prefix=effect,...`), to
/// play a platform that answers differently (an older or newer tenant, a failing route).
pub async fn run_with_faults<F, Fut>(faults: &str, scenario: F)
where
    F: FnOnce(Ctx) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    run_with(dist_dir(), faults, false, scenario).await
}

async fn run_with<F, Fut>(dist: PathBuf, faults: &str, scale: bool, scenario: F)
where
    F: FnOnce(Ctx) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let faults = molecule_devserver::faults::parse(faults).expect("fault rules parse");
    let db = tempfile::NamedTempFile::new().unwrap();
    let server = molecule_devserver::start(molecule_devserver::Config {
        port: 0,
        db: db.path().to_path_buf(),
        seed: true,
        seed_scale: scale,
        dist: Some(dist),
        // Provisioning takes ~20 simulated seconds; make that about two real ones.
        clock_speed: 10.0,
        faults,
        ..molecule_devserver::Config::default()
    })
    .await
    .expect("devserver starts");
    let port = server.addr.port();

    let driver_port = free_port();
    let mut driver: Child = Command::new("chromedriver")
        .arg(format!("--port={driver_port}"))
        .kill_on_drop(true)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("chromedriver on PATH (scripts/setup.sh installs it)");
    let driver_url = format!("http://127.0.0.1:{driver_port}");
    let profile = tempfile::tempdir().unwrap();
    let downloads = tempfile::tempdir().unwrap();
    let caps = serde_json::json!({
        "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-extensions", "--window-size=1280,900",
                format!("--user-data-dir={}", profile.path().display()),
            ],
            "prefs": {
                "download.default_directory": downloads.path().display().to_string(),
                "download.prompt_for_download": false,
                "download.directory_upgrade": true
            }
        },
        "goog:loggingPrefs": { "browser": "ALL" }
    });
    let caps = caps.as_object().unwrap().clone();
    let mut client = None;
    for _ in 0..100 {
        match ClientBuilder::native()
            .capabilities(caps.clone())
            .connect(&driver_url)
            .await
        {
            Ok(c) => {
                client = Some(c);
                break;
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
    let browser = client.expect("chromedriver accepts a session");
    let outcome = tokio::spawn(scenario(Ctx {
        browser: browser.clone(),
        port,
        downloads: downloads.path().to_path_buf(),
    }))
    .await;
    let _ = browser.close().await;
    let _ = driver.kill().await;
    server.shutdown().await;
    if let Err(e) = outcome {
        if e.is_panic() {
            std::panic::resume_unwind(e.into_panic());
        }
        panic!("scenario failed: {e}");
    }
}

/// axe-core's source, installed by `scripts/setup.sh` next to the other npm tools.
fn axe_source() -> &'static str {
    static SOURCE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SOURCE.get_or_init(|| {
        let tools = std::env::var("MOLECULE_TOOLS_DIR").unwrap_or_else(|_| {
            format!(
                "{}/.cache/molecule-tools",
                std::env::var("HOME").unwrap_or_default()
            )
        });
        let path = format!("{tools}/node_modules/axe-core/axe.min.js");
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{path}: {e} (run scripts/setup.sh)"))
    })
}

impl Ctx {
    /// Runs axe-core on the current page (WCAG 2.1 A/AA rules) and returns its serious and
    /// critical violations, each as "rule: selector of up to three offending elements".
    pub async fn axe(&self) -> Vec<String> {
        let loaded = self
            .browser
            .execute("return typeof window.axe !== 'undefined';", vec![])
            .await
            .unwrap();
        if loaded != serde_json::json!(true) {
            self.browser.execute(axe_source(), vec![]).await.unwrap();
        }
        let found = self
            .browser
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
                   .then(r => done(r.violations
                     .filter(v => v.impact === 'serious' || v.impact === 'critical')
                     .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))))
                   .catch(e => done(['axe failed: ' + e]));",
                vec![],
            )
            .await
            .unwrap();
        strings(found)
    }

    /// Runs `script` (which returns an array of strings) in the page.
    pub async fn strings(&self, script: &str) -> Vec<String> {
        strings(self.browser.execute(script, vec![]).await.unwrap())
    }
}

/// The strings of a JSON array (anything else is none).
pub fn strings(v: serde_json::Value) -> Vec<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}
