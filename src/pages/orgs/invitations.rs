//! The Invitations section of the members page: the invite form (owners and admins; the address
//! is checked before anything is sent) and the invitations with resend and revoke, loading and
//! failing on its own.
//! Calls `GET|POST /cp/orgs/{slug}/invitations`, `POST /cp/orgs/{slug}/invitations/{id}/resend`,
//! `DELETE /cp/orgs/{slug}/invitations/{id}`.

use super::invitation_rows::{ById, InvitationList, Invite};
use crate::{
    api::use_api,
    components::{Field, Loaded, show_once::ShowOnce, use_toaster},
    layouts::org::use_org,
    roles::PowersSignal,
    words::say,
};
use leptos::{ev::SubmitEvent, prelude::*};
use molecule_sdk::{
    calls, ops,
    types::{CreateInvitationRequest, InvitationRole},
};

/// Checks an invitee address before anything is sent.
pub fn check_email(email: &str) -> Result<(), &'static str> {
    let email = email.trim();
    match email.split_once('@') {
        Some((local, domain))
            if !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.contains(char::is_whitespace) =>
        {
            Ok(())
        }
        _ => Err("Enter an email address like name@example.com."),
    }
}

/// The Invitations section.
#[component]
pub fn Invitations(slug: Memo<String>, powers: PowersSignal) -> impl IntoView {
    let api = use_api();
    let toaster = use_toaster();
    let email = RwSignal::new(String::new());
    let field_error = RwSignal::new(None::<String>);
    // The accept link of the invitation just sent or resent (the list never carries it).
    let link = RwSignal::new(None::<String>);
    // A sent invitation is told and clears the field; a refused one is told at the field.
    let invite: Invite = crate::reactive::action(move |req: &CreateInvitationRequest| {
        let call = calls::create_invitation(&slug.get_untracked(), req);
        async move {
            match api.send(call).await {
                Ok(inv) => {
                    toaster.success(format!("Invitation sent to {}.", inv.email));
                    link.set(inv.accept_url);
                    email.set(String::new());
                    true
                }
                Err(e) => {
                    field_error.set(Some(say(&e)));
                    false
                }
            }
        }
    });
    let resend: ById = crate::reactive::action(move |id: &String| {
        let call = calls::resend_invitation(&slug.get_untracked(), id);
        async move {
            if let Some(inv) = toaster.tell(api.send(call).await, |inv| {
                format!("Invitation resent to {}.", inv.email)
            }) {
                link.set(inv.accept_url);
            }
        }
    });
    let revoke: ById = crate::reactive::action(move |id: &String| {
        let call = calls::revoke_invitation(&slug.get_untracked(), id);
        async move {
            toaster.tell(api.send(call).await, |_| "Invitation revoked.".into());
        }
    });
    // The form needs the caller's role: it waits for the org (and offers a retry if that fails).
    let org = use_org();
    // Only a role that may read the invitations has them read (a viewer gets no error box).
    let may_list = org.blocker(&ops::LIST_INVITATIONS);
    view! {
        <section class="section" aria-labelledby="invites-title">
            <h2 id="invites-title">"Invitations"</h2>
            <Loaded res=org.org what="Your role" let:_o>
                <InviteForm powers invite email field_error/>
            </Loaded>
            {move || link.get().map(|secret| view! {
                <ShowOnce title="Invitation link" label="Accept link" secret
                    note="The invitation is on its way by email. You can also send this link yourself; it works once, for that address only. Resending makes a new link."
                    on_done=Callback::new(move |_| link.set(None))/>
            })}
            <Show when=move || may_list.get().is_none()>
                <InvitationList slug powers invite resend revoke/>
            </Show>
        </section>
    }
}

/// The invite form, or why the caller cannot invite.
#[component]
fn InviteForm(
    powers: PowersSignal,
    invite: Invite,
    email: RwSignal<String>,
    field_error: RwSignal<Option<String>>,
) -> impl IntoView {
    let role = RwSignal::new(InvitationRole::Member);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let value = email.get_untracked().trim().to_string();
        if let Err(m) = check_email(&value) {
            field_error.set(Some(m.into()));
            return;
        }
        field_error.set(None);
        invite.dispatch(CreateInvitationRequest {
            email: value,
            role: role.get_untracked(),
        });
    };
    let manage = move || powers.get().is_some_and(|p| p.manage);
    let on_role = move |ev| {
        if let Ok(r) = event_target_value(&ev).parse::<InvitationRole>() {
            role.set(r)
        }
    };
    view! {
        <Show when=manage fallback=|| view! { <p class="field__hint">"Only owners and admins can invite people."</p> }>
            <form class="form form--inline" on:submit=on_submit novalidate>
                <Field id="invite-email" label="Email">
                    <input
                        id="invite-email"
                        class="input"
                        type="email"
                        autocomplete="off"
                        aria-invalid=move || field_error.get().is_some().to_string()
                        aria-describedby="invite-error"
                        prop:value=move || email.get()
                        on:input=move |ev| email.set(event_target_value(&ev))
                    />
                </Field>
                <Field id="invite-role" label="Role">
                    <select id="invite-role" class="input" on:change=on_role>
                        <option value="admin">"Admin"</option>
                        <option value="member" selected=true>"Member"</option>
                        <option value="viewer">"Viewer"</option>
                    </select>
                </Field>
                <p id="invite-error" class="field__error" role="alert">{move || field_error.get()}</p>
                <button type="submit" class="btn btn--primary" disabled=move || invite.pending().get()>
                    {move || if invite.pending().get() { "Sending…" } else { "Send invitation" }}
                </button>
            </form>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert!(check_email("new@example.com").is_ok());
        assert!(check_email(" new@example.com ").is_ok());
        for bad in [
            "",
            "new",
            "new@",
            "@example.com",
            "new@example",
            "a b@example.com",
            "new@.com",
        ] {
            assert!(check_email(bad).is_err(), "{bad}");
        }
    }
}
