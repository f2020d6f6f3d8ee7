//! Component tests in a real browser (wasm-bindgen-test in headless Chromium):
//! `cargo test -p molecule-console --target wasm32-unknown-unknown --test web`.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use molecule_console::components::{ConfirmDialog, ConfirmRequest};
use std::sync::{Arc, Mutex};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlButtonElement, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Lets effects and microtasks run.
async fn settle() {
    gloo_timers::future::TimeoutFuture::new(20).await;
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn container() -> HtmlElement {
    let el: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&el).unwrap();
    el
}

/// A button inside `root` by its visible name (the accessible name of these buttons).
fn button(root: &HtmlElement, name: &str) -> HtmlButtonElement {
    let list = root.query_selector_all("button").unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.unchecked_into::<HtmlButtonElement>())
        .find(|b| b.text_content().unwrap_or_default().trim() == name)
        .unwrap_or_else(|| panic!("no button named {name}"))
}

fn mount_dialog(type_to_confirm: Option<&str>) -> (HtmlElement, Arc<Mutex<Vec<bool>>>) {
    let root = container();
    let answers = Arc::new(Mutex::new(Vec::new()));
    let sink = answers.clone();
    let req = ConfirmRequest {
        title: "Delete organization".into(),
        body: "This removes everything.".into(),
        confirm_label: "Delete".into(),
        danger: true,
        type_to_confirm: type_to_confirm.map(str::to_string),
        on_confirm: Callback::new(|_| {}),
    };
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let sink = sink.clone();
        view! { <ConfirmDialog request=req.clone() on_close=Callback::new(move |ok| sink.lock().unwrap().push(ok)) /> }
    });
    handle.forget();
    (root, answers)
}

#[wasm_bindgen_test]
async fn focus_starts_on_cancel_so_enter_cancels() {
    let (root, answers) = mount_dialog(None);
    settle().await;
    let active = document().active_element().expect("something is focused");
    assert_eq!(active.text_content().unwrap_or_default().trim(), "Cancel");
    button(&root, "Cancel").click();
    assert_eq!(*answers.lock().unwrap(), vec![false]);
}

#[wasm_bindgen_test]
async fn typed_confirmation_enables_the_button_only_on_an_exact_match() {
    let (root, answers) = mount_dialog(Some("acme"));
    settle().await;
    let confirm = button(&root, "Delete");
    assert!(confirm.disabled(), "disabled before typing");
    let input: HtmlInputElement = root
        .query_selector("input")
        .unwrap()
        .unwrap()
        .unchecked_into();
    for (text, enabled) in [
        ("acm", false),
        ("Acme", false),
        ("acme ", false),
        ("acme", true),
    ] {
        input.set_value(text);
        input
            .dispatch_event(&web_sys::Event::new("input").unwrap())
            .unwrap();
        settle().await;
        assert_eq!(!confirm.disabled(), enabled, "after typing {text:?}");
    }
    confirm.click();
    assert_eq!(*answers.lock().unwrap(), vec![true]);
}

#[wasm_bindgen_test]
async fn escape_cancels() {
    let (root, answers) = mount_dialog(None);
    settle().await;
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    button(&root, "Delete").dispatch_event(&ev).unwrap();
    assert_eq!(*answers.lock().unwrap(), vec![false]);
}

#[wasm_bindgen_test]
async fn polling_runs_while_the_interval_says_so_and_then_stops() {
    let root = container();
    let tick = RwSignal::new(0u32);
    let handle = leptos::mount::mount_to(root, move || {
        molecule_console::components::poll::use_poll(tick, move || (tick.get() < 3).then_some(10));
    });
    gloo_timers::future::TimeoutFuture::new(250).await;
    assert_eq!(tick.get_untracked(), 3, "three polls, then none");
    drop(handle);
}

#[wasm_bindgen_test]
async fn polling_stops_when_the_component_unmounts() {
    let root = container();
    let tick = RwSignal::new(0u32);
    let handle = leptos::mount::mount_to(root, move || {
        molecule_console::components::poll::use_poll(tick, move || {
            tick.track();
            Some(10)
        });
    });
    gloo_timers::future::TimeoutFuture::new(60).await;
    drop(handle);
    let at_unmount = tick.get_untracked();
    assert!(at_unmount >= 2, "it was polling ({at_unmount})");
    gloo_timers::future::TimeoutFuture::new(100).await;
    assert_eq!(tick.get_untracked(), at_unmount, "no polls after unmount");
}

