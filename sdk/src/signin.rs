//! Sign-in without a browser (feature `native`; `molecule login` and the tests use it): walks the
//! hosted sign-in page the way a browser does and returns the session cookie's value. It drives
//! the devserver's simulated AuthKit (its page takes a user id or an email); against the real
//! platform, use an Org API key or the CP admin token instead.

use crate::{ApiError, Endpoints, HttpRequest, HttpResponse, Method, Transport, encode_component};

/// The `name=value` of cookie `name` set by a response.
fn set_cookie(resp: &HttpResponse, name: &str) -> Option<String> {
    resp.headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie"))
        .filter_map(|(_, v)| v.split(';').next())
        .find(|pair| pair.starts_with(&format!("{name}=")) && pair.len() > name.len() + 1)
        .map(|pair| pair[name.len() + 1..].to_string())
}

fn get(url: String, cookie: Option<String>) -> HttpRequest {
    HttpRequest {
        method: Method::Get,
        url,
        headers: cookie.map(|c| ("Cookie".into(), c)).into_iter().collect(),
        body: None,
        with_credentials: true,
        retryable: false,
    }
}

fn refused(why: &str) -> ApiError {
    ApiError::invalid(format!(
        "sign-in failed: {why}. `molecule login` works with the devserver's simulated sign-in page; against the platform use an Org API key (MOLECULE_ORG_API_KEY) or the CP admin token"
    ))
}

async fn redirect<T: Transport>(t: &T, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let resp = t.send(req).await.map_err(ApiError::from_transport)?;
    if resp.status != 302 {
        let mut e = ApiError::from_response(&resp);
        if e.code.is_none() {
            e = refused(&format!("expected a redirect, got HTTP {}", resp.status));
        }
        return Err(e);
    }
    Ok(resp)
}

/// Signs in as `who` (an email, or a user id such as `user_ada`); returns the session token.
pub async fn sign_in<T: Transport>(t: &T, ep: &Endpoints, who: &str) -> Result<String, ApiError> {
    let start = format!(
        "{}/api/v1/auth/login?return_to=%2F",
        ep.control_plane_base()
    );
    let first = redirect(t, get(start, None)).await?;
    let state = set_cookie(&first, "mcp_auth_state").ok_or_else(|| refused("no sign-in state"))?;
    let field = if who.contains('@') {
        "email"
    } else {
        "user_id"
    };
    let form = format!(
        "state={}&{field}={}",
        encode_component(&state),
        encode_component(who)
    );
    let authorize = HttpRequest {
        method: Method::Post,
        url: format!("{}/authkit/authorize", ep.auth_origin()),
        headers: vec![(
            "Content-Type".into(),
            "application/x-www-form-urlencoded".into(),
        )],
        body: Some(form),
        with_credentials: false,
        retryable: false,
    };
    let page = t.send(authorize).await.map_err(ApiError::from_transport)?;
    let callback = page
        .header("location")
        .filter(|_| page.status == 302)
        .ok_or_else(|| refused("the sign-in page did not accept that user"))?
        .to_string();
    let done = redirect(t, get(callback, Some(format!("mcp_auth_state={state}")))).await?;
    set_cookie(&done, crate::client::SESSION_COOKIE).ok_or_else(|| refused("no session was issued"))
}
