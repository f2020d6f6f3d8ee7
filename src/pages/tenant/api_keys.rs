//! Org API keys: list by prefix, mint (the key is shown once, here, and never again), revoke.
//! Calls `GET|POST /org/tokens`, `DELETE /org/tokens/{id}`.

use crate::{
    components::{
        ConfirmRequest, DataTable, ErrorView, Title, show_once::ShowOnce, use_confirm, use_toaster,
    },
    tenant::{Tenant, use_tenant},
};
use leptos::{ev::SubmitEvent, prelude::*};
use molecule_sdk::{
    calls,
    types::{MintOrgTokenRequest, MintedOrgToken, OrgTokenList},
};

/// The API keys page.
#[component]
pub fn ApiKeysPage() -> impl IntoView {
    let tenant = use_tenant();
    view! {
        <Title text="API keys · Molecule Console"/>
        <section class="page">
            <h1>"API keys"</h1>
            <p class="muted">"An organization API key has full admin access to this organization's workspaces. Keep it in a secret store."</p>
            <Transition fallback=|| view! { <span class="skeleton skeleton--row" aria-label="Loading API keys"></span> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        tenant.await.map(|t| view! { <Keys tenant=t/> }.into_any())
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

#[component]
fn Keys(tenant: Tenant) -> impl IntoView {
    let toaster = use_toaster();
    let confirm = use_confirm();
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    // The freshly minted key lives only in this signal: never stored, gone on navigation.
    let minted = RwSignal::new(None::<MintedOrgToken>);
    let t1 = tenant.clone();
    let mint = crate::reactive::action(move |req: &MintOrgTokenRequest| {
        let (t, req) = (t1.clone(), req.clone());
        async move {
            match t.send(calls::mint_org_token(&req)).await {
                Ok(k) => {
                    minted.set(Some(k));
                    name.set(String::new());
                    error.set(None);
                }
                Err(e) => error.set(Some(e.message())),
            }
        }
    });
    let t2 = tenant.clone();
    let revoke = crate::reactive::action(move |(id, label): &(String, String)| {
        let (t, id, label) = (t2.clone(), id.clone(), label.clone());
        async move {
            match t.send(calls::revoke_org_token(&id)).await {
                Ok(_) => toaster.success(format!("Key {label} was revoked.")),
                Err(e) => toaster.error(e.message()),
            }
        }
    });
    let list = crate::reactive::resource(move || {
        mint.version().track();
        revoke.version().track();
        let t = tenant.clone();
        async move { t.send(calls::list_org_tokens()).await }
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked().trim().to_string();
        if n.chars().count() > 100 {
            error.set(Some("Use at most 100 characters.".into()));
            return;
        }
        let req = if n.is_empty() {
            Ok(MintOrgTokenRequest { name: None })
        } else {
            n.parse().map(|n| MintOrgTokenRequest { name: Some(n) })
        };
        match req {
            Ok(r) => {
                mint.dispatch(r);
            }
            Err(_) => error.set(Some("Check the name.".into())),
        }
    };
    view! {
        {move || minted.get().map(|k| view! {
            <ShowOnce
                title="Copy your new API key now"
                label="New API key"
                secret=k.auth_token
                on_done=Callback::new(move |_| minted.set(None))
            />
        })}
        <form class="form form--inline" on:submit=submit novalidate>
            <label class="field" for="key-name"><span class="field__label">"Key name"</span></label>
            <input id="key-name" class="input" maxlength="100" placeholder="ci-deploy" prop:value=move || name.get()
                on:input=move |ev| name.set(event_target_value(&ev))/>
            <p class="field__error" role="alert">{move || error.get()}</p>
            <button type="submit" class="btn btn--primary" disabled=move || mint.pending().get()>"Create API key"</button>
        </form>
        <Transition fallback=|| view! { <span class="skeleton skeleton--row"></span> }>
            <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                {move || Suspend::new(async move {
                    list.await.map(|l: OrgTokenList| {
                        if l.tokens.is_empty() {
                            return view! { <p class="muted">"No API keys."</p> }.into_any();
                        }
                        let rows = l.tokens.into_iter().map(|k| {
                            let label = k.name.clone().unwrap_or_else(|| k.prefix.as_str().to_string());
                            let (id, l2) = (k.id.to_string(), label.clone());
                            let ask = move |_| {
                                let (id, l2) = (id.clone(), l2.clone());
                                confirm.ask(ConfirmRequest {
                                    title: format!("Revoke {l2}?"),
                                    body: "Anything using this key stops working at once.".into(),
                                    confirm_label: "Revoke key".into(),
                                    danger: true,
                                    type_to_confirm: None,
                                    on_confirm: Callback::new(move |_| { revoke.dispatch((id.clone(), l2.clone())); }),
                                })
                            };
                            view! {
                                <tr>
                                    <td>{label.clone()}</td>
                                    <td class="mono">{format!("{}…", k.prefix.as_str())}</td>
                                    <td>{k.created_at.get(..10).unwrap_or_default().to_string()}</td>
                                    <td>{k.last_used_at.clone().map(|t| t.get(..10).unwrap_or_default().to_string()).unwrap_or_else(|| "never".into())}</td>
                                    <td><button type="button" class="btn" aria-label=format!("Revoke {label}") on:click=ask>"Revoke"</button></td>
                                </tr>
                            }
                        }).collect_view();
                        view! {
                            <DataTable caption="API keys" columns=&["Name", "Prefix", "Created", "Last used"] actions=true>{rows}</DataTable>
                        }.into_any()
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}
