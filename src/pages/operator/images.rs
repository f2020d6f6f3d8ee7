//! Runtime image pins, for operators: the image each runtime template uses per region, with
//! promote (a new digest) and rollback (to the previous one).
//! Calls `GET /api/v1/admin/runtime-image/list`, `POST .../promote`, `POST .../rollback`.

use crate::components::DataTable;
use crate::components::{ConfirmRequest, Field, Loaded, use_confirm, use_toaster};
use crate::{api::use_api, words};
use leptos::{ev::SubmitEvent, prelude::*};
use molecule_sdk::{
    calls,
    types::{RuntimeImagePin, RuntimeImagePromoteRequest, RuntimeImageRollbackRequest},
};

/// Checks an image digest (`sha256:` and 64 hex digits).
pub fn check_digest(d: &str) -> Result<(), &'static str> {
    match d.strip_prefix("sha256:") {
        Some(hex) if hex.len() == 64 && hex.chars().all(|c| c.is_ascii_hexdigit()) => Ok(()),
        _ => Err("An image digest is sha256: followed by 64 hexadecimal digits."),
    }
}

/// The image pins section.
#[component]
pub fn ImagePins() -> impl IntoView {
    let api = use_api();
    let toaster = use_toaster();
    let promote = crate::reactive::action(move |req: &RuntimeImagePromoteRequest| {
        let req = req.clone();
        async move {
            // The real control plane's answer may be empty: the message comes from the request.
            match api.send(calls::admin_promote_runtime_image(&req)).await {
                Ok(_) => toaster.success(format!(
                    "{} in {} now runs {}.",
                    *req.template_name,
                    req.region,
                    short(&req.image_digest)
                )),
                Err(e) => toaster.error(words::say(&e)),
            }
        }
    });
    let rollback = crate::reactive::action(move |req: &RuntimeImageRollbackRequest| {
        let req = req.clone();
        async move {
            match api.send(calls::admin_rollback_runtime_image(&req)).await {
                Ok(p) => toaster.success(format!(
                    "{} in {} rolled back to {}.",
                    p.template_name,
                    region_name(p.region.as_deref()),
                    short(&p.image_digest)
                )),
                Err(e) => toaster.error(words::say(&e)),
            }
        }
    });
    let list = crate::reactive::resource(move || {
        promote.version().track();
        rollback.version().track();
        async move { api.send(calls::admin_list_runtime_image_pins()).await }
    });
    let (template, region, digest) = (
        RwSignal::new(String::new()),
        RwSignal::new("global".to_string()),
        RwSignal::new(String::new()),
    );
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (tn, rg, dg) = (
            template.get_untracked().trim().to_string(),
            region.get_untracked().trim().to_string(),
            digest.get_untracked().trim().to_string(),
        );
        if tn.is_empty() || rg.is_empty() {
            error.set(Some("Enter the runtime template and the region.".into()));
            return;
        }
        if let Err(m) = check_digest(&dg) {
            error.set(Some(m.into()));
            return;
        }
        let Ok(template_name) = tn.parse() else {
            error.set(Some("Enter the runtime template.".into()));
            return;
        };
        error.set(None);
        promote.dispatch(RuntimeImagePromoteRequest {
            template_name,
            region: rg,
            image_digest: dg,
            git_sha: None,
            notes: Some("operator console".into()),
        });
    };
    view! {
        <section class="section" aria-labelledby="op-images-title">
            <h2 id="op-images-title">"Runtime images"</h2>
            <Loaded res=list what="Runtime images" let:l>
                <DataTable caption="Pinned runtime images" columns=&["Runtime", "Region", "Image", "Promoted"] actions=true>
                    {l.pins.into_iter().map(|p| view! { <PinRow p rollback/> }).collect_view()}
                </DataTable>
            </Loaded>
            <h3>"Promote an image"</h3>
            <form class="form form--inline" on:submit=submit novalidate autocomplete="off">
                <Field id="pin-template" label="Runtime template">
                    <input id="pin-template" class="input mono" spellcheck="false" prop:value=move || template.get() on:input=move |ev| template.set(event_target_value(&ev))/>
                </Field>
                <Field id="pin-region" label="Region">
                    <input id="pin-region" class="input mono" spellcheck="false" prop:value=move || region.get() on:input=move |ev| region.set(event_target_value(&ev))/>
                </Field>
                <Field id="pin-digest" label="Image digest">
                    <input id="pin-digest" class="input mono" spellcheck="false" prop:value=move || digest.get() on:input=move |ev| digest.set(event_target_value(&ev))/>
                </Field>
                <p class="field__error" role="alert">{move || error.get()}</p>
                <button type="submit" class="btn btn--primary" disabled=move || promote.pending().get()>"Promote image"</button>
            </form>
        </section>
    }
}

/// `sha256:1234567890ab…` for display.
/// A pin without a region applies everywhere (`global`, as the platform's own readers assume).
fn region_name(region: Option<&str>) -> &str {
    region.unwrap_or("global")
}

fn short(digest: &str) -> String {
    match digest.get(..19) {
        Some(s) if digest.len() > 19 => format!("{s}…"),
        _ => digest.to_string(),
    }
}

/// One pinned image, with its rollback (asked first).
#[component]
fn PinRow(p: RuntimeImagePin, rollback: Action<RuntimeImageRollbackRequest, ()>) -> impl IntoView {
    let confirm = use_confirm();
    let region = region_name(p.region.as_deref()).to_string();
    let (tn, rg) = (p.template_name.clone(), region.clone());
    let ask = move |_| {
        let (tn, rg) = (tn.clone(), rg.clone());
        confirm.ask(ConfirmRequest {
            title: format!("Roll back {tn} in {rg}?"),
            body: "New workspaces of this runtime start on the previous image again.".into(),
            confirm_label: "Roll back".into(),
            danger: true,
            type_to_confirm: None,
            on_confirm: Callback::new(move |_| {
                if let Ok(template_name) = tn.parse() {
                    let req = RuntimeImageRollbackRequest {
                        template_name,
                        region: rg.clone(),
                        to_image_digest: None,
                    };
                    rollback.dispatch(req);
                }
            }),
        })
    };
    view! {
        <tr>
            <td class="mono">{p.template_name.clone()}</td>
            <td>{region.clone()}</td>
            <td class="mono" title=p.image_digest.clone()>{short(&p.image_digest)}</td>
            <td>{p.promoted_at.as_deref().and_then(|a| a.get(..10)).unwrap_or("—").to_string()}</td>
            <td><button type="button" class="btn" disabled=p.previous_image_digest.is_none()
                aria-label=format!("Roll back {} in {region}", p.template_name) on:click=ask>"Roll back"</button></td>
        </tr>
    }
}

/// The operator page of this section.
#[component]
pub fn OperatorImagesPage() -> impl IntoView {
    view! {
        <crate::components::Title text="Runtime images · Operator · Molecule Console"/>
        <ImagePins/>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests() {
        let ok = format!("sha256:{}", "ab".repeat(32));
        assert!(check_digest(&ok).is_ok());
        assert!(check_digest("sha256:abc").is_err());
        assert!(check_digest(&format!("md5:{}", "ab".repeat(32))).is_err());
        assert!(check_digest(&format!("sha256:{}", "zz".repeat(32))).is_err());
        assert_eq!(short(&ok), format!("sha256:{}…", "ab".repeat(6)));
    }
}
