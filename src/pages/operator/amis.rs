//! Thin AMI pins, for operators: the base machine image new tenant instances boot from, per
//! region, with promote (a new AMI) and rollback (to the previous one).
//! Calls `GET /api/v1/admin/thin-ami/list`, `POST .../promote`, `POST .../rollback`.

use crate::components::DataTable;
use crate::components::{ConfirmRequest, Empty, Field, Loaded, use_confirm, use_toaster};
use crate::{api::use_api, words};
use leptos::{ev::SubmitEvent, prelude::*};
use molecule_sdk::{
    calls,
    types::{ThinAmiPin, ThinAmiPromoteRequest, ThinAmiRollbackRequest},
};

/// Checks an AMI id (`ami-` and 8 to 17 lowercase hex digits).
pub fn check_ami(id: &str) -> Result<(), &'static str> {
    match id.strip_prefix("ami-") {
        Some(hex)
            if (8..=17).contains(&hex.len())
                && hex
                    .chars()
                    .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c)) =>
        {
            Ok(())
        }
        _ => Err("An AMI id is ami- followed by 8 to 17 lowercase hexadecimal digits."),
    }
}

/// The thin AMI pins section.
#[component]
pub fn AmiPins() -> impl IntoView {
    let api = use_api();
    let toaster = use_toaster();
    let promote = crate::reactive::action(move |req: &ThinAmiPromoteRequest| {
        let req = req.clone();
        async move {
            match api.send(calls::admin_promote_thin_ami(&req)).await {
                Ok(p) => toaster.success(format!("New tenants in {} boot {}.", p.region, p.ami_id)),
                Err(e) => toaster.error(words::say(&e)),
            }
        }
    });
    let rollback = crate::reactive::action(move |req: &ThinAmiRollbackRequest| {
        let req = req.clone();
        async move {
            match api.send(calls::admin_rollback_thin_ami(&req)).await {
                Ok(p) => toaster.success(format!("{} rolled back to {}.", p.region, p.ami_id)),
                Err(e) => toaster.error(words::say(&e)),
            }
        }
    });
    let list = crate::reactive::resource(move || {
        promote.version().track();
        rollback.version().track();
        async move { api.send(calls::admin_list_thin_ami_pins()).await }
    });
    let (region, ami) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (rg, id) = (
            region.get_untracked().trim().to_string(),
            ami.get_untracked().trim().to_string(),
        );
        let Ok(region) = rg.parse() else {
            error.set(Some("Enter the region, e.g. us-east-1.".into()));
            return;
        };
        if let Err(m) = check_ami(&id) {
            error.set(Some(m.into()));
            return;
        }
        error.set(None);
        promote.dispatch(ThinAmiPromoteRequest {
            region,
            ami_id: id,
            notes: Some("operator console".into()),
        });
    };
    view! {
        <section class="section" aria-labelledby="op-amis-title">
            <h2 id="op-amis-title">"Tenant base images (thin AMIs)"</h2>
            <Loaded res=list what="Tenant base images" let:l>
                {match l.pins.is_empty() {
                    true => view! { <Empty message="No tenant base image is pinned yet; promote one below."/> }.into_any(),
                    false => view! {
                        <DataTable caption="Pinned tenant base images" columns=&["Region", "AMI", "Promoted"] actions=true>
                            {l.pins.into_iter().map(|p| view! { <PinRow p rollback/> }).collect_view()}
                        </DataTable>
                    }
                    .into_any(),
                }}
            </Loaded>
            <form class="form form--inline" on:submit=submit novalidate autocomplete="off">
                <Field id="ami-region" label="AMI region">
                    <input id="ami-region" class="input mono" spellcheck="false" prop:value=move || region.get() on:input=move |ev| region.set(event_target_value(&ev))/>
                </Field>
                <Field id="ami-id" label="AMI id">
                    <input id="ami-id" class="input mono" spellcheck="false" prop:value=move || ami.get() on:input=move |ev| ami.set(event_target_value(&ev))/>
                </Field>
                <p class="field__error" role="alert">{move || error.get()}</p>
                <button type="submit" class="btn btn--primary" disabled=move || promote.pending().get()>"Promote base image"</button>
            </form>
        </section>
    }
}

/// One region's pinned base image, with its rollback (asked first).
#[component]
fn PinRow(p: ThinAmiPin, rollback: Action<ThinAmiRollbackRequest, ()>) -> impl IntoView {
    let confirm = use_confirm();
    let rg = p.region.clone();
    let ask = move |_| {
        let rg = rg.clone();
        confirm.ask(ConfirmRequest {
            title: format!("Roll back the base image of {rg}?"),
            body: "New tenant instances in this region boot the previous image again.".into(),
            confirm_label: "Roll back image".into(),
            danger: true,
            type_to_confirm: None,
            on_confirm: Callback::new(move |_| {
                if let Ok(region) = rg.parse() {
                    rollback.dispatch(ThinAmiRollbackRequest {
                        region,
                        to_ami_id: None,
                    });
                }
            }),
        })
    };
    view! {
        <tr>
            <td>{p.region.clone()}</td>
            <td class="mono">{p.ami_id.clone()}</td>
            <td>{p.promoted_at.get(..10).unwrap_or_default().to_string()}</td>
            <td><button type="button" class="btn" disabled=p.previous_ami_id.is_none()
                aria-label=format!("Roll back the base image of {}", p.region) on:click=ask>"Roll back"</button></td>
        </tr>
    }
}

/// The operator page of this section.
#[component]
pub fn OperatorAmisPage() -> impl IntoView {
    view! {
        <crate::components::Title text="Thin AMIs · Operator · Molecule Console"/>
        <AmiPins/>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ami_ids() {
        assert!(check_ami("ami-0fedcba9876543210").is_ok());
        assert!(check_ami("ami-12345678").is_ok());
        for bad in [
            "ami-1234567",
            "ami-0FEDCBA98",
            "ami-",
            "i-12345678",
            "ami-123456789012345678",
        ] {
            assert!(check_ami(bad).is_err(), "{bad}");
        }
    }
}
