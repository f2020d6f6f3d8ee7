//! Organization pages.

pub mod billing;
pub mod checkout;
pub mod create;
pub mod list;
pub mod members;
pub mod overview;
