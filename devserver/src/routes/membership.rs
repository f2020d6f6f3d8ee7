//! The org a control-plane route names and the caller's place in it: 404 for no such org
//! (malformed slugs included), 403 for non-members or a role that may not act.

use crate::{
    auth::SessionUser,
    error::{ApiError, ApiResult},
    state::AppState,
    store::{
        members::role_of,
        orgs::{OrgRow, find_org, valid_slug},
    },
};

/// The org by slug and the caller's role; 404 when there is no such org (malformed slugs included).
pub fn org_and_role(
    state: &AppState,
    user: &SessionUser,
    slug: &str,
) -> ApiResult<(OrgRow, Option<String>)> {
    if !valid_slug(slug) {
        return Err(ApiError::not_found("org"));
    }
    let conn = state.db.lock();
    let org = find_org(&conn, state, slug)?.ok_or_else(|| ApiError::not_found("org"))?;
    let role = role_of(&conn, &org.id, &user.user_id)?;
    Ok((org, role))
}

/// Like [`org_and_role`] but non-members get 403.
pub fn member_org(state: &AppState, user: &SessionUser, slug: &str) -> ApiResult<(OrgRow, String)> {
    match org_and_role(state, user, slug)? {
        (org, Some(role)) => Ok((org, role)),
        _ => Err(ApiError::forbidden("not a member of this org")),
    }
}

/// Owner or admin of the org (billing, members, invitations); 403 otherwise.
pub fn manager_org(
    state: &AppState,
    user: &SessionUser,
    slug: &str,
) -> ApiResult<(OrgRow, String)> {
    let (org, role) = member_org(state, user, slug)?;
    if role == "owner" || role == "admin" {
        Ok((org, role))
    } else {
        Err(ApiError::forbidden("only owners and admins may do this"))
    }
}
