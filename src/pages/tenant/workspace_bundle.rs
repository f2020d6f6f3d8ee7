//! A workspace's bundle, a section of the workspace page: downloads this workspace and every
//! workspace under it as a JSON file (configuration, prompts, skills and tools, never secrets),
//! for "Import a bundle" on the Templates page of any organization.
//! Calls `GET /bundles/export/{id}`.

use crate::{api::use_api, components::use_toaster, words::say};
use leptos::prelude::*;
use molecule_sdk::calls;

/// A file name for a bundle of the workspace called `name`.
pub fn bundle_file_name(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "workspace-bundle.json".into()
    } else {
        format!("{slug}-bundle.json")
    }
}

/// The bundle section of the workspace `id`.
#[component]
pub fn BundleExport(id: String) -> impl IntoView {
    let api = use_api();
    let toaster = use_toaster();
    let export = crate::reactive::action(move |_: &()| {
        let call = calls::export_bundle(&id);
        async move {
            let saved = match api.send(call).await {
                Ok(b) => serde_json::to_string_pretty(&b)
                    .map_err(|_| ())
                    .and_then(|text| {
                        crate::download::download_json(&bundle_file_name(&b.name), &text)
                            .map_err(|_| ())
                    })
                    .map_err(|_| "The bundle could not be saved. Try again.".to_string()),
                Err(e) => Err(say(&e)),
            };
            if let Err(m) = saved {
                toaster.error(m);
            }
        }
    });
    view! {
        <section class="section" aria-labelledby="bundle-title">
            <h2 id="bundle-title">"Bundle"</h2>
            <p class="section__intro">"A bundle holds this workspace and every workspace under it: configuration, prompts, skills and tools, never secrets. Import it on the Templates page of any organization."</p>
            <button type="button" class="btn" disabled=move || export.pending().get() on:click=move |_| { export.dispatch(()); }>
                "Download bundle"
            </button>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundle_file_names() {
        assert_eq!(
            bundle_file_name("Research lead"),
            "research-lead-bundle.json"
        );
        assert_eq!(bundle_file_name("  Ops / QA!! "), "ops-qa-bundle.json");
        assert_eq!(bundle_file_name("***"), "workspace-bundle.json");
    }
}
