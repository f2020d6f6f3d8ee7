//! The store: every row type and SQL statement of the control plane and the tenant hosts.
//! Handlers, `auth.rs` and the seed call these functions (the seed also inserts its fixture rows
//! directly); nothing here knows about routes.
//! Functions take a `&Connection` (a locked `Db` or a transaction), so callers decide what
//! runs in one transaction.

pub mod billing;
pub mod catalog;
pub mod instances;
pub mod invitations;
pub mod members;
pub mod orgs;
pub mod overviews;
pub mod provisioned;
pub mod secrets;
pub mod sessions;
pub mod settings;
pub mod templates;
pub mod tenant;
pub mod tokens;
pub mod usage;
pub mod users;
pub mod workspaces;
