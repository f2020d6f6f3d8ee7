//! A combobox: a text box that narrows a list of options as one types (the WAI-ARIA combobox
//! pattern with a list popup). Focus stays in the text box; ↓ ↑ move the active option (wrapping),
//! Home and End go to the first and last, Enter picks the active one, and a click picks any.
//! The caller owns the query and the options, so what matches, and what picking means, are
//! theirs; Escape and Tab are left to the surrounding dialog or popup.
//! Used by the command palette and the organization switcher.

use leptos::{html, prelude::*};

/// One option: its text and a quieter note beside it (its kind, an org's slug).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComboOption {
    pub label: String,
    pub note: String,
}

/// Where the active option moves on a key, among `n` options; `None` for a key the list does
/// not take.
pub fn moved(key: &str, active: usize, n: usize) -> Option<usize> {
    if n == 0 {
        return None;
    }
    match key {
        "ArrowDown" => Some((active + 1) % n),
        "ArrowUp" => Some((active + n - 1) % n),
        "Home" => Some(0),
        "End" => Some(n - 1),
        _ => None,
    }
}

/// The text box and its list. `id` names the parts: the text box is `id`, the list
/// `<id>-list`, the options `<id>-option-<i>`. The text box takes focus when it appears.
#[component]
pub fn Combobox(
    id: &'static str,
    /// The text box's accessible name.
    label: &'static str,
    #[prop(optional)] placeholder: &'static str,
    /// The list's accessible name.
    list_label: &'static str,
    /// What has been typed.
    query: RwSignal<String>,
    /// The options that match it, in order.
    #[prop(into)]
    options: Signal<Vec<ComboOption>>,
    /// What the status line says ("3 places.").
    #[prop(into)]
    status: Signal<String>,
    /// Called with the index of the option picked.
    on_pick: Callback<usize>,
) -> impl IntoView {
    let active = RwSignal::new(0usize);
    let input = NodeRef::<html::Input>::new();
    Effect::new(move |_| {
        if let Some(el) = input.get() {
            let _ = el.focus();
        }
    });
    let list_id = format!("{id}-list");
    let option_id = move |i: usize| format!("{id}-option-{i}");
    // The active option stays in sight as it moves through a long list.
    Effect::new(move |_| {
        let i = active.get();
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&option_id(i)))
        {
            el.scroll_into_view_with_bool(false);
        }
    });
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let key = ev.key();
        let n = options.with_untracked(Vec::len);
        if let Some(to) = moved(&key, active.get_untracked(), n) {
            active.set(to);
        } else if key == "Enter" {
            if n > 0 {
                on_pick.run(active.get_untracked().min(n - 1));
            }
        } else {
            return;
        }
        ev.prevent_default();
    };
    view! {
        <input
            node_ref=input
            id=id
            class="input combobox__input"
            type="text"
            role="combobox"
            aria-label=label
            aria-expanded="true"
            aria-controls=list_id.clone()
            aria-autocomplete="list"
            aria-activedescendant=move || (!options.with(Vec::is_empty)).then(|| option_id(active.get()))
            autocomplete="off"
            spellcheck="false"
            placeholder=placeholder
            prop:value=move || query.get()
            on:input=move |ev| {
                query.set(event_target_value(&ev));
                active.set(0);
            }
            on:keydown=on_keydown
        />
        <ul id=list_id class="combobox__list" role="listbox" aria-label=list_label>
            {move || options.get().into_iter().enumerate().map(|(i, o)| {
                let selected = move || active.get() == i;
                view! {
                    <li
                        id=option_id(i)
                        role="option"
                        class="combobox__option"
                        aria-selected=move || selected().to_string()
                        on:mousemove=move |_| if !selected() { active.set(i) }
                        on:mousedown=|ev| ev.prevent_default()
                        on:click=move |_| on_pick.run(i)
                    >
                        <span>{o.label}</span>
                        <span class="muted combobox__note">{o.note}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
        <p class="muted combobox__status" role="status">{move || status.get()}</p>
    }
}

#[cfg(test)]
mod tests {
    use super::moved;

    #[test]
    fn keys_move_the_active_option_around_the_list() {
        assert_eq!(moved("ArrowDown", 0, 3), Some(1));
        assert_eq!(moved("ArrowDown", 2, 3), Some(0));
        assert_eq!(moved("ArrowUp", 0, 3), Some(2));
        assert_eq!(moved("Home", 2, 3), Some(0));
        assert_eq!(moved("End", 0, 3), Some(2));
        assert_eq!(moved("ArrowDown", 0, 0), None);
        assert_eq!(moved("a", 0, 3), None);
    }
}
