//! Area layouts: each is the parent route of an area's pages. It loads what the area shares
//! once, draws the area's navigation, gives its pages a `Copy` context, and renders the current
//! page in its `<Outlet/>`. Each layout is in its area's lazy wasm split, with the area's pages
//! (`pages::lazy_page!`), so the main module (the organizations list's first load) carries
//! neither, and moving between an area's pages fetches no code.

pub mod operator;
pub mod org;
pub mod org_choice;
pub mod org_popup;
pub mod org_switcher;
pub mod tenant;
pub mod workspace;
