//! `/invitations/:token`: the page an invitation's accept link opens. Anyone holding the link
//! sees what it grants (the token is the credential); joining needs a sign-in with the invited
//! address and accepted terms, then lands in the org.
//!
//! The accept link names the auth host (`app.<domain>`), whose `/cp/*` mirror forwards the
//! invitation routes; a tenant host does not, so there the page moves to the auth host.
//! Calls `GET /cp/invitations/{token}` (the join section calls the rest).

mod join;

use crate::router::{A, use_params_map};
use crate::{
    api::use_api,
    components::{ErrorView, Fact, Facts, PageHeader, TopTrail, error_view::one_error},
    config::Config,
    paths,
};
use leptos::prelude::*;
use molecule_sdk::{
    ApiError, calls,
    types::{InvitationPreview, InvitationRole, InvitationStatus},
};

/// The invitation: what it grants, then how to join.
#[component]
pub fn InvitationPage() -> impl IntoView {
    let params = use_params_map();
    let token = Memo::new(move |_| params.with(|p| p.get("token").unwrap_or_default()));
    let config = Config::from_window();
    if config.host_slug.is_some() {
        let there = format!(
            "{}{}",
            config.endpoints.auth_origin(),
            paths::invitation(&token.get_untracked())
        );
        return view! { <OnAuthHost there/> }.into_any();
    }
    let api = use_api();
    let preview =
        crate::reactive::resource(move || api.send(calls::get_invitation_preview(&token.get())));
    let retry = Callback::new(move |_| preview.refetch());
    view! {
        <section class="page page--narrow">
            <TopTrail here="Invitation"/>
            <PageHeader title="Invitation"/>
            <Transition fallback=|| view! { <span class="skeleton skeleton--row" role="status" aria-label="Loading: Invitation"></span> }>
                {move || Suspend::new(async move {
                    match preview.await {
                        Ok(p) => view! { <Invitation p token=token.get_untracked()/> }.into_any(),
                        Err(e) => view! { <Unusable e retry/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
    .into_any()
}

/// On a tenant host: the invitation lives on the auth host; go there (a link if that fails).
#[component]
fn OnAuthHost(there: String) -> impl IntoView {
    if let Some(w) = web_sys::window() {
        let _ = w.location().replace(&there);
    }
    view! {
        <section class="page page--narrow">
            <TopTrail here="Invitation"/>
            <PageHeader title="Invitation"/>
            <p>"Invitations open on the Molecule sign-in address. "
                <a rel="external" href=there>"Open the invitation"</a></p>
        </section>
    }
}

/// What the invitation grants, and the join section (or why it is already used).
#[component]
fn Invitation(p: InvitationPreview, token: String) -> impl IntoView {
    let slug = p.org_slug.to_string();
    let by = p
        .invited_by_name
        .clone()
        .map(|n| format!(" by {n}"))
        .unwrap_or_default();
    let expires = p.expires_at.get(..10).unwrap_or_default().to_string();
    let next = if p.status == InvitationStatus::Accepted {
        view! {
            <p>"This invitation has already been accepted. "
                <A href=paths::org(&slug)>{format!("Open {}", p.org_name)}</A></p>
        }
        .into_any()
    } else {
        view! { <join::Join p=p.clone() token/> }.into_any()
    };
    view! {
        <p>"You are invited to join "<strong>{p.org_name.clone()}</strong>
            " (" {slug.clone()} ") as " <strong>{capital(&p.role.to_string())}</strong> "."</p>
        <Facts>
            <Fact term="Sent to">{p.email.clone()}{by}</Fact>
            <Fact term="What the role may do">{role_powers(&p.role)}</Fact>
            <Fact term="Valid until">{expires}</Fact>
        </Facts>
        {next}
    }
}

/// A link that cannot be used (unknown, expired, revoked) or a read that failed (retry).
#[component]
fn Unusable(e: ApiError, retry: Callback<()>) -> impl IntoView {
    let why = match (e.status, e.code.as_deref()) {
        (404, _) => "This invitation link is not valid. Check that you opened the whole link, or ask an owner or admin of the organization for a new invitation.".to_string(),
        (410, Some("INVITATION_REVOKED")) => "This invitation was withdrawn. Ask an owner or admin of the organization for a new one.".into(),
        (410, _) => "This invitation has expired. Ask an owner or admin of the organization to send it again.".into(),
        _ => return view! { <ErrorView errors=one_error(e) what="The invitation" retry/> }.into_any(),
    };
    view! {
        <div class="callout callout--warning" role="alert">
            <h2 class="callout__title">"This invitation cannot be used"</h2>
            <p>{why}</p>
            <p><A href=paths::orgs()>"Go to your organizations"</A></p>
        </div>
    }
    .into_any()
}

/// A role's name with a capital ("member" -> "Member").
pub fn capital(role: &str) -> String {
    let mut chars = role.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// One line on what the role allows (the rules in `roles.rs`).
fn role_powers(role: &InvitationRole) -> &'static str {
    match role {
        InvitationRole::Admin => {
            "Manage members, invitations and billing, and all a member can do."
        }
        InvitationRole::Member => {
            "Create and run workspaces; manage API keys, secrets and templates."
        }
        InvitationRole::Viewer => "See everything in the organization; change nothing.",
        InvitationRole::Unknown(_) => "As the organization's owner decides.",
    }
}
