//! The operator area (`/operator`): platform-wide organization and tenant operations with the
//! control-plane admin token. The token is typed in and held in memory only (a context signal
//! of the app): never stored, gone on reload or when the operator locks the area.
//! Calls `GET /api/v1/admin/orgs` here; tenant, fleet, runtime-image and thin-AMI operations in
//! the sub-modules.

pub mod amis;
pub mod catalog;
pub mod create_org;
pub mod fleet;
pub mod images;
pub mod maintenance;
pub mod outcomes;
pub mod tenant;

use crate::components::DataTable;
use crate::components::{ErrorView, Title, error_view::Worded};
use leptos::{ev::SubmitEvent, prelude::*};
use molecule_sdk::{ApiError, Call, CallContext, calls, types::AdminOrgList};
use serde::de::DeserializeOwned;

/// The admin token, in memory only (provided by `App`).
#[derive(Clone, Copy)]
pub struct OperatorToken(pub RwSignal<Option<String>>);

/// Sends an operator call with the admin bearer; a refused token reads as such.
pub async fn send_admin<T: DeserializeOwned>(token: String, call: Call<T>) -> Result<T, ApiError> {
    let ctx = CallContext {
        bearer: Some(token),
        ..Default::default()
    };
    crate::api::send_with(call, ctx).await
}

/// What to show for a failed operator call.
pub fn operator_message(e: &ApiError) -> String {
    if e.status == 401 {
        "The operator token was not accepted. Lock the area and enter it again.".into()
    } else {
        e.message()
    }
}

/// The operator page.
#[component]
pub fn OperatorPage() -> impl IntoView {
    let token = expect_context::<OperatorToken>().0;
    view! {
        <Title text="Operator · Molecule Console"/>
        <section class="page">
            <div class="page-header">
                <h1>"Operator"</h1>
                {move || token.with(Option::is_some).then(|| view! {
                    <button type="button" class="btn" on:click=move |_| token.set(None)>"Lock operator area"</button>
                })}
            </div>
            {move || match token.get() {
                None => view! { <TokenGate token/> }.into_any(),
                Some(t) => view! {
                    <Orgs token=t.clone()/>
                    <create_org::CreateOrg token=t.clone()/>
                    <fleet::FleetRollout token=t.clone()/>
                    <images::ImagePins token=t.clone()/>
                    <amis::AmiPins token=t.clone()/>
                    <catalog::Catalog token=t/>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn TokenGate(token: RwSignal<Option<String>>) -> impl IntoView {
    let value = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let v = value.get_untracked().trim().to_string();
        if v.is_empty() {
            error.set(Some("Enter the control-plane admin token.".into()));
            return;
        }
        value.set(String::new());
        token.set(Some(v));
    };
    view! {
        <p class="muted">"Platform operators manage every organization's tenant here. The admin token stays in this tab's memory: it is never stored, and reloading the page forgets it."</p>
        <form class="form form--inline" on:submit=submit novalidate autocomplete="off">
            <label class="field" for="operator-token"><span class="field__label">"Admin token"</span></label>
            <input id="operator-token" class="input mono" type="password" autocomplete="off" prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))/>
            <p class="field__error" role="alert">{move || error.get()}</p>
            <button type="submit" class="btn btn--primary">"Unlock"</button>
        </form>
    }
}

#[component]
fn Orgs(token: String) -> impl IntoView {
    let selected = RwSignal::new(None::<String>);
    let t = token.clone();
    let list = crate::reactive::resource(move || {
        let t = t.clone();
        async move {
            send_admin::<AdminOrgList>(t, calls::admin_list_orgs())
                .await
                .map_err(|e| operator_message(&e))
        }
    });
    view! {
        <section class="section" aria-labelledby="op-orgs-title">
            <h2 id="op-orgs-title">"Organizations"</h2>
            <Transition fallback=|| view! { <span class="skeleton skeleton--row" aria-label="Loading organizations"></span> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        list.await.map_err(Worded).map(|l| {
                            let rows = l.orgs.into_iter().map(|o| {
                                let slug = o.slug.clone();
                                view! {
                                    <tr>
                                        <td><strong>{o.name.clone()}</strong><br/><span class="mono muted">{o.slug.clone()}</span></td>
                                        <td>{o.plan.to_string()}</td>
                                        <td>{o.status.map(|s| s.to_string()).unwrap_or_else(|| "—".into())}</td>
                                        <td>{o.instance_status.clone().unwrap_or_else(|| "—".into())}</td>
                                        <td>{o.member_count}</td>
                                        <td><button type="button" class="btn" aria-label=format!("Manage tenant {}", o.slug)
                                            on:click=move |_| selected.set(Some(slug.clone()))>"Manage"</button></td>
                                    </tr>
                                }
                            }).collect_view();
                            view! {
                                <DataTable caption="All organizations" columns=&["Organization", "Plan", "Status", "Instance", "Members"] actions=true>{rows}</DataTable>
                            }
                        })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
        {move || selected.get().map(|slug| view! { <tenant::TenantPanel token=token.clone() slug/> })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_token_is_named() {
        let e = ApiError {
            kind: molecule_sdk::ErrorKind::Http,
            status: 401,
            code: None,
            body: None,
            json: None,
            retry_after: None,
            server_message: None,
        };
        assert!(operator_message(&e).contains("operator token was not accepted"));
    }
}
