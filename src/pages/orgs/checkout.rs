//! Stripe Checkout hand-off: ask the platform for a Checkout URL and send the browser there.
//! Calls `POST /cp/billing/checkout`.

use crate::{
    api::{Api, use_api},
    pages::orgs::plans::{PlanChoice, paid_plan},
    paths,
    words::say,
};
use leptos::prelude::*;
use molecule_sdk::{
    ApiError, calls,
    types::{CheckoutRequest, CheckoutRequestPlan, PlanId},
};

/// What to pay for.
#[derive(Clone, Debug)]
pub struct CheckoutStart {
    pub slug: String,
    pub plan: CheckoutRequestPlan,
}

/// Return addresses: the org page with a `checkout` marker the page turns into a banner.
pub fn return_urls(origin: &str, slug: &str) -> (String, String) {
    let page = format!("{origin}{}", paths::org(slug));
    (
        format!("{page}?checkout=success"),
        format!("{page}?checkout=cancelled"),
    )
}

/// Creates the Checkout session and navigates to it. Returns only on failure (or after the
/// navigation has been requested).
pub async fn start_checkout(api: Api, start: CheckoutStart) -> Result<(), ApiError> {
    let (success_url, cancel_url) = return_urls(&crate::api::origin(), &start.slug);
    let body = CheckoutRequest {
        org_slug: start.slug.parse().map_err(|_| ApiError::invalid("slug"))?,
        plan: start.plan,
        success_url,
        cancel_url,
    };
    let session = api.send(calls::create_checkout_session(&body)).await?;
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_href(&session.url);
    }
    Ok(())
}

/// Plan choice and a pay button for an org that is waiting for payment.
#[component]
pub fn CheckoutPanel(
    slug: String,
    /// The plan chosen when the org was created: offered again, never silently swapped.
    plan: PlanId,
) -> impl IntoView {
    let plan = RwSignal::new(match plan {
        PlanId::Pro => PlanId::Pro,
        _ => PlanId::Starter,
    });
    let api = use_api();
    let pay =
        crate::reactive::action(move |start: &CheckoutStart| start_checkout(api, start.clone()));
    view! {
        <section class="callout" aria-labelledby="checkout-title">
            <h2 id="checkout-title" class="callout__title">"Complete payment"</h2>
            <p>"This organization starts once its first payment goes through."</p>
            <fieldset class="field">
                <legend class="field__label">"Plan"</legend>
                <PlanChoice plan/>
            </fieldset>
            {move || pay.value().get().and_then(|r| r.err()).map(|e| view! { <p class="field__error" role="alert">{say(&e)}</p> })}
            <button
                type="button"
                class="btn btn--primary"
                disabled=move || pay.pending().get()
                on:click=move |_| {
                    let plan = paid_plan(&plan.get_untracked()).unwrap_or(CheckoutRequestPlan::Starter);
                    pay.dispatch(CheckoutStart { slug: slug.clone(), plan });
                }
            >
                {move || if pay.pending().get() { "Opening checkout…" } else { "Continue to payment" }}
            </button>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_urls_point_back_at_the_org_page() {
        let (ok, cancel) = return_urls("http://app.localhost:8080", "acme");
        assert_eq!(ok, "http://app.localhost:8080/orgs/acme?checkout=success");
        assert_eq!(
            cancel,
            "http://app.localhost:8080/orgs/acme?checkout=cancelled"
        );
    }
}
