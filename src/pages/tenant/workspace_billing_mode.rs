//! Who pays for a workspace's model calls, a section of the workspace page: the mode in force
//! and where it comes from, and a choice between the organization's default and an override on
//! this workspace. Newer tenants no longer offer the route (404): the section then says so.
//! Calls `GET|PUT /admin/workspaces/{id}/llm-billing-mode`.

use crate::{
    api::use_api,
    components::{Loaded, use_toaster},
    words::say,
};
use leptos::{ev::SubmitEvent, prelude::*};
use molecule_sdk::{
    ErrorKind, calls,
    types::{
        BillingModeResolution, BillingModeResolutionSource, BillingModeResolutionWorkspaceOverride,
        LlmBillingMode, SetBillingModeRequest, SetBillingModeRequestMode,
    },
};

/// The billing-mode choices offered: the org's default, or an override on this workspace.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ModeChoice {
    OrgDefault,
    Platform,
    Byok,
    Disabled,
}

impl ModeChoice {
    pub const ALL: [ModeChoice; 4] = [
        ModeChoice::OrgDefault,
        ModeChoice::Platform,
        ModeChoice::Byok,
        ModeChoice::Disabled,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ModeChoice::OrgDefault => "Use the organization's default",
            ModeChoice::Platform => "Molecule credits",
            ModeChoice::Byok => "Our own provider key",
            ModeChoice::Disabled => "Disabled",
        }
    }

    pub fn hint(self) -> &'static str {
        match self {
            ModeChoice::OrgDefault => "No override: the workspace follows the organization.",
            ModeChoice::Platform => "Model calls are paid from the organization's credits.",
            ModeChoice::Byok => {
                "Model calls use a provider key stored as a secret; no credits are used."
            }
            ModeChoice::Disabled => "The workspace makes no paid model calls.",
        }
    }

    /// The request that selects this choice (`null` clears the override).
    pub fn request(self) -> SetBillingModeRequest {
        SetBillingModeRequest {
            mode: match self {
                ModeChoice::OrgDefault => None,
                ModeChoice::Platform => Some(SetBillingModeRequestMode::PlatformManaged),
                ModeChoice::Byok => Some(SetBillingModeRequestMode::Byok),
                ModeChoice::Disabled => Some(SetBillingModeRequestMode::Disabled),
            },
        }
    }

    /// The choice matching a workspace's current override.
    pub fn from_override(o: Option<BillingModeResolutionWorkspaceOverride>) -> Self {
        match o {
            None => ModeChoice::OrgDefault,
            Some(BillingModeResolutionWorkspaceOverride::PlatformManaged) => ModeChoice::Platform,
            Some(BillingModeResolutionWorkspaceOverride::Byok) => ModeChoice::Byok,
            Some(BillingModeResolutionWorkspaceOverride::Disabled) => ModeChoice::Disabled,
            // A mode this console does not know: shown as the org default would be wrong, but
            // offering no choice would be worse; the read-out above names the raw mode.
            Some(BillingModeResolutionWorkspaceOverride::Unknown(_)) => ModeChoice::OrgDefault,
        }
    }
}

/// A resolved mode in words.
pub fn mode_text(mode: &LlmBillingMode) -> String {
    match mode {
        LlmBillingMode::PlatformManaged => "Molecule credits",
        LlmBillingMode::Byok => "own provider key",
        LlmBillingMode::Disabled => "disabled",
        LlmBillingMode::Unknown(raw) => raw,
    }
    .to_string()
}

/// Where a resolved mode comes from, in words.
pub fn source_text(source: &BillingModeResolutionSource) -> String {
    match source {
        BillingModeResolutionSource::WorkspaceOverride => "set on this workspace",
        BillingModeResolutionSource::OrgDefault => "the organization's default",
        BillingModeResolutionSource::ConstantFallback => "the platform's default",
        BillingModeResolutionSource::DerivedProvider => {
            "derived from the workspace's model provider"
        }
        BillingModeResolutionSource::DerivedDefault => "derived from the default model provider",
        BillingModeResolutionSource::Unknown(raw) => raw,
    }
    .to_string()
}

/// Saves a choice (toasting how it went).
type SaveAction = Action<ModeChoice, ()>;

