//! Organization pages.

pub mod list;
