//! Org-wide secrets: write-only. The list shows names and dates; values are sent, never shown.
//! Calls `GET|PUT /settings/secrets`, `DELETE /settings/secrets/{key}`.

use crate::{
    components::{ConfirmRequest, ErrorView, Title, use_confirm, use_toaster},
    pages::tenant::NotOnTenant,
    tenant::{Tenant, use_tenant},
};
use leptos::{ev::SubmitEvent, prelude::*};
use molecule_sdk::{
    calls,
    types::{SecretMetadata, SetSecretRequest},
};

/// Checks a secret name (environment-variable style).
pub fn check_key(key: &str) -> Result<(), &'static str> {
    let ok = !key.is_empty()
        && key.len() <= 128
        && key.starts_with(|c: char| c.is_ascii_uppercase() || c == '_')
        && key
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(
            "Use capital letters, digits and underscores, starting with a letter (e.g. GITHUB_TOKEN).",
        )
    }
}

/// The secrets page.
#[component]
pub fn SecretsPage() -> impl IntoView {
    let tenant = use_tenant();
    view! {
        <Title text="Secrets · Molecule Console"/>
        <section class="page">
            <h1>"Secrets"</h1>
            <p class="muted">"Org-wide secrets reach every workspace as environment variables. Values are write-only: nobody can read them back here. Saving or deleting one restarts the workspaces that use it."</p>
            <Transition fallback=|| view! { <span class="skeleton skeleton--row" aria-label="Loading secrets"></span> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        tenant.await.map(|t| match t {
                            Some(t) => view! { <Secrets tenant=t/> }.into_any(),
                            None => view! { <NotOnTenant/> }.into_any(),
                        })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

#[component]
fn Secrets(tenant: Tenant) -> impl IntoView {
    let toaster = use_toaster();
    let confirm = use_confirm();
    let key = RwSignal::new(String::new());
    let value = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let t1 = tenant.clone();
    let save = crate::reactive::action(move |req: &SetSecretRequest| {
        let (t, req) = (t1.clone(), req.clone());
        async move {
            match t.send(calls::put_org_secret(&req)).await {
                Ok(s) => {
                    toaster.success(format!("Secret {} saved.", s.key));
                    key.set(String::new());
                    value.set(String::new());
                }
                Err(e) => error.set(Some(e.message())),
            }
        }
    });
    let t2 = tenant.clone();
    let remove = crate::reactive::action(move |k: &String| {
        let (t, k) = (t2.clone(), k.clone());
        async move {
            match t.send(calls::delete_org_secret(&k)).await {
                Ok(_) => toaster.success(format!("Secret {k} deleted.")),
                Err(e) => toaster.error(e.message()),
            }
        }
    });
    let list = crate::reactive::resource(move || {
        save.version().track();
        remove.version().track();
        let t = tenant.clone();
        async move { t.send(calls::list_org_secrets()).await }
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (k, v) = (
            key.get_untracked().trim().to_string(),
            value.get_untracked(),
        );
        if let Err(m) = check_key(&k) {
            error.set(Some(m.into()));
            return;
        }
        if v.is_empty() {
            error.set(Some("Enter a value.".into()));
            return;
        }
        match (k.parse(), v.parse()) {
            (Ok(key), Ok(value)) => {
                error.set(None);
                save.dispatch(SetSecretRequest { key, value });
            }
            _ => error.set(Some("Check the name and value.".into())),
        }
    };
    view! {
        <form class="form form--inline" on:submit=submit novalidate autocomplete="off">
            <label class="field" for="secret-key"><span class="field__label">"Secret name"</span></label>
            <input id="secret-key" class="input mono" maxlength="128" spellcheck="false" prop:value=move || key.get()
                on:input=move |ev| key.set(event_target_value(&ev))/>
            <label class="field" for="secret-value"><span class="field__label">"Secret value"</span></label>
            <input id="secret-value" class="input mono" type="password" autocomplete="new-password" prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))/>
            <p class="field__error" role="alert">{move || error.get()}</p>
            <button type="submit" class="btn btn--primary" disabled=move || save.pending().get()>"Save secret"</button>
        </form>
        <Transition fallback=|| view! { <span class="skeleton skeleton--row"></span> }>
            <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                {move || Suspend::new(async move {
                    list.await.map(|items: Vec<SecretMetadata>| {
                        if items.is_empty() {
                            return view! { <p class="muted">"No org-wide secrets."</p> }.into_any();
                        }
                        let rows = items.into_iter().map(|s| {
                            let k = s.key.clone();
                            let ask = move |_| {
                                let k = k.clone();
                                confirm.ask(ConfirmRequest {
                                    title: format!("Delete {k}?"),
                                    body: "Workspaces that use it restart without it.".into(),
                                    confirm_label: "Delete secret".into(),
                                    danger: true,
                                    type_to_confirm: None,
                                    on_confirm: Callback::new(move |_| { remove.dispatch(k.clone()); }),
                                })
                            };
                            view! {
                                <tr>
                                    <td class="mono">{s.key.clone()}</td>
                                    <td>"••••••••"</td>
                                    <td>{s.updated_at.get(..10).unwrap_or_default().to_string()}</td>
                                    <td><button type="button" class="btn" aria-label=format!("Delete {}", s.key) on:click=ask>"Delete"</button></td>
                                </tr>
                            }
                        }).collect_view();
                        view! {
                            <table class="table">
                                <caption class="visually-hidden">"Secrets"</caption>
                                <thead><tr><th scope="col">"Name"</th><th scope="col">"Value"</th><th scope="col">"Updated"</th>
                                    <th scope="col"><span class="visually-hidden">"Actions"</span></th></tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                        }.into_any()
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_names() {
        assert!(check_key("GITHUB_TOKEN").is_ok());
        assert!(check_key("_X1").is_ok());
        for bad in ["", "github_token", "1ABC", "A-B", "A B"] {
            assert!(check_key(bad).is_err(), "{bad}");
        }
    }
}
