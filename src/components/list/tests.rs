use super::*;

#[derive(Clone, Debug, PartialEq)]
struct Row(&'static str, &'static str, u32);

impl Listed for Row {
    fn haystack(&self) -> String {
        self.0.into()
    }
    fn status_key(&self) -> Option<String> {
        Some(self.1.into())
    }
    fn compare(&self, other: &Self, key: &str) -> Ordering {
        match key {
            "tasks" => self.2.cmp(&other.2),
            _ => self.0.cmp(other.0),
        }
    }
}

fn state(query: &[(&str, &str)]) -> ListState {
    ListState::parse(|k| {
        query
            .iter()
            .find(|(key, _)| *key == k)
            .map(|(_, v)| v.to_string())
    })
}

#[test]
fn the_url_round_trips() {
    let s = state(&[
        ("q", "web a"),
        ("status", "online"),
        ("sort", "-tasks"),
        ("page", "3"),
    ]);
    assert_eq!(s.sort, Some(("tasks".into(), false)));
    assert_eq!(s.query(), "q=web%20a&status=online&sort=-tasks&page=3");
    assert_eq!(state(&[]).query(), "");
    assert_eq!(state(&[("page", "0")]).page, 1);
    assert_eq!(state(&[("page", "x")]).page, 1);
}

#[test]
fn search_filter_sort_and_pages() {
    let rows = vec![
        Row("Web", "online", 3),
        Row("api", "paused", 1),
        Row("Webhook", "online", 7),
    ];
    let (hits, total) = apply(&rows, &state(&[("q", "WEB"), ("sort", "-tasks")]));
    assert_eq!((hits, total), (vec![rows[2].clone(), rows[0].clone()], 2));
    let (hits, _) = apply(&rows, &state(&[("status", "paused")]));
    assert_eq!(hits, vec![rows[1].clone()]);
    let many: Vec<Row> = (0..120).map(|_| Row("w", "online", 0)).collect();
    assert_eq!(apply(&many, &state(&[])).0.len(), PAGE_SIZE);
    assert_eq!(apply(&many, &state(&[("page", "3")])).0.len(), 20);
    assert_eq!(apply(&many, &state(&[("page", "9")])), (vec![], 120));
}

#[test]
fn a_prefix_keeps_two_lists_apart() {
    let query = [("q", "web"), ("inv_q", "ann"), ("inv_sort", "-expires")];
    let get = |k: &str| {
        query
            .iter()
            .find(|(key, _)| *key == k)
            .map(|(_, v)| v.to_string())
    };
    let inv = ListState::parse_in("inv_", get);
    assert_eq!(inv.q, "ann");
    assert_eq!(inv.sort, Some(("expires".into(), false)));
    assert_eq!(ListState::parse(get).q, "web");
    assert_eq!(inv.query_in("inv_"), "inv_q=ann&inv_sort=-expires");
    assert!(ListState::owns("inv_", "inv_page"));
    assert!(!ListState::owns("inv_", "q"));
    assert!(!ListState::owns("inv_", "inv_other"));
    assert!(ListState::owns("", "sort"));
}

#[test]
fn prepared_rows_match_like_apply() {
    let rows = vec![Row("Web", "online", 3), Row("api", "paused", 1)];
    let prepared = Prepared::new(rows.clone());
    let s = state(&[("q", "wEb")]);
    assert_eq!(prepared.apply(&s), apply(&rows, &s));
    assert_eq!(prepared.apply(&s).0, vec![rows[0].clone()]);
    assert_eq!(prepared.len(), 2);
}
