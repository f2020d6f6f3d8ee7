//! A signed-out visitor and sessions: what arrives, where links lead, signing in and out.

use super::*;

#[tokio::test(flavor = "multi_thread")]
async fn the_sign_in_page_tells_someone_signed_in_and_shows_the_way_on() {
    run(|c| async move {
        signed_in(&c, "Ada Lovelace", "/").await;
        c.role("heading", "Organizations").await;
        // Signed in already: no second sign-in, but who it is and the way on.
        c.open("app", "/sign-in").await;
        c.role("heading", "You are signed in").await;
        c.text("Signed in as ada@example.com.").await;
        let again = molecule_e2e::role_xpath("link", "Continue to sign in");
        assert!(c.browser.find(Locator::XPath(&again)).await.is_err());
        c.click("link", "Go to your organizations").await;
        c.role("heading", "Organizations").await;
        // Sent here from a page of the console: back to that page.
        let back = c.url("app", "/orgs/acme/members");
        c.open("app", &format!("/sign-in?return_to={back}")).await;
        c.click("link", "Continue where you were").await;
        c.role("heading", "People").await;
        assert!(current_url(&c).await.ends_with("/orgs/acme/members"));
        // Another account: signing out first leads to the sign-in page proper.
        c.open("app", "/sign-in").await;
        c.click("button", "Sign out first").await;
        c.role("link", "Continue to sign in").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_expired_session_returns_to_the_same_page_after_sign_in() {
    run(|c| async move {
        signed_in(&c, "Ada Lovelace", "/orgs/acme").await;
        c.role("heading", "Data").await;
        // The session ends behind the page's back (cookie dropped), then the page makes a call.
        c.browser.delete_cookie("mcp_session").await.unwrap();
        c.click("button", "Download export").await;
        sign_in_as(&c, "Ada Lovelace").await;
        wait_url(&c, |u| u.ends_with("/orgs/acme")).await;
        c.role("heading", "Data").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn console_pages_carry_a_strict_csp() {
    run(|c| async move {
        for (host, path) in [("app", "/"), ("app", "/orgs/acme"), ("acme", "/")] {
            let head = molecule_e2e::http_head(c.port, host, path)
                .await
                .to_ascii_lowercase();
            let csp = head
                .lines()
                .find_map(|l| l.strip_prefix("content-security-policy:"))
                .unwrap_or_else(|| panic!("{host}{path}: no CSP header in\n{head}"));
            assert!(
                csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
                "{host}: {csp}"
            );
            assert!(csp.contains("frame-ancestors 'none'"), "{host}: {csp}");
            assert!(!csp.contains("unsafe-inline"), "{host}: {csp}");
        }
        // And the app runs under it: no CSP violation or script error in the console.
        signed_in(&c, "Ada Lovelace", "/").await;
        c.role("heading", "Organizations").await;
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_console_arrives_compressed_and_a_return_visit_reuses_it() {
    // What the browser itself reports: bytes on the wire against bytes decoded.
    const WASM: &str = "return performance.getEntriesByType('resource')
        .filter(e => e.name.endsWith('/molecule-console_bg.wasm'))
        .map(e => [e.transferSize, e.encodedBodySize, e.decodedBodySize]);";
    run(|c| async move {
        // A first visit (nobody signed in yet: the console shows its sign-in page).
        c.open("app", "/sign-in").await;
        let first = c.browser.execute(WASM, vec![]).await.unwrap();
        let [wire, encoded, decoded] = serde_json::from_value::<Vec<[f64; 3]>>(first)
            .unwrap()
            .pop()
            .expect("the page fetched the main module");
        assert!(
            encoded > 0.0 && encoded < decoded * 0.4,
            "main module: {encoded} bytes encoded for {decoded} decoded"
        );
        assert!(
            wire > encoded,
            "a first visit fetches it: {wire} bytes on the wire"
        );
        // A hashed file is cached for good: the next visit does not fetch it again.
        c.open("app", "/sign-in").await;
        let again = c.browser.execute(WASM, vec![]).await.unwrap();
        let [wire, _, _] = serde_json::from_value::<Vec<[f64; 3]>>(again)
            .unwrap()
            .pop()
            .expect("the module is still listed");
        assert_eq!(
            wire, 0.0,
            "a return visit takes the main module from the cache"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_page_on_another_port_cannot_write_with_the_session_cookie() {
    run(|c| async move {
        signed_in(&c, "Ada Lovelace", "/orgs/acme/members").await;
        c.role("heading", "People").await;
        // The reported attack: a no-cors text/plain POST that carries the victim's cookie
        // (same site: every port of *.localhost), plus a plain HTML form post.
        let target = c.url("app", "/cp/orgs/acme/invitations");
        let page = format!(
            r#"<!doctype html><title>prize</title>
<form id="f" method="post" action="{target}" enctype="text/plain" target="sink">
<input name='{{"email":"form@evil.test","role":"admin","x":"' value='"}}'></form>
<iframe name="sink"></iframe>
<script>
fetch("{target}", {{method: "POST", mode: "no-cors", credentials: "include",
  headers: {{"Content-Type": "text/plain"}},
  body: JSON.stringify({{email: "mallory@evil.test", role: "admin"}})}})
  .finally(() => {{ document.getElementById("f").submit();
                    setTimeout(() => document.title = "sent", 500); }});
</script>"#
        );
        let port = serve_one_page(page).await;
        c.browser
            .goto(&format!("http://app.localhost:{port}/"))
            .await
            .unwrap();
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
        while c.browser.title().await.unwrap_or_default() != "sent" {
            assert!(
                tokio::time::Instant::now() < deadline,
                "the page never sent"
            );
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        // Back in the console: no invitation was created.
        c.browser
            .goto(&c.url("app", "/orgs/acme/members"))
            .await
            .unwrap();
        c.role("heading", "People").await;
        c.text("grace@example.com").await;
        let text = c.body_text().await;
        assert!(!text.contains("mallory@evil.test"), "{text}");
        assert!(!text.contains("form@evil.test"), "{text}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn links_to_server_pages_leave_the_console_and_sign_out_can_sign_in_again() {
    run(|c| async move {
        signed_in(&c, "Ada Lovelace", "/").await;
        c.role("heading", "Organizations").await;
        c.click("button", "Sign out").await;
        // Signed out: the sign-in page, whose links are the server's (once "Page not found").
        c.role("heading", "Sign in to Molecule").await;
        c.click("link", "Create an account").await;
        wait_url(&c, |u| {
            u.contains("/authkit/login") && u.contains("screen=sign-up")
        })
        .await;
        c.role("heading", "Create your Molecule account").await;
        c.browser.back().await.unwrap();
        c.click("link", "Continue to sign in").await;
        wait_url(&c, |u| u.contains("/authkit/login")).await;
        sign_in_as(&c, "Grace Hopper").await;
        c.role("heading", "Organizations").await;
        // A server address that reaches the router anyway is fetched from the server.
        c.browser
            .execute(
                "history.pushState({}, '', '/authkit/login?screen=sign-in'); \
                 dispatchEvent(new PopStateEvent('popstate'));",
                vec![],
            )
            .await
            .unwrap();
        // The server's own page (here: its answer to a sign-in without a started state).
        c.text("Molecule local").await;
        assert!(!c.body_text().await.contains("Page not found"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn signing_out_on_one_host_signs_out_on_every_host() {
    run(|c| async move {
        signed_in(&c, "Ada Lovelace", "/").await;
        c.role("heading", "Organizations").await;
        to_acme(&c, "/console/workspaces").await;
        c.role("heading", "Workspaces").await;
        // Signing out on the console host ends the sign-in on acme's host too.
        c.browser.goto(&c.url("app", "/")).await.unwrap();
        c.click("button", "Sign out").await;
        c.role("heading", "Sign in to Molecule").await;
        c.browser
            .goto(&c.url("acme", "/console/workspaces"))
            .await
            .unwrap();
        wait_url(&c, |u| u.contains("/authkit/login")).await;
        // And the other way round: signed in again, out from acme's host, out on the console.
        sign_in_as(&c, "Ada Lovelace").await;
        c.role("heading", "Workspaces").await;
        c.click("button", "Sign out").await;
        // Signing out ends on this host's sign-in page; going elsewhere before then would race
        // the sign-out's own navigation (seen once under load: left at acme's /sign-in).
        c.role("heading", "Sign in to Molecule").await;
        c.browser.goto(&c.url("app", "/")).await.unwrap();
        wait_url(&c, |u| u.contains("/authkit/login")).await;
    })
    .await;
}
