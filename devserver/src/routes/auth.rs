//! AuthKit simulation: login/signup redirect to the hosted page (see `pages.rs`), the callback
//! that turns a one-time code into a session, the cross-host handoff, and the session routes.
//!
//! Cookie sharing: Chromium does not accept `Domain=localhost` (verified headless), so cookies are
//! host-only. After sign-in the callback host sets its cookie, and when `return_to` is on another
//! platform host the browser goes through `<that host>/cp/auth/handoff?ticket=...`, which trades a
//! single-use, 60 s ticket for a host-only cookie there. Every host's session row belongs to the
//! same sign-in (`login_id`), so signing out anywhere ends them all. A login that finds a live
//! session on its host skips the hosted page and hands off directly (single sign-on).

use crate::{
    api::{Params, json, redirect},
    auth::{
        STATE_COOKIE, SessionUser, TERMS_VERSION, clear_cookie, cookie_values, create_session,
        safe_return_to, session_cookie, url_authority,
    },
    clock::ts,
    crypto::{ct_eq, hash_token, random_token},
    error::{ApiError, ApiResult},
    state::AppState,
    store::sessions,
};
use axum::{
    Router,
    extract::{OriginalUri, State},
    http::{HeaderMap, HeaderValue, header},
    response::Response,
    routing::{get, post},
};
use molecule_sdk::types::{Session, SignoutResult, TenantMembership, TermsStatus};

/// Sign-in transactions (state) live 10 minutes; codes and handoff tickets 60 seconds.
const STATE_TTL_MS: i64 = 600_000;
const CODE_TTL_MS: i64 = 60_000;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/auth/login", get(login))
        .route("/auth/signup", get(signup))
        .route("/auth/callback", get(callback))
        .route("/auth/handoff", get(handoff))
        .route("/auth/signout", post(signout))
        .route("/auth/me", get(me))
        .route("/auth/tenant-member", get(tenant_member))
        .route("/auth/terms-status", get(terms_status))
        .route("/auth/accept-terms", post(accept_terms))
}

/// The query parameters of the sign-in routes (each reads its own).
#[derive(Default, serde::Deserialize)]
struct AuthQuery {
    return_to: Option<String>,
    state: Option<String>,
    code: Option<String>,
    error: Option<String>,
    ticket: Option<String>,
    confirm: Option<String>,
    slug: Option<String>,
}

/// The request's host name on the server's own port (never the port the client sent).
fn clean_host(state: &AppState, headers: &HeaderMap) -> String {
    crate::auth::own_host(state, headers)
}

/// Whether `origin` is one of the platform's own origins (`http://*.localhost:<port>`).
pub fn platform_origin(state: &AppState, origin: &str) -> bool {
    let Some(authority) = origin.strip_prefix("http://") else {
        return false;
    };
    let Some((host, port)) = authority.rsplit_once(':') else {
        return false;
    };
    port == state.port().to_string()
        && (host == "localhost"
            || host == "127.0.0.1"
            || host.strip_suffix(".localhost").is_some_and(|label| {
                !label.is_empty()
                    && label
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
            }))
}

fn set_cookie(res: &mut Response, cookie: &str) {
    if let Ok(v) = HeaderValue::from_str(cookie) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
}

/// Redirect to `return_to`, through a handoff ticket when it is on another host.
fn finish_sign_in(
    state: &AppState,
    host: &str,
    login_id: &str,
    user_id: &str,
    return_to: &str,
) -> ApiResult<Response> {
    let target = url_authority(return_to).unwrap_or_default();
    if target.is_empty() || target == host {
        return Ok(redirect(return_to));
    }
    let ticket = random_token(32);
    sessions::insert_handoff(
        &state.db.lock(),
        &hash_token(&ticket),
        login_id,
        user_id,
        &target,
        return_to,
        state.clock.now_ms(),
        host,
    )?;
    Ok(redirect(&format!(
        "http://{target}/cp/auth/handoff?ticket={ticket}"
    )))
}

async fn start_login(
    state: AppState,
    headers: HeaderMap,
    uri: OriginalUri,
    params: AuthQuery,
    screen: &str,
) -> ApiResult<Response> {
    let return_to = safe_return_to(&state, params.return_to.as_deref());
    let host = clean_host(&state, &headers);
    if let Some(user) = SessionUser::from_headers(&state, &headers) {
        return finish_sign_in(&state, &host, &user.login_id, &user.user_id, &return_to);
    }
    let prefix = if uri.path().starts_with("/cp/") {
        "/cp"
    } else {
        "/api/v1"
    };
    let callback_url = format!("http://{host}{prefix}/auth/callback");
    let state_token = random_token(32);
    sessions::insert_state(
        &state.db.lock(),
        &hash_token(&state_token),
        &return_to,
        &callback_url,
        screen,
        state.clock.now_ms(),
    )?;
    let mut res = redirect(&format!(
        "{}/authkit/login?state={state_token}&screen={screen}",
        state.app_origin()
    ));
    set_cookie(
        &mut res,
        &format!("{STATE_COOKIE}={state_token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=600"),
    );
    Ok(res)
}