#[wasm_bindgen_test]
async fn failed_reads_show_a_human_message_never_the_server_text() {
    use molecule_console::components::ErrorView;
    use molecule_sdk::{ApiError, HttpResponse};
    let root = container();
    let err = ApiError::from_response(&HttpResponse {
        status: 409,
        headers: vec![],
        body: r#"{"error":"pq: duplicate key value violates unique constraint \"orgs_slug\"","code":"SLUG_TAKEN"}"#.into(),
    });
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let err = err.clone();
        view! {
            <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                {move || Err::<(), ApiError>(err.clone())}
            </ErrorBoundary>
        }
    });
    settle().await;
    let text = root.text_content().unwrap_or_default();
    assert!(text.contains("That slug is already taken"), "{text}");
    assert!(!text.contains("pq:"), "{text}");
    assert!(root.query_selector("[role=alert]").unwrap().is_some());
    drop(handle);
}

#[wasm_bindgen_test]
async fn requests_are_aborted_when_their_owner_is_cleaned_up() {
    // What a page's resource runs under: when the page unmounts, its owner is disposed.
    let owner = Owner::new();
    let controller = web_sys::AbortController::new().unwrap();
    owner.with(|| molecule_console::api::abort_on_cleanup(&controller));
    assert!(
        !controller.signal().aborted(),
        "still running while mounted"
    );
    drop(owner);
    assert!(
        controller.signal().aborted(),
        "aborted once the owner is gone"
    );
}

#[wasm_bindgen_test]
async fn the_page_behind_an_open_dialog_is_inert_and_focus_returns_to_the_opener() {
    use molecule_console::components::{ConfirmHost, use_confirm};

    #[component]
    fn Opener() -> impl IntoView {
        let confirm = use_confirm();
        view! {
            <main id="main">
                <button on:click=move |_| confirm.ask(ConfirmRequest {
                    title: "Revoke key?".into(),
                    body: "It stops working.".into(),
                    confirm_label: "Revoke".into(),
                    danger: true,
                    type_to_confirm: None,
                    on_confirm: Callback::new(|_| {}),
                })>"Open dialog"</button>
            </main>
        }
    }

    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), || view! { <ConfirmHost/> <Opener/> });
    settle().await;
    let main = root.query_selector("#main").unwrap().unwrap();
    let opener = button(&root, "Open dialog");
    opener.focus().unwrap();
    opener.click();
    settle().await;
    assert!(
        main.has_attribute("inert"),
        "page inert while the dialog is open"
    );
    button(&root, "Cancel").click();
    settle().await;
    assert!(!main.has_attribute("inert"), "page usable again");
    let active = document().active_element().unwrap();
    assert_eq!(
        active.text_content().unwrap_or_default(),
        "Open dialog",
        "focus back on the opener"
    );
    drop(handle);
}

#[wasm_bindgen_test]
async fn an_org_with_a_status_the_console_does_not_know_keeps_the_list_and_shows_the_raw_value() {
    use molecule_console::pages::orgs::list::OrgTable;
    use molecule_console::router::Router;
    // Real-platform shapes: a status outside the contract's list and an empty plan.
    let list: molecule_sdk::types::OrgList = serde_json::from_str(
        r#"{"orgs":[
          {"id":"2b0c7f8e-6a8f-4f5e-9d43-0f3c3f1c2a10","slug":"acme","name":"Acme","plan":"pro",
           "status":"running","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"},
          {"id":"9c1d2e3f-0000-4000-8000-000000000001","slug":"newco","name":"NewCo","plan":"",
           "status":"migrating","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}]}"#,
    )
    .expect("the list decodes");
    let orgs = list.into_vec();
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let orgs = orgs.clone();
        view! { <Router><OrgTable orgs/></Router> }
    });
    settle().await;
    let rows = root.query_selector_all("tbody tr").unwrap();
    assert_eq!(rows.length(), 2, "both orgs are listed");
    let badges = root.query_selector_all(".badge").unwrap();
    let texts: Vec<String> = (0..badges.length())
        .filter_map(|i| badges.item(i))
        .map(|b| b.text_content().unwrap_or_default())
        .collect();
    assert_eq!(texts, ["Running", "migrating"]);
    let unknown: HtmlElement = badges.item(1).unwrap().unchecked_into();
    assert!(
        unknown.class_name().contains("badge--muted"),
        "neutral badge"
    );
    drop(handle);
}

