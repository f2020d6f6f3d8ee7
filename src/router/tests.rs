//! The route table's pure logic: matching, query strings, current links.

use super::table::*;
use crate::pages::Page;
use leptos::prelude::AnyView;
use leptos::prelude::IntoAny;

fn nothing() -> AnyView {
    ().into_any()
}
const fn leaf(path: &'static str, page: Page) -> Route {
    Route {
        path,
        view: RouteView::Lazy(page),
        children: &[],
    }
}
static TABLE: &[Route] = &[
    Route {
        path: "",
        view: RouteView::Eager(nothing),
        children: &[],
    },
    leaf("orgs/new", Page::OrgCreate),
    Route {
        path: "orgs/:slug",
        view: RouteView::Lazy(Page::OrgLayout),
        children: &[leaf("", Page::Org), leaf("members", Page::Members)],
    },
    Route {
        path: "console",
        view: RouteView::Lazy(Page::TenantLayout),
        children: &[
            leaf("workspaces", Page::Workspaces),
            Route {
                path: "workspaces/:id",
                view: RouteView::Lazy(Page::WorkspaceLayout),
                children: &[
                    leaf("", Page::Workspace),
                    leaf("budget", Page::WorkspaceBudget),
                ],
            },
        ],
    },
];

/// The pages a path draws, outermost first (`None`: a main-module page), and its
/// parameters.
type Drawn = (Vec<Option<Page>>, Vec<(String, String)>);
fn pages(path: &str) -> Option<Drawn> {
    let m = match_path(TABLE, path)?;
    let pages = m
        .routes
        .iter()
        .map(|r| match r.view {
            RouteView::Lazy(p) => Some(p),
            RouteView::Eager(_) => None,
        })
        .collect();
    Some((
        pages,
        m.params.iter().map(|(k, v)| (k.into(), v.into())).collect(),
    ))
}

#[test]
fn a_path_goes_through_its_layouts_to_its_page() {
    assert_eq!(pages("/"), Some((vec![None], vec![])));
    assert_eq!(pages(""), Some((vec![None], vec![])));
    let acme = vec![("slug".to_string(), "acme".to_string())];
    assert_eq!(
        pages("/orgs/acme"),
        Some((vec![Some(Page::OrgLayout), Some(Page::Org)], acme.clone()))
    );
    assert_eq!(
        pages("/orgs/acme/members/"),
        Some((vec![Some(Page::OrgLayout), Some(Page::Members)], acme))
    );
    // A static route wins over a parameter when it comes first.
    assert_eq!(
        pages("/orgs/new"),
        Some((vec![Some(Page::OrgCreate)], vec![]))
    );
    let (p, params) = pages("/console/workspaces/w%201/budget").unwrap();
    assert_eq!(
        p,
        vec![
            Some(Page::TenantLayout),
            Some(Page::WorkspaceLayout),
            Some(Page::WorkspaceBudget)
        ]
    );
    assert_eq!(params, vec![("id".to_string(), "w 1".to_string())]);
    assert_eq!(
        pages("/console/workspaces").unwrap().0,
        vec![Some(Page::TenantLayout), Some(Page::Workspaces)]
    );
}

#[test]
fn an_address_without_a_page_matches_nothing() {
    for path in [
        "/nope",
        "/orgs",
        "/orgs/acme/nope",
        "/orgs/acme/members/x",
        "/console",
        "/console/workspaces/w1/x",
    ] {
        assert!(match_path(TABLE, path).is_none(), "{path}");
    }
}

#[test]
fn matches_compare_by_route_and_parameters() {
    let a = match_path(TABLE, "/orgs/acme").unwrap();
    assert!(a == match_path(TABLE, "/orgs/acme/").unwrap());
    assert!(a != match_path(TABLE, "/orgs/beta").unwrap());
    assert!(a != match_path(TABLE, "/orgs/acme/members").unwrap());
}

#[test]
fn a_query_string_is_decoded_in_order() {
    let q = parse_query("?q=web+a%20b&status=online&empty=&flag&q=second&bad=%zz%4");
    let pairs: Vec<_> = q.iter().collect();
    assert_eq!(
        pairs,
        vec![
            ("q", "web a b"),
            ("status", "online"),
            ("empty", ""),
            ("flag", ""),
            ("q", "second"),
            ("bad", "%zz%4")
        ]
    );
    assert_eq!(
        q.get("q").as_deref(),
        Some("second"),
        "the last value counts, as before"
    );
    assert_eq!(q.get("missing"), None);
    assert_eq!(parse_query("").iter().count(), 0);
    assert_eq!(
        parse_query("name=%C3%A9t%C3%A9").get_str("name"),
        Some("été")
    );
}

#[test]
fn a_link_is_current_for_its_page_and_the_pages_under_it() {
    assert!(is_current("/", "/", false));
    assert!(
        !is_current("/", "/orgs/acme", false),
        "the list is not current under an org"
    );
    assert!(is_current(
        "/console/workspaces",
        "/console/workspaces/w1/budget",
        false
    ));
    assert!(!is_current(
        "/console/workspaces",
        "/console/workspaces-old",
        false
    ));
    assert!(!is_current("/console", "/console/workspaces", true));
    assert!(is_current("/console", "/console/", true));
    assert!(is_current(
        "/orgs/acme/members?inv_q=x",
        "/orgs/acme/members",
        true
    ));
    assert!(!is_current("/orgs/acme", "/orgs/acme/members", true));
}
