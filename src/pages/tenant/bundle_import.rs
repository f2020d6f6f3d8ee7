//! The "Import a bundle" section of the templates page: a bundle file (a workspace tree
//! downloaded from any organization's workspace page) is read and checked here, then its
//! workspaces are created in this organization; the section says if some could not be.
//! Calls `POST /bundles/import`.

use crate::{
    api::use_api,
    components::{Field, use_toaster},
    pages::tenant::{org_templates::workspaces_count, template_import::MAX_FILE_BYTES},
    words::say,
};
use leptos::{ev::SubmitEvent, prelude::*};
use molecule_sdk::{
    calls,
    types::{Bundle, BundleImportResult, BundleImportResultStatus},
};

/// Workspaces in an import result, and how many of them failed.
pub fn bundle_outcome(r: &BundleImportResult) -> (usize, usize) {
    let failed = usize::from(r.status == BundleImportResultStatus::Failed || r.error.is_some());
    r.children.iter().fold((1, failed), |(n, f), c| {
        let (cn, cf) = bundle_outcome(c);
        (n + cn, f + cf)
    })
}

/// Reads a bundle file's text (checked before anything is sent), with the SDK's decoder: the
/// one every response goes through, so the page carries no second JSON decoder.
pub fn parse_bundle(text: &str) -> Result<Bundle, &'static str> {
    molecule_sdk::json::from_str(text)
        .map_err(|_| "This file is not a Molecule bundle (a JSON file from \"Download bundle\").")
}

/// What an import result says: the toast when every workspace was created, the error otherwise.
fn outcome_text(r: &BundleImportResult) -> Result<String, String> {
    let (total, failed) = bundle_outcome(r);
    if failed > 0 {
        Err(format!(
            "{} imported, but {failed} of {total} workspaces could not be created. Check the workspaces list.",
            r.name
        ))
    } else {
        Ok(format!(
            "Bundle {} imported: {} provisioning.",
            r.name,
            workspaces_count(total as i32)
        ))
    }
}

/// The bundle import section.
#[component]
pub fn BundleImport() -> impl IntoView {
    let may_import_bundle = crate::layouts::tenant::use_blocker(&molecule_sdk::ops::IMPORT_BUNDLE);
    let api = use_api();
    let toaster = use_toaster();
    let error = RwSignal::new(None::<String>);
    let input = NodeRef::<leptos::html::Input>::new();
    let import = crate::reactive::action(move |bundle: &Bundle| {
        let call = calls::import_bundle(bundle);
        async move {
            let said = api
                .send(call)
                .await
                .map_err(|e| say(&e))
                .and_then(|r| outcome_text(&r));
            match said {
                Ok(m) => {
                    error.set(None);
                    if let Some(i) = input.get_untracked() {
                        i.set_value("");
                    }
                    toaster.success(m);
                }
                Err(m) => error.set(Some(m)),
            }
        }
    });
    let reading = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(file) = input
            .get_untracked()
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        else {
            error.set(Some("Choose a bundle file.".into()));
            return;
        };
        if file.size() > 8.0 * MAX_FILE_BYTES {
            error.set(Some("A bundle file is at most 8 MiB.".into()));
            return;
        }
        error.set(None);
        reading.set(true);
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
            reading.set(false);
            match text
                .ok()
                .and_then(|t| t.as_string())
                .as_deref()
                .map(parse_bundle)
            {
                Some(Ok(bundle)) => {
                    import.dispatch(bundle);
                }
                Some(Err(m)) => error.set(Some(m.into())),
                None => error.set(Some(format!("{} could not be read.", file.name()))),
            }
        });
    };
    view! {
        <section class="section" aria-labelledby="bundle-import-title">
            <h2 id="bundle-import-title">"Import a bundle"</h2>
            <p class="section__intro">"Creates the bundle's workspaces in this organization. Secrets are never part of a bundle: set them afterwards."</p>
            <form class="form form--inline" on:submit=submit novalidate>
                <Field id="bundle-file" label="Bundle file">
                    <input id="bundle-file" class="input" type="file" accept=".json,application/json" node_ref=input/>
                </Field>
                <p class="field__error" role="alert">{move || error.get()}</p>
                <button title=move || may_import_bundle.get() type="submit" class="btn btn--primary" disabled=move || may_import_bundle.get().is_some() || reading.get() || import.pending().get()>"Import bundle"</button>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundle_files_are_checked_and_outcomes_counted() {
        assert!(parse_bundle("not json").is_err());
        assert!(parse_bundle("{}").is_err(), "a bundle has a name");
        let b = parse_bundle(r#"{"name":"Lead","sub_workspaces":[{"name":"Helper"}]}"#).unwrap();
        assert_eq!(b.sub_workspaces.len(), 1);
        let ok: BundleImportResult = serde_json::from_value(serde_json::json!({
            "name": "Lead", "status": "provisioning", "workspace_id": "a0000000-0000-4000-8000-000000000001",
            "children": [{"name": "Helper", "status": "failed", "error": "x",
                "workspace_id": "a0000000-0000-4000-8000-000000000002", "children": []}]
        }))
        .unwrap();
        assert_eq!(bundle_outcome(&ok), (2, 1));
    }
}
