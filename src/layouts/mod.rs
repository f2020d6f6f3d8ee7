//! Area layouts: each is the parent route of an area's pages. It loads what the area shares
//! once, draws the area's navigation, gives its pages a `Copy` context, and renders the current
//! page in its `<Outlet/>`. Layouts are in the main module (they are small); the pages below
//! them are lazy chunks.

pub mod operator;
pub mod org;
pub mod tenant;
