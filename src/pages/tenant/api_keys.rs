//! Org API keys: list by name and prefix, create one (the key is shown once, here, and never
//! again), revoke. The keys are searched by name or prefix and sorted by column, with the view
//! in the URL (`components::list`).
//! Calls `GET|POST /org/tokens`, `DELETE /org/tokens/{id}`.

use crate::{
    api::use_api,
    components::{
        ConfirmRequest, Field, Loaded, PageHeader,
        list::{ListControls, ListTable, Listed, UrlList, use_url_list},
        show_once::ShowOnce,
        use_confirm, use_toaster,
    },
    pages::tenant::{day, last_used},
    words::say,
};
use leptos::{ev::SubmitEvent, prelude::*};
use molecule_sdk::{
    calls,
    types::{MintOrgTokenRequest, MintedOrgToken, OrgToken, OrgTokenList},
};

/// Revokes a key: its id and how it is called (toasting how it went).
type RevokeAction = Action<(String, String), ()>;

impl Listed for OrgToken {
    fn haystack(&self) -> String {
        format!(
            "{} {}",
            self.name.as_deref().unwrap_or_default(),
            self.prefix.as_str()
        )
    }
    fn compare(&self, other: &Self, key: &str) -> std::cmp::Ordering {
        let name = |k: &OrgToken| k.name.clone().unwrap_or_default().to_lowercase();
        match key {
            "prefix" => self.prefix.as_str().cmp(other.prefix.as_str()),
            "created" => self.created_at.cmp(&other.created_at),
            "used" => self.last_used_at.cmp(&other.last_used_at),
            _ => name(self).cmp(&name(other)),
        }
    }
}

/// The request for a typed key name (empty: no name); the error says what to fix.
fn mint_request(name: &str) -> Result<MintOrgTokenRequest, String> {
    let n = name.trim();
    if n.chars().count() > 100 {
        return Err("Use at most 100 characters.".into());
    }
    if n.is_empty() {
        return Ok(MintOrgTokenRequest { name: None });
    }
    n.parse()
        .map(|n| MintOrgTokenRequest { name: Some(n) })
        .map_err(|_| "Check the name.".into())
}

/// The API keys page.
#[component]
pub fn ApiKeysPage() -> impl IntoView {
    let may_mint_org_token =
        crate::layouts::tenant::use_blocker(&molecule_sdk::ops::MINT_ORG_TOKEN);
    let api = use_api();
    let toaster = use_toaster();
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    // The freshly minted key lives only in this signal: never stored, gone on navigation.
    let minted = RwSignal::new(None::<MintedOrgToken>);
    let mint = crate::reactive::action(move |req: &MintOrgTokenRequest| {
        let call = calls::mint_org_token(req);
        async move {
            match api.send(call).await {
                Ok(k) => {
                    minted.set(Some(k));
                    name.set(String::new());
                    error.set(None);
                }
                Err(e) => error.set(Some(say(&e))),
            }
        }
    });
    let revoke = crate::reactive::action(move |(id, label): &(String, String)| {
        let (call, label) = (calls::revoke_org_token(id), label.clone());
        async move {
            toaster.tell(api.send(call).await, |_| {
                format!("Key {label} was revoked.")
            });
        }
    });
    let list = crate::reactive::resource(move || {
        mint.version().track();
        revoke.version().track();
        api.send(calls::list_org_tokens())
    });
    let rows = use_url_list();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        match mint_request(&name.get_untracked()) {
            Ok(r) => {
                mint.dispatch(r);
            }
            Err(m) => error.set(Some(m)),
        }
    };
    view! {
        <PageHeader title="API keys" context="An organization API key has full admin access to this organization's workspaces. Keep it in a secret store."/>
        {move || minted.get().map(|k| view! {
            <ShowOnce title="Copy your new API key now" label="New API key" secret=k.auth_token
                on_done=Callback::new(move |_| minted.set(None))/>
        })}
        <form class="form form--inline" on:submit=submit novalidate>
            <Field id="key-name" label="Key name">
                <input id="key-name" class="input" maxlength="100" placeholder="ci-deploy" prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))/>
            </Field>
            <p class="field__error" role="alert">{move || error.get()}</p>
            <button title=move || may_mint_org_token.get() type="submit" class="btn btn--primary" disabled=move || may_mint_org_token.get().is_some() || mint.pending().get()>"Create API key"</button>
        </form>
        <ListControls list=rows what="API keys"/>
        <Loaded res=list what="API keys" let:l>
            <KeyTable l rows revoke/>
        </Loaded>
    }
}

/// The page of keys the search and sort select, with the pager; or a line saying there are none.
#[component]
fn KeyTable(l: OrgTokenList, rows: UrlList, revoke: RevokeAction) -> impl IntoView {
    view! {
        <ListTable rows=l.tokens list=rows caption="API keys" columns=&["Name", "Prefix", "Created", "Last used"]
            keys=&["name", "prefix", "created", "used"] what="API keys" empty="No API keys." actions=true
            row=move |k| view! { <KeyRow k revoke/> }/>
    }
}

/// One key: its name (or prefix), prefix, dates and its revoke button (asks first).
#[component]
fn KeyRow(k: OrgToken, revoke: RevokeAction) -> impl IntoView {
    let may_revoke_org_token =
        crate::layouts::tenant::use_blocker(&molecule_sdk::ops::REVOKE_ORG_TOKEN);
    let confirm = use_confirm();
    let label = k
        .name
        .clone()
        .unwrap_or_else(|| k.prefix.as_str().to_string());
    let (id, l2) = (k.id.to_string(), label.clone());
    let ask = move |_| {
        let (id, l2) = (id.clone(), l2.clone());
        confirm.ask(ConfirmRequest {
            title: format!("Revoke {l2}?"),
            body: "Anything using this key stops working at once.".into(),
            confirm_label: "Revoke key".into(),
            danger: true,
            type_to_confirm: None,
            on_confirm: Callback::new(move |_| {
                revoke.dispatch((id.clone(), l2.clone()));
            }),
        })
    };
    view! {
        <tr>
            <td>{label.clone()}</td>
            <td class="mono">{format!("{}…", k.prefix.as_str())}</td>
            <td>{day(&k.created_at)}</td>
            <td>{last_used(k.last_used_at.as_deref())}</td>
            <td><button title=move || may_revoke_org_token.get() disabled=move || may_revoke_org_token.get().is_some() type="button" class="btn" aria-label=format!("Revoke {label}") on:click=ask>"Revoke"</button></td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_names() {
        assert_eq!(mint_request("  ").unwrap().name, None);
        assert!(mint_request("ci-deploy").unwrap().name.is_some());
        assert!(mint_request(&"x".repeat(101)).is_err());
    }
}
