//! Secrets, org-wide (this page) or of one workspace (a section of the workspace page):
//! write-only. The list shows names and dates; values are sent, never shown.
//! Calls `GET|PUT /settings/secrets`, `DELETE /settings/secrets/{key}`, and for a workspace
//! `GET|PUT /workspaces/{id}/secrets`, `DELETE /workspaces/{id}/secrets/{key}`.

use crate::{
    components::{ConfirmRequest, DataTable, ErrorView, Title, use_confirm, use_toaster},
    tenant::{Tenant, use_tenant},
};
use leptos::{ev::SubmitEvent, prelude::*};
use molecule_sdk::{
    Call, calls,
    types::{SecretDeleted, SecretMetadata, SecretSaved, SetSecretRequest},
};

/// Whose secrets: the org's, or one workspace's (by id).
#[derive(Clone, Debug, PartialEq)]
pub enum SecretScope {
    Org,
    Workspace(String),
}

impl SecretScope {
    fn list(&self) -> Call<Vec<SecretMetadata>> {
        match self {
            Self::Org => calls::list_org_secrets(),
            Self::Workspace(id) => calls::list_workspace_secrets(id),
        }
    }

    fn put(&self, req: &SetSecretRequest) -> Call<SecretSaved> {
        match self {
            Self::Org => calls::put_org_secret(req),
            Self::Workspace(id) => calls::put_workspace_secret(id, req),
        }
    }

    fn delete(&self, key: &str) -> Call<SecretDeleted> {
        match self {
            Self::Org => calls::delete_org_secret(key),
            Self::Workspace(id) => calls::delete_workspace_secret(id, key),
        }
    }

    fn empty_text(&self) -> &'static str {
        match self {
            Self::Org => "No org-wide secrets.",
            Self::Workspace(_) => "No secrets of this workspace.",
        }
    }

    fn delete_consequence(&self) -> &'static str {
        match self {
            Self::Org => "Workspaces that use it restart without it.",
            Self::Workspace(_) => "The workspace restarts without it.",
        }
    }
}

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
                        tenant.await.map(|t| view! { <Secrets tenant=t scope=SecretScope::Org/> }.into_any())
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

/// The form to set a secret and the list of secrets of `scope`.
#[component]
pub fn Secrets(tenant: Tenant, scope: SecretScope) -> impl IntoView {
    let toaster = use_toaster();
    let confirm = use_confirm();
    let key = RwSignal::new(String::new());
    let value = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let (t1, s1) = (tenant.clone(), scope.clone());
    let save = crate::reactive::action(move |req: &SetSecretRequest| {
        let (t, call) = (t1.clone(), s1.put(req));
        async move {
            match t.send(call).await {
                Ok(s) => {
                    toaster.success(format!("Secret {} saved.", s.key));
                    key.set(String::new());
                    value.set(String::new());
                }
                Err(e) => error.set(Some(e.message())),
            }
        }
    });
    let (t2, s2) = (tenant.clone(), scope.clone());
    let remove = crate::reactive::action(move |k: &String| {
        let (t, k, call) = (t2.clone(), k.clone(), s2.delete(k));
        async move {
            match t.send(call).await {
                Ok(_) => toaster.success(format!("Secret {k} deleted.")),
                Err(e) => toaster.error(e.message()),
            }
        }
    });
    let s3 = scope.clone();
    let list = crate::reactive::resource(move || {
        save.version().track();
        remove.version().track();
        let (t, call) = (tenant.clone(), s3.list());
        async move { t.send(call).await }
    });
    let (empty_text, consequence) = (scope.empty_text(), scope.delete_consequence());
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
                            return view! { <p class="muted">{empty_text}</p> }.into_any();
                        }
                        let rows = items.into_iter().map(|s| {
                            let k = s.key.clone();
                            let ask = move |_| {
                                let k = k.clone();
                                confirm.ask(ConfirmRequest {
                                    title: format!("Delete {k}?"),
                                    body: consequence.into(),
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
                            <DataTable caption="Secrets" columns=&["Name", "Value", "Updated"] actions=true>{rows}</DataTable>
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
