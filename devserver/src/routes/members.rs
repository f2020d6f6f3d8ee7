//! Members and roles. Owners manage everyone (including other owners); admins manage admins,
//! members and viewers; anyone may leave. The last owner can be neither demoted nor removed.

use super::membership::member_org;
use crate::{
    api::{JsonBody, decode, json},
    auth::SessionUser,
    error::{ApiError, ApiResult},
    state::AppState,
    store::members::{self, list_member_rows, owner_count, role_of},
};
use axum::{
    Router,
    extract::{Path, State},
    response::{IntoResponse, Response},
    routing::{get, patch},
};
use molecule_sdk::types::{MemberRole, UpdateMemberRequest};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/orgs/{slug}/members", get(list_members))
        .route(
            "/orgs/{slug}/members/{user_id}",
            patch(update_member).delete(remove_member),
        )
}

async fn list_members(
    State(state): State<AppState>,
    user: SessionUser,
    Path(slug): Path<String>,
) -> ApiResult<Response> {
    let (org, _) = member_org(&state, &user, &slug)?;
    Ok(json(200, &list_member_rows(&state.db.lock(), &org.id)?))
}

async fn update_member(
    State(state): State<AppState>,
    user: SessionUser,
    Path((slug, target)): Path<(String, String)>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let (org, my_role) = member_org(&state, &user, &slug)?;
    if my_role != "owner" && my_role != "admin" {
        return Err(ApiError::forbidden("only owners and admins manage members"));
    }
    let req: UpdateMemberRequest = decode(body)?;
    let new_role = req.role.to_string();
    let conn = state.db.lock();
    let current = role_of(&conn, &org.id, &target)?.ok_or_else(|| ApiError::not_found("member"))?;
    if my_role == "admin" && (current == "owner" || req.role == MemberRole::Owner) {
        return Err(ApiError::code(
            403,
            "NOT_OWNER",
            "only owners grant or remove ownership",
        ));
    }
    if current == "owner" && new_role != "owner" && owner_count(&conn, &org.id)? <= 1 {
        return Err(ApiError::conflict(
            "LAST_OWNER",
            "the org must keep at least one owner",
        ));
    }
    members::set_role(&conn, &org.id, &target, &new_role)?;
    let member = list_member_rows(&conn, &org.id)?
        .into_iter()
        .find(|m| m.user_id == target)
        .ok_or_else(|| ApiError::not_found("member"))?;
    Ok(json(200, &member))
}

async fn remove_member(
    State(state): State<AppState>,
    user: SessionUser,
    Path((slug, target)): Path<(String, String)>,
) -> ApiResult<Response> {
    let (org, my_role) = member_org(&state, &user, &slug)?;
    let conn = state.db.lock();
    let current = role_of(&conn, &org.id, &target)?.ok_or_else(|| ApiError::not_found("member"))?;
    let is_self = target == user.user_id;
    if !is_self {
        match my_role.as_str() {
            "owner" => {}
            "admin" if current == "owner" => {
                return Err(ApiError::code(
                    403,
                    "NOT_OWNER",
                    "only owners remove owners",
                ));
            }
            "admin" => {}
            _ => return Err(ApiError::forbidden("only owners and admins remove members")),
        }
    }
    if current == "owner" && owner_count(&conn, &org.id)? <= 1 {
        return Err(ApiError::conflict(
            "LAST_OWNER",
            "the org must keep at least one owner",
        ));
    }
    members::remove(&conn, &org.id, &target)?;
    Ok(axum::http::StatusCode::NO_CONTENT.into_response())
}
