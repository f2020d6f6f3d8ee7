//! `/console/workspaces/:id/budget`: spending limits and who pays for model calls.

use crate::{
    layouts::workspace::use_workspace,
    pages::tenant::{workspace_billing_mode::BillingMode, workspace_budget::BudgetEditor},
};
use leptos::prelude::*;

/// The budget tab: the budget, then the billing mode.
#[component]
pub fn WorkspaceBudgetPage() -> impl IntoView {
    let ctx = use_workspace();
    move || {
        let id = ctx.id.get();
        view! {
            <BudgetEditor id=id.clone()/>
            <BillingMode id/>
        }
    }
}
