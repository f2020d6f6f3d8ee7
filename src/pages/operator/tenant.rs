//! `/operator/tenants/:slug`: one tenant, for operators. Its read-outs (`tenant_facts`), its
//! console output on demand, its admin token revealed once on request, and the actions reboot,
//! redeploy (a dry run first by default), artifact scrub and teardown (both: type the slug).
//! Calls `POST /api/v1/admin/tenants/{slug}/reboot`, `.../redeploy`, `.../scrub-artifacts`,
//! `GET .../console-output`, `GET /api/v1/admin/orgs/{slug}/admin-token`,
//! `DELETE /api/v1/admin/tenants/{slug}`.

use super::{
    outcomes::{redeploy_outcome, release_name, teardown_outcome},
    tenant_facts::TenantFacts,
};
use crate::router::use_params_map;
use crate::{
    api::{Api, use_api},
    components::{ConfirmRequest, Field, Title, show_once::ShowOnce, use_confirm, use_toaster},
};
use leptos::{ev::SubmitEvent, prelude::*};
use molecule_sdk::{
    ApiError, calls,
    types::{ConfirmSlugRequest, RebootRequest, RedeployRequest},
};

/// An operator action on the tenant.
#[derive(Clone, Debug)]
enum Act {
    Reboot,
    Redeploy { tag: String, dry_run: bool },
    Teardown,
    Scrub,
    RevealToken,
    ConsoleOutput,
}

/// What the page keeps from an action besides its sentence.
#[derive(Clone, Copy)]
struct Shown {
    /// The revealed admin token, until Done.
    token: RwSignal<Option<String>>,
    console: RwSignal<Option<String>>,
}

/// Runs `act` on tenant `s`; the sentence that says how it went.
async fn run(api: Api, s: String, act: Act, shown: Shown) -> Result<String, ApiError> {
    let confirm = ConfirmSlugRequest { confirm: s.clone() };
    match act {
        Act::Reboot => {
            let req = RebootRequest {
                hard: false,
                reason: Some("operator console".into()),
            };
            let r = api.send(calls::admin_reboot_tenant(&s, &req)).await?;
            Ok(match r.ok {
                true => format!("Tenant {s} is rebooting."),
                false => format!("Tenant {s} did not reboot."),
            })
        }
        Act::Redeploy { tag, dry_run } => {
            // No tag means the current release (the platform's own call sends no body).
            let target_tag = match tag.trim() {
                "" => None,
                given => match given.parse() {
                    Ok(t) => Some(t),
                    Err(_) => return Ok("That is not a valid image tag.".into()),
                },
            };
            let req = RedeployRequest {
                target_tag,
                dry_run,
            };
            let r = api.send(calls::admin_redeploy_tenant(&s, &req)).await?;
            Ok(redeploy_outcome(&s, dry_run, &tag, &r))
        }
        Act::Teardown => {
            let r = api.send(calls::admin_teardown_tenant(&s, &confirm)).await?;
            Ok(teardown_outcome(&s, &r))
        }
        Act::Scrub => {
            let r = api
                .send(calls::admin_scrub_tenant_artifacts(&s, &confirm))
                .await?;
            Ok(format!("Scrubbed {} artifacts of {s}.", r.removed.len()))
        }
        Act::RevealToken => {
            let r = api.send(calls::admin_get_tenant_admin_token(&s)).await?;
            shown.token.set(Some(r.admin_token));
            Ok(format!("The admin token of {s} is shown below."))
        }
        Act::ConsoleOutput => {
            let r = api.send(calls::admin_get_tenant_console_output(&s)).await?;
            shown.console.set(Some(r.output));
            Ok(format!("Console output of {s} captured."))
        }
    }
}

/// The operator's page of one tenant.
#[component]
pub fn OperatorTenantPage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.with(|p| p.get("slug")).unwrap_or_default());
    view! {
        <Title text=move || format!("{} · Operator · Molecule Console", slug.get())/>
        {move || view! { <TenantPanel slug=slug.get()/> }}
    }
}

