//! The route table as data, and the pure logic around addresses: matching a path against the
//! table, reading a query string, and whether a link is the current page. No browser calls,
//! so it is unit-tested natively.

use crate::pages::Page;
use leptos::prelude::AnyView;

/// What a route draws: a page in the main module, or a page of a lazily loaded area.
#[derive(Clone, Copy)]
pub enum RouteView {
    /// Drawn at once (the organizations list, sign-in).
    Eager(fn() -> AnyView),
    /// Drawn once its area's code has arrived.
    Lazy(Page),
}

/// One route: `path` is relative to its parent (`"orgs/:slug"`, `""` for the parent's own
/// address); a route with `children` is a layout whose `Outlet` draws the matching child.
pub struct Route {
    pub path: &'static str,
    pub view: RouteView,
    pub children: &'static [Route],
}

/// Key-value pairs, in order: a route's parameters or a query string's fields.
#[derive(Clone, Default, PartialEq, Eq, Debug)]
pub struct ParamsMap(Vec<(String, String)>);

impl ParamsMap {
    /// The value of `key` (the last, when it is repeated).
    pub fn get(&self, key: &str) -> Option<String> {
        self.get_str(key).map(str::to_string)
    }

    /// The value of `key`, borrowed (the last, when it is repeated).
    pub fn get_str(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Every pair, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    fn push(&mut self, key: &str, value: String) {
        self.0.push((key.to_string(), value));
    }
}

impl<'a> IntoIterator for &'a ParamsMap {
    type Item = (&'a str, &'a str);
    type IntoIter = Box<dyn Iterator<Item = (&'a str, &'a str)> + 'a>;
    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

/// The routes a path goes through, outermost first, and the parameters it fills.
#[derive(Clone)]
pub struct Match {
    pub routes: Vec<&'static Route>,
    pub params: ParamsMap,
}

impl PartialEq for Match {
    fn eq(&self, other: &Self) -> bool {
        self.params == other.params
            && self.routes.len() == other.routes.len()
            && self
                .routes
                .iter()
                .zip(&other.routes)
                .all(|(a, b)| std::ptr::eq(*a, *b))
    }
}

/// The routes of `table` that `path` matches (`None`: no page has this address). Empty
/// segments are ignored, so a trailing slash changes nothing; parameter values are decoded.
pub fn match_path(table: &'static [Route], path: &str) -> Option<Match> {
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let mut m = Match {
        routes: Vec::new(),
        params: ParamsMap::default(),
    };
    walk(table, &segs, &mut m).then_some(m)
}

fn walk(routes: &'static [Route], segs: &[&str], m: &mut Match) -> bool {
    for route in routes {
        let own: Vec<&str> = route.path.split('/').filter(|s| !s.is_empty()).collect();
        if own.len() > segs.len() {
            continue;
        }
        let (here, rest) = segs.split_at(own.len());
        let mut params = Vec::new();
        let fits = own
            .iter()
            .zip(here)
            .all(|(pat, seg)| match pat.strip_prefix(':') {
                Some(name) => {
                    params.push((name, decode(seg, false)));
                    true
                }
                None => pat == seg,
            });
        if !fits {
            continue;
        }
        let (len, plen) = (m.routes.len(), m.params.0.len());
        m.routes.push(route);
        for (k, v) in params {
            m.params.push(k, v);
        }
        if route.children.is_empty() && rest.is_empty()
            || !route.children.is_empty() && walk(route.children, rest, m)
        {
            return true;
        }
        m.routes.truncate(len);
        m.params.0.truncate(plen);
    }
    false
}

/// The fields of a query string (`q=web%20a&page=2`, with or without its `?`), decoded.
pub fn parse_query(search: &str) -> ParamsMap {
    let mut map = ParamsMap::default();
    for pair in search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
    {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        map.0.push((decode(k, true), decode(v, true)));
    }
    map
}

/// Percent-decodes `s` (and `+` as a space in a query); malformed escapes stay as written.
fn decode(s: &str, plus: bool) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match b[i] {
            b'%' => {
                match (
                    b.get(i + 1).and_then(|c| hex(*c)),
                    b.get(i + 2).and_then(|c| hex(*c)),
                ) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 3;
                        continue;
                    }
                    _ => out.push(b'%'),
                }
            }
            b'+' if plus => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Whether a link to `href` marks the page at `path` as current: the same path when `exact`,
/// else `path` is `href` or lies under it (`/console/workspaces/w1` under
/// `/console/workspaces`; `/` only for itself). `href`'s query and fragment are ignored.
pub fn is_current(href: &str, path: &str, exact: bool) -> bool {
    let href = href.split(['?', '#']).next().unwrap_or_default();
    let trim = |p: &str| p.trim_end_matches('/').to_string();
    let (href, path) = (trim(href), trim(path));
    if exact || href.is_empty() {
        return href == path;
    }
    path == href
        || path
            .strip_prefix(&href)
            .is_some_and(|rest| rest.starts_with('/'))
}
