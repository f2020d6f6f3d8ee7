//! The plans a person can choose (radio buttons) and which of them go through Stripe Checkout.
//! Makes no calls.

use leptos::prelude::*;
use molecule_sdk::types::{CheckoutRequestPlan, PlanId};

/// The Checkout plan for a paid plan id.
pub fn paid_plan(plan: &PlanId) -> Option<CheckoutRequestPlan> {
    match plan {
        // The platform sends "" for an org without a plan (shown as free).
        PlanId::Free | PlanId::Empty | PlanId::Unknown(_) => None,
        PlanId::Starter => Some(CheckoutRequestPlan::Starter),
        PlanId::Pro => Some(CheckoutRequestPlan::Pro),
    }
}

/// Radio buttons for the plans (the free one only where it can be chosen).
#[component]
pub fn PlanChoice(plan: RwSignal<PlanId>, #[prop(optional)] include_free: bool) -> impl IntoView {
    let option = move |value: PlanId, label: &'static str, detail: &'static str| {
        view! {
            <label class="radio">
                <input
                    type="radio"
                    name="plan"
                    prop:checked={
                        let value = value.clone();
                        move || plan.get() == value
                    }
                    on:change=move |_| plan.set(value.clone())
                />
                <span><strong>{label}</strong>" · "{detail}</span>
            </label>
        }
    };
    view! {
        {include_free.then(|| option(PlanId::Free, "Free", "$0, 3 workspaces"))}
        {option(PlanId::Starter, "Team", "$29 a month, 10 workspaces")}
        {option(PlanId::Pro, "Growth", "$99 a month, unlimited workspaces, overage billing")}
    }
}
