//! Members of one organization: the People section (the member table, one row per person in
//! [`super::member_rows`]) and the Invitations section ([`super::invitations`]), each loading
//! and failing on its own. What the caller may change follows their role in the org from the
//! org layout ([`use_org`]).
//! Calls `GET /cp/orgs/{slug}/members`, `PATCH|DELETE /cp/orgs/{slug}/members/{user_id}` (and,
//! through the invitations section, the invitation calls).

use crate::{
    api::use_api,
    components::{Loaded, Title, use_toaster},
    layouts::org::use_org,
    pages::orgs::{invitations::Invitations, member_rows::MemberTable},
};
use leptos::prelude::*;
use molecule_sdk::{
    calls,
    types::{MemberRole, UpdateMemberRequest},
};

/// What the caller may change, from their role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Powers {
    /// Invite people and change or remove non-owners.
    pub manage: bool,
    /// Also change or remove owners, and make owners.
    pub manage_owners: bool,
}

impl Powers {
    pub fn of(role: Option<MemberRole>) -> Powers {
        match role {
            Some(MemberRole::Owner) => Powers {
                manage: true,
                manage_owners: true,
            },
            Some(MemberRole::Admin) => Powers {
                manage: true,
                manage_owners: false,
            },
            _ => Powers {
                manage: false,
                manage_owners: false,
            },
        }
    }

    /// Why the caller cannot change `target`'s membership, if they cannot.
    pub fn blocker(self, target: &MemberRole) -> Option<&'static str> {
        if !self.manage {
            Some("Only owners and admins can change members.")
        } else if *target == MemberRole::Owner && !self.manage_owners {
            Some("Only an owner can change another owner.")
        } else {
            None
        }
    }
}

/// The caller's powers once the org (with their role) has loaded; `None` until then.
pub type PowersSignal = Signal<Option<Powers>>;

/// The members page.
#[component]
pub fn MembersPage() -> impl IntoView {
    let org = use_org();
    let slug = org.slug;
    let powers: PowersSignal = Signal::derive(move || {
        org.org
            .get()
            .and_then(|r| r.ok())
            .map(|o| Powers::of(o.role))
    });
    view! {
        <Title text=Signal::derive(move || format!("Members · {} · Molecule Console", slug.get()))/>
        <h1>"Members"</h1>
        <People slug powers/>
        <Invitations slug powers/>
    }
}

/// Member change requests: (user id, new role) and (user id, email) to remove.
pub type SetRole = Action<(String, MemberRole), ()>;
pub type Remove = Action<(String, String), ()>;

/// The People section: the member table, reloaded after each change.
#[component]
fn People(slug: Memo<String>, powers: PowersSignal) -> impl IntoView {
    let api = use_api();
    let toaster = use_toaster();
    let set_role: SetRole = crate::reactive::action(move |(user, role): &(String, MemberRole)| {
        let (user, role) = (user.clone(), role.clone());
        async move {
            let body = UpdateMemberRequest { role };
            let call = calls::update_member_role(&slug.get_untracked(), &user, &body);
            toaster.tell(api.send(call).await, |m| {
                format!("{} is now {}.", m.email, m.role)
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
    view! {
        <section class="section" aria-labelledby="members-title">
            <h2 id="members-title">"People"</h2>
            <Loaded res=members what="Members" let:list>
                <MemberTable list powers set_role remove/>
            </Loaded>
            <Show when=read_only>
                <p class="field__hint">"Only owners and admins can change members."</p>
            </Show>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn powers_by_role() {
        let owner = Powers::of(Some(MemberRole::Owner));
        let admin = Powers::of(Some(MemberRole::Admin));
        let viewer = Powers::of(Some(MemberRole::Viewer));
        assert_eq!(owner.blocker(&MemberRole::Owner), None);
        assert!(admin.blocker(&MemberRole::Owner).unwrap().contains("owner"));
        assert_eq!(admin.blocker(&MemberRole::Member), None);
        assert!(viewer.blocker(&MemberRole::Member).is_some());
        assert!(Powers::of(None).blocker(&MemberRole::Viewer).is_some());
    }
}