#[wasm_bindgen_test]
async fn a_failed_section_says_so_in_place_and_try_again_loads_it() {
    use molecule_console::components::Loaded;
    use molecule_sdk::{ApiError, TransportError};
    use std::cell::Cell;
    use std::rc::Rc;
    let root = container();
    let attempts = Rc::new(Cell::new(0));
    let counter = attempts.clone();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let counter = counter.clone();
        // Fails the first time (the network is down), works the second.
        let res = molecule_console::reactive::resource(move || {
            let n = counter.get() + 1;
            counter.set(n);
            async move {
                if n == 1 {
                    Err(ApiError::from_transport(TransportError::Network(
                        "down".into(),
                    )))
                } else {
                    Ok(vec!["alpha".to_string(), "beta".to_string()])
                }
            }
        });
        view! {
            <p id="outside">"The rest of the page"</p>
            <Loaded res what="Members" let:names>
                <ul id="names">{names.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
            </Loaded>
        }
    });
    settle().await;
    settle().await;
    let text = root.text_content().unwrap_or_default();
    assert!(text.contains("Members could not be loaded"), "{text}");
    assert!(
        text.contains("The rest of the page"),
        "only the section fails"
    );
    assert!(root.query_selector("[role=alert]").unwrap().is_some());
    button(&root, "Try again").click();
    settle().await;
    settle().await;
    let text = root.text_content().unwrap_or_default();
    assert_eq!(attempts.get(), 2);
    assert!(text.contains("alpha") && text.contains("beta"), "{text}");
    assert!(
        !text.contains("could not be loaded"),
        "the error box goes: {text}"
    );
    drop(handle);
}

#[wasm_bindgen_test]
async fn a_bar_chart_draws_each_bar_to_scale_with_its_limit_and_a_text_alternative() {
    use molecule_console::components::chart::{Bar, BarChart};
    fn usd(c: i64) -> String {
        molecule_console::format::money(c, "usd")
    }
    let root = container();
    let bars = vec![
        Bar {
            label: "Lead".into(),
            value: 4_200,
            limit: Some(10_000),
        },
        Bar {
            label: "Scraper".into(),
            value: 1_800,
            limit: Some(1_500),
        },
        Bar {
            label: "Triage".into(),
            value: 2_500,
            limit: None,
        },
    ];
    leptos::mount::mount_to(root.clone(), move || {
        view! { <BarChart title="Monthly spend".to_string() bars=bars.clone() fmt=usd limit_name="Budget"/> }
    })
    .forget();
    settle().await;
    let img = root
        .query_selector("[role=img]")
        .unwrap()
        .expect("the chart is an image");
    assert_eq!(
        img.get_attribute("aria-label").unwrap(),
        "Monthly spend: Lead, $42.00 of $100.00; Scraper, $18.00 of $15.00, over; Triage, $25.00 (no limit)."
    );
    // Axis: 10,000 cents, so the bars end at 420, 180 and 250 thousandths; markers at limits.
    let widths: Vec<String> = (0..3)
        .map(|i| {
            let rects = root.query_selector_all(".chart__bar").unwrap();
            rects
                .item(i)
                .unwrap()
                .unchecked_into::<web_sys::Element>()
                .get_attribute("width")
                .unwrap()
        })
        .collect();
    assert_eq!(widths, ["420", "180", "250"]);
    let markers = root.query_selector_all(".chart__marker").unwrap();
    assert_eq!(markers.length(), 2, "no marker without a limit");
    let x = markers
        .item(1)
        .unwrap()
        .unchecked_into::<web_sys::Element>()
        .get_attribute("x1")
        .unwrap();
    assert_eq!(x, "150");
    assert!(root.query_selector(".chart__bar--over").unwrap().is_some());
    // The same numbers as a table for screen readers.
    let cells = root.query_selector_all("table td").unwrap();
    assert_eq!(cells.length(), 6);
    assert_eq!(cells.item(3).unwrap().text_content().unwrap(), "$15.00");
    assert_eq!(cells.item(5).unwrap().text_content().unwrap(), "none");
}

