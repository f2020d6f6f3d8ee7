//! Members of one organization: the People section ([`super::member_rows`]) and the Invitations section ([`super::invitations`]), each loading
//! and failing on its own. What the caller may change follows their role in the org from the
//! org layout ([`use_org`]).
//! The sections make the calls: members in `member_rows`, invitations in `invitations`.

use crate::{
    components::Title,
    layouts::org::use_org,
    pages::orgs::{invitations::Invitations, member_rows::People},
    roles::{Powers, PowersSignal},
};
use leptos::prelude::*;

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
        <Title text=move || format!("Members · {} · Molecule Console", slug.get())/>
        <People slug powers/>
        <Invitations slug powers/>
    }
}
