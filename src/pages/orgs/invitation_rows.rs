//! The pending invitations of the members page: read only for roles that may (the section
//! decides), reloaded after each change; one row per invitation with resend and revoke; searched
//! by address, filtered by status and sorted by column, with its own keys in the URL (`inv_q`,
//! `inv_status`, `inv_sort`, `inv_page`: the page's member list has the plain ones).
//! Calls `GET /cp/orgs/{slug}/invitations` (resend and revoke are the section's actions).

use crate::{
    api::use_api,
    components::{
        ConfirmRequest, Loaded,
        list::{ListControls, ListTable, Listed, UrlList, use_url_list_in},
        use_confirm,
    },
    roles::PowersSignal,
};
use leptos::prelude::*;
use molecule_sdk::{
    calls,
    types::{CreateInvitationRequest, Invitation, InvitationStatus},
};

/// The status filter's choices (URL value, label).
const STATUSES: &[(&str, &str)] = &[
    ("pending", "Pending"),
    ("accepted", "Accepted"),
    ("revoked", "Revoked"),
    ("expired", "Expired"),
];

impl Listed for Invitation {
    fn haystack(&self) -> String {
        format!("{} {}", self.email, self.role)
    }
    fn status_key(&self) -> Option<String> {
        Some(self.status.to_string())
    }
    fn compare(&self, other: &Self, key: &str) -> std::cmp::Ordering {
        match key {
            "role" => self.role.to_string().cmp(&other.role.to_string()),
            "status" => self.status.to_string().cmp(&other.status.to_string()),
            "expires" => self.expires_at.cmp(&other.expires_at),
            _ => self.email.to_lowercase().cmp(&other.email.to_lowercase()),
        }
    }
}

/// Invitation requests by invitation id.
pub type ById = Action<String, ()>;
/// The invite request (its value: whether it was sent).
pub type Invite = Action<CreateInvitationRequest, bool>;

/// The pending invitations, reloaded after each change.
#[component]
pub fn InvitationList(
    slug: Memo<String>,
    powers: PowersSignal,
    invite: Invite,
    resend: ById,
    revoke: ById,
) -> impl IntoView {
    let api = use_api();
    let list = crate::reactive::resource(move || {
        invite.version().track();
        resend.version().track();
        revoke.version().track();
        api.send(calls::list_invitations(&slug.get()))
    });
    let rows = use_url_list_in("inv_");
    view! {
        <ListControls list=rows what="invitations" statuses=STATUSES.to_vec()/>
        <Loaded res=list what="Invitations" let:items>
            <InvitationTable items rows powers resend revoke/>
        </Loaded>
    }
}

/// The page of invitations the search, filter and sort select, one [`InvitationRow`] each, or a
/// line saying there are none.
#[component]
fn InvitationTable(
    items: Vec<Invitation>,
    rows: UrlList,
    powers: PowersSignal,
    resend: ById,
    revoke: ById,
) -> impl IntoView {
    view! {
        <ListTable rows=items list=rows caption="Invitations" columns=&["Email", "Role", "Status", "Expires"]
            keys=&["email", "role", "status", "expires"] what="invitations" empty="No invitations." actions=true
            row=move |inv| view! { <InvitationRow inv powers resend revoke/> }/>
    }
}

/// One invitation: address, role, status, expiry, and resend / revoke.
#[component]
fn InvitationRow(
    inv: Invitation,
    powers: PowersSignal,
    resend: ById,
    revoke: ById,
) -> impl IntoView {
    let manage = move || powers.get().is_some_and(|p| p.manage);
    let open = matches!(
        inv.status,
        InvitationStatus::Pending | InvitationStatus::Expired
    );
    let pending = inv.status == InvitationStatus::Pending;
    let (label, class) = invitation_badge(&inv.status);
    let label = label.to_string();
    let (id1, id2) = (inv.id.to_string(), inv.id.to_string());
    let confirm = use_confirm();
    let email = inv.email.clone();
    // Asked first, like revoking a key or a token: the link in the email stops working.
    let ask_revoke = move |_| {
        let id = id2.clone();
        confirm.ask(ConfirmRequest {
            title: format!("Revoke the invitation to {email}?"),
            body: "The link in the invitation email stops working at once.".into(),
            confirm_label: "Revoke invitation".into(),
            danger: true,
            type_to_confirm: None,
            on_confirm: Callback::new(move |_| {
                revoke.dispatch(id.clone());
            }),
        });
    };
    view! {
        <tr>
            <td>{inv.email.clone()}</td>
            <td>{super::member_rows::role_label(&inv.role)}</td>
            <td><span class=format!("badge {class}")>{label}</span></td>
            <td class="muted">{inv.expires_at.get(..10).unwrap_or_default().to_string()}</td>
            <td><div class="row-actions">
                <button type="button" class="btn" disabled=move || !(manage() && open)
                    aria-label=format!("Resend invitation to {}", inv.email)
                    on:click=move |_| { resend.dispatch(id1.clone()); }>"Resend"</button>
                <button type="button" class="btn" disabled=move || !(manage() && pending)
                    aria-label=format!("Revoke invitation to {}", inv.email)
                    on:click=ask_revoke>"Revoke"</button>
            </div></td>
        </tr>
    }
}

fn invitation_badge(status: &InvitationStatus) -> (&str, &'static str) {
    match status {
        InvitationStatus::Pending => ("Pending", "badge--info"),
        InvitationStatus::Accepted => ("Accepted", "badge--success"),
        InvitationStatus::Revoked => ("Revoked", "badge--muted"),
        InvitationStatus::Expired => ("Expired", "badge--warning"),
        InvitationStatus::Unknown(raw) => (raw, "badge--muted"),
    }
}
