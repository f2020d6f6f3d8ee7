//! One workspace: summary, budget per period (the whole map is replaced on save; an empty field
//! clears its limit, 0 blocks all spend), who pays for its model calls, its own secrets
//! (write-only), and its tokens (shown once, revocable).
//! Calls `GET /workspaces/{id}`, `GET|PATCH /workspaces/{id}/budget`,
//! `GET|PUT /admin/workspaces/{id}/llm-billing-mode`, the workspace secret operations, and
//! `GET|POST /workspaces/{id}/tokens`, `DELETE /workspaces/{id}/tokens/{token_id}`.

use crate::format::dollars;
use crate::{
    components::{
        ConfirmRequest, DataTable, ErrorView, Title, show_once::ShowOnce, use_confirm, use_toaster,
    },
    pages::tenant::{
        plugins::PluginAllowlistSection,
        secrets::{SecretScope, Secrets},
        workspace_settings::WorkspaceSettings,
        workspaces::status_badge,
    },
    paths,
    tenant::{Tenant, use_tenant},
};
use leptos::{ev::SubmitEvent, prelude::*};
use leptos_router::{components::A, hooks::use_params_map};
use molecule_sdk::{
    ErrorKind, calls,
    types::{
        BillingModeResolutionSource, BillingModeResolutionWorkspaceOverride, Budget, BudgetLimits,
        BudgetPeriod, BudgetUpdateRequest, LlmBillingMode, SetBillingModeRequest,
        SetBillingModeRequestMode, WorkspaceTokenList,
    },
};

/// The billing-mode choices offered: the org's default, or an override on this workspace.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ModeChoice {
    OrgDefault,
    Platform,
    Byok,
    Disabled,
}

impl ModeChoice {
    pub const ALL: [ModeChoice; 4] = [
        ModeChoice::OrgDefault,
        ModeChoice::Platform,
        ModeChoice::Byok,
        ModeChoice::Disabled,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ModeChoice::OrgDefault => "Use the organization's default",
            ModeChoice::Platform => "Molecule credits",
            ModeChoice::Byok => "Our own provider key",
            ModeChoice::Disabled => "Disabled",
        }
    }

    pub fn hint(self) -> &'static str {
        match self {
            ModeChoice::OrgDefault => "No override: the workspace follows the organization.",
            ModeChoice::Platform => "Model calls are paid from the organization's credits.",
            ModeChoice::Byok => {
                "Model calls use a provider key stored as a secret; no credits are used."
            }
            ModeChoice::Disabled => "The workspace makes no paid model calls.",
        }
    }

    /// The request that selects this choice (`null` clears the override).
    pub fn request(self) -> SetBillingModeRequest {
        SetBillingModeRequest {
            mode: match self {
                ModeChoice::OrgDefault => None,
                ModeChoice::Platform => Some(SetBillingModeRequestMode::PlatformManaged),
                ModeChoice::Byok => Some(SetBillingModeRequestMode::Byok),
                ModeChoice::Disabled => Some(SetBillingModeRequestMode::Disabled),
            },
        }
    }

    /// The choice matching a workspace's current override.
    pub fn from_override(o: Option<BillingModeResolutionWorkspaceOverride>) -> Self {
        match o {
            None => ModeChoice::OrgDefault,
            Some(BillingModeResolutionWorkspaceOverride::PlatformManaged) => ModeChoice::Platform,
            Some(BillingModeResolutionWorkspaceOverride::Byok) => ModeChoice::Byok,
            Some(BillingModeResolutionWorkspaceOverride::Disabled) => ModeChoice::Disabled,
            // A mode this console does not know: shown as the org default would be wrong, but
            // offering no choice would be worse; the read-out above names the raw mode.
            Some(BillingModeResolutionWorkspaceOverride::Unknown(_)) => ModeChoice::OrgDefault,
        }
    }
}

/// A resolved mode in words.
pub fn mode_text(mode: &LlmBillingMode) -> String {
    match mode {
        LlmBillingMode::PlatformManaged => "Molecule credits",
        LlmBillingMode::Byok => "own provider key",
        LlmBillingMode::Disabled => "disabled",
        LlmBillingMode::Unknown(raw) => raw,
    }
    .to_string()
}

/// Where a resolved mode comes from, in words.
pub fn source_text(source: &BillingModeResolutionSource) -> String {
    match source {
        BillingModeResolutionSource::WorkspaceOverride => "set on this workspace",
        BillingModeResolutionSource::OrgDefault => "the organization's default",
        BillingModeResolutionSource::ConstantFallback => "the platform's default",
        BillingModeResolutionSource::DerivedProvider => {
            "derived from the workspace's model provider"
        }
        BillingModeResolutionSource::DerivedDefault => "derived from the default model provider",
        BillingModeResolutionSource::Unknown(raw) => raw,
    }
    .to_string()
}

