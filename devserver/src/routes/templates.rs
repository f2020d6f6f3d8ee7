//! The control-plane template registry (read side; operator writes are part 2).

use crate::api::json;
use crate::{
    auth::SessionUser,
    clock::ts,
    error::{ApiError, ApiResult},
    state::AppState,
};
use axum::{
    Router,
    extract::{Path, State},
    response::Response,
    routing::get,
};
use molecule_sdk::types::CpTemplate;
use rusqlite::{Connection, OptionalExtension};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/templates", get(list))
        .route("/templates/{slug}", get(one))
}

const COLUMNS: &str =
    "slug, name, description, runtime, tier, default_model, tags, created_at, updated_at";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<CpTemplate> {
    let tags: String = r.get(6)?;
    Ok(CpTemplate {
        slug: r
            .get::<_, String>(0)?
            .parse()
            .expect("stored slugs are valid"),
        name: r.get(1)?,
        description: r.get(2)?,
        runtime: r.get(3)?,
        tier: std::num::NonZeroU32::new(r.get::<_, u32>(4)?.clamp(1, 4)).expect("clamped"),
        default_model: r.get(5)?,
        tags: serde_json::from_str(&tags).unwrap_or_default(),
        created_at: ts(r.get(7)?),
        updated_at: r.get::<_, Option<i64>>(8)?.map(ts),
    })
}

pub fn all(conn: &Connection) -> rusqlite::Result<Vec<CpTemplate>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM cp_templates ORDER BY slug"))?;
    stmt.query_map([], from_row)?.collect()
}

async fn list(State(state): State<AppState>, _user: SessionUser) -> ApiResult<Response> {
    Ok(json(200, &all(&state.db.lock())?))
}

async fn one(
    State(state): State<AppState>,
    _user: SessionUser,
    Path(slug): Path<String>,
) -> ApiResult<Response> {
    let t = state
        .db
        .lock()
        .query_row(
            &format!("SELECT {COLUMNS} FROM cp_templates WHERE slug = ?1"),
            [&slug],
            from_row,
        )
        .optional()?
        .ok_or_else(|| ApiError::not_found("template"))?;
    Ok(json(200, &t))
}
