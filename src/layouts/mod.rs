//! Area layouts: each is the parent route of an area's pages. It loads what the area shares
//! once, draws the area's navigation, gives its pages a `Copy` context, and renders the current
//! page in its `<Outlet/>`. Each layout is a lazy chunk, like every page below it: the router
//! fetches a layout's chunk and its page's chunk together, so the main module (the organizations
//! list's first load) carries neither.

pub mod operator;
pub mod org;
pub mod tenant;
