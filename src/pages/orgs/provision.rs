//! Provisioning progress of an org being set up: stage, time left and a progress bar, polled
//! every second until the org leaves `provisioning` (more slowly through errors).
//! Calls `GET /cp/orgs/{slug}/provision-status`.

use crate::{api::use_api, components::poll::use_poll, words::say};
use leptos::prelude::*;
use molecule_sdk::{
    calls,
    types::{ProvisionStatus, ProvisionStatusStage, ProvisionStatusStatus},
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
        1 => "about 1 second left".into(),
        2..=59 => format!("about {s} seconds left"),
        _ => {
            let m = (s + 30) / 60;
            format!("about {m} minute{} left", if m == 1 { "" } else { "s" })
        }
    })
}

/// Provisioning progress, polled until the org leaves `provisioning`.
#[component]
pub fn ProvisionProgress(slug: String, on_done: Callback<()>) -> impl IntoView {
    let api = use_api();
    let tick = RwSignal::new(0u32);
    let status = crate::reactive::resource(move || {
        tick.track();
        api.send(calls::get_provision_status(&slug))
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
                Err(e) => view! { <p class="field__error">{say(&e)}</p> }.into_any(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eta_is_readable() {
        assert_eq!(eta_label(None), None);
        assert_eq!(eta_label(Some(0)).unwrap(), "almost done");
        assert_eq!(eta_label(Some(45)).unwrap(), "about 45 seconds left");
        assert_eq!(eta_label(Some(1)).unwrap(), "about 1 second left");
        assert_eq!(eta_label(Some(60)).unwrap(), "about 1 minute left");
        assert_eq!(eta_label(Some(150)).unwrap(), "about 3 minutes left");
    }
}
