//! The org an operator route names (404 for malformed or unknown slugs) and the
//! `confirm` check of destructive operations.

use crate::{
    error::{ApiError, ApiResult},
    state::AppState,
    store::orgs::{OrgRow, find_org, valid_slug},
};
use rusqlite::Connection;

pub fn org_by_slug(conn: &Connection, state: &AppState, slug: &str) -> ApiResult<OrgRow> {
    if !valid_slug(slug) {
        return Err(ApiError::not_found("org"));
    }
    find_org(conn, state, slug)?.ok_or_else(|| ApiError::not_found("org"))
}

pub fn confirm_guard(value: Option<&str>, slug: &str) -> ApiResult<()> {
    if value != Some(slug) {
        return Err(ApiError::code(
            400,
            "CONFIRMATION_REQUIRED",
            "confirm must equal the tenant slug",
        )
        .field("confirm"));
    }
    Ok(())
}
