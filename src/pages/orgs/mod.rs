//! Organization pages.

pub mod checkout;
pub mod create;
pub mod list;
pub mod overview;
