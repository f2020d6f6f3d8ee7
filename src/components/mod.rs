//! Shared UI pieces used by more than one page.

pub mod card;
pub mod chart;
pub mod confirm;
pub mod copy;
pub mod empty;
pub mod error_view;
pub mod facts;
pub mod field;
pub mod lazy_hosts;
pub mod list;
pub mod loaded;
pub mod menu;
pub mod modal;
pub mod nav;
pub mod page_header;
pub mod palette;
pub mod poll;
pub mod shell;
pub mod show_once;
pub mod table;
pub mod terms_gate;
pub mod title;
pub mod toast;

pub use confirm::{ConfirmDialog, ConfirmHost, ConfirmRequest, use_confirm};
pub use empty::Empty;
pub use error_view::ErrorView;
pub use facts::{Fact, Facts};
pub use field::Field;
pub use loaded::{Loaded, LoadedTile};
pub use menu::{ActionMenu, MenuItem};
pub use nav::{Breadcrumbs, Crumb, Tab, Tabs};
pub use page_header::PageHeader;
pub use shell::Shell;
pub use table::DataTable;
pub use title::Title;
pub use toast::{Toaster, use_toaster};
