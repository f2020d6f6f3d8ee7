//! The member table of the People section: one row per member with a role picker and a remove
//! button (after a confirmation), each disabled with the reason when the caller may not change
//! that member. Sends nothing itself: it dispatches the page's role and remove actions.

use crate::{
    components::{ConfirmRequest, DataTable, use_confirm},
    pages::orgs::members::{Powers, PowersSignal, Remove, SetRole},
};
use leptos::prelude::*;
use molecule_sdk::types::{Member, MemberRole};

/// The roles a member can have, in the picker's order.
const ROLES: [MemberRole; 4] = [
    MemberRole::Owner,
    MemberRole::Admin,
    MemberRole::Member,
    MemberRole::Viewer,
];

/// The members, one [`MemberRow`] each.
#[component]
pub fn MemberTable(
    list: Vec<Member>,
    powers: PowersSignal,
    set_role: SetRole,
    remove: Remove,
) -> impl IntoView {
    let rows = list
        .into_iter()
        .map(|m| view! { <MemberRow m powers set_role remove/> })
        .collect_view();
    view! {
        <DataTable caption="Members" columns=&["Name", "Email", "Role", "Joined"] actions=true>{rows}</DataTable>
    }
}

/// One member: name, email, role picker, join date and the remove button.
#[component]
fn MemberRow(m: Member, powers: PowersSignal, set_role: SetRole, remove: Remove) -> impl IntoView {
    let confirm = use_confirm();
    // Until the caller's role is known, nothing can be changed.
    let powers = move || powers.get().unwrap_or(Powers::of(None));
    let target = m.role.clone();
    let blocker = Signal::derive(move || powers().blocker(&target));
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
                    {r.to_string()}
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
            <td class="muted">{m.joined_at.get(..10).unwrap_or_default().to_string()}</td>
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
