//! What a member's role lets them do, in one place: every page asks here before it offers a
//! control or makes a read, so a viewer never meets an enabled button that can only fail.
//!
//! The rule is per operation of the contract (its id, surface and method), in step with what
//! the platform enforces: on a tenant host viewers read and never write; on the control plane
//! billing, invitations and member changes are for owners and admins, deleting an organization
//! is for owners. A test walks the whole operation table, so a new operation is classified here
//! or the build says so.

use leptos::prelude::Signal;
use molecule_sdk::{Method, Operation, Surface, types::MemberRole};

/// Who may call an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// Any member (and reads open to everyone signed in).
    Member,
    /// A member who is not a viewer.
    Editor,
    /// An owner or an admin.
    Manager,
    /// An owner.
    Owner,
    /// Not a member action: public, an operator's or a machine's (roles do not apply).
    NotMemberScoped,
}

const MANAGER_OPS: &[&str] = &[
    "list_invitations",
    "create_invitation",
    "revoke_invitation",
    "resend_invitation",
    "update_member_role",
    "remove_member",
    "create_checkout_session",
    "create_portal_session",
    "list_invoices",
    "create_topup",
    "get_auto_credits",
    "put_auto_credits",
];

const MEMBER_CP_OPS: &[&str] = &[
    "get_org",
    "export_org",
    "list_members",
    "get_provision_status",
    "list_orgs",
    "create_org",
    "list_cp_templates",
    "get_cp_template",
    "accept_invitation",
];

/// What calling `op` needs.
pub fn need(op: &Operation) -> Need {
    let member_tier = op
        .security
        .iter()
        .any(|alt| alt.contains(&molecule_sdk::Tier::Session));
    if !member_tier || op.id.starts_with("auth_") {
        return Need::NotMemberScoped;
    }
    match op.surface {
        Surface::Tenant if op.method == Method::Get => Need::Member,
        Surface::Tenant => Need::Editor,
        Surface::ControlPlane if op.id == "delete_org" => Need::Owner,
        Surface::ControlPlane if MANAGER_OPS.contains(&op.id) => Need::Manager,
        Surface::ControlPlane if MEMBER_CP_OPS.contains(&op.id) => Need::Member,
        // Unclassified: the test below fails until it is added to a list.
        Surface::ControlPlane => Need::Owner,
    }
}

/// Why `role` may not call `op`, in words; `None` when it may.
pub fn blocker(role: Option<&MemberRole>, op: &Operation) -> Option<&'static str> {
    let is = |r: MemberRole| role == Some(&r);
    match need(op) {
        Need::NotMemberScoped | Need::Member => None,
        Need::Editor if is(MemberRole::Viewer) || role.is_none() => {
            Some("Viewers can look but not change anything here. Ask an admin or an owner.")
        }
        Need::Manager if !(is(MemberRole::Owner) || is(MemberRole::Admin)) => {
            Some("Only owners and admins can do this.")
        }
        Need::Owner if !is(MemberRole::Owner) => Some("Only an owner can do this."),
        _ => None,
    }
}

/// What the caller may change about members and invitations, from their role.
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

#[cfg(test)]
mod tests {
    use super::*;
    use molecule_sdk::ops::ALL;

    fn op(id: &str) -> &'static Operation {
        ALL.iter()
            .find(|o| o.id == id)
            .expect("an operation of the contract")
    }

    #[test]
    fn every_member_operation_is_classified() {
        for o in ALL {
            let listed = MANAGER_OPS.contains(&o.id) || MEMBER_CP_OPS.contains(&o.id);
            let cp_member = o.surface == Surface::ControlPlane && need(o) != Need::NotMemberScoped;
            assert!(
                !cp_member || listed || o.id == "delete_org",
                "{} is a member operation of the control plane: say who may call it in roles.rs",
                o.id
            );
        }
        for id in MANAGER_OPS.iter().chain(MEMBER_CP_OPS) {
            op(id);
        }
    }

    #[test]
    fn viewers_read_and_managers_manage() {
        let viewer = Some(&MemberRole::Viewer);
        let admin = Some(&MemberRole::Admin);
        let owner = Some(&MemberRole::Owner);
        assert_eq!(blocker(viewer, op("list_workspaces")), None);
        assert!(
            blocker(viewer, op("create_workspace"))
                .unwrap()
                .contains("Viewers")
        );
        assert!(blocker(viewer, op("list_invoices")).is_some());
        assert!(blocker(Some(&MemberRole::Member), op("create_topup")).is_some());
        assert_eq!(blocker(admin, op("create_topup")), None);
        assert!(blocker(admin, op("delete_org")).unwrap().contains("owner"));
        assert_eq!(blocker(owner, op("delete_org")), None);
        assert_eq!(blocker(viewer, op("list_members")), None);
        // Operators' and public operations are not a member's matter.
        assert_eq!(blocker(None, op("admin_list_orgs")), None);
        assert_eq!(blocker(None, op("list_plans")), None);
    }

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
