//! One row of a form: a label tied to its control by id, the control itself, and optionally a
//! hint and an error message under it. Styles: `.field*` in `style/components.css` and
//! `style/pages.css`.
//!
//! The hint's and the error's ids are the control's id with `-hint` and `-error` added
//! ([`hint_id`], [`error_id`]), so the control can name them in `aria-describedby`
//! (`aria-describedby="org-slug-hint org-slug-error"`). The control is the caller's, so the
//! caller writes that attribute (and `aria-invalid`) on it.
//!
//! A message that speaks for a whole form (one `<p class="field__error">` after several rows,
//! or the hint of an inline form, which needs a row of its own below the fields) belongs to no
//! row: it stays beside the rows, not inside one.

use leptos::prelude::*;

/// The id of the hint of the control whose id is `id`.
pub fn hint_id(id: &str) -> String {
    format!("{id}-hint")
}

/// The id of the error message of the control whose id is `id`.
pub fn error_id(id: &str) -> String {
    format!("{id}-error")
}

/// The error message of a [`Field`]: its text, empty while there is none. Made from the
/// caller's `Signal` or `RwSignal` of `Option<String>` (`error=problem`), by the caller's code:
/// reading an `Option<String>` signal is then compiled only into the pages that show a row's
/// error, not into the first download (the organizations list uses `Field` without one; this
/// keeps about 0.7 KB of brotli out of the main module).
#[derive(Clone, Copy)]
pub struct FieldError(Signal<String>);

impl From<Signal<Option<String>>> for FieldError {
    fn from(error: Signal<Option<String>>) -> Self {
        Self(Signal::derive(move || error.get().unwrap_or_default()))
    }
}

impl From<RwSignal<Option<String>>> for FieldError {
    fn from(error: RwSignal<Option<String>>) -> Self {
        Self(Signal::derive(move || error.get().unwrap_or_default()))
    }
}

/// A labelled form control: `<div class="field">` holding the `<label for=id>`, the control
/// (the children, which must carry the same `id`), then the hint and the error, each only if
/// given. The error paragraph, once given, is always there with `role="alert"` (empty, and
/// hidden by `.field__error:empty`, while there is no error), so a message that appears in it
/// is announced.
///
/// Not generic, on purpose: one copy of its code serves every form (the organizations list,
/// in the first download, uses it too).
#[component]
pub fn Field(
    /// The control's id (the label's `for`; the stem of the hint's and error's ids).
    #[prop(into)]
    id: String,
    /// The label's text.
    #[prop(into)]
    label: String,
    /// A line under the control saying what to enter (may change as the person types).
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
    /// The control's current error, if any.
    #[prop(optional, into)]
    error: Option<FieldError>,
    /// The control: an `<input>`, `<select>` or `<textarea>` with `id` as its id.
    children: Children,
) -> impl IntoView {
    let hint = hint.map(|text| {
        view! { <p id=hint_id(&id) class="field__hint">{move || text.get()}</p> }
    });
    let error = error.map(|FieldError(text)| {
        view! { <p id=error_id(&id) class="field__error" role="alert">{move || text.get()}</p> }
    });
    view! {
        <div class="field">
            <label class="field__label" for=id>{label}</label>
            {children()}
            {hint}
            {error}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hint_and_error_ids_extend_the_control_id() {
        assert_eq!(hint_id("org-slug"), "org-slug-hint");
        assert_eq!(error_id("org-slug"), "org-slug-error");
        assert_eq!(error_id("org-name"), "org-name-error");
    }
}
