//! One organization: status and next step (payment, provisioning progress, open the tenant),
//! GDPR export and owner-only deletion.
//! Calls `GET /cp/orgs/{slug}`, `GET /cp/orgs/{slug}/provision-status`,
//! `GET /cp/orgs/{slug}/export`, `DELETE /cp/orgs/{slug}`.

use crate::components::Title;
use crate::{
    api,
    components::{ConfirmRequest, ErrorView, poll::use_poll, use_confirm, use_toaster},
    config::Config,
    pages::orgs::{checkout::CheckoutPanel, list::status_badge},
    paths,
};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use molecule_sdk::{
    ApiError, calls,
    types::{
        MemberRole, OrgStatus, Organization, ProvisionStatus, ProvisionStatusStage,
        ProvisionStatusStatus,
    },
};

/// Human name of a provisioning stage.
pub fn stage_label(stage: &ProvisionStatusStage) -> &str {
    match stage {
        ProvisionStatusStage::Launching => "Launching the server",
        ProvisionStatusStage::Installing => "Installing the platform",
        ProvisionStatusStage::Starting => "Starting services",
        ProvisionStatusStage::ConfiguringHttps => "Configuring HTTPS",
        ProvisionStatusStage::Ready => "Ready",
        ProvisionStatusStage::Failed => "Failed",
        ProvisionStatusStage::Unknown(raw) => raw,
    }
}

/// "about 2 minutes left" style ETA.
pub fn eta_label(seconds: Option<i32>) -> Option<String> {
    let s = seconds?;
    Some(match s {
        i32::MIN..=0 => "almost done".into(),
        1..=59 => format!("about {s} seconds left"),
        _ => {
            let m = (s + 30) / 60;
            format!("about {m} minute{} left", if m == 1 { "" } else { "s" })
        }
    })
}

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

