//! An invitee: the accept link, signing in or up, terms, joining.

use super::*;

#[tokio::test(flavor = "multi_thread")]
async fn an_invitee_creates_an_account_accepts_the_terms_and_lands_in_the_org() {
    run(|c| async move {
        // Signed out, the link already says what it grants.
        c.open("app", "/invitations/demo-invite-pending-0001").await;
        c.role("heading", "Invitation").await;
        c.text("You are invited to join Acme Robotics (acme) as Member.")
            .await;
        c.text("new@example.com by Ada Lovelace").await;
        assert!(js_errors(&c).await.is_empty());
        c.click("link", "Create an account").await;
        wait_url(&c, |u| {
            u.contains("/authkit/login") && u.contains("screen=sign-up")
        })
        .await;
        for (name, text) in [("email", "new@example.com"), ("name", "Nova Newcomer")] {
            c.browser
                .find(Locator::Css(&format!("input[name={name}]")))
                .await
                .unwrap()
                .send_keys(text)
                .await
                .unwrap();
        }
        c.click("button", "Create account").await;
        // Back on the invitation as the invitee: the terms come first.
        let accept = c.role("button", "Accept invitation").await;
        wait_attr(&accept, "disabled", Some("true")).await;
        accept_terms(&c).await;
        let accept = c.role("button", "Accept invitation").await;
        wait_attr(&accept, "disabled", None).await;
        accept.click().await.unwrap();
        wait_url(&c, |u| u.ends_with("/orgs/acme")).await;
        c.text("You joined Acme Robotics as Member.").await;
        c.role("heading", "Acme Robotics").await;
        // The link is used up: opening it again says so.
        c.open("app", "/invitations/demo-invite-pending-0001").await;
        c.text("This invitation has already been accepted.").await;
        c.click("link", "Open Acme Robotics").await;
        wait_url(&c, |u| u.ends_with("/orgs/acme")).await;
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn invitation_links_say_why_they_cannot_be_used_and_another_account_can_switch() {
    run(|c| async move {
        c.open("app", "/invitations/demo-invite-expired-0001").await;
        c.text("This invitation has expired.").await;
        c.open("app", "/invitations/unknown-token-0000000").await;
        c.text("This invitation link is not valid.").await;
        assert!(
            !c.body_text().await.contains("Accept invitation"),
            "an unusable link offers no accept"
        );
        // On an org's own host the link moves to the sign-in host, which can read it.
        c.browser
            .goto(&c.url("acme", "/invitations/demo-invite-linus-0001"))
            .await
            .unwrap();
        wait_url(&c, |u| {
            u.starts_with(&c.url("app", "/invitations/demo-invite-linus-0001"))
        })
        .await;
        // Signed in as someone else: accepting is disabled, with the reason and a way out.
        signed_in(&c, "Ada Lovelace", "/").await;
        c.open("app", "/invitations/demo-invite-linus-0001").await;
        c.text("You are signed in as ada@example.com.").await;
        let accept = c.role("button", "Accept invitation").await;
        wait_attr(&accept, "disabled", Some("true")).await;
        c.click("button", "Sign out and switch account").await;
        c.click("link", "Sign in to accept").await;
        sign_in_as(&c, "Linus Torvalds").await;
        accept_terms(&c).await;
        c.click("button", "Accept invitation").await;
        wait_url(&c, |u| u.ends_with("/orgs/hopper-lab")).await;
        c.text("You joined").await;
        assert!(js_errors(&c).await.is_empty());
    })
    .await;
}