async fn login(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: OriginalUri,
    Params(params): Params<AuthQuery>,
) -> ApiResult<Response> {
    start_login(state, headers, uri, params, "sign-in").await
}

async fn signup(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: OriginalUri,
    Params(params): Params<AuthQuery>,
) -> ApiResult<Response> {
    start_login(state, headers, uri, params, "sign-up").await
}

async fn callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    Params(params): Params<AuthQuery>,
) -> ApiResult<Response> {
    let invalid_state = || {
        ApiError::code(
            400,
            "INVALID_STATE",
            "sign-in state missing, mismatched or expired",
        )
    };
    let invalid_code = || {
        ApiError::code(
            400,
            "INVALID_CODE",
            "authorization code invalid or already used",
        )
    };
    let state_param = params.state.unwrap_or_default();
    if params.error.is_some() {
        return Err(ApiError::code(
            400,
            "INVALID_CODE",
            "sign-in was cancelled or failed at the identity provider",
        ));
    }
    let code = params.code.unwrap_or_default();
    if state_param.is_empty()
        || !cookie_values(&headers, STATE_COOKIE)
            .iter()
            .any(|c| ct_eq(c, &state_param))
    {
        return Err(invalid_state());
    }
    let now = state.clock.now_ms();
    let state_hash = hash_token(&state_param);
    let (user_id, return_to, joined) = {
        let mut conn = state.db.lock();
        let tx = conn.transaction()?;
        let Some(started) = sessions::auth_state(&tx, &state_hash)? else {
            return Err(invalid_state());
        };
        if started.used || now - started.created_at > STATE_TTL_MS {
            return Err(invalid_state());
        }
        let code_hash = hash_token(&code);
        let Some(issued) = sessions::auth_code(&tx, &code_hash)? else {
            return Err(invalid_code());
        };
        if issued.used || issued.state_hash != state_hash || now - issued.created_at > CODE_TTL_MS {
            return Err(invalid_code());
        }
        sessions::consume_code(&tx, &code_hash, &state_hash)?;
        tx.commit()?;
        (issued.user_id, started.return_to, issued.login_id)
    };
    // A browser already signed in elsewhere joins that sign-in (one sign-out ends it on every
    // host), but only while it is still live; otherwise this is a new sign-in.
    let login_id = match joined {
        Some(id) if sessions::login_live(&state.db.lock(), &id, now)? => id,
        _ => uuid::Uuid::new_v4().to_string(),
    };
    let token = create_session(&state, &user_id, &login_id)?;
    let host = clean_host(&state, &headers);
    let mut res = finish_sign_in(&state, &host, &login_id, &user_id, &return_to)?;
    set_cookie(&mut res, &session_cookie(&token));
    set_cookie(&mut res, &clear_cookie(STATE_COOKIE));
    tracing::info!(user_id = %user_id, "signed in");
    Ok(res)
}

/// Cookie on the target host that binds a handoff ticket to the browser redeeming it.
pub const HANDOFF_COOKIE: &str = "mcp_handoff";

