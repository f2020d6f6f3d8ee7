//! Area layouts: each is the parent route of an area's pages. It loads what the area shares
//! once, draws the area's navigation, gives its pages a `Copy` context, and renders the current
//! page in its `<Outlet/>`. The org and tenant layouts are in the main module (small, and needed
//! at once); the operator layout is a lazy chunk like every page below a layout (the router
//! fetches a layout's chunk and its page's chunk together).

pub mod operator;
pub mod org;
pub mod tenant;
