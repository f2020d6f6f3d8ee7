//! Create an organization: name, slug (checked before any request), plan; then Stripe Checkout
//! for a paid plan, or the new org's page for a free one.
//! Calls `POST /cp/orgs`, `GET /cp/auth/terms-status`, `POST /cp/billing/checkout`.

use super::create_form::{Problem, problem_of, slug_hint};
use crate::router::A;
use crate::router::use_navigate;
use crate::{
    api::use_api,
    components::{Breadcrumbs, Crumb, Field, PageHeader, terms_gate::TermsGate},
    pages::orgs::{
        checkout::{CheckoutStart, start_checkout},
        plans::{PlanChoice, paid_plan},
    },
    paths, validate,
};
use leptos::{ev::SubmitEvent, prelude::*};
use molecule_sdk::{
    calls,
    types::{CreateOrgRequest, OrgStatus, PlanId},
};

/// The create form.
#[component]
pub fn CreateOrgPage() -> impl IntoView {
    let name = RwSignal::new(String::new());
    let slug = RwSignal::new(String::new());
    let slug_edited = RwSignal::new(false);
    let plan = RwSignal::new(PlanId::Starter);
    let navigate = use_navigate();
    let problem = RwSignal::new(None::<Problem>);
    let api = use_api();
    let terms = crate::reactive::resource(move || api.send(calls::auth_terms_status()));
    let terms_accepted = RwSignal::new(false);

    let create = crate::reactive::action(move |body: &CreateOrgRequest| {
        let body = body.clone();
        let navigate = navigate.clone();
        async move {
            let org = api.send(calls::create_org(&body)).await?;
            let slug = org.slug.to_string();
            match (org.status.clone(), paid_plan(&org.plan)) {
                // A paid org waits for its first payment: go straight to Checkout.
                (OrgStatus::AwaitingPayment, Some(plan)) => {
                    start_checkout(api, CheckoutStart { slug, plan }).await
                }
                _ => {
                    navigate(&paths::org(&slug), Default::default());
                    Ok(())
                }
            }
        }
    });
    Effect::new(move |_| {
        if let Some(Err(e)) = create.value().get() {
            problem.set(Some(problem_of(&e)));
        }
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if create.pending().get_untracked() {
            return;
        }
        let (n, s) = (name.get_untracked(), slug.get_untracked());
        if let Err(m) = validate::org_name(&n) {
            problem.set(Some(Problem::Name(m)));
            return;
        }
        if let Err(m) = validate::org_slug(&s) {
            problem.set(Some(Problem::Slug(m)));
            return;
        }
        let (Ok(n), Ok(s)) = (n.trim().parse(), s.parse()) else {
            problem.set(Some(Problem::Other("Check the name and slug.".into())));
            return;
        };
        problem.set(None);
        create.dispatch(CreateOrgRequest {
            name: n,
            slug: s,
            plan: Some(plan.get_untracked()),
        });
    };

    let slug_error = move || match problem.get() {
        Some(Problem::Slug(m)) => Some(m),
        _ => None,
    };
    let name_error = move || match problem.get() {
        Some(Problem::Name(m)) => Some(m),
        _ => None,
    };
    let needs_terms = move || {
        !terms_accepted.get()
            && (matches!(problem.get(), Some(Problem::Terms))
                || matches!(terms.get(), Some(Ok(ref t)) if !t.accepted))
    };

    view! {
        <section class="page page--narrow">
            <Breadcrumbs>
                <Crumb href=paths::orgs()>"Organizations"</Crumb>
                <Crumb>"New"</Crumb>
            </Breadcrumbs>
            <PageHeader title="New organization"/>
            <Show when=needs_terms>
                <TermsGate on_accepted=Callback::new(move |_| {
                    terms_accepted.set(true);
                    problem.set(None);
                })/>
            </Show>
            <form class="form" on:submit=on_submit novalidate>
                // The hint's and error's ids are the control's with `-hint` and `-error` (Field's).
                <Field id="org-name" label="Name" error=Signal::derive(name_error)>
                    <input
                        id="org-name"
                        class="input"
                        type="text"
                        maxlength="100"
                        autocomplete="organization"
                        aria-invalid=move || name_error().is_some().to_string()
                        aria-describedby="org-name-error"
                        prop:value=move || name.get()
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            if !slug_edited.get_untracked() {
                                slug.set(validate::suggest_slug(&v));
                            }
                            name.set(v);
                        }
                    />
                </Field>
                <Field id="org-slug" label="Slug" hint=Signal::derive(move || slug_hint(&slug.get())) error=Signal::derive(slug_error)>
                    <input
                        id="org-slug"
                        class="input mono"
                        type="text"
                        maxlength="32"
                        autocomplete="off"
                        spellcheck="false"
                        aria-invalid=move || slug_error().is_some().to_string()
                        aria-describedby="org-slug-hint org-slug-error"
                        prop:value=move || slug.get()
                        on:input=move |ev| {
                            slug_edited.set(true);
                            slug.set(event_target_value(&ev));
                            if matches!(problem.get_untracked(), Some(Problem::Slug(_))) {
                                problem.set(None);
                            }
                        }
                    />
                </Field>
                <fieldset class="field">
                    <legend class="field__label">"Plan"</legend>
                    <PlanChoice plan include_free=true/>
                </fieldset>
                {move || match problem.get() {
                    Some(Problem::Upgrade) => Some(view! {
                        <div class="callout" role="alert">
                            <p>"Your account has reached its organization limit. Upgrade an existing organization's plan or contact sales to add another."</p>
                            <a class="btn" href="mailto:sales@moleculesai.app">"Contact sales"</a>
                        </div>
                    }.into_any()),
                    Some(Problem::Other(m)) => Some(view! { <p class="field__error" role="alert">{m}</p> }.into_any()),
                    _ => None,
                }}
                <div class="form__actions">
                    <A href=paths::orgs() attr:class="btn">"Cancel"</A>
                    <button type="submit" class="btn btn--primary" disabled=move || create.pending().get() || needs_terms()>
                        {move || match (create.pending().get(), plan.get()) {
                            (true, _) => "Creating…",
                            (false, PlanId::Free) => "Create organization",
                            (false, _) => "Create and continue to payment",
                        }}
                    </button>
                </div>
            </form>
        </section>
    }
}
