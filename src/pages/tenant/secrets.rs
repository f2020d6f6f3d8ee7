//! Secrets, org-wide (this page) or of one workspace (a section of the workspace page):
//! write-only. The list shows names and dates; values are sent, never shown. It is searched by
//! name and sorted by column, with the view in the URL (`secret_`-prefixed keys on the
//! workspace page, which has other lists).
//! Calls `GET|PUT /settings/secrets`, `DELETE /settings/secrets/{key}`, and for a workspace
//! `GET|PUT /workspaces/{id}/secrets`, `DELETE /workspaces/{id}/secrets/{key}`.

use super::secret_row::{SCOPES, SecretTable};
use crate::{
    api::use_api,
    components::{Field, Loaded, PageHeader, list::ListControls, use_toaster},
    words::say,
};
use leptos::{ev::SubmitEvent, prelude::*};
use molecule_sdk::{
    Call, Operation, calls, ops,
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

    /// The operations that save and delete in this scope (what a role may do is asked per
    /// operation).
    fn ops(&self) -> (&'static Operation, &'static Operation) {
        match self {
            Self::Org => (&ops::PUT_ORG_SECRET, &ops::DELETE_ORG_SECRET),
            Self::Workspace(_) => (&ops::PUT_WORKSPACE_SECRET, &ops::DELETE_WORKSPACE_SECRET),
        }
    }

    /// The list's URL keys start with this: the workspace page has other lists.
    fn url_prefix(&self) -> &'static str {
        match self {
            Self::Org => "",
            Self::Workspace(_) => "secret_",
        }
    }

    pub fn empty_text(&self) -> &'static str {
        match self {
            Self::Org => "No org-wide secrets.",
            Self::Workspace(_) => "No secrets of this workspace.",
        }
    }

    pub fn delete_consequence(&self) -> &'static str {
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
    view! {
        <PageHeader title="Secrets" context="Org-wide secrets reach every workspace as environment variables. Values are write-only: nobody can read them back here. Saving or deleting one restarts the workspaces that use it."/>
        <Secrets scope=SecretScope::Org/>
    }
}

/// The form to set a secret and the list of secrets of `scope`.
#[component]
pub fn Secrets(scope: SecretScope) -> impl IntoView {
    let (save_op, delete_op) = scope.ops();
    let may_save = crate::layouts::tenant::use_blocker(save_op);
    let may_delete = crate::layouts::tenant::use_blocker(delete_op);
    let api = use_api();
    let toaster = use_toaster();
    let key = RwSignal::new(String::new());
    let value = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let s1 = scope.clone();
    let save = crate::reactive::action(move |req: &SetSecretRequest| {
        let call = s1.put(req);
        async move {
            match api.send(call).await {
                Ok(s) => {
                    toaster.success(format!("Secret {} saved.", s.key));
                    key.set(String::new());
                    value.set(String::new());
                }
                Err(e) => error.set(Some(say(&e))),
            }
        }
    });
    let s2 = scope.clone();
    let remove = crate::reactive::action(move |k: &String| {
        let (k, call) = (k.clone(), s2.delete(k));
        async move {
            toaster.tell(api.send(call).await, |_| format!("Secret {k} deleted."));
        }
    });
    let s3 = scope.clone();
    let list = crate::reactive::resource(move || {
        save.version().track();
        remove.version().track();
        api.send(s3.list())
    });
    let rows = crate::components::list::use_url_list_in(scope.url_prefix());
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        match secret_request(&key.get_untracked(), value.get_untracked()) {
            Ok(req) => {
                error.set(None);
                save.dispatch(req);
            }
            Err(m) => error.set(Some(m)),
        }
    };
    view! {
        <form class="form form--inline" on:submit=submit novalidate autocomplete="off">
            <Field id="secret-key" label="Secret name">
                <input id="secret-key" class="input mono" maxlength="128" spellcheck="false" prop:value=move || key.get()
                    on:input=move |ev| key.set(event_target_value(&ev))/>
            </Field>
            <Field id="secret-value" label="Secret value">
                <input id="secret-value" class="input mono" type="password" autocomplete="new-password" prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))/>
            </Field>
            <p class="field__error" role="alert">{move || error.get()}</p>
            <button title=move || may_save.get() type="submit" class="btn btn--primary" disabled=move || may_save.get().is_some() || save.pending().get()>"Save secret"</button>
        </form>
        // Only a workspace mixes scopes (its own and the org's it inherits); the org's are all one.
        {match scope {
            SecretScope::Workspace(_) => view! { <ListControls list=rows what="secrets" statuses=SCOPES.to_vec() filter="Scope"/> }.into_any(),
            SecretScope::Org => view! { <ListControls list=rows what="secrets"/> }.into_any(),
        }}
        <Loaded res=list what="Secrets" let:items>
            <SecretTable items scope=scope.clone() rows remove may_delete/>
        </Loaded>
    }
}

/// The request for a typed name and value; the error says what to fix.
fn secret_request(key: &str, value: String) -> Result<SetSecretRequest, String> {
    let key = key.trim();
    check_key(key)?;
    if value.is_empty() {
        return Err("Enter a value.".into());
    }
    match (key.parse(), value.parse()) {
        (Ok(key), Ok(value)) => Ok(SetSecretRequest { key, value }),
        _ => Err("Check the name and value.".into()),
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
