//! Sign-in landing page: AuthKit is a full-page redirect, started from here (its links carry
//! `rel="external"` so the router lets the browser follow them).

use crate::components::{PageHeader, TopTrail, shell::SignOut};
use crate::router::{A, use_query_map};
use crate::{api, paths, session::use_session};
use leptos::prelude::*;

/// Explains sign-in and links to the hosted AuthKit page, returning to `?return_to=` or home.
/// Someone already signed in is told so, with the way on and a way to change account.
#[component]
pub fn SignInPage() -> impl IntoView {
    let query = use_query_map();
    let back = move || {
        query
            .with(|q| q.get("return_to"))
            .unwrap_or_else(|| format!("{}/", api::origin()))
    };
    let session = use_session();
    let sign_in = move || {
        view! {
            <PageHeader title="Sign in to Molecule" doc_title="Sign in · Molecule Console"/>
            <p>"You will be sent to the Molecule sign-in page and brought back here afterwards."</p>
            <a class="btn btn--primary" rel="external" href=move || api::sign_in_url(&back())>"Continue to sign in"</a>
            <p>"New to Molecule? " <a rel="external" href=move || api::sign_up_url(&back())>"Create an account"</a></p>
        }
    };
    view! {
        <section class="page page--narrow">
            <TopTrail here="Sign in"/>
            <Transition fallback=|| view! { <span class="skeleton skeleton--text" aria-hidden="true"></span> }>
                {move || Suspend::new(async move {
                    match session.0.await {
                        Ok(Some(me)) => {
                            let (href, label) = way_on(&back(), &api::origin());
                            view! {
                            <PageHeader title="You are signed in" doc_title="Signed in · Molecule Console"/>
                            <p>"Signed in as " <strong>{me.email.clone()}</strong> "."</p>
                            <A href=href attr:class="btn btn--primary">{label}</A>
                            <p>"Another account? " <SignOut label="Sign out first"/></p>
                            }.into_any()
                        }
                        _ => sign_in().into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// The way on for someone already signed in: back where the sign-in was asked for, when that
/// is a page of this console (a path, or this origin's URL), else the organizations list.
fn way_on(back: &str, origin: &str) -> (String, &'static str) {
    let within = back
        .strip_prefix(origin)
        .filter(|rest| rest.starts_with('/'))
        .or_else(|| (back.starts_with('/') && !back.starts_with("//")).then_some(back));
    match within {
        Some(path) if path != "/" && !path.starts_with(&paths::sign_in()) => {
            (path.to_owned(), "Continue where you were")
        }
        _ => (paths::orgs(), "Go to your organizations"),
    }
}

#[cfg(test)]
mod tests {
    use super::way_on;

    #[test]
    fn the_way_on_stays_in_this_console() {
        let o = "http://app.localhost:8080";
        let back = |b: &str| way_on(b, o).0;
        assert_eq!(back("http://app.localhost:8080/orgs/acme"), "/orgs/acme");
        assert_eq!(back("/orgs/acme/members?x=1"), "/orgs/acme/members?x=1");
        // Home, the sign-in page itself, other hosts and protocol-relative URLs: the list.
        for b in [
            "http://app.localhost:8080/",
            "/sign-in?return_to=/x",
            "http://acme.localhost:8080/console",
            "http://app.localhost:8080.evil.test/x",
            "//evil.test/x",
            "",
        ] {
            assert_eq!(
                way_on(b, o),
                ("/".into(), "Go to your organizations"),
                "{b}"
            );
        }
    }
}