/// "$12.50" typed by a person -> 1250 cents; empty -> no limit.
pub fn parse_dollars(text: &str) -> Result<Option<i64>, String> {
    let t = text.trim().trim_start_matches('$').replace(',', "");
    if t.is_empty() {
        return Ok(None);
    }
    let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
    let bad = || "Enter an amount in dollars, like 25 or 12.50 (empty for no limit).".to_string();
    if whole.is_empty() && frac.is_empty()
        || frac.len() > 2
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return Err(bad());
    }
    let dollars: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| bad())?
    };
    let cents: i64 = format!("{frac:0<2}").parse().map_err(|_| bad())?;
    dollars
        .checked_mul(100)
        .and_then(|d| d.checked_add(cents))
        .map(Some)
        .ok_or_else(bad)
}

/// What is left of a limit, in words ("$5.80 over" once spend has passed it).
pub fn remaining_text(cents: i64) -> String {
    if cents < 0 {
        format!("${} over", dollars(-cents))
    } else {
        format!("${}", dollars(cents))
    }
}

/// The workspace page.
#[component]
pub fn WorkspacePage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id")).unwrap_or_default());
    let tenant = use_tenant();
    view! {
        <Title text="Workspace · Molecule Console"/>
        <section class="page">
            <nav class="breadcrumbs" aria-label="Breadcrumb">
                <ol>
                    <li><A href=paths::workspaces()>"Workspaces"</A></li>
                    <li aria-current="page">"Workspace"</li>
                </ol>
            </nav>
            <Transition fallback=|| view! { <span class="skeleton skeleton--row" aria-label="Loading workspace"></span> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        tenant.await.map(|t| view! { <Detail tenant=t id=id.get_untracked()/> }.into_any())
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

#[component]
fn Detail(tenant: Tenant, id: String) -> impl IntoView {
    let (t, i) = (tenant.clone(), id.clone());
    let ws = crate::reactive::resource(move || {
        let (t, i) = (t.clone(), i.clone());
        async move { t.send(calls::get_workspace(&i)).await }
    });
    let for_plugins = tenant.clone();
    view! {
        <Transition fallback=|| view! { <span class="skeleton skeleton--row"></span> }>
            <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                {move || {
                    let for_plugins = for_plugins.clone();
                    Suspend::new(async move {
                        ws.await.map(|w| {
                            let (label, class) = status_badge(&w.status);
                            // An org root workspace carries the plugin allowlist of its tree.
                            let plugins = w.parent_id.is_none().then(|| view! {
                                <PluginAllowlistSection tenant=for_plugins.clone() root_id=w.id.to_string()/>
                            });
                            let settings = view! {
                                <WorkspaceSettings tenant=for_plugins.clone() workspace=w.clone()
                                    on_changed=Callback::new(move |_| ws.refetch())/>
                            };
                            view! {
                                <div class="page-header">
                                    <h1>{w.name.to_string()}</h1>
                                    <span class=format!("badge {class}")>{label}</span>
                                </div>
                                <dl class="facts">
                                    <dt>"Runtime"</dt><dd class="mono">{w.runtime.clone()}</dd>
                                    <dt>"Tier"</dt><dd>{w.tier}</dd>
                                    <dt>"Active tasks"</dt><dd>{w.active_tasks}</dd>
                                </dl>
                                {settings}
                                {plugins}
                            }
                        })
                    })
                }}
            </ErrorBoundary>
        </Transition>
        <BudgetEditor tenant=tenant.clone() id=id.clone()/>
        <BillingMode tenant=tenant.clone() id=id.clone()/>
        <section class="section" aria-labelledby="ws-secrets-title">
            <h2 id="ws-secrets-title">"Workspace secrets"</h2>
            <p class="field__hint">"Only this workspace receives them, as environment variables; a workspace secret wins over an org-wide one of the same name. Saving or deleting one restarts the workspace."</p>
            <Secrets tenant=tenant.clone() scope=SecretScope::Workspace(id.clone())/>
        </section>
        <BundleExport tenant=tenant.clone() id=id.clone()/>
        <Tokens tenant id/>
    }
}

/// A file name for a bundle of the workspace called `name`.
pub fn bundle_file_name(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "workspace-bundle.json".into()
    } else {
        format!("{slug}-bundle.json")
    }
}

#[component]
fn BundleExport(tenant: Tenant, id: String) -> impl IntoView {
    let toaster = use_toaster();
    let export = crate::reactive::action(move |_: &()| {
        let (t, i) = (tenant.clone(), id.clone());
        async move {
            let saved = match t.send(calls::export_bundle(&i)).await {
                Ok(b) => serde_json::to_string_pretty(&b)
                    .map_err(|_| ())
                    .and_then(|text| {
                        crate::download::download_json(&bundle_file_name(&b.name), &text)
                            .map_err(|_| ())
                    })
                    .map_err(|_| "The bundle could not be saved. Try again.".to_string()),
                Err(e) => Err(e.message()),
            };
            if let Err(m) = saved {
                toaster.error(m);
            }
        }
    });
    view! {
        <section class="section" aria-labelledby="bundle-title">
            <h2 id="bundle-title">"Bundle"</h2>
            <p class="field__hint">"A bundle holds this workspace and every workspace under it: configuration, prompts, skills and tools, never secrets. Import it on the Templates page of any organization."</p>
            <button type="button" class="btn" disabled=move || export.pending().get() on:click=move |_| { export.dispatch(()); }>
                "Download bundle"
            </button>
        </section>
    }
}

#[component]
fn BudgetEditor(tenant: Tenant, id: String) -> impl IntoView {
    let toaster = use_toaster();
    let (t1, i1) = (tenant.clone(), id.clone());
    let save = crate::reactive::action(move |limits: &BudgetLimits| {
        let (t, i) = (t1.clone(), i1.clone());
        let body = BudgetUpdateRequest {
            budget_limits: Some(limits.clone()),
            budget_limit: None,
        };
        async move {
            let r = t.send(calls::update_workspace_budget(&i, &body)).await;
            match &r {
                Ok(_) => toaster.success("Budget saved."),
                Err(e) => toaster.error(e.message()),
            }
            r
        }
    });
    let budget = crate::reactive::resource(move || {
        save.version().track();
        let (t, i) = (tenant.clone(), id.clone());
        async move { t.send(calls::get_workspace_budget(&i)).await }
    });
    view! {
        <section class="section" aria-labelledby="budget-title">
            <h2 id="budget-title">"Budget"</h2>
            <p class="field__hint">"Rolling windows. Leave a field empty for no limit; 0 blocks all spend. Saving replaces all four limits."</p>
            <Transition fallback=|| view! { <span class="skeleton skeleton--row"></span> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        budget.await.map(|b| view! { <BudgetForm budget=b save/> })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

#[component]
fn BillingMode(tenant: Tenant, id: String) -> impl IntoView {
    let toaster = use_toaster();
    let (t1, i1) = (tenant.clone(), id.clone());
    let save = crate::reactive::action(move |choice: &ModeChoice| {
        let (t, i, body) = (t1.clone(), i1.clone(), choice.request());
        async move {
            match t.send(calls::set_llm_billing_mode(&i, &body)).await {
                Ok(r) if r.readback_error.is_some() => toaster.error(
                    "Saved, but the workspace did not confirm the new mode yet. Reload to check.",
                ),
                Ok(_) => toaster.success("Billing mode saved."),
                Err(e) => toaster.error(e.message()),
            }
        }
    });
    let current = crate::reactive::resource(move || {
        save.version().track();
        let (t, i) = (tenant.clone(), id.clone());
        // Newer tenants (aeec8e47) removed this route: a 404 means "not offered", not a failure.
        async move {
            match t.send(calls::get_llm_billing_mode(&i)).await {
                Ok(r) => Ok(Some(r)),
                Err(e) if e.kind == ErrorKind::Http && e.status == 404 => Ok(None),
                Err(e) => Err(e),
            }
        }
    });
    view! {
        <section class="section" aria-labelledby="billing-mode-title">
            <h2 id="billing-mode-title">"Model billing"</h2>
            <Transition fallback=|| view! { <span class="skeleton skeleton--row"></span> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        current.await.map(|r| {
                            let Some(r) = r else {
                                return view! {
                                    <p class="muted">"This organization's server does not offer a billing mode per workspace; model calls follow the organization's setting."</p>
                                }
                                .into_any();
                            };
                            let choice = RwSignal::new(ModeChoice::from_override(r.workspace_override));
                            let submit = move |ev: SubmitEvent| {
                                ev.prevent_default();
                                save.dispatch(choice.get_untracked());
                            };
                            let options = ModeChoice::ALL.into_iter().map(|c| view! {
                                <label class="radio">
                                    <input type="radio" name="billing-mode" prop:checked=move || choice.get() == c
                                        on:change=move |_| choice.set(c)/>
                                    <span>{c.label()} <span class="field__hint">" — " {c.hint()}</span></span>
                                </label>
                            }).collect_view();
                            view! {
                                <p data-testid="billing-mode-now">
                                    "Model calls are billed to: " <strong>{mode_text(&r.resolved_mode)}</strong>
                                    " (" {source_text(&r.source)} ")."
                                </p>
                                <form class="form" on:submit=submit>
                                    <fieldset class="field">
                                        <legend>"Who pays for this workspace's model calls"</legend>
                                        {options}
                                    </fieldset>
                                    <div class="form__actions">
                                        <button type="submit" class="btn btn--primary" disabled=move || save.pending().get()>"Save billing mode"</button>
                                    </div>
                                </form>
                            }
                            .into_any()
                        })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

/// One row of the budget form.
struct PeriodField {
    key: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    spend: i64,
    remaining: Option<i64>,
}

#[component]
fn BudgetForm(
    budget: Budget,
    save: Action<BudgetLimits, Result<Budget, molecule_sdk::ApiError>>,
) -> impl IntoView {
    let p = &budget.periods;
    let periods: [(&'static str, &'static str, &BudgetPeriod); 4] = [
        ("hourly", "Hourly", &p.hourly),
        ("daily", "Daily", &p.daily),
        ("weekly", "Weekly", &p.weekly),
        ("monthly", "Monthly", &p.monthly),
    ];
    let fields: Vec<PeriodField> = periods
        .iter()
        .map(|(key, label, period)| PeriodField {
            key,
            label,
            value: RwSignal::new(period.limit.map(dollars).unwrap_or_default()),
            spend: period.spend,
            remaining: period.remaining,
        })
        .collect();
    let error = RwSignal::new(None::<String>);
    let values: Vec<RwSignal<String>> = fields.iter().map(|f| f.value).collect();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let mut parsed = Vec::with_capacity(4);
        for (v, name) in values.iter().zip(["Hourly", "Daily", "Weekly", "Monthly"]) {
            match parse_dollars(&v.get_untracked()) {
                Ok(c) => parsed.push(c),
                Err(m) => {
                    error.set(Some(format!("{name}: {m}")));
                    return;
                }
            }
        }
        error.set(None);
        save.dispatch(BudgetLimits {
            hourly: parsed[0],
            daily: parsed[1],
            weekly: parsed[2],
            monthly: parsed[3],
        });
    };
    let rows = fields
        .into_iter()
        .map(|PeriodField { key, label, value, spend, remaining }| {
            let id = format!("budget-{key}");
            view! {
                <tr>
                    <th scope="row"><label for=id.clone()>{format!("{label} limit ($)")}</label></th>
                    <td><input id=id class="input" inputmode="decimal" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/></td>
                    <td>{format!("${}", dollars(spend))}</td>
                    <td>{remaining.map(remaining_text).unwrap_or_else(|| "no limit".into())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <form class="form" on:submit=submit novalidate>
            <DataTable caption="Budget per period" columns=&["Period", "Limit", "Spent", "Remaining"]>{rows}</DataTable>
            <p class="field__error" role="alert">{move || error.get()}</p>
            <div class="form__actions">
                <button type="submit" class="btn btn--primary" disabled=move || save.pending().get()>"Save budget"</button>
            </div>
        </form>
    }
}

#[component]
fn Tokens(tenant: Tenant, id: String) -> impl IntoView {
    let toaster = use_toaster();
    let confirm = use_confirm();
    let minted = RwSignal::new(None::<String>);
    let (t1, i1) = (tenant.clone(), id.clone());
    let mint = crate::reactive::action(move |_: &()| {
        let (t, i) = (t1.clone(), i1.clone());
        async move {
            match t.send(calls::mint_workspace_token(&i)).await {
                Ok(m) => minted.set(Some(m.auth_token)),
                Err(e) => toaster.error(e.message()),
            }
        }
    });
    let (t2, i2) = (tenant.clone(), id.clone());
    let revoke = crate::reactive::action(move |token: &String| {
        let (t, i, token) = (t2.clone(), i2.clone(), token.clone());
        async move {
            match t.send(calls::revoke_workspace_token(&i, &token)).await {
                Ok(_) => toaster.success("Token revoked."),
                Err(e) => toaster.error(e.message()),
            }
        }
    });
    let list = crate::reactive::resource(move || {
        mint.version().track();
        revoke.version().track();
        let (t, i) = (tenant.clone(), id.clone());
        async move { t.send(calls::list_workspace_tokens(&i)).await }
    });
    view! {
        <section class="section" aria-labelledby="tokens-title">
            <h2 id="tokens-title">"Workspace tokens"</h2>
            <p class="field__hint">"A workspace token acts only on this workspace."</p>
            {move || minted.get().map(|secret| view! {
                <ShowOnce title="Copy your new workspace token now" label="New workspace token" secret on_done=Callback::new(move |_| minted.set(None))/>
            })}
            <button type="button" class="btn btn--primary" disabled=move || mint.pending().get() on:click=move |_| { mint.dispatch(()); }>
                "Create workspace token"
            </button>
            <Transition fallback=|| view! { <span class="skeleton skeleton--row"></span> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        list.await.map(|l: WorkspaceTokenList| {
                            if l.tokens.is_empty() {
                                return view! { <p class="muted">"No tokens."</p> }.into_any();
                            }
                            let rows = l.tokens.into_iter().map(|k| {
                                let (tid, prefix) = (k.id.to_string(), k.prefix.clone());
                                let ask = move |_| {
                                    let (tid, prefix) = (tid.clone(), prefix.clone());
                                    confirm.ask(ConfirmRequest {
                                        title: format!("Revoke token {prefix}…?"),
                                        body: "Agents using it lose access to this workspace at once.".into(),
                                        confirm_label: "Revoke token".into(),
                                        danger: true,
                                        type_to_confirm: None,
                                        on_confirm: Callback::new(move |_| { revoke.dispatch(tid.clone()); }),
                                    })
                                };
                                view! {
                                    <tr>
                                        <td class="mono">{format!("{}…", k.prefix)}</td>
                                        <td>{k.created_at.get(..10).unwrap_or_default().to_string()}</td>
                                        <td>{k.last_used_at.clone().map(|t| t.get(..10).unwrap_or_default().to_string()).unwrap_or_else(|| "never".into())}</td>
                                        <td><button type="button" class="btn" aria-label=format!("Revoke token {}", k.prefix) on:click=ask>"Revoke"</button></td>
                                    </tr>
                                }
                            }).collect_view();
                            view! {
                                <DataTable caption="Workspace tokens" columns=&["Prefix", "Created", "Last used"] actions=true>{rows}</DataTable>
                            }.into_any()
                        })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundle_file_names() {
        assert_eq!(
            bundle_file_name("Research lead"),
            "research-lead-bundle.json"
        );
        assert_eq!(bundle_file_name("  Ops / QA!! "), "ops-qa-bundle.json");
        assert_eq!(bundle_file_name("***"), "workspace-bundle.json");
    }

    #[test]
    fn remaining_reads_as_over_once_passed() {
        assert_eq!(remaining_text(1250), "$12.50");
        assert_eq!(remaining_text(0), "$0.00");
        assert_eq!(remaining_text(-580), "$5.80 over");
    }

    #[test]
    fn billing_mode_choices_round_trip() {
        for c in ModeChoice::ALL {
            let back = match c.request().mode {
                None => None,
                Some(SetBillingModeRequestMode::PlatformManaged) => {
                    Some(BillingModeResolutionWorkspaceOverride::PlatformManaged)
                }
                Some(SetBillingModeRequestMode::Byok) => {
                    Some(BillingModeResolutionWorkspaceOverride::Byok)
                }
                Some(SetBillingModeRequestMode::Disabled) => {
                    Some(BillingModeResolutionWorkspaceOverride::Disabled)
                }
                Some(SetBillingModeRequestMode::Unknown(raw)) => panic!("console sent {raw}"),
            };
            assert_eq!(ModeChoice::from_override(back), c);
        }
        // Clearing the override is an explicit null on the wire.
        assert_eq!(
            serde_json::to_string(&ModeChoice::OrgDefault.request()).unwrap(),
            r#"{"mode":null}"#
        );
    }

    #[test]
    fn dollars_in_and_out() {
        assert_eq!(parse_dollars(""), Ok(None));
        assert_eq!(parse_dollars("  "), Ok(None));
        assert_eq!(parse_dollars("0"), Ok(Some(0)));
        assert_eq!(parse_dollars("25"), Ok(Some(2500)));
        assert_eq!(parse_dollars("$12.5"), Ok(Some(1250)));
        assert_eq!(parse_dollars("1,000.05"), Ok(Some(100005)));
        assert_eq!(parse_dollars(".75"), Ok(Some(75)));
        for bad in ["-1", "1.234", "abc", "1.2.3", "."] {
            assert!(parse_dollars(bad).is_err(), "{bad}");
        }
    }
}
