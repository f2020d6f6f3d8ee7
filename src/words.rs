//! Every sentence the console shows for a failure comes from here. The SDK words each status and
//! machine code (shared with other clients); this module adds what only the console knows (an
//! operator's refused admin token, a page's own wording) and is what pages call.

use molecule_sdk::{ApiError, ErrorKind};

/// Machine code the console gives a 401 on an operator call: the admin token, not the
/// session, was refused.
pub const OPERATOR_TOKEN_REFUSED: &str = "console.operator_token_refused";
/// Machine code of a tenant call made where no organization host is open.
pub const NOT_ON_TENANT: &str = "console.not_on_tenant";

/// A failure in words for people.
pub fn say(e: &ApiError) -> String {
    match e.code.as_deref() {
        Some(OPERATOR_TOKEN_REFUSED) => {
            "The operator token was not accepted. Lock the area and enter it again.".into()
        }
        Some(NOT_ON_TENANT) => {
            "Open an organization first: this page lives on each organization's own address.".into()
        }
        _ => e.message(),
    }
}

/// An error the console raises itself (never sent): an HTTP-like error with a console code.
pub fn console_error(status: u16, code: &str) -> ApiError {
    ApiError {
        kind: ErrorKind::Http,
        status,
        code: Some(code.into()),
        json_body: None,
        retry_after: None,
        server_message: None,
    }
}

/// An error already worded for people (a page's own wording of a failure).
#[derive(Debug, Clone)]
pub struct Worded(pub String);

impl std::fmt::Display for Worded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Worded {}

/// Words for any error that reached an `ErrorBoundary`.
pub fn message_of(e: &leptos::error::Error) -> String {
    if let Some(api) = e.downcast_ref::<ApiError>() {
        say(api)
    } else if let Some(w) = e.downcast_ref::<Worded>() {
        w.0.clone()
    } else {
        "Something went wrong. Try again.".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn console_codes_have_their_own_words_and_others_fall_back_to_the_sdk() {
        let refused = console_error(401, OPERATOR_TOKEN_REFUSED);
        assert!(say(&refused).contains("operator token was not accepted"));
        assert!(say(&console_error(400, NOT_ON_TENANT)).contains("Open an organization"));
        let other = console_error(409, "SLUG_TAKEN");
        assert_eq!(say(&other), other.message());
    }
}
