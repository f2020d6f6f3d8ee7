//! The signed-in user, loaded once at start-up and shared through context.

use leptos::prelude::*;
use molecule_sdk::{ApiError, calls, types};

/// `None` while loading; `Some(Ok(None))` when signed out.
#[derive(Clone, Copy)]
pub struct Session(pub crate::reactive::Res<Result<Option<types::Session>, ApiError>>);

/// Loads the session and provides it to the tree.
pub fn provide_session() -> Session {
    let res = crate::reactive::resource(|| async {
        match crate::api::send(calls::auth_me()).await {
            Ok(me) => Ok(Some(me)),
            Err(e) if e.is_unauthorized() => Ok(None),
            Err(e) => Err(e),
        }
    });
    let session = Session(res);
    provide_context(session);
    session
}

/// The session from context.
pub fn use_session() -> Session {
    expect_context::<Session>()
}
