//! `/operator/*`: the platform operators' area. Owns the admin-token gate (the token is typed
//! in, checked against the control plane, and held in memory only: never stored, gone on
//! reload or when the operator locks the area) and the area's navigation; every view below it
//! is its own address.

use crate::router::Outlet;
use crate::{
    api::{handle::provide_operator_api, use_api},
    components::{Breadcrumbs, Crumb, Field, PageHeader, Tab, Tabs, Title},
    paths, words,
};
use leptos::{ev::SubmitEvent, prelude::*};

/// The layout of the operator area.
#[component]
pub fn OperatorLayout() -> impl IntoView {
    let api = provide_operator_api();
    let token = api.operator_token();
    let tab = |label: &'static str, href: String| {
        view! { <Tab href>{label}</Tab> }
    };
    view! {
        <section class="page">
            <OperatorCrumbs/>
            // Each operator page sets its own document title (the token gate too, below).
            <PageHeader title="Operator" no_doc_title=true>
                {move || token.with(Option::is_some).then(|| view! {
                    <button type="button" class="btn" on:click=move |_| token.set(None)>"Lock operator area"</button>
                })}
            </PageHeader>
            {move || match token.with(Option::is_some) {
                false => view! { <Title text="Operator · Molecule Console"/><TokenGate/> }.into_any(),
                true => view! {
                    <Tabs label="Operator sections">
                        {tab("All organizations", paths::operator())}
                        {tab("New organization", paths::operator_org_create())}
                        {tab("Fleet rollout", paths::operator_fleet())}
                        {tab("Runtime images", paths::operator_images())}
                        {tab("Thin AMIs", paths::operator_amis())}
                        {tab("Template catalog", paths::operator_catalog())}
                    </Tabs>
                    <Outlet/>
                }
                .into_any(),
            }}
        </section>
    }
}

/// The section of an operator address, and the tenant's slug on a tenant's view.
fn operator_section(path: &str) -> (&'static str, Option<String>) {
    let rest = path.trim_end_matches('/').trim_start_matches("/operator");
    match rest.trim_start_matches('/') {
        "orgs/new" => ("New organization", None),
        "fleet" => ("Fleet rollout", None),
        "images" => ("Runtime images", None),
        "amis" => ("Thin AMIs", None),
        "catalog" => ("Template catalog", None),
        other => match other.strip_prefix("tenants/") {
            Some(slug) => ("All organizations", Some(slug.to_string())),
            None => ("All organizations", None),
        },
    }
}

/// "Operator / <section>", or "Operator / All organizations / <slug>" on a tenant's view.
#[component]
fn OperatorCrumbs() -> impl IntoView {
    let location = crate::router::use_location();
    let section = Memo::new(move |_| operator_section(&location.pathname.get()));
    view! {
        <Breadcrumbs>
            <Crumb href=paths::operator()>"Operator"</Crumb>
            {move || match section.get() {
                (label, None) => view! { <Crumb>{label}</Crumb> }.into_any(),
                (label, Some(slug)) => view! {
                    <Crumb href=paths::operator()>{label}</Crumb>
                    <Crumb mono=true>{slug}</Crumb>
                }
                .into_any(),
            }}
        </Breadcrumbs>
    }
}

/// Asks for the admin token and opens the area only once the control plane accepts it.
#[component]
fn TokenGate() -> impl IntoView {
    let api = use_api();
    let value = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let check = crate::reactive::action(move |candidate: &String| {
        let candidate = candidate.clone();
        async move {
            match api.unlock_operator(candidate).await {
                Ok(()) => value.set(String::new()),
                Err(e) => error.set(Some(words::say(&e))),
            }
        }
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let v = value.get_untracked().trim().to_string();
        if v.is_empty() {
            error.set(Some("Enter the control-plane admin token.".into()));
            return;
        }
        error.set(None);
        check.dispatch(v);
    };
    view! {
        <p class="muted">"Platform operators manage every organization's tenant here. The admin token stays in this tab's memory: it is never stored, and reloading the page forgets it."</p>
        <form class="form form--inline" on:submit=submit novalidate autocomplete="off">
            <Field id="operator-token" label="Admin token">
                <input id="operator-token" class="input mono" type="password" autocomplete="off" prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))/>
            </Field>
            <p class="field__error" role="alert">{move || error.get()}</p>
            <button type="submit" class="btn btn--primary" disabled=move || check.pending().get()>
                {move || if check.pending().get() { "Checking…" } else { "Unlock" }}
            </button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_of_operator_addresses() {
        assert_eq!(operator_section("/operator"), ("All organizations", None));
        assert_eq!(
            operator_section("/operator/fleet/"),
            ("Fleet rollout", None)
        );
        assert_eq!(
            operator_section("/operator/orgs/new"),
            ("New organization", None)
        );
        assert_eq!(
            operator_section("/operator/tenants/acme"),
            ("All organizations", Some("acme".into()))
        );
    }
}
