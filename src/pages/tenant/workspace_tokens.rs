//! A workspace's tokens, a section of the workspace page: create one (its value is shown once,
//! here, and never again), list them by prefix, revoke. The list is searched by prefix and
//! sorted by column, with its own keys in the URL (`tok_q`, `tok_sort`, `tok_page`: the page
//! has other lists).
//! Calls `GET|POST /workspaces/{id}/tokens` (every page of the list), `DELETE /workspaces/{id}/tokens/{token_id}`.

use crate::{
    api::use_api,
    components::{
        ConfirmRequest, Loaded,
        list::{ListControls, ListTable, Listed, UrlList, use_url_list_in},
        show_once::ShowOnce,
        use_confirm, use_toaster,
    },
    pages::tenant::{day, last_used},
    words::say,
};
use leptos::prelude::*;
use molecule_sdk::{
    ApiError, calls,
    types::{WorkspaceToken, WorkspaceTokenList},
};

/// Tokens asked for per request: the platform's largest page (it answers 50 when not asked).
const BATCH: usize = 200;

/// Every live token of the workspace `id`, page after page, so a workspace with more than one
/// page of tokens shows (and searches) them all. The platform's `count` is the page's rows, not
/// a total, so only a short page ends the reading.
async fn all_tokens(api: crate::api::Api, id: String) -> Result<WorkspaceTokenList, ApiError> {
    let tokens = crate::api::pages::every_page(BATCH, |offset| {
        let call = calls::list_workspace_tokens(&id)
            .query("limit", BATCH)
            .query("offset", offset);
        async move { Ok((api.send(call).await?.tokens, usize::MAX)) }
    })
    .await?;
    Ok(WorkspaceTokenList {
        count: tokens.len() as i32,
        tokens,
    })
}

/// Revokes a token by its id (toasting how it went).
type RevokeAction = Action<String, ()>;

impl Listed for WorkspaceToken {
    fn haystack(&self) -> String {
        self.prefix.clone()
    }
    fn compare(&self, other: &Self, key: &str) -> std::cmp::Ordering {
        match key {
            "created" => self.created_at.cmp(&other.created_at),
            "used" => self.last_used_at.cmp(&other.last_used_at),
            _ => self.prefix.cmp(&other.prefix),
        }
    }
}

/// The tokens section of the workspace `id`.
#[component]
pub fn Tokens(id: String) -> impl IntoView {
    let may_mint_workspace_token =
        crate::layouts::tenant::use_blocker(&molecule_sdk::ops::MINT_WORKSPACE_TOKEN);
    let api = use_api();
    let toaster = use_toaster();
    // The new token lives only in this signal: never stored, gone on navigation.
    let minted = RwSignal::new(None::<String>);
    let i1 = id.clone();
    let mint = crate::reactive::action(move |_: &()| {
        let call = calls::mint_workspace_token(&i1);
        async move {
            match api.send(call).await {
                Ok(m) => minted.set(Some(m.auth_token)),
                Err(e) => toaster.error(say(&e)),
            }
        }
    });
    let i2 = id.clone();
    let revoke = crate::reactive::action(move |token: &String| {
        let call = calls::revoke_workspace_token(&i2, token);
        async move {
            toaster.tell(api.send(call).await, |_| "Token revoked.".into());
        }
    });
    let rows = use_url_list_in("tok_");
    let list = crate::reactive::resource(move || {
        mint.version().track();
        revoke.version().track();
        all_tokens(api, id.clone())
    });
    view! {
        <section class="section" aria-labelledby="tokens-title">
            <h2 id="tokens-title">"Workspace tokens"</h2>
            <p class="section__intro">"A workspace token acts only on this workspace."</p>
            {move || minted.get().map(|secret| view! {
                <ShowOnce title="Copy your new workspace token now" label="New workspace token" secret on_done=Callback::new(move |_| minted.set(None))/>
            })}
            <button title=move || may_mint_workspace_token.get() type="button" class="btn btn--primary" disabled=move || may_mint_workspace_token.get().is_some() || mint.pending().get() on:click=move |_| { mint.dispatch(()); }>
                "Create workspace token"
            </button>
            <ListControls list=rows what="workspace tokens"/>
            <Loaded res=list what="Workspace tokens" let:l>
                <TokenTable l rows revoke/>
            </Loaded>
        </section>
    }
}

/// The page of tokens the search and sort select, with the pager; or a line saying there are
/// none.
#[component]
fn TokenTable(l: WorkspaceTokenList, rows: UrlList, revoke: RevokeAction) -> impl IntoView {
    view! {
        <ListTable rows=l.tokens list=rows caption="Workspace tokens" columns=&["Prefix", "Created", "Last used"]
            keys=&["prefix", "created", "used"] what="workspace tokens" empty="No tokens." actions=true
            row=move |k| view! { <TokenRow k revoke/> }/>
    }
}

/// One token: prefix, dates, and its revoke button (asks first).
#[component]
fn TokenRow(k: WorkspaceToken, revoke: RevokeAction) -> impl IntoView {
    let may_revoke_workspace_token =
        crate::layouts::tenant::use_blocker(&molecule_sdk::ops::REVOKE_WORKSPACE_TOKEN);
    let confirm = use_confirm();
    let (tid, prefix) = (k.id.to_string(), k.prefix.clone());
    let label = format!("Revoke token {prefix}");
    let ask = move |_| {
        let tid = tid.clone();
        confirm.ask(ConfirmRequest {
            title: format!("Revoke token {prefix}…?"),
            body: "Agents using it lose access to this workspace at once.".into(),
            confirm_label: "Revoke token".into(),
            danger: true,
            type_to_confirm: None,
            on_confirm: Callback::new(move |_| {
                revoke.dispatch(tid.clone());
            }),
        })
    };
    view! {
        <tr>
            <td class="mono">{format!("{}…", k.prefix)}</td>
            <td>{day(&k.created_at)}</td>
            <td>{last_used(k.last_used_at.as_deref())}</td>
            <td><button title=move || may_revoke_workspace_token.get() disabled=move || may_revoke_workspace_token.get().is_some() type="button" class="btn" aria-label=label on:click=ask>"Revoke"</button></td>
        </tr>
    }
}