#[wasm_bindgen_test]
async fn a_line_chart_draws_its_path_and_reference_level() {
    use molecule_console::components::chart::{LineChart, Point};
    fn usd(c: i64) -> String {
        molecule_console::format::money(c, "usd")
    }
    let root = container();
    let points: Vec<Point> = [100, 400, 250]
        .iter()
        .enumerate()
        .map(|(i, v)| Point {
            label: format!("2026-11-0{}", i + 1),
            value: *v,
        })
        .collect();
    leptos::mount::mount_to(root.clone(), move || {
        view! { <LineChart title="Daily spend".to_string() points=points.clone() fmt=usd reference=500 reference_name="Budget"/> }
    })
    .forget();
    settle().await;
    // Axis top 500 in a 1000 x 200 box: y = 200 - value * 2 / 5.
    let d = root
        .query_selector(".chart__line")
        .unwrap()
        .unwrap()
        .get_attribute("d")
        .unwrap();
    assert_eq!(d, "M0 160L500 40L1000 100");
    let level = root
        .query_selector(".chart__marker--level")
        .unwrap()
        .unwrap();
    assert_eq!(level.get_attribute("y1").unwrap(), "0");
    let label = root
        .query_selector("[role=img]")
        .unwrap()
        .unwrap()
        .get_attribute("aria-label")
        .unwrap();
    assert!(
        label.starts_with("Daily spend, 3 points from 2026-11-01 to 2026-11-03"),
        "{label}"
    );
    assert!(root.text_content().unwrap().contains("Budget: $5.00"));
    // The title is shown above the plot, not only said to screen readers.
    let title = root.query_selector(".chart__title").unwrap().unwrap();
    assert_eq!(title.text_content().unwrap(), "Daily spend");
}

#[wasm_bindgen_test]
async fn a_failed_tile_says_so_in_place_and_try_again_loads_it() {
    use molecule_console::components::LoadedTile;
    use molecule_sdk::{ApiError, TransportError};
    use std::cell::Cell;
    use std::rc::Rc;
    let root = container();
    let attempts = Rc::new(Cell::new(0));
    let counter = attempts.clone();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let counter = counter.clone();
        // Fails the first time (after a while, like a retried request), works the second.
        let res = molecule_console::reactive::resource(move || {
            let n = counter.get() + 1;
            counter.set(n);
            async move {
                gloo_timers::future::TimeoutFuture::new(50).await;
                if n == 1 {
                    Err(ApiError::from_transport(TransportError::Network(
                        "down".into(),
                    )))
                } else {
                    Ok(3_i64)
                }
            }
        });
        view! {
            <p>"Another tile"</p>
            <LoadedTile res what="Approvals" let:n>
                <p id="count">{n}</p>
            </LoadedTile>
        }
    });
    settle().await;
    assert!(
        root.query_selector("[role=status]").unwrap().is_some(),
        "a skeleton while loading"
    );
    gloo_timers::future::TimeoutFuture::new(100).await;
    let text = root.text_content().unwrap_or_default();
    assert!(text.contains("Approvals could not be loaded"), "{text}");
    assert!(text.contains("Another tile"));
    button(&root, "Try again").click();
    gloo_timers::future::TimeoutFuture::new(150).await;
    assert_eq!(attempts.get(), 2);
    let text = root.text_content().unwrap_or_default();
    assert!(!text.contains("could not be loaded"), "{text}");
    assert_eq!(
        root.query_selector("#count")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "3"
    );
    drop(handle);
}

#[wasm_bindgen_test]
async fn a_page_header_shows_its_heading_actions_and_sets_the_document_title() {
    use molecule_console::components::PageHeader;
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), || {
        view! {
            <PageHeader title="Widgets" context="Every widget in this org.">
                <button type="button" class="btn">"New widget"</button>
            </PageHeader>
        }
    });
    settle().await;
    let h1 = root.query_selector("h1").unwrap().expect("an h1");
    assert_eq!(h1.text_content().unwrap_or_default(), "Widgets");
    let context = root
        .query_selector(".page-header__context")
        .unwrap()
        .expect("the context line");
    assert_eq!(
        context.text_content().unwrap_or_default(),
        "Every widget in this org."
    );
    button(&root, "New widget");
    assert_eq!(document().title(), "Widgets · Molecule Console");
    drop(handle);
}

