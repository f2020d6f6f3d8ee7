//! Members and invitations of one organization.
//! Calls `GET /cp/orgs/{slug}` (the caller's role), `GET|PATCH|DELETE /cp/orgs/{slug}/members[/{user_id}]`,
//! `GET|POST /cp/orgs/{slug}/invitations`, `POST .../{id}/resend`, `DELETE .../{id}`.

use crate::components::DataTable;
use crate::{
    api,
    components::{ConfirmRequest, ErrorView, Title, use_confirm, use_toaster},
};
use leptos::{ev::SubmitEvent, prelude::*};
use molecule_sdk::{
    calls,
    types::{
        CreateInvitationRequest, Invitation, InvitationRole, InvitationStatus, Member, MemberRole,
        UpdateMemberRequest,
    },
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

/// The members page.
#[component]
pub fn MembersPage() -> impl IntoView {
    let slug = crate::layouts::org::use_org().slug;
    let org = crate::reactive::resource(move || api::send(calls::get_org(&slug.get())));
    view! {
        <Title text=Signal::derive(move || format!("Members · {} · Molecule Console", slug.get()))/>
        <h1>"Members"</h1>
        <Transition fallback=|| view! { <span class="skeleton skeleton--row" aria-label="Loading members"></span> }>
            <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                {move || Suspend::new(async move {
                    org.await.map(|o| {
                        let powers = Powers::of(o.role);
                        view! {
                            <MemberTable slug=slug.get_untracked() powers/>
                            <Invitations slug=slug.get_untracked() powers/>
                        }
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn MemberTable(slug: String, powers: Powers) -> impl IntoView {
    let toaster = use_toaster();
    let confirm = use_confirm();
    let slug_for_role = slug.clone();
    let set_role = crate::reactive::action(move |(user, role): &(String, MemberRole)| {
        let (slug, user, role) = (slug_for_role.clone(), user.clone(), role.clone());
        async move {
            let r = api::send(calls::update_member_role(
                &slug,
                &user,
                &UpdateMemberRequest { role },
            ))
            .await;
            match &r {
                Ok(m) => toaster.success(format!("{} is now {}.", m.email, m.role)),
                Err(e) => toaster.error(e.message()),
            }
            r.map(|_| ())
        }
    });
    let slug_for_remove = slug.clone();
    let remove = crate::reactive::action(move |(user, email): &(String, String)| {
        let (slug, user, email) = (slug_for_remove.clone(), user.clone(), email.clone());
        async move {
            let r = api::send(calls::remove_member(&slug, &user)).await;
            match &r {
                Ok(()) => toaster.success(format!("{email} was removed.")),
                Err(e) => toaster.error(e.message()),
            }
        }
    });
    let members = crate::reactive::resource(move || {
        set_role.version().track();
        remove.version().track();
        api::send(calls::list_members(&slug))
    });
    view! {
        <section class="section" aria-labelledby="members-title">
            <h2 id="members-title">"People"</h2>
            <Transition fallback=|| view! { <span class="skeleton skeleton--row"></span> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        members.await.map(|list: Vec<Member>| {
                            let rows = list
                                .into_iter()
                                .map(|m| {
                                    let blocker = powers.blocker(&m.role);
                                    let (uid, uid2, email, email2) = (m.user_id.clone(), m.user_id.clone(), m.email.clone(), m.email.clone());
                                    let label = m.name.clone().unwrap_or_else(|| m.email.clone());
                                    let ask_remove = move |_| {
                                        let (uid, email) = (uid2.clone(), email2.clone());
                                        confirm.ask(ConfirmRequest {
                                            title: format!("Remove {email}?"),
                                            body: "They lose access to this organization at once. You can invite them again later.".into(),
                                            confirm_label: "Remove member".into(),
                                            danger: true,
                                            type_to_confirm: None,
                                            on_confirm: Callback::new(move |_| {
                                                remove.dispatch((uid.clone(), email.clone()));
                                            }),
                                        })
                                    };
                                    view! {
                                        <tr>
                                            <td>{label}</td>
                                            <td>{m.email.clone()}</td>
                                            <td>
                                                <select
                                                    class="input"
                                                    aria-label=format!("Role of {email}")
                                                    disabled=blocker.is_some()
                                                    title=blocker.unwrap_or("")
                                                    on:change=move |ev| {
                                                        if let Ok(role) = event_target_value(&ev).parse::<MemberRole>() {
                                                            set_role.dispatch((uid.clone(), role));
                                                        }
                                                    }
                                                >
                                                    {[MemberRole::Owner, MemberRole::Admin, MemberRole::Member, MemberRole::Viewer]
                                                        .into_iter()
                                                        .map(|r| view! {
                                                            <option value=r.to_string() selected=r == m.role disabled=r == MemberRole::Owner && !powers.manage_owners>
                                                                {r.to_string()}
                                                            </option>
                                                        })
                                                        .collect_view()}
                                                </select>
                                            </td>
                                            <td class="muted">{m.joined_at.get(..10).unwrap_or_default().to_string()}</td>
                                            <td>
                                                <button
                                                    type="button"
                                                    class="btn"
                                                    disabled=blocker.is_some()
                                                    title=blocker.unwrap_or("")
                                                    aria-label=format!("Remove {}", m.email)
                                                    on:click=ask_remove
                                                >
                                                    "Remove"
                                                </button>
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view();
                            view! {
                                <DataTable caption="Members" columns=&["Name", "Email", "Role", "Joined"] actions=true>{rows}</DataTable>
                                {(!powers.manage).then(|| view! { <p class="field__hint">"Only owners and admins can change members."</p> })}
                            }
                        })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

#[component]
fn Invitations(slug: String, powers: Powers) -> impl IntoView {
    let toaster = use_toaster();
    let email = RwSignal::new(String::new());
    let role = RwSignal::new(InvitationRole::Member);
    let field_error = RwSignal::new(None::<String>);
    let slug_c = slug.clone();
    let invite = crate::reactive::action(move |req: &CreateInvitationRequest| {
        let (slug, req) = (slug_c.clone(), req.clone());
        async move {
            let r = api::send(calls::create_invitation(&slug, &req)).await;
            match &r {
                Ok(inv) => {
                    toaster.success(format!("Invitation sent to {}.", inv.email));
                    email.set(String::new());
                }
                Err(e) => field_error.set(Some(e.message())),
            }
            r
        }
    });
    let slug_r = slug.clone();
    let resend = crate::reactive::action(move |id: &String| {
        let (slug, id) = (slug_r.clone(), id.clone());
        async move {
            match api::send(calls::resend_invitation(&slug, &id)).await {
                Ok(inv) => toaster.success(format!("Invitation resent to {}.", inv.email)),
                Err(e) => toaster.error(e.message()),
            }
        }
    });
    let slug_v = slug.clone();
    let revoke = crate::reactive::action(move |id: &String| {
        let (slug, id) = (slug_v.clone(), id.clone());
        async move {
            match api::send(calls::revoke_invitation(&slug, &id)).await {
                Ok(()) => toaster.success("Invitation revoked."),
                Err(e) => toaster.error(e.message()),
            }
        }
    });
    let list = crate::reactive::resource(move || {
        invite.version().track();
        resend.version().track();
        revoke.version().track();
        api::send(calls::list_invitations(&slug))
    });
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
    view! {
        <section class="section" aria-labelledby="invites-title">
            <h2 id="invites-title">"Invitations"</h2>
            <Show when=move || powers.manage fallback=|| view! { <p class="field__hint">"Only owners and admins can invite people."</p> }>
                <form class="form form--inline" on:submit=on_submit novalidate>
                    <label class="field" for="invite-email"><span class="field__label">"Email"</span></label>
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
                    <label class="field" for="invite-role"><span class="field__label">"Role"</span></label>
                    <select id="invite-role" class="input" on:change=move |ev| {
                        if let Ok(r) = event_target_value(&ev).parse::<InvitationRole>() { role.set(r) }
                    }>
                        <option value="admin">"admin"</option>
                        <option value="member" selected=true>"member"</option>
                        <option value="viewer">"viewer"</option>
                    </select>
                    <p id="invite-error" class="field__error" role="alert">{move || field_error.get()}</p>
                    <button type="submit" class="btn btn--primary" disabled=move || invite.pending().get()>
                        {move || if invite.pending().get() { "Sending…" } else { "Send invitation" }}
                    </button>
                </form>
            </Show>
            <Transition fallback=|| view! { <span class="skeleton skeleton--row"></span> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        list.await.map(|items: Vec<Invitation>| {
                            if items.is_empty() {
                                return view! { <p class="muted">"No invitations."</p> }.into_any();
                            }
                            let rows = items.into_iter().map(|inv| {
                                let (id1, id2) = (inv.id.to_string(), inv.id.to_string());
                                let open = inv.status == InvitationStatus::Pending || inv.status == InvitationStatus::Expired;
                                let (label, class) = invitation_badge(&inv.status);
                                let label = label.to_string();
                                view! {
                                    <tr>
                                        <td>{inv.email.clone()}</td>
                                        <td>{inv.role.to_string()}</td>
                                        <td><span class=format!("badge {class}")>{label}</span></td>
                                        <td class="muted">{inv.expires_at.get(..10).unwrap_or_default().to_string()}</td>
                                        <td>
                                            <button type="button" class="btn" disabled=!(powers.manage && open)
                                                aria-label=format!("Resend invitation to {}", inv.email)
                                                on:click=move |_| { resend.dispatch(id1.clone()); }>"Resend"</button>
                                            " "
                                            <button type="button" class="btn" disabled=!(powers.manage && inv.status == InvitationStatus::Pending)
                                                aria-label=format!("Revoke invitation to {}", inv.email)
                                                on:click=move |_| { revoke.dispatch(id2.clone()); }>"Revoke"</button>
                                        </td>
                                    </tr>
                                }
                            }).collect_view();
                            view! {
                                <DataTable caption="Invitations" columns=&["Email", "Role", "Status", "Expires"] actions=true>{rows}</DataTable>
                            }.into_any()
                        })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
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
