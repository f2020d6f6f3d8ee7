//! The People section of the members page: the member table, one row per member with a role
//! picker and a remove button (after a confirmation), each disabled with the reason when the
//! caller may not change that member; reloaded after each change.
//! Calls `GET /cp/orgs/{slug}/members`, `PATCH|DELETE /cp/orgs/{slug}/members/{user_id}`.

use crate::{
    api::use_api,
    components::{
        ConfirmRequest, Loaded,
        list::{ListControls, ListTable, Listed, UrlList, use_url_list},
        use_confirm, use_toaster,
    },
    roles::{Powers, PowersSignal},
};
use leptos::prelude::*;
use molecule_sdk::{
    calls,
    types::{Member, MemberRole, UpdateMemberRequest},
};

/// The roles a member can have, in the picker's order.
const ROLES: [MemberRole; 4] = [
    MemberRole::Owner,
    MemberRole::Admin,
    MemberRole::Member,
    MemberRole::Viewer,
];

/// Why the only owner's role and membership cannot change.
const LAST_OWNER: &str =
    "An organization keeps at least one owner: make someone else an owner first.";

/// The role filter's choices (URL value, label).
const ROLE_CHOICES: &[(&str, &str)] = &[
    ("owner", "Owner"),
    ("admin", "Admin"),
    ("member", "Member"),
    ("viewer", "Viewer"),
];

/// A role as people read it ("Admin"); a role this console does not know, as the platform
/// sent it.
pub fn role_label(role: &impl std::fmt::Display) -> String {
    let raw = role.to_string();
    ROLE_CHOICES
        .iter()
        .find(|(value, _)| *value == raw)
        .map_or(raw, |(_, label)| label.to_string())
}

impl Listed for Member {
    fn haystack(&self) -> String {
        format!(
            "{} {}",
            self.name.as_deref().unwrap_or_default(),
            self.email
        )
    }
    fn status_key(&self) -> Option<String> {
        Some(self.role.to_string())
    }
    fn compare(&self, other: &Self, key: &str) -> std::cmp::Ordering {
        let name = |m: &Member| m.name.clone().unwrap_or_default().to_lowercase();
        match key {
            "email" => self.email.cmp(&other.email),
            "role" => self.role.cmp(&other.role),
            "joined" => self.joined_at.cmp(&other.joined_at),
            _ => name(self).cmp(&name(other)),
        }
    }
}

/// The page of members the search, role filter and sort select, one [`MemberRow`] each.
#[component]
pub fn MemberTable(
    list: Vec<Member>,
    rows: UrlList,
    powers: PowersSignal,
    set_role: SetRole,
    remove: Remove,
) -> impl IntoView {
    // The platform refuses to demote or remove the last owner (409 LAST_OWNER): say so first.
    let owners = list.iter().filter(|m| m.role == MemberRole::Owner).count();
    view! {
        <ListTable rows=list list=rows caption="Members" columns=&["Name", "Email", "Role", "Joined"]
            keys=&["name", "email", "role", "joined"] what="members" actions=true
            empty="No members yet. Invite someone below."
            row=move |m| {
                let last_owner = owners == 1 && m.role == MemberRole::Owner;
                view! { <MemberRow m powers set_role remove last_owner/> }
            }/>
    }
}

/// One member: name, email, role picker, join date and the remove button.
#[component]
fn MemberRow(
    m: Member,
    powers: PowersSignal,
    set_role: SetRole,
    remove: Remove,
    /// The organization's only owner: neither removed nor given another role.
    last_owner: bool,
) -> impl IntoView {
    let confirm = use_confirm();
    // Until the caller's role is known, nothing can be changed.
    let powers = move || powers.get().unwrap_or(Powers::of(None));
    let target = m.role.clone();
    let blocker = Signal::derive(move || {
        powers()
            .blocker(&target)
            .or(last_owner.then_some(LAST_OWNER))
    });
    let label = m.name.clone().unwrap_or_else(|| m.email.clone());
    let (uid, email) = (m.user_id.clone(), m.email.clone());
    let ask_remove = move |_| {
        let (uid, email) = (uid.clone(), email.clone());
        confirm.ask(ConfirmRequest {
            title: format!("Remove {email}?"),
            body: "They lose access to this organization at once. You can invite them again later."
                .into(),
            confirm_label: "Remove member".into(),
            danger: true,
            type_to_confirm: None,
            on_confirm: Callback::new(move |_| {
                remove.dispatch((uid.clone(), email.clone()));
            }),
        })
    };
    let uid = m.user_id.clone();
    let on_change = move |ev| {
        if let Ok(role) = event_target_value(&ev).parse::<MemberRole>() {
            set_role.dispatch((uid.clone(), role));
        }
    };
    let options = ROLES
        .into_iter()
        .map(|r| {
            let selected = r == m.role;
            let owner = r == MemberRole::Owner;
            view! {
                <option value=r.to_string() selected=selected disabled=move || owner && !powers().manage_owners>
                    {role_label(&r)}
                </option>
            }
        })
        .collect_view();
    view! {
        <tr>
            <td>{label}</td>
            <td>{m.email.clone()}</td>
            <td>
                <select
                    class="input"
                    aria-label=format!("Role of {}", m.email)
                    disabled=move || blocker.get().is_some()
                    title=move || blocker.get().unwrap_or("")
                    on:change=on_change
                >
                    {options}
                </select>
            </td>
            <td>{m.joined_at.get(..10).unwrap_or_default().to_string()}</td>
            <td>
                <button
                    type="button"
                    class="btn"
                    disabled=move || blocker.get().is_some()
                    title=move || blocker.get().unwrap_or("")
                    aria-label=format!("Remove {}", m.email)
                    on:click=ask_remove
                >
                    "Remove"
                </button>
            </td>
        </tr>
    }
}

/// Member change requests: (user id, new role) and (user id, email) to remove.
pub type SetRole = Action<(String, MemberRole), ()>;
pub type Remove = Action<(String, String), ()>;

/// The People section: the member table, reloaded after each change.
#[component]
pub fn People(slug: Memo<String>, powers: PowersSignal) -> impl IntoView {
    let api = use_api();
    let toaster = use_toaster();
    let set_role: SetRole = crate::reactive::action(move |(user, role): &(String, MemberRole)| {
        let (user, role) = (user.clone(), role.clone());
        async move {
            let body = UpdateMemberRequest { role };
            let call = calls::update_member_role(&slug.get_untracked(), &user, &body);
            toaster.tell(api.send(call).await, |m| {
                format!("Role of {} changed to {}.", m.email, role_label(&m.role))
            });
        }
    });
    let remove: Remove = crate::reactive::action(move |(user, email): &(String, String)| {
        let (user, email) = (user.clone(), email.clone());
        async move {
            let call = calls::remove_member(&slug.get_untracked(), &user);
            toaster.tell(api.send(call).await, |_| format!("{email} was removed."));
        }
    });
    let members = crate::reactive::resource(move || {
        set_role.version().track();
        remove.version().track();
        api.send(calls::list_members(&slug.get()))
    });
    let read_only = move || powers.get().is_some_and(|p| !p.manage);
    let rows = use_url_list();
    view! {
        <section class="section" aria-labelledby="members-title">
            <h2 id="members-title">"People"</h2>
            <ListControls list=rows what="members" statuses=ROLE_CHOICES.to_vec() filter="Role"/>
            <Loaded res=members what="Members" let:list>
                <MemberTable list rows powers set_role remove/>
            </Loaded>
            <Show when=read_only>
                <p class="field__hint">"Only owners and admins can change members."</p>
            </Show>
        </section>
    }
}