#[wasm_bindgen_test]
async fn breadcrumbs_mark_only_the_last_step_current_and_empty_states_keep_their_message() {
    use molecule_console::components::{Breadcrumbs, Crumb, Empty};
    use molecule_console::router::Router;
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), || {
        view! {
            <Router>
                <Breadcrumbs>
                    <Crumb href="/orgs">"Organizations"</Crumb>
                    <Crumb>"New"</Crumb>
                </Breadcrumbs>
                <Empty message="No widgets yet."/>
            </Router>
        }
    });
    settle().await;
    let nav = root
        .query_selector("nav[aria-label=Breadcrumb]")
        .unwrap()
        .expect("a named nav");
    let current = nav.query_selector_all("[aria-current]").unwrap();
    assert_eq!(current.length(), 1, "one current step");
    assert_eq!(
        current.item(0).unwrap().text_content().unwrap_or_default(),
        "New"
    );
    let link = nav
        .query_selector("li a")
        .unwrap()
        .expect("a link to the earlier step");
    assert_eq!(link.get_attribute("href").as_deref(), Some("/orgs"));
    let empty = root
        .query_selector(".empty")
        .unwrap()
        .expect("the empty state");
    assert_eq!(empty.text_content().unwrap_or_default(), "No widgets yet.");
    drop(handle);
}

/// Sends a keydown of `key` to `el` (bubbling, as a real key press does).
fn press(el: &web_sys::Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    el.dispatch_event(&ev).unwrap();
}

fn focused_text() -> String {
    document()
        .active_element()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

/// An action menu of Restart, Pause (unavailable, with a reason) and Delete; the acts run so far.
/// Also what the menu said of its opening and closing (`on_toggle`).
type Toggles = Arc<Mutex<Vec<bool>>>;

fn mount_menu() -> (HtmlElement, Arc<Mutex<Vec<&'static str>>>, Toggles) {
    use molecule_console::components::{ActionMenu, MenuItem};
    let root = container();
    let ran = Arc::new(Mutex::new(Vec::new()));
    let toggles: Toggles = Arc::new(Mutex::new(Vec::new()));
    let toggles_out = toggles.clone();
    let (a, b, d) = (ran.clone(), ran.clone(), ran.clone());
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let (a, b, d) = (a.clone(), b.clone(), d.clone());
        let toggles = toggles.clone();
        let items = vec![
            MenuItem::new("Restart", move || a.lock().unwrap().push("restart")),
            MenuItem::new("Pause", move || b.lock().unwrap().push("pause"))
                .blocked(Signal::stored(Some("Viewers can look, not change."))),
            MenuItem::new("Delete", move || d.lock().unwrap().push("delete")).danger(),
        ];
        let seen = toggles.clone();
        let on_toggle = Callback::new(move |open: bool| seen.lock().unwrap().push(open));
        view! { <ActionMenu label="Actions for Nightly reports".to_string() items on_toggle/> }
    });
    handle.forget();
    (root, ran, toggles_out)
}

