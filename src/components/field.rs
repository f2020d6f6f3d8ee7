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
//! or a hint of an inline form, which needs a row of its own below the fields) is not a row's:
//! it stays beside the rows, not inside one.

use leptos::{oco::Oco, prelude::*};

/// The id of the hint of the control whose id is `id`.
pub fn hint_id(id: &str) -> String {
    format!("{id}-hint")
}

/// The id of the error message of the control whose id is `id`.
pub fn error_id(id: &str) -> String {
    format!("{id}-error")
}

/// A labelled form control: `<div class="field">` holding the `<label for=id>`, the control
/// (the children, which must carry the same `id`), then the hint and the error, each only if
/// given. The error paragraph, once given, is always there (empty, and hidden by
/// `.field__error:empty`, while there is no error) with `role="alert"`, so a message that
/// appears in it is announced.
///
/// Not generic, on purpose: one copy of its code serves every form (the organizations list,
/// in the first download, uses it too).
#[component]
pub fn Field(
    /// The control's id (the label's `for`; the stem of the hint's and error's ids).
    #[prop(into)]
    id: Oco<'static, str>,
    /// The label's text.
    #[prop(into)]
    label: Oco<'static, str>,
    /// A line under the control saying what to enter (may change as the person types).
    #[prop(optional, into)]
    hint: Option<TextProp>,
    /// The control's current error, if any.
    #[prop(optional, into)]
    error: Option<Signal<Option<String>>>,
    /// The control: an `<input>`, `<select>` or `<textarea>` with `id` as its id.
    children: Children,
) -> impl IntoView {
    let hint = hint.map(|text| {
        view! { <p id=hint_id(&id) class="field__hint">{move || text.get()}</p> }
    });
    let error = error.map(|message| {
        view! { <p id=error_id(&id) class="field__error" role="alert">{move || message.get()}</p> }
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
