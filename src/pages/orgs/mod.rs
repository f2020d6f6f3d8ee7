//! Organization pages.

pub mod billing;
pub mod checkout;
pub mod create;
pub mod create_form;
pub mod data;
pub mod invitation_rows;
pub mod invitations;
pub mod invoices;
pub mod list;
pub mod member_rows;
pub mod members;
pub mod org_row;
pub mod overview;
pub mod plans;
pub mod provision;
pub mod topup;
