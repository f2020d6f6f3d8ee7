//! Fleet rollout, for operators: redeploy every tenant (or the listed ones) to an image tag in
//! batches, a canary first, with a soak between batches. A dry run is the default; a real
//! rollout asks for confirmation. Calls `POST /api/v1/admin/tenants/redeploy-fleet`.

use crate::components::DataTable;
use crate::components::{ConfirmRequest, Field, use_confirm};
use crate::{api::use_api, words};
use leptos::{ev::SubmitEvent, prelude::*};
use molecule_sdk::{
    calls,
    types::{FleetRedeployRequest, FleetRedeployResult},
};
use std::num::NonZeroU32;

/// The rollout form's input, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RolloutForm {
    pub tag: String,
    pub canary: String,
    pub only: String,
    pub batch: String,
    pub soak: String,
    pub dry_run: bool,
}

/// Checks the form and builds the request (or says what to fix).
pub fn rollout_request(f: &RolloutForm) -> Result<FleetRedeployRequest, String> {
    let tag = f.tag.trim();
    if tag.is_empty() {
        return Err("Enter the image tag to roll out.".into());
    }
    let batch: u32 = f
        .batch
        .trim()
        .parse()
        .ok()
        .filter(|b| *b >= 1)
        .ok_or("The batch size is a whole number of tenants, at least 1.")?;
    let soak: i32 = f
        .soak
        .trim()
        .parse()
        .ok()
        .filter(|s| *s >= 0)
        .ok_or("The soak is a whole number of seconds, 0 or more.")?;
    let only: Vec<String> = f
        .only
        .split([',', ' ', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    let canary = Some(f.canary.trim().to_string()).filter(|c| !c.is_empty());
    Ok(FleetRedeployRequest {
        target_tag: tag
            .parse()
            .map_err(|_| "Enter the image tag to roll out.")?,
        batch_size: NonZeroU32::new(batch).ok_or("The batch size is at least 1.")?,
        soak_seconds: soak,
        dry_run: f.dry_run,
        confirm: true,
        canary_slug: canary,
        only_slugs: only,
        // The control plane's default: stop at the first failed tenant.
        max_stragglers: None,
    })
}

/// The fleet rollout section.
#[component]
pub fn FleetRollout() -> impl IntoView {
    let api = use_api();
    let confirm = use_confirm();
    let error = RwSignal::new(None::<String>);
    let outcome = RwSignal::new(None::<(bool, FleetRedeployResult)>);
    let run = crate::reactive::action(move |req: &FleetRedeployRequest| {
        let (req, dry) = (req.clone(), req.dry_run);
        async move {
            match api.send(calls::admin_redeploy_fleet(&req)).await {
                Ok(r) => {
                    error.set(None);
                    outcome.set(Some((dry, r)));
                }
                Err(e) => error.set(Some(words::say(&e))),
            }
        }
    });
    let form = RwSignal::new(RolloutForm {
        batch: "5".into(),
        soak: "120".into(),
        dry_run: true,
        ..Default::default()
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        match rollout_request(&form.get_untracked()) {
            Err(m) => error.set(Some(m)),
            Ok(req) if req.dry_run => {
                error.set(None);
                run.dispatch(req);
            }
            Ok(req) => {
                error.set(None);
                let scope = if req.only_slugs.is_empty() {
                    "every tenant".to_string()
                } else {
                    req.only_slugs.join(", ")
                };
                confirm.ask(ConfirmRequest {
                    title: format!("Roll out {} to {scope}?", *req.target_tag),
                    body: "Each tenant restarts on the new image, batch by batch; the rollout stops at the first failure.".into(),
                    confirm_label: "Roll out".into(),
                    danger: true,
                    type_to_confirm: None,
                    on_confirm: Callback::new(move |_| { run.dispatch(req.clone()); }),
                });
            }
        }
    };
    let field = move |get: fn(&RolloutForm) -> String, set: fn(&mut RolloutForm, String)| {
        (
            move || get(&form.get()),
            move |ev: leptos::ev::Event| form.update(|f| set(f, event_target_value(&ev))),
        )
    };
    let (tag_v, tag_in) = field(|f| f.tag.clone(), |f, v| f.tag = v);
    let (canary_v, canary_in) = field(|f| f.canary.clone(), |f, v| f.canary = v);
    let (only_v, only_in) = field(|f| f.only.clone(), |f, v| f.only = v);
    let (batch_v, batch_in) = field(|f| f.batch.clone(), |f, v| f.batch = v);
    let (soak_v, soak_in) = field(|f| f.soak.clone(), |f, v| f.soak = v);
    view! {
        <section class="section" aria-labelledby="op-fleet-title">
            <h2 id="op-fleet-title">"Fleet rollout"</h2>
            <form class="form form--inline" on:submit=submit novalidate autocomplete="off">
                <Field id="fleet-tag" label="Roll out image tag">
                    <input id="fleet-tag" class="input mono" spellcheck="false" prop:value=tag_v on:input=tag_in/>
                </Field>
                <Field id="fleet-canary" label="Canary tenant (optional)">
                    <input id="fleet-canary" class="input mono" spellcheck="false" prop:value=canary_v on:input=canary_in/>
                </Field>
                <Field id="fleet-only" label="Only these tenants (optional)">
                    <input id="fleet-only" class="input mono" spellcheck="false" prop:value=only_v on:input=only_in/>
                </Field>
                <Field id="fleet-batch" label="Batch size">
                    <input id="fleet-batch" class="input" inputmode="numeric" prop:value=batch_v on:input=batch_in/>
                </Field>
                <Field id="fleet-soak" label="Soak (seconds)">
                    <input id="fleet-soak" class="input" inputmode="numeric" prop:value=soak_v on:input=soak_in/>
                </Field>
                <label class="checkbox">
                    <input type="checkbox" prop:checked=move || form.get().dry_run on:change=move |ev| form.update(|f| f.dry_run = event_target_checked(&ev))/>
                    <span>"Dry run"</span>
                </label>
                <p class="field__error" role="alert">{move || error.get()}</p>
                <button type="submit" class="btn btn--primary" disabled=move || run.pending().get()>"Start rollout"</button>
            </form>
            {move || outcome.get().map(|(dry_run, r)| view! { <Outcome dry_run r/> })}
        </section>
    }
}

/// How a rollout (or its dry run) went, tenant by tenant.
#[component]
fn Outcome(dry_run: bool, r: FleetRedeployResult) -> impl IntoView {
    let said = match (dry_run, r.ok) {
        (true, true) => "Dry run finished: nothing was changed. These tenants would be rolled out.",
        (true, false) => "Dry run stopped: a tenant would fail (see below). Nothing was changed.",
        (false, true) => "Rollout finished.",
        (false, false) => "Rollout stopped: a tenant failed (see below).",
    };
    let rows = r.results.into_iter().map(|i| view! {
        <tr>
            <td class="mono">{i.slug.clone()}</td>
            <td>{i.phase.clone().unwrap_or_else(|| "—".into())}</td>
            <td>{match i.healthz_ok { Some(true) => "healthy", Some(false) => "not healthy", None => "—" }}</td>
            <td>{if i.error.is_some() { "failed" } else { "ok" }}</td>
        </tr>
    }).collect_view();
    view! {
        <p role="status">{said}</p>
        <DataTable caption="Rollout results per tenant" columns=&["Tenant", "Phase", "Health", "Result"]>{rows}</DataTable>
    }
}

/// The operator page of this section.
#[component]
pub fn OperatorFleetPage() -> impl IntoView {
    view! {
        <crate::components::Title text="Fleet rollout · Operator · Molecule Console"/>
        <FleetRollout/>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> RolloutForm {
        RolloutForm {
            tag: "prod-2026-11-29".into(),
            batch: "5".into(),
            soak: "120".into(),
            dry_run: true,
            ..Default::default()
        }
    }

    #[test]
    fn a_valid_form_builds_the_request() {
        let mut f = form();
        f.only = "fleet-east, fleet-west".into();
        f.canary = " fleet-canary ".into();
        let r = rollout_request(&f).unwrap();
        assert_eq!(r.only_slugs, ["fleet-east", "fleet-west"]);
        assert_eq!(r.canary_slug.as_deref(), Some("fleet-canary"));
        assert!(r.confirm && r.dry_run);
        // No tenants listed: the list is left out, never sent empty (an empty list is a 400).
        let r = rollout_request(&form()).unwrap();
        assert!(!serde_json::to_string(&r).unwrap().contains("only_slugs"));
    }

    #[test]
    fn bad_input_is_explained() {
        for (f, msg) in [
            (
                RolloutForm {
                    tag: " ".into(),
                    ..form()
                },
                "image tag",
            ),
            (
                RolloutForm {
                    batch: "0".into(),
                    ..form()
                },
                "batch size",
            ),
            (
                RolloutForm {
                    soak: "-1".into(),
                    ..form()
                },
                "soak",
            ),
        ] {
            assert!(rollout_request(&f).unwrap_err().contains(msg), "{f:?}");
        }
    }
}
