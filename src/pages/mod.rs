//! Route components, one per file, grouped by area.

pub mod not_found;
pub mod orgs;
pub mod sign_in;
pub mod tenant;
