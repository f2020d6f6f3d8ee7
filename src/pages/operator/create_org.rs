//! Creating an organization for a user, for operators: a dry run by default (validated, nothing
//! created), then for real. Calls `POST /api/v1/admin/orgs[?dry_run=true]`.

use crate::{api::use_api, words};
use crate::{
    components::{Field, use_toaster},
    validate,
};
use leptos::{ev::SubmitEvent, prelude::*};
use molecule_sdk::{
    calls,
    types::{AdminCreateOrgRequest, AdminCreateOrgResult},
};

/// Checks the form and builds the request (or says what to fix).
pub fn create_request(
    slug: &str,
    name: &str,
    owner: &str,
) -> Result<AdminCreateOrgRequest, String> {
    let (slug, name, owner) = (slug.trim(), name.trim(), owner.trim());
    validate::org_name(name).map_err(|m| format!("Name: {m}"))?;
    validate::org_slug(slug).map_err(|m| format!("Slug: {m}"))?;
    if owner.is_empty() {
        return Err("Enter the user id of the owner (e.g. user_ada).".into());
    }
    Ok(AdminCreateOrgRequest {
        slug: slug.to_string(),
        name: name
            .parse()
            .map_err(|_| "Enter a name for the organization.".to_string())?,
        owner_user_id: owner
            .parse()
            .map_err(|_| "Enter the user id of the owner (e.g. user_ada).".to_string())?,
        // The control plane's default compute provider.
        provider: None,
    })
}

/// The operator's "create an organization" section.
#[component]
pub fn CreateOrg() -> impl IntoView {
    let api = use_api();
    let toaster = use_toaster();
    let (slug, name, owner) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let dry_run = RwSignal::new(true);
    let error = RwSignal::new(None::<String>);
    let create = crate::reactive::action(move |(req, dry): &(AdminCreateOrgRequest, bool)| {
        let (req, dry) = (req.clone(), *dry);
        async move {
            let mut call = calls::admin_create_org(&req);
            if dry {
                call = call.query("dry_run", true);
            }
            match api.send(call).await {
                Ok(AdminCreateOrgResult::AdminOrgDryRun(d)) => {
                    error.set(None);
                    toaster.success(format!(
                        "Dry run: {} can be created for {}; nothing was created.",
                        d.slug, d.owner_user_id
                    ));
                }
                Ok(AdminCreateOrgResult::Organization(o)) => {
                    error.set(None);
                    slug.set(String::new());
                    name.set(String::new());
                    toaster.success(format!("Organization {} created.", o.slug.as_str()));
                }
                Err(e) => error.set(Some(words::say(&e))),
            }
        }
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        match create_request(
            &slug.get_untracked(),
            &name.get_untracked(),
            &owner.get_untracked(),
        ) {
            Ok(req) => {
                error.set(None);
                create.dispatch((req, dry_run.get_untracked()));
            }
            Err(m) => error.set(Some(m)),
        }
    };
    view! {
        <section class="section" aria-labelledby="op-create-title">
            <h2 id="op-create-title">"Create an organization"</h2>
            <form class="form form--inline" on:submit=submit novalidate autocomplete="off">
                <Field id="op-org-name" label="Organization name">
                    <input id="op-org-name" class="input" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                </Field>
                <Field id="op-org-slug" label="Organization slug">
                    <input id="op-org-slug" class="input mono" spellcheck="false" prop:value=move || slug.get() on:input=move |ev| slug.set(event_target_value(&ev))/>
                </Field>
                <Field id="op-org-owner" label="Owner user id">
                    <input id="op-org-owner" class="input mono" spellcheck="false" prop:value=move || owner.get() on:input=move |ev| owner.set(event_target_value(&ev))/>
                </Field>
                <label class="checkbox">
                    <input type="checkbox" prop:checked=move || dry_run.get() on:change=move |ev| dry_run.set(event_target_checked(&ev))/>
                    <span>"Dry run only"</span>
                </label>
                <p class="field__error" role="alert">{move || error.get()}</p>
                <button type="submit" class="btn btn--primary" disabled=move || create.pending().get()>"Create organization"</button>
            </form>
        </section>
    }
}

/// The operator page of this section.
#[component]
pub fn OperatorCreateOrgPage() -> impl IntoView {
    view! {
        <crate::components::Title text="New organization · Operator · Molecule Console"/>
        <CreateOrg/>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_is_checked_before_sending() {
        assert!(create_request("ops-lab", "Ops Lab", "user_ops").is_ok());
        assert!(
            create_request("Ops Lab!", "Ops Lab", "user_ops")
                .unwrap_err()
                .starts_with("Slug: ")
        );
        assert!(create_request("ops-lab", " ", "user_ops").is_err());
        assert!(
            create_request("ops-lab", "Ops Lab", " ")
                .unwrap_err()
                .contains("owner")
        );
    }
}
