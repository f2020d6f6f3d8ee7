//! What the create-organization form says around its fields: where a failed create is shown
//! (the slug, the name, the terms gate, an upgrade offer, or the form), and the slug hint.
//! Makes no calls.

use crate::words::say;
use molecule_sdk::ApiError;

/// Outcome of a create attempt that the form shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    Slug(String),
    Name(String),
    Terms,
    Upgrade,
    Other(String),
}

/// Maps a failed create to where the form shows it.
pub fn problem_of(e: &ApiError) -> Problem {
    match (e.status, e.code.as_deref()) {
        (409, _) | (400, Some("INVALID_SLUG")) => Problem::Slug(say(e)),
        (412, _) => Problem::Terms,
        (402, _) => Problem::Upgrade,
        _ => Problem::Other(say(e)),
    }
}

/// Where the org will live, once a slug has been typed.
pub fn slug_hint(slug: &str) -> String {
    match slug.trim() {
        "" => {
            "Lowercase letters, digits and hyphens; it becomes your organization's address.".into()
        }
        s => format!(
            "Your organization's address: {}",
            crate::config::Config::from_window()
                .endpoints
                .tenant_base(s)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use molecule_sdk::HttpResponse;

    fn err(status: u16, code: &str) -> ApiError {
        ApiError::from_response(&HttpResponse {
            status,
            headers: vec![],
            body: format!(r#"{{"error":"x","code":"{code}"}}"#),
        })
    }

    #[test]
    fn statuses_land_where_the_user_can_act() {
        assert!(
            matches!(problem_of(&err(409, "SLUG_TAKEN")), Problem::Slug(m) if m.contains("taken"))
        );
        assert!(matches!(
            problem_of(&err(400, "INVALID_SLUG")),
            Problem::Slug(_)
        ));
        assert_eq!(problem_of(&err(412, "TERMS_NOT_ACCEPTED")), Problem::Terms);
        assert_eq!(problem_of(&err(402, "QUOTA_EXCEEDED")), Problem::Upgrade);
        assert!(matches!(
            problem_of(&err(500, "INTERNAL")),
            Problem::Other(_)
        ));
    }
}