fn menu_of(root: &HtmlElement) -> (HtmlElement, HtmlElement) {
    let opener: HtmlElement = root
        .query_selector("[aria-haspopup=menu]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    let menu: HtmlElement = root
        .query_selector("[role=menu]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    (opener, menu)
}

fn is_open(menu: &HtmlElement) -> bool {
    menu.matches(":popover-open").unwrap()
}

#[wasm_bindgen_test]
async fn the_action_menu_opens_on_its_first_item_and_arrows_move_around_it() {
    let (root, ran, toggles) = mount_menu();
    let (opener, menu) = menu_of(&root);
    assert!(!is_open(&menu));
    assert_eq!(
        opener.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    opener.click();
    settle().await;
    assert!(is_open(&menu), "the button opens the menu");
    assert_eq!(
        opener.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert_eq!(focused_text(), "Restart");
    press(&menu, "ArrowDown");
    assert_eq!(
        focused_text(),
        "Pause",
        "an unavailable item can still be reached"
    );
    press(&menu, "End");
    assert_eq!(focused_text(), "Delete");
    press(&menu, "ArrowDown");
    assert_eq!(focused_text(), "Restart", "the arrows wrap around");
    press(&menu, "ArrowUp");
    assert_eq!(focused_text(), "Delete");
    press(&menu, "Home");
    assert_eq!(focused_text(), "Restart");
    // Escape closes it and puts focus back on the button; nothing ran.
    press(&menu, "Escape");
    settle().await;
    assert!(!is_open(&menu));
    assert_eq!(
        opener.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert_eq!(document().active_element(), Some(opener.clone().into()));
    assert!(ran.lock().unwrap().is_empty());
    assert_eq!(
        *toggles.lock().unwrap(),
        vec![true, false],
        "and that it closed"
    );
}

#[wasm_bindgen_test]
async fn an_unavailable_item_says_why_and_does_nothing_an_available_one_runs_and_closes() {
    let (root, ran, _) = mount_menu();
    let (opener, menu) = menu_of(&root);
    // Arrow Up on the button opens the menu on its last item.
    press(&opener, "ArrowUp");
    settle().await;
    assert!(is_open(&menu));
    assert_eq!(focused_text(), "Delete");
    let items = menu.query_selector_all("[role=menuitem]").unwrap();
    let pause: HtmlElement = items.item(1).unwrap().unchecked_into();
    assert_eq!(
        pause.get_attribute("aria-disabled").as_deref(),
        Some("true")
    );
    assert_eq!(
        pause.get_attribute("title").as_deref(),
        Some("Viewers can look, not change.")
    );
    pause.click();
    settle().await;
    assert!(is_open(&menu), "an unavailable item leaves the menu open");
    assert!(ran.lock().unwrap().is_empty());
    let delete: HtmlElement = items.item(2).unwrap().unchecked_into();
    assert!(delete.class_name().contains("menu__item--danger"));
    delete.click();
    settle().await;
    assert_eq!(*ran.lock().unwrap(), vec!["delete"]);
    assert!(!is_open(&menu), "choosing an item closes the menu");
    assert_eq!(document().active_element(), Some(opener.clone().into()));
}

#[wasm_bindgen_test]
async fn a_field_ties_its_label_to_the_control_and_shows_its_hint_and_error_by_id() {
    use molecule_console::components::Field;
    let root = container();
    let error = RwSignal::new(None::<String>);
    let hint = RwSignal::new("Lowercase letters.".to_string());
    let handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <Field id="w-slug" label="Slug" hint=hint error=error>
                <input id="w-slug" class="input" aria-describedby="w-slug-hint w-slug-error"/>
            </Field>
            <Field id="w-name" label="Name">
                <input id="w-name" class="input"/>
            </Field>
        }
    });
    settle().await;
    // The same markup the styles (`.field*`) and the end-to-end tests know.
    let rows = root.query_selector_all(":scope > div.field").unwrap();
    assert_eq!(rows.length(), 2);
    let label = root
        .query_selector("label.field__label[for=w-slug]")
        .unwrap()
        .expect("the label, for the control");
    assert_eq!(label.text_content().unwrap_or_default(), "Slug");
    let input: HtmlInputElement = label
        .parent_element()
        .unwrap()
        .query_selector("#w-slug")
        .unwrap()
        .expect("the control, beside its label")
        .unchecked_into();
    // Every id the control names exists, under it, in the same row.
    let row = input.parent_element().unwrap();
    let hint_line = row
        .query_selector("p.field__hint")
        .unwrap()
        .expect("a hint");
    assert_eq!(hint_line.id(), "w-slug-hint");
    assert_eq!(
        hint_line.text_content().unwrap_or_default(),
        "Lowercase letters."
    );
    let alert = row
        .query_selector("p.field__error")
        .unwrap()
        .expect("an error line");
    assert_eq!(alert.id(), "w-slug-error");
    assert_eq!(alert.get_attribute("role").as_deref(), Some("alert"));
    assert_eq!(
        alert.text_content().unwrap_or_default(),
        "",
        "empty while all is well"
    );
    assert!(
        alert.matches(":empty").unwrap(),
        "so `.field__error:empty` hides it"
    );
    error.set(Some("That slug is taken.".into()));
    settle().await;
    assert_eq!(
        alert.text_content().unwrap_or_default(),
        "That slug is taken."
    );
    assert!(!alert.matches(":empty").unwrap());
    error.set(None);
    hint.set("Your address: acme.example".into());
    settle().await;
    assert!(
        alert.matches(":empty").unwrap(),
        "hidden again once put right"
    );
    assert_eq!(
        hint_line.text_content().unwrap_or_default(),
        "Your address: acme.example"
    );
    // A row without a hint or an error has only its label and control.
    let plain = rows.item(1).unwrap().unchecked_into::<HtmlElement>();
    assert_eq!(plain.child_element_count(), 2);
    assert!(plain.query_selector("p").unwrap().is_none());
    drop(handle);
}