/// Everything about tenant `slug`.
#[component]
pub fn TenantPanel(slug: String) -> impl IntoView {
    let (api, toaster, confirm) = (use_api(), use_toaster(), use_confirm());
    // Shown on request only, forgotten with Done or when the page changes.
    let shown = Shown {
        token: RwSignal::new(None),
        console: RwSignal::new(None),
    };
    let s = StoredValue::new(slug.clone());
    let act = crate::reactive::action(move |a: &Act| {
        let run = run(api, s.get_value(), a.clone(), shown);
        async move {
            toaster.tell(run.await, String::clone);
        }
    });
    let version = Signal::derive(move || act.version().get());
    let busy = move || act.pending().get();
    // Asks first, then runs `a`; `typed` makes the operator type the slug.
    let ask = move |title: String,
                    body: &'static str,
                    label: &'static str,
                    danger: bool,
                    typed: bool,
                    a: Act| {
        confirm.ask(ConfirmRequest {
            title,
            body: body.into(),
            confirm_label: label.into(),
            danger,
            type_to_confirm: typed.then(|| s.get_value()),
            on_confirm: Callback::new(move |_| {
                act.dispatch(a.clone());
            }),
        })
    };
    let tag = RwSignal::new(String::new());
    let dry_run = RwSignal::new(true);
    let redeploy = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (tag, dry_run) = (
            tag.get_untracked().trim().to_string(),
            dry_run.get_untracked(),
        );
        let title = format!("Redeploy {} to {}?", s.get_value(), release_name(&tag));
        let a = Act::Redeploy { tag, dry_run };
        match dry_run {
            true => {
                act.dispatch(a);
            }
            false => ask(
                title,
                "The tenant restarts on the new image; its workspaces are briefly unreachable.",
                "Redeploy",
                true,
                false,
                a,
            ),
        }
    };
    let named = move |verb: &str| format!("{verb} {}?", s.get_value());
    view! {
        <section class="section" aria-labelledby="op-tenant-title">
            <h2 id="op-tenant-title">{format!("Tenant {slug}")}</h2>
            <TenantFacts slug=slug.clone() version/>
            <h3>"Actions"</h3>
            <form class="form form--inline" on:submit=redeploy novalidate autocomplete="off">
                <Field id="redeploy-tag" label="Redeploy to image tag">
                    <input id="redeploy-tag" class="input mono" spellcheck="false" prop:value=move || tag.get()
                        on:input=move |ev| tag.set(event_target_value(&ev))/>
                </Field>
                <label class="checkbox">
                    <input type="checkbox" prop:checked=move || dry_run.get() on:change=move |ev| dry_run.set(event_target_checked(&ev))/>
                    <span>"Dry run"</span>
                </label>
                <button type="submit" class="btn btn--primary" disabled=busy>"Redeploy"</button>
            </form>
            {move || shown.token.get().map(|secret| view! {
                <ShowOnce title="Copy the tenant admin token now" label="Tenant admin token" secret on_done=Callback::new(move |_| shown.token.set(None))/>
            })}
            {move || shown.console.get().map(|text| view! {
                <h3>"Console output"</h3>
                <pre class="code-block" tabindex="0" aria-label="Console output">{text}</pre>
            })}
            <super::maintenance::VolumeMigration slug=slug.clone()/>
            <div class="row-actions">
                <button type="button" class="btn" disabled=busy on:click=move |_| { act.dispatch(Act::ConsoleOutput); }>"Show console output"</button>
                <button type="button" class="btn" disabled=busy on:click=move |_| ask(named("Reveal the admin token of"),
                    "It gives full control of this tenant. It is shown once, here; nothing is stored.", "Reveal token", false, false, Act::RevealToken)>"Reveal admin token"</button>
                <button type="button" class="btn" disabled=busy on:click=move |_| ask(named("Reboot"),
                    "Its workspaces are unreachable until the instance is back.", "Reboot", true, false, Act::Reboot)>"Reboot tenant"</button>
                <button type="button" class="btn btn--danger" disabled=busy on:click=move |_| ask(named("Scrub the artifacts of"),
                    "Build and boot artifacts left behind by the tenant are deleted. This cannot be undone.", "Scrub artifacts", true, true, Act::Scrub)>"Scrub artifacts"</button>
                <button type="button" class="btn btn--danger" disabled=busy on:click=move |_| ask(named("Tear down"),
                    "The instance is terminated, its DNS removed and its subscription cancelled. This cannot be undone.", "Tear down tenant", true, true, Act::Teardown)>"Tear down tenant"</button>
            </div>
        </section>
    }
}
