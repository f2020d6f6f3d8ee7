//! How to join, by who is looking: signed out (sign in or create an account with the invited
//! address), signed in as someone else (sign out first), or the invitee (accept the terms if
//! needed, then accept and land in the org).
//! Calls `GET /cp/auth/terms-status`, `POST /cp/invitations/{token}/accept`.

use crate::router::{A, use_navigate};
use crate::{
    api::{self, use_api},
    components::{
        ErrorView, error_view::one_error, shell::SignOut, terms_gate::TermsGate, use_toaster,
    },
    paths,
    session::use_session,
    words,
};
use leptos::prelude::*;
use molecule_sdk::{calls, types::InvitationPreview};

/// The join section for whoever is signed in (or nobody).
#[component]
pub fn Join(p: InvitationPreview, token: String) -> impl IntoView {
    let session = use_session();
    let retry = Callback::new(move |_| session.0.refetch());
    view! {
        <Transition fallback=|| view! { <span class="skeleton skeleton--row" role="status" aria-label="Loading: your sign-in"></span> }>
            {move || {
                let (p, token) = (p.clone(), token.clone());
                Suspend::new(async move {
                    match session.0.await {
                        Ok(None) => view! { <SignedOut email=p.email.clone() token/> }.into_any(),
                        Ok(Some(me)) if !me.email.eq_ignore_ascii_case(&p.email) => {
                            view! { <SomeoneElse me=me.email invited=p.email.clone() token/> }.into_any()
                        }
                        Ok(Some(_)) => view! { <Accept p token/> }.into_any(),
                        Err(e) => view! { <ErrorView errors=one_error(e) what="Your sign-in" retry/> }.into_any()
                    }
                })
            }}
        </Transition>
    }
}

/// Nobody signed in: sign in, or create an account, and come back here.
#[component]
fn SignedOut(email: String, token: String) -> impl IntoView {
    let back = format!("{}{}", api::origin(), paths::invitation(&token));
    view! {
        <section class="section" aria-labelledby="join-title">
            <h2 id="join-title">"Join the organization"</h2>
            <p>"Sign in as "<strong>{email}</strong>" to accept. New to Molecule? Create an account with that address."</p>
            <div class="row-actions">
                <a class="btn btn--primary" rel="external" href=api::sign_in_url(&back)>"Sign in to accept"</a>
                <a class="btn" rel="external" href=api::sign_up_url(&back)>"Create an account"</a>
            </div>
        </section>
    }
}

/// Signed in with another address: the invitation cannot be accepted from this account.
#[component]
fn SomeoneElse(me: String, invited: String, token: String) -> impl IntoView {
    view! {
        <section class="section" aria-labelledby="join-title">
            <h2 id="join-title">"Join the organization"</h2>
            <p id="join-blocked">"You are signed in as "<strong>{me}</strong>". This invitation was sent to "
                <strong>{invited}</strong>": sign out, then sign in with that address."</p>
            <div class="row-actions">
                <button type="button" class="btn btn--primary" disabled aria-describedby="join-blocked">"Accept invitation"</button>
                <SignOut then=paths::invitation(&token) label="Sign out and switch account"/>
            </div>
        </section>
    }
}

/// The invitee: terms if not yet accepted, then Accept; lands on the org's page.
#[component]
fn Accept(p: InvitationPreview, token: String) -> impl IntoView {
    let api = use_api();
    let toaster = use_toaster();
    let navigate = use_navigate();
    let terms = crate::reactive::resource(move || api.send(calls::auth_terms_status()));
    let terms_now = RwSignal::new(false);
    let org_name = p.org_name.clone();
    let accept = crate::reactive::action(move |_: &()| {
        let (token, navigate, org_name) = (token.clone(), navigate.clone(), org_name.clone());
        async move {
            let joined = api.send(calls::accept_invitation(&token)).await?;
            toaster.success(format!(
                "You joined {org_name} as {}.",
                super::capital(&joined.role.to_string())
            ));
            navigate(&paths::org(joined.org_slug.as_ref()), Default::default());
            Ok::<_, molecule_sdk::ApiError>(())
        }
    });
    let failed = move || accept.value().get().and_then(|r| r.err());
    // Terms are needed when the platform says so, before or on accept.
    let needs_terms = move || {
        !terms_now.get()
            && (matches!(terms.get(), Some(Ok(ref t)) if !t.accepted)
                || failed().is_some_and(|e| e.code.as_deref() == Some("TERMS_NOT_ACCEPTED")))
    };
    let slug = p.org_slug.to_string();
    let error = move || {
        failed().map(|e| match e.code.as_deref() {
            Some("ALREADY_MEMBER") => view! {
                <p class="field__error" role="alert">"You are already a member of this organization. "
                    <A href=paths::org(&slug)>"Open it"</A></p>
            }.into_any(),
            Some("TERMS_NOT_ACCEPTED") => ().into_any(),
            _ => view! { <p class="field__error" role="alert">{words::say(&e)}</p> }.into_any(),
        })
    };
    let blocked = move || needs_terms() || terms.get().is_none();
    view! {
        <section class="section" aria-labelledby="join-title">
            <h2 id="join-title">"Join the organization"</h2>
            <Show when=needs_terms>
                <TermsGate purpose="join an organization" on_accepted=Callback::new(move |_| terms_now.set(true))/>
            </Show>
            {error}
            <div class="row-actions">
                <button type="button" class="btn btn--primary"
                    disabled=move || blocked() || accept.pending().get()
                    title=move || needs_terms().then_some("Accept the terms of service first")
                    on:click=move |_| { accept.dispatch(()); }>
                    {move || if accept.pending().get() { "Joining…" } else { "Accept invitation" }}
                </button>
            </div>
        </section>
    }
}
