//! One tenant, for operators: instance facts, health checks, boot events and workspaces; its
//! console output on demand; its admin token revealed once on request; and the actions reboot,
//! redeploy (a dry run first by default), artifact scrub and teardown (both: type the slug).
//! Calls `GET /api/v1/admin/tenants/{slug}`, `.../diagnostics`, `.../boot-events`,
//! `.../console-output`, `GET /api/v1/admin/orgs/{slug}/workspaces`, `.../admin-token`,
//! `POST .../reboot`, `.../redeploy`, `.../scrub-artifacts`, `DELETE /api/v1/admin/tenants/{slug}`.

use super::{
    operator_message,
    outcomes::{diagnostic_lines, redeploy_outcome, release_name, teardown_outcome},
    send_admin,
};
use crate::components::DataTable;
use crate::components::{
    ConfirmRequest, ErrorView, error_view::Worded, show_once::ShowOnce, use_confirm, use_toaster,
};
use leptos::{ev::SubmitEvent, prelude::*};
use molecule_sdk::{
    calls,
    types::{ConfirmSlugRequest, RebootRequest, RedeployRequest},
};

/// The tenant panel of `slug`.
#[component]
pub fn TenantPanel(token: String, slug: String) -> impl IntoView {
    let toaster = use_toaster();
    let confirm = use_confirm();
    // Shown on request only, forgotten with Done or when the panel closes.
    let revealed = RwSignal::new(None::<String>);
    let console = RwSignal::new(None::<String>);
    // Input: which action to run.
    let (tk, sl) = (token.clone(), slug.clone());
    let act = crate::reactive::action(move |a: &Act| {
        let (t, s, a) = (tk.clone(), sl.clone(), a.clone());
        async move {
            let said = match a {
                Act::Reboot => send_admin(
                    t,
                    calls::admin_reboot_tenant(
                        &s,
                        &RebootRequest {
                            hard: false,
                            reason: Some("operator console".into()),
                        },
                    ),
                )
                .await
                .map(|r| {
                    if r.ok {
                        format!("Tenant {s} is rebooting.")
                    } else {
                        format!("Tenant {s} did not reboot.")
                    }
                }),
                Act::Redeploy { tag, dry_run } => {
                    // No tag means the current release (the platform's own call sends no body).
                    let target_tag = match tag.trim() {
                        "" => Ok(None),
                        given => given.parse().map(Some),
                    };
                    match target_tag {
                        Ok(target_tag) => send_admin(
                            t,
                            calls::admin_redeploy_tenant(
                                &s,
                                &RedeployRequest {
                                    target_tag,
                                    dry_run,
                                },
                            ),
                        )
                        .await
                        .map(|r| redeploy_outcome(&s, dry_run, &tag, &r)),
                        Err(_) => Ok("That is not a valid image tag.".into()),
                    }
                }
                Act::Teardown => send_admin(
                    t,
                    calls::admin_teardown_tenant(&s, &ConfirmSlugRequest { confirm: s.clone() }),
                )
                .await
                .map(|r| teardown_outcome(&s, &r)),
                Act::Scrub => send_admin(
                    t,
                    calls::admin_scrub_tenant_artifacts(
                        &s,
                        &ConfirmSlugRequest { confirm: s.clone() },
                    ),
                )
                .await
                .map(|r| format!("Scrubbed {} artifacts of {s}.", r.removed.len())),
                Act::RevealToken => send_admin(t, calls::admin_get_tenant_admin_token(&s))
                    .await
                    .map(|r| {
                        revealed.set(Some(r.admin_token));
                        format!("The admin token of {s} is shown below.")
                    }),
                Act::ConsoleOutput => send_admin(t, calls::admin_get_tenant_console_output(&s))
                    .await
                    .map(|r| {
                        console.set(Some(r.output));
                        format!("Console output of {s} captured.")
                    }),
            };
            match said {
                Ok(m) => toaster.success(m),
                Err(e) => toaster.error(operator_message(&e)),
            }
        }
    });
    let (t1, s1) = (token.clone(), slug.clone());
    let facts = crate::reactive::resource(move || {
        act.version().track();
        let (t, s) = (t1.clone(), s1.clone());
        async move {
            let instance = send_admin(t.clone(), calls::admin_get_tenant(&s)).await;
            let health = send_admin(t.clone(), calls::admin_get_tenant_diagnostics(&s)).await;
            let boot = send_admin(t.clone(), calls::admin_list_tenant_boot_events(&s)).await;
            let ws = send_admin(t, calls::admin_list_org_workspaces(&s)).await;
            match (instance, health, boot, ws) {
                (Ok(i), Ok(h), Ok(b), Ok(w)) => Ok((i, h, b, w)),
                (Err(e), ..) | (_, Err(e), ..) | (_, _, Err(e), _) | (.., Err(e)) => {
                    Err(operator_message(&e))
                }
            }
        }
    });
    let tag = RwSignal::new(String::new());
    let dry_run = RwSignal::new(true);
    let s2 = slug.clone();
    let redeploy = move |ev: SubmitEvent| {
        ev.prevent_default();
        let t = tag.get_untracked().trim().to_string();
        let dry = dry_run.get_untracked();
        if dry {
            act.dispatch(Act::Redeploy {
                tag: t,
                dry_run: true,
            });
        } else {
            let s = s2.clone();
            confirm.ask(ConfirmRequest {
                title: format!("Redeploy {s} to {}?", release_name(&t)),
                body:
                    "The tenant restarts on the new image; its workspaces are briefly unreachable."
                        .into(),
                confirm_label: "Redeploy".into(),
                danger: true,
                type_to_confirm: None,
                on_confirm: Callback::new(move |_| {
                    act.dispatch(Act::Redeploy {
                        tag: t.clone(),
                        dry_run: false,
                    });
                }),
            });
        }
    };
    let (s3, s4) = (slug.clone(), slug.clone());
    let reboot = move |_| {
        confirm.ask(ConfirmRequest {
            title: format!("Reboot {s3}?"),
            body: "Its workspaces are unreachable until the instance is back.".into(),
            confirm_label: "Reboot".into(),
            danger: true,
            type_to_confirm: None,
            on_confirm: Callback::new(move |_| {
                act.dispatch(Act::Reboot);
            }),
        })
    };
    let s5 = slug.clone();
    let scrub = move |_| {
        confirm.ask(ConfirmRequest {
            title: format!("Scrub the artifacts of {s5}?"),
            body: "Build and boot artifacts left behind by the tenant are deleted. This cannot be undone.".into(),
            confirm_label: "Scrub artifacts".into(),
            danger: true,
            type_to_confirm: Some(s5.clone()),
            on_confirm: Callback::new(move |_| { act.dispatch(Act::Scrub); }),
        })
    };
    let s6 = slug.clone();
    let reveal = move |_| {
        confirm.ask(ConfirmRequest {
            title: format!("Reveal the admin token of {s6}?"),
            body:
                "It gives full control of this tenant. It is shown once, here; nothing is stored."
                    .into(),
            confirm_label: "Reveal token".into(),
            danger: false,
            type_to_confirm: None,
            on_confirm: Callback::new(move |_| {
                act.dispatch(Act::RevealToken);
            }),
        })
    };
    let teardown = move |_| {
        confirm.ask(ConfirmRequest {
            title: format!("Tear down {s4}?"),
            body: "The instance is terminated, its DNS removed and its subscription cancelled. This cannot be undone.".into(),
            confirm_label: "Tear down tenant".into(),
            danger: true,
            type_to_confirm: Some(s4.clone()),
            on_confirm: Callback::new(move |_| { act.dispatch(Act::Teardown); }),
        })
    };
    let env_token = token.clone();
    view! {
        <section class="section" aria-labelledby="op-tenant-title">
            <h2 id="op-tenant-title">{format!("Tenant {slug}")}</h2>
            <Transition fallback=|| view! { <span class="skeleton skeleton--row" aria-label="Loading tenant"></span> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || {
                        let env_token = env_token.clone();
                        Suspend::new(async move {
                        facts.await.map_err(Worded).map(|(i, h, b, w)| {
                            let workspaces = w.workspaces.iter().map(|x| format!("{} ({})", x.name.as_str(), x.status)).collect::<Vec<_>>().join(", ");
                            let pairs: Vec<(String, String)> = w.workspaces.iter().map(|x| (x.id.to_string(), x.name.to_string())).collect();
                            let env_form = (!pairs.is_empty()).then(|| view! { <super::maintenance::WorkspaceEnv token=env_token.clone() workspaces=pairs/> });
                            let checks = diagnostic_lines(&h).into_iter().map(|(ok, text)| view! {
                                <li>{if ok { "✓ " } else { "✗ " }}{text}</li>
                            }).collect_view();
                            let last_error = h.last_error.clone().map(|e| view! {
                                <p class="callout callout--error">"Last provisioning error: " <span class="mono">{e}</span></p>
                            });
                            let dash = || "—".to_string();
                            let events = b.events.into_iter().rev().take(10).map(|e| view! {
                                <tr><td class="mono">{e.at.as_deref().and_then(|a| a.get(..19)).map(|a| a.replace('T', " ")).unwrap_or_else(dash)}</td>
                                    <td>{e.stage.clone().unwrap_or_else(dash)}</td><td>{e.message.clone().unwrap_or_else(dash)}</td></tr>
                            }).collect_view();
                            view! {
                                <dl class="facts" aria-label="Instance">
                                    <dt>"Instance"</dt><dd class="mono">{i.instance_id.clone().unwrap_or_else(|| "none".into())}</dd>
                                    <dt>"State"</dt><dd>{i.instance_status.clone()}</dd>
                                    <dt>"Image"</dt><dd class="mono">{i.image_tag.clone().unwrap_or_else(|| "—".into())}</dd>
                                    <dt>"Region"</dt><dd>{i.region.clone().unwrap_or_else(|| "—".into())}</dd>
                                    <dt>"Checked"</dt><dd>{h.checked_at.as_deref().and_then(|a| a.get(..19)).map(|a| a.replace('T', " ")).unwrap_or_else(|| "—".into())}</dd>
                                    <dt>"Workspaces"</dt><dd>{format!("{}", w.count)}{(!workspaces.is_empty()).then(|| format!(": {workspaces}"))}</dd>
                                </dl>
                                <h3>"Checks"</h3>
                                <ul>{checks}</ul>
                                {last_error}
                                <h3>"Recent boot events"</h3>
                                <DataTable caption="Boot events, newest first" columns=&["At (UTC)", "Stage", "Message"]>{events}</DataTable>
                                {env_form}
                            }
                        })
                    })}}
                </ErrorBoundary>
            </Transition>
            <h3>"Actions"</h3>
            <form class="form form--inline" on:submit=redeploy novalidate autocomplete="off">
                <label class="field" for="redeploy-tag"><span class="field__label">"Redeploy to image tag"</span></label>
                <input id="redeploy-tag" class="input mono" spellcheck="false" prop:value=move || tag.get()
                    on:input=move |ev| tag.set(event_target_value(&ev))/>
                <label class="checkbox">
                    <input type="checkbox" prop:checked=move || dry_run.get() on:change=move |ev| dry_run.set(event_target_checked(&ev))/>
                    <span>"Dry run"</span>
                </label>
                <button type="submit" class="btn btn--primary" disabled=move || act.pending().get()>"Redeploy"</button>
            </form>
            {move || revealed.get().map(|secret| view! {
                <ShowOnce title="Copy the tenant admin token now" label="Tenant admin token" secret on_done=Callback::new(move |_| revealed.set(None))/>
            })}
            {move || console.get().map(|text| view! {
                <h3>"Console output"</h3>
                <pre class="console-output" tabindex="0" aria-label="Console output">{text}</pre>
            })}
            <super::maintenance::VolumeMigration token=token.clone() slug=slug.clone()/>
            <div class="row-actions">
                <button type="button" class="btn" disabled=move || act.pending().get() on:click=move |_| { act.dispatch(Act::ConsoleOutput); }>"Show console output"</button>
                <button type="button" class="btn" disabled=move || act.pending().get() on:click=reveal>"Reveal admin token"</button>
                <button type="button" class="btn" disabled=move || act.pending().get() on:click=reboot>"Reboot tenant"</button>
                <button type="button" class="btn btn--danger" disabled=move || act.pending().get() on:click=scrub>"Scrub artifacts"</button>
                <button type="button" class="btn btn--danger" disabled=move || act.pending().get() on:click=teardown>"Tear down tenant"</button>
            </div>
        </section>
    }
}

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