/// The organization page.
#[component]
pub fn OrgPage() -> impl IntoView {
    let slug = crate::layouts::org::use_org().slug;
    let tick = RwSignal::new(0u32);
    let org = crate::reactive::resource(move || {
        tick.track();
        api::send(calls::get_org(&slug.get()))
    });
    view! {
        <Title text=move || format!("{} · Molecule Console", slug.get())/>
        <CheckoutBanner/>
        <Transition fallback=|| view! { <span class="skeleton skeleton--row" aria-label="Loading organization"></span> }>
            <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                {move || Suspend::new(async move {
                    org.await.map(|o| view! { <OrgDetail org=o tick/> })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

/// Banner after returning from Checkout.
#[component]
fn CheckoutBanner() -> impl IntoView {
    let query = use_query_map();
    move || {
        match query.with(|q| q.get("checkout")).as_deref() {
        Some("success") => Some(view! {
            <div class="callout" role="status">"Payment received. Your organization is being set up."</div>
        }.into_any()),
        Some("cancelled") => Some(view! {
            <div class="callout" role="status">"Checkout was cancelled. Nothing was charged; you can pay whenever you are ready."</div>
        }.into_any()),
        _ => None,
    }
    }
}

#[component]
fn OrgDetail(org: Organization, tick: RwSignal<u32>) -> impl IntoView {
    let slug = org.slug.to_string();
    let (label, class) = status_badge(&org.status);
    let next = match org.status {
        OrgStatus::AwaitingPayment => view! { <CheckoutPanel slug=slug.clone()/> }.into_any(),
        OrgStatus::Provisioning => view! { <ProvisionProgress slug=slug.clone() on_done=Callback::new(move |_| tick.update(|t| *t += 1))/> }.into_any(),
        OrgStatus::Running | OrgStatus::Active => {
            let href = paths::tenant_home(org.tenant_url.as_deref(), &Config::from_window().endpoints, &slug);
            view! {
                <div class="callout">
                    <p>"Your organization is running."</p>
                    <a class="btn btn--primary" href=href>"Open organization"</a>
                </div>
            }
            .into_any()
        }
        OrgStatus::Failed => view! {
            <div class="callout callout--error" role="alert">
                <p>"Setting up this organization failed. Our team has been told; contact support to get it going."</p>
                <a class="btn" href="mailto:support@moleculesai.app">"Contact support"</a>
            </div>
        }
        .into_any(),
        OrgStatus::Suspended => view! {
            <div class="callout" role="alert"><p>"This organization is suspended because a payment is overdue. It resumes once the invoice is paid."</p></div>
        }
        .into_any(),
        OrgStatus::Purged | OrgStatus::Deleted => view! { <p class="muted">"This organization has been deleted."</p> }.into_any(),
        OrgStatus::Unknown(_) => view! {
            <p class="muted">"The platform reports a status this console does not know yet. Reload later, or contact support if it stays."</p>
        }
        .into_any(),
    };
    view! {
        <div class="page-header">
            <h1>{org.name.to_string()}</h1>
            <span class=format!("badge {class}")>{label}</span>
        </div>
        <dl class="facts">
            <dt>"Slug"</dt><dd class="mono">{slug.clone()}</dd>
            <dt>"Plan"</dt><dd>{org.plan.to_string()}</dd>
            <dt>"Your role"</dt><dd>{org.role.as_ref().map(|r| r.to_string()).unwrap_or_else(|| "—".into())}</dd>
        </dl>
        {next}
        <DataAndDeletion org/>
    }
}

/// Provisioning progress, polled until the org leaves `provisioning`.
#[component]
fn ProvisionProgress(slug: String, on_done: Callback<()>) -> impl IntoView {
    let tick = RwSignal::new(0u32);
    let status = crate::reactive::resource(move || {
        tick.track();
        api::send(calls::get_provision_status(&slug))
    });
    use_poll(tick, move || match status.get() {
        Some(Ok(s)) if s.status == ProvisionStatusStatus::Provisioning => Some(1_000),
        Some(Ok(_)) => {
            on_done.run(());
            None
        }
        // Keep trying through transient errors, more slowly.
        Some(Err(_)) => Some(5_000),
        None => None,
    });
    view! {
        <section class="callout" aria-labelledby="provision-title">
            <h2 id="provision-title" class="callout__title">"Setting up your organization"</h2>
            {move || status.get().map(|r| match r {
                Ok(s) => view! { <ProgressBar s/> }.into_any(),
                Err(e) => view! { <p class="field__error">{e.message()}</p> }.into_any(),
            })}
        </section>
    }
}

#[component]
fn ProgressBar(s: ProvisionStatus) -> impl IntoView {
    let pct = s.progress.clamp(0, 100);
    view! {
        <p>{stage_label(&s.stage).to_string()}{eta_label(s.eta_seconds).map(|e| format!(" · {e}"))}</p>
        <progress class="progress" max="100" value=pct.to_string() aria-label="Provisioning progress">{format!("{pct}%")}</progress>
        <p class="muted" aria-live="polite">{format!("{pct}% complete")}</p>
    }
}

/// Export and delete.
#[component]
fn DataAndDeletion(org: Organization) -> impl IntoView {
    let slug = org.slug.to_string();
    let toaster = use_toaster();
    let confirm = use_confirm();
    let navigate = use_navigate();
    let export_slug = slug.clone();
    let export = crate::reactive::action(move |_: &()| {
        let slug = export_slug.clone();
        async move {
            let data = api::send(calls::export_org(&slug)).await?;
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
            match api::send(calls::delete_org(&slug)).await {
                Ok(()) => {
                    toaster.success(format!("Organization {slug} was deleted."));
                    navigate(&paths::orgs(), Default::default());
                }
                Err(e) => toaster.error(e.message()),
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
            <p>"Download everything the platform holds about this organization (GDPR export)."</p>
            <button type="button" class="btn" disabled=move || export.pending().get() on:click=move |_| { export.dispatch(()); }>
                {move || if export.pending().get() { "Preparing export…" } else { "Download export" }}
            </button>
            {move || export.value().get().and_then(|r| r.err()).map(|e| view! { <p class="field__error" role="alert">{e.message()}</p> })}
        </section>
        <section class="section section--danger" aria-labelledby="danger-title">
            <h2 id="danger-title">"Delete organization"</h2>
            <button
                type="button"
                class="btn btn--danger"
                disabled=blocker.is_some() || delete.pending().get_untracked()
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
    fn eta_is_readable() {
        assert_eq!(eta_label(None), None);
        assert_eq!(eta_label(Some(0)).unwrap(), "almost done");
        assert_eq!(eta_label(Some(45)).unwrap(), "about 45 seconds left");
        assert_eq!(eta_label(Some(60)).unwrap(), "about 1 minute left");
        assert_eq!(eta_label(Some(150)).unwrap(), "about 3 minutes left");
    }

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
