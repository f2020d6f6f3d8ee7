//! The overview's "Data" and "Delete organization" sections: the GDPR export download and the
//! owner-only deletion (asks for the typed slug, then goes back to the list).
//! Calls `GET /cp/orgs/{slug}/export`, `DELETE /cp/orgs/{slug}`.

use crate::router::use_navigate;
use crate::{
    api::use_api,
    components::{ConfirmRequest, use_confirm, use_toaster},
    paths,
    words::say,
};
use leptos::prelude::*;
use molecule_sdk::{
    ApiError, calls,
    types::{MemberRole, OrgStatus, Organization},
};

/// Why the delete button is disabled, if it is.
pub fn delete_blocker(org: &Organization) -> Option<&'static str> {
    if org.role != Some(MemberRole::Owner) {
        Some("Only an owner can delete this organization.")
    } else if org.status == OrgStatus::Purged {
        Some("This organization is already deleted.")
    } else {
        None
    }
}

/// Export and delete.
#[component]
pub fn DataAndDeletion(org: Organization) -> impl IntoView {
    let slug = org.slug.to_string();
    let api = use_api();
    let toaster = use_toaster();
    let confirm = use_confirm();
    let navigate = use_navigate();
    let export_slug = slug.clone();
    let export = crate::reactive::action(move |_: &()| {
        let slug = export_slug.clone();
        async move {
            let data = api.send(calls::export_org(&slug)).await?;
            let text = serde_json::to_string_pretty(&data)
                .map_err(|e| ApiError::decode(200, e.to_string()))?;
            crate::download::download_json(&format!("molecule-{slug}-export.json"), &text)
                .map_err(ApiError::invalid)?;
            Ok::<_, ApiError>(())
        }
    });
    let delete_slug = slug.clone();
    let delete = crate::reactive::action(move |_: &()| {
        let slug = delete_slug.clone();
        let navigate = navigate.clone();
        async move {
            let deleted = api.send(calls::delete_org(&slug)).await;
            if toaster
                .tell(deleted, |_| format!("Organization {slug} was deleted."))
                .is_some()
            {
                navigate(&paths::orgs(), Default::default());
            }
        }
    });
    let blocker = delete_blocker(&org);
    let ask = move |_| {
        confirm.ask(ConfirmRequest {
            title: format!("Delete {}?", slug),
            body: "This permanently deletes the organization, its workspaces, data and billing records. It cannot be undone.".into(),
            confirm_label: "Delete organization".into(),
            danger: true,
            type_to_confirm: Some(slug.clone()),
            on_confirm: Callback::new(move |_| {
                delete.dispatch(());
            }),
        })
    };
    view! {
        <section class="section" aria-labelledby="data-title">
            <h2 id="data-title">"Data"</h2>
            <p class="section__intro">"Download everything the platform holds about this organization (GDPR export)."</p>
            <button type="button" class="btn" disabled=move || export.pending().get() on:click=move |_| { export.dispatch(()); }>
                {move || if export.pending().get() { "Preparing export…" } else { "Download export" }}
            </button>
            {move || export.value().get().and_then(|r| r.err()).map(|e| view! { <p class="field__error" role="alert">{say(&e)}</p> })}
        </section>
        <section class="section section--danger" aria-labelledby="danger-title">
            <h2 id="danger-title">"Delete organization"</h2>
            <button
                type="button"
                class="btn btn--danger"
                disabled=move || blocker.is_some() || delete.pending().get()
                aria-describedby="delete-reason"
                on:click=ask
            >
                "Delete organization"
            </button>
            <p id="delete-reason" class="field__hint">{blocker.unwrap_or("Deleting is permanent. You will be asked to type the slug.")}</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_owners_can_delete() {
        let mut org: Organization = serde_json::from_value(serde_json::json!({
            "id": "7b0c1d4e-0000-4000-8000-000000000001", "slug": "acme", "name": "Acme",
            "plan": "starter", "status": "running", "role": "admin",
            "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"
        }))
        .unwrap();
        assert!(delete_blocker(&org).unwrap().contains("owner"));
        org.role = Some(MemberRole::Owner);
        assert_eq!(delete_blocker(&org), None);
    }
}