/// The billing-mode section of the workspace `id`.
#[component]
pub fn BillingMode(id: String) -> impl IntoView {
    let api = use_api();
    let toaster = use_toaster();
    let i = id.clone();
    let save = crate::reactive::action(move |choice: &ModeChoice| {
        let call = calls::set_llm_billing_mode(&i, &choice.request());
        async move {
            match api.send(call).await {
                Ok(r) if r.readback_error.is_some() => toaster.error(
                    "Saved, but the workspace did not confirm the new mode yet. Reload to check.",
                ),
                Ok(_) => toaster.success("Billing mode saved."),
                Err(e) => toaster.error(say(&e)),
            }
        }
    });
    let current = crate::reactive::resource(move || {
        save.version().track();
        let call = calls::get_llm_billing_mode(&id);
        // Newer tenants (aeec8e47) removed this route: a 404 means "not offered", not a failure.
        async move {
            match api.send(call).await {
                Ok(r) => Ok(Some(r)),
                Err(e) if e.kind == ErrorKind::Http && e.status == 404 => Ok(None),
                Err(e) => Err(e),
            }
        }
    });
    view! {
        <section class="section" aria-labelledby="billing-mode-title">
            <h2 id="billing-mode-title">"Model billing"</h2>
            <Loaded res=current what="Model billing" let:r>
                {match r {
                    Some(r) => view! { <ModeForm r save/> }.into_any(),
                    None => view! {
                        <p class="muted">"This organization's server does not offer a billing mode per workspace; model calls follow the organization's setting."</p>
                    }
                    .into_any(),
                }}
            </Loaded>
        </section>
    }
}

/// The mode in force and the choice of who pays.
#[component]
fn ModeForm(r: BillingModeResolution, save: SaveAction) -> impl IntoView {
    let may_set_llm_billing_mode =
        crate::layouts::tenant::use_blocker(&molecule_sdk::ops::SET_LLM_BILLING_MODE);
    let choice = RwSignal::new(ModeChoice::from_override(r.workspace_override));
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        save.dispatch(choice.get_untracked());
    };
    let options = ModeChoice::ALL
        .into_iter()
        .map(|c| view! { <ModeOption c choice/> })
        .collect_view();
    view! {
        <p data-testid="billing-mode-now">
            "Model calls are billed to: " <strong>{mode_text(&r.resolved_mode)}</strong>
            " (" {source_text(&r.source)} ")."
        </p>
        <form class="form" on:submit=submit>
            <fieldset class="field">
                <legend>"Who pays for this workspace's model calls"</legend>
                {options}
            </fieldset>
            <div class="form__actions">
                <button title=move || may_set_llm_billing_mode.get() type="submit" class="btn btn--primary" disabled=move || may_set_llm_billing_mode.get().is_some() || save.pending().get()>"Save billing mode"</button>
            </div>
        </form>
    }
}

/// One choice, as a radio button with its hint.
#[component]
fn ModeOption(c: ModeChoice, choice: RwSignal<ModeChoice>) -> impl IntoView {
    view! {
        <label class="radio">
            <input type="radio" name="billing-mode" prop:checked=move || choice.get() == c
                on:change=move |_| choice.set(c)/>
            <span>{c.label()} <span class="field__hint">" — " {c.hint()}</span></span>
        </label>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn billing_mode_choices_round_trip() {
        for c in ModeChoice::ALL {
            let back = match c.request().mode {
                None => None,
                Some(SetBillingModeRequestMode::PlatformManaged) => {
                    Some(BillingModeResolutionWorkspaceOverride::PlatformManaged)
                }
                Some(SetBillingModeRequestMode::Byok) => {
                    Some(BillingModeResolutionWorkspaceOverride::Byok)
                }
                Some(SetBillingModeRequestMode::Disabled) => {
                    Some(BillingModeResolutionWorkspaceOverride::Disabled)
                }
                Some(SetBillingModeRequestMode::Unknown(raw)) => panic!("console sent {raw}"),
            };
            assert_eq!(ModeChoice::from_override(back), c);
        }
        // Clearing the override is an explicit null on the wire.
        assert_eq!(
            serde_json::to_string(&ModeChoice::OrgDefault.request()).unwrap(),
            r#"{"mode":null}"#
        );
    }
}