/// `GET /cp/auth/handoff?ticket=T` (target host) and `?ticket=T&confirm=N` (source host).
///
/// A ticket alone does not sign anyone in (that would let an attacker hand a victim the
/// attacker's own session: login CSRF). On the target host a first visit sets a fresh nonce
/// cookie there and sends the browser back to the host that minted the ticket; that host binds
/// the nonce to the ticket only when the browser holds that sign-in's session there (the one the
/// callback just set). Back on the target host, only the browser with the bound nonce cookie
/// redeems the ticket (single use, 60 s, live sign-in).
async fn handoff(
    State(state): State<AppState>,
    headers: HeaderMap,
    Params(params): Params<AuthQuery>,
) -> ApiResult<Response> {
    let invalid = |why: &str| ApiError::code(400, "INVALID_CODE", why);
    let ticket = params.ticket.unwrap_or_default();
    let ticket_hash = hash_token(&ticket);
    let host = clean_host(&state, &headers);
    let now = state.clock.now_ms();
    let found = sessions::handoff(&state.db.lock(), &ticket_hash)?;
    let Some(sessions::Handoff {
        login_id,
        user_id,
        target_host: target,
        source_host: source,
        return_to,
        created_at: created,
        used,
        binding_hash: binding,
    }) = found
    else {
        return Err(invalid("handoff ticket invalid"));
    };
    // The sign-in must still be live (signing out revokes pending handoffs too).
    let live = sessions::login_live(&state.db.lock(), &login_id, now)?;
    if used || now - created > CODE_TTL_MS || !live {
        return Err(invalid("handoff ticket invalid, used or expired"));
    }
    // Step 2, on the host that minted the ticket: bind the target host's nonce, but only for the
    // browser that holds this sign-in's session here.
    if let Some(nonce) = &params.confirm {
        let same_sign_in = SessionUser::from_headers(&state, &headers)
            .is_some_and(|u| ct_eq(&u.login_id, &login_id));
        if host != source || nonce.len() < 32 || binding.is_some() || !same_sign_in {
            return Err(invalid(
                "handoff ticket was not started by this browser's sign-in",
            ));
        }
        let bound = sessions::bind_handoff(&state.db.lock(), &ticket_hash, &hash_token(nonce))?;
        if !bound {
            return Err(invalid("handoff ticket invalid, used or expired"));
        }
        return Ok(redirect(&format!(
            "http://{target}/cp/auth/handoff?ticket={ticket}"
        )));
    }
    if target != host || source.is_empty() {
        return Err(invalid("handoff ticket invalid, used or expired"));
    }
    let Some(binding) = binding else {
        // Step 1, on the target host: a nonce cookie here, then confirmation at the source.
        let nonce = random_token(32);
        let mut res = redirect(&format!(
            "http://{source}/cp/auth/handoff?ticket={ticket}&confirm={nonce}"
        ));
        set_cookie(
            &mut res,
            &format!("{HANDOFF_COOKIE}={nonce}; Path=/; HttpOnly; SameSite=Lax; Max-Age=60"),
        );
        return Ok(res);
    };
    // Step 3: only the browser holding the bound nonce redeems the ticket.
    if !cookie_values(&headers, HANDOFF_COOKIE)
        .iter()
        .any(|c| ct_eq(&hash_token(c), &binding))
    {
        return Err(invalid("handoff ticket is bound to another browser"));
    }
    let redeemed = sessions::redeem_handoff(&state.db.lock(), &ticket_hash)?;
    if !redeemed {
        return Err(invalid("handoff ticket invalid, used or expired"));
    }
    let token = create_session(&state, &user_id, &login_id)?;
    let mut res = redirect(&return_to);
    set_cookie(&mut res, &session_cookie(&token));
    set_cookie(&mut res, &clear_cookie(HANDOFF_COOKIE));
    Ok(res)
}

async fn signout(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<Response> {
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok())
        && !platform_origin(&state, origin)
    {
        return Err(ApiError::forbidden("cross-site sign-out refused"));
    }
    if let Some(user) = SessionUser::from_headers(&state, &headers) {
        sessions::end_login(&state.db.lock(), &user.login_id)?;
        tracing::info!(user_id = %user.user_id, "signed out");
    }
    let mut res = json(
        200,
        &SignoutResult {
            ok: true,
            logout_url: String::new(),
        },
    );
    set_cookie(&mut res, &clear_cookie(crate::auth::SESSION_COOKIE));
    res.headers_mut().insert(
        "clear-site-data",
        HeaderValue::from_static("\"cache\", \"storage\""),
    );
    Ok(res)
}

async fn me(State(state): State<AppState>, user: SessionUser) -> ApiResult<Response> {
    let org_id = crate::store::members::first_org(&state.db.lock(), &user.user_id)?;
    let session = Session {
        email: user.email.clone(),
        name: Some(user.name.clone()),
        org_id: org_id.and_then(|id| id.parse().ok()),
        roles: Vec::new(),
        user_id: user
            .user_id
            .parse()
            .map_err(|_| ApiError::internal("stored user id is empty"))?,
    };
    Ok(json(200, &session))
}

async fn tenant_member(
    State(state): State<AppState>,
    headers: HeaderMap,
    Params(params): Params<AuthQuery>,
) -> ApiResult<Response> {
    let slug = params.slug.unwrap_or_default();
    if !crate::store::orgs::valid_slug(&slug) {
        return Err(ApiError::bad_request("slug missing or malformed").field("slug"));
    }
    let user = SessionUser::from_headers(&state, &headers).ok_or_else(ApiError::unauthorized)?;
    let conn = state.db.lock();
    let role = match crate::store::orgs::find_org(&conn, &state, &slug)? {
        Some(org) => crate::store::members::role_of(&conn, &org.id, &user.user_id)?,
        None => None,
    };
    Ok(json(
        200,
        &TenantMembership {
            member: role.is_some(),
            role: role.as_deref().map(crate::store::members::parse_role),
            user_id: user.user_id.clone(),
        },
    ))
}

fn terms_of(accepted_at: Option<i64>) -> TermsStatus {
    TermsStatus {
        accepted: accepted_at.is_some(),
        accepted_at: accepted_at.map(ts),
        version: Some(TERMS_VERSION.into()),
    }
}

async fn terms_status(user: SessionUser) -> Response {
    json(200, &terms_of(user.terms_accepted_at))
}

async fn accept_terms(State(state): State<AppState>, user: SessionUser) -> ApiResult<Response> {
    let at = match user.terms_accepted_at {
        Some(at) => at,
        None => {
            let now = state.clock.now_ms();
            crate::store::users::accept_terms(&state.db.lock(), &user.user_id, now, TERMS_VERSION)?;
            now
        }
    };
    Ok(json(200, &terms_of(Some(at))))
}
