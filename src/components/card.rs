//! Building blocks of dashboard-like pages: [`Card`] (a titled section that links to the page
//! with the whole story), [`StatTile`] (one number with its label and a line of context) and
//! [`DescriptionList`] (label/value pairs). Styles in `style/overview.css`.

use leptos::prelude::*;

/// A titled section of a dashboard. `href` is the page it summarises. With `link_text`, a
/// link of its own in the header says where it goes (so it makes sense out of context);
/// without it, the title itself is the link. Cards sit in a `.card-grid`.
#[component]
pub fn Card(
    title: &'static str,
    /// The id of the heading (the section is labelled by it), unique on the page.
    #[prop(into)]
    id: String,
    #[prop(into)] href: String,
    #[prop(optional)] link_text: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let header = match link_text {
        Some(text) => view! {
            <h2 class="card__title" id=id.clone()>{title}</h2>
            <a class="card__link" href=href>{text}</a>
        }
        .into_any(),
        None => {
            view! { <h2 class="card__title" id=id.clone()><a href=href>{title}</a></h2> }.into_any()
        }
    };
    view! {
        <section class="card" aria-labelledby=id>
            <header class="card__header">{header}</header>
            <div class="card__body">{children()}</div>
        </section>
    }
}

/// One figure: its label, the number (already formatted) and an optional line of context.
#[component]
pub fn StatTile(
    label: &'static str,
    #[prop(into)] value: String,
    #[prop(optional, into)] detail: Option<String>,
) -> impl IntoView {
    view! {
        <div class="stat">
            <span class="stat__label">{label}</span>
            <span class="stat__value">{value}</span>
            {detail.map(|d| view! { <span class="stat__detail">{d}</span> })}
        </div>
    }
}

/// Label/value pairs as a description list, named by `label` for assistive technology.
#[component]
pub fn DescriptionList(label: &'static str, items: Vec<(String, String)>) -> impl IntoView {
    let rows = items
        .into_iter()
        .map(|(k, v)| view! { <div class="dl__row"><dt>{k}</dt><dd>{v}</dd></div> })
        .collect_view();
    view! { <dl class="dl" aria-label=label>{rows}</dl> }
}
