//! The "Import a workspace template" form of the templates page: a name and the template's
//! files (checked here: how many, how large, readable as text), read in the browser and sent as
//! one import. The templates section owns the action (`POST /templates/import`) so that its list
//! reloads after an import.

use crate::{
    components::{Field, use_toaster},
    words::say,
};
use leptos::{ev::SubmitEvent, prelude::*};
use molecule_sdk::{
    ApiError,
    types::{TemplateImportRequest, TemplateImported},
};
use std::collections::BTreeMap;

/// Most files one import may carry (the platform's limit).
pub const MAX_FILES: usize = 200;
/// Largest file accepted for an import, in bytes.
pub const MAX_FILE_BYTES: f64 = 1024.0 * 1024.0;

/// Checks a template name before import (its id is derived from it).
pub fn check_template_name(name: &str) -> Result<(), &'static str> {
    if name.trim().is_empty() {
        Err("Enter a name for the template.")
    } else if name.chars().count() > 100 {
        Err("Template names are at most 100 characters.")
    } else {
        Ok(())
    }
}

/// Imports a template (its result is shown here).
type ImportAction = Action<TemplateImportRequest, Result<TemplateImported, ApiError>>;

/// The chosen files, checked: at least one, at most [`MAX_FILES`], none over [`MAX_FILE_BYTES`].
fn chosen_files(input: NodeRef<leptos::html::Input>) -> Result<Vec<web_sys::File>, String> {
    let files = input.get_untracked().and_then(|i| i.files());
    let Some(files) = files.filter(|f| f.length() > 0) else {
        return Err("Choose the template's files.".into());
    };
    if files.length() as usize > MAX_FILES {
        return Err(format!(
            "At most {MAX_FILES} files can be imported at once."
        ));
    }
    let list: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
    if let Some(big) = list.iter().find(|f| f.size() > MAX_FILE_BYTES) {
        return Err(format!("{} is larger than 1 MiB.", big.name()));
    }
    Ok(list)
}

/// The text of each file by its name; the error names a file that is not text.
async fn read_texts(list: Vec<web_sys::File>) -> Result<BTreeMap<String, String>, String> {
    let mut contents = BTreeMap::new();
    for f in list {
        let text = wasm_bindgen_futures::JsFuture::from(f.text()).await;
        let Some(t) = text.ok().and_then(|t| t.as_string()) else {
            return Err(format!("{} could not be read as text.", f.name()));
        };
        contents.insert(f.name(), t);
    }
    Ok(contents)
}

/// The import form, dispatching `import`.
#[component]
pub fn TemplateImport(import: ImportAction) -> impl IntoView {
    let may_import_workspace_template =
        crate::layouts::tenant::use_blocker(&molecule_sdk::ops::IMPORT_WORKSPACE_TEMPLATE);
    let toaster = use_toaster();
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| match import.value().get() {
        Some(Ok(r)) => {
            error.set(None);
            name.set(String::new());
            if let Some(i) = input.get_untracked() {
                i.set_value("");
            }
            toaster.success(format!("Template {} imported.", r.name));
        }
        Some(Err(e)) => error.set(Some(say(&e))),
        None => {}
    });
    // Reads the chosen files, checks them, then imports.
    let reading = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked().trim().to_string();
        let checked = check_template_name(&n)
            .map_err(String::from)
            .and_then(|_| chosen_files(input));
        let list = match checked {
            Ok(list) => list,
            Err(m) => {
                error.set(Some(m));
                return;
            }
        };
        error.set(None);
        reading.set(true);
        leptos::task::spawn_local(async move {
            let contents = read_texts(list).await;
            reading.set(false);
            match (contents, n.parse()) {
                (Ok(files), Ok(name)) => {
                    import.dispatch(TemplateImportRequest { name, files });
                }
                (Err(m), _) => error.set(Some(m)),
                (_, Err(_)) => error.set(Some("Enter a name for the template.".into())),
            }
        });
    };
    view! {
        <h3>"Import a workspace template"</h3>
        <p class="field__hint">"Choose its files (up to 200, text, 1 MiB each); a config.yaml is generated when there is none."</p>
        <form class="form form--inline" on:submit=submit novalidate autocomplete="off">
            <Field id="template-name" label="Template name">
                <input id="template-name" class="input mono" maxlength="100" spellcheck="false" prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))/>
            </Field>
            <Field id="template-files" label="Template files">
                <input id="template-files" class="input" type="file" multiple node_ref=input/>
            </Field>
            <p class="field__error" role="alert">{move || error.get()}</p>
            <button title=move || may_import_workspace_template.get() type="submit" class="btn btn--primary" disabled=move || may_import_workspace_template.get().is_some() || reading.get() || import.pending().get()>"Import template"</button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_names() {
        assert!(check_template_name("my-agent").is_ok());
        assert!(check_template_name("Research helper v2").is_ok());
        assert!(check_template_name("  ").is_err());
        assert!(check_template_name(&"a".repeat(101)).is_err());
    }
}
