//! What a page or list shows when it has nothing yet: a message, an optional heading and an
//! optional call to action. Styles: `.empty` in `style/components.css`.

use leptos::prelude::*;

/// An empty state. `title` (an `<h2>`, or the page's `<h1>` with `page`) is for a whole page
/// or area with nothing in it; a list with no rows needs only the message. The children, if
/// any, are the call to action.
#[component]
pub fn Empty(
    /// One sentence: what is missing, or what would appear here.
    #[prop(into)]
    message: String,
    /// A heading above the message.
    #[prop(optional)]
    title: Option<&'static str>,
    /// The heading is the page's own (`<h1>`): the empty state is the whole page.
    #[prop(optional)]
    page: bool,
    /// The call to action (a link or button).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let heading = title.map(|t| match page {
        true => view! { <h1 class="empty__title">{t}</h1> }.into_any(),
        false => view! { <h2 class="empty__title">{t}</h2> }.into_any(),
    });
    let class = if heading.is_some() {
        "empty"
    } else {
        "empty empty--compact"
    };
    view! {
        <div class=class>
            {heading}
            <p class="empty__message">{message}</p>
            {children.map(|c| c())}
        </div>
    }
}
