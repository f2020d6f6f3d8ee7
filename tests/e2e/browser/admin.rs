//! An admin: everything but deleting the org; moving work between orgs.

use super::*;

#[tokio::test(flavor = "multi_thread")]
async fn non_owners_see_why_they_cannot_delete() {
    run(|c| async move {
        // Grace is an admin (not owner) of acme.
        signed_in(&c, "Grace Hopper", "/orgs/acme").await;
        let button = c.role("button", "Delete organization").await;
        wait_attr(&button, "disabled", Some("true")).await;
        c.text("Only an owner can delete this organization.").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_workspace_bundle_downloads_and_imports_into_another_org() {
    let files = tempfile::tempdir().unwrap();
    let not_a_bundle = files.path().join("notes.json");
    std::fs::write(&not_a_bundle, "these are notes, not a bundle").unwrap();
    let bundle_path = files.path().join("research-lead-bundle.json");
    let (bad, good) = (
        not_a_bundle.display().to_string(),
        bundle_path.display().to_string(),
    );
    run(move |c| async move {
        // Grace is an admin of acme and owns hopper-lab.
        on_acme(&c, "Grace Hopper", "/console/workspaces").await;
        c.click("link", "Research lead").await;
        open_tab(&c, "Bundle").await;
        c.click("button", "Download bundle").await;
        let (name, text) = c.downloaded("-bundle.json").await;
        assert_eq!(name, "research-lead-bundle.json");
        let bundle: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(bundle["name"], "Research lead");
        assert!(!text.contains("ghp_"), "a bundle never carries secrets");
        std::fs::write(&bundle_path, &text).unwrap();
        on_tenant(&c, "hopper-lab", "Grace Hopper", "/console/templates").await;
        c.role("heading", "Import a bundle").await;
        let file = c.browser.find(Locator::Css("#bundle-file")).await.unwrap();
        file.send_keys(&bad).await.unwrap();
        c.click("button", "Import bundle").await;
        c.text("This file is not a Molecule bundle").await;
        let file = c.browser.find(Locator::Css("#bundle-file")).await.unwrap();
        file.send_keys(&good).await.unwrap();
        c.click("button", "Import bundle").await;
        c.text("Bundle Research lead imported: 2 workspaces provisioning.")
            .await;
        dismiss_toasts(&c).await;
        c.browser
            .goto(&c.url("hopper-lab", "/console/workspaces"))
            .await
            .unwrap();
        c.role("link", "Research lead").await;
        c.role("link", "Flaky scraper").await;
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
    drop(files);
}

#[tokio::test(flavor = "multi_thread")]
async fn every_link_an_admin_can_follow_leads_somewhere() {
    every_link_leads_somewhere_for("Grace Hopper").await;
}
