//! The control-plane template registry (`cp_templates`).

use crate::clock::ts;
use molecule_sdk::types::{CpTemplate, CreateCpTemplateRequest};
use rusqlite::{Connection, OptionalExtension, params};

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

pub fn one(conn: &Connection, slug: &str) -> rusqlite::Result<Option<CpTemplate>> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM cp_templates WHERE slug = ?1"),
        [slug],
        from_row,
    )
    .optional()
}

pub fn exists(conn: &Connection, slug: &str) -> rusqlite::Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM cp_templates WHERE slug = ?1", [slug], |_| {
            Ok(())
        })
        .optional()?
        .is_some())
}

/// Adds a template (tier clamped to 1..=4, 4 when absent).
pub fn insert(conn: &Connection, req: &CreateCpTemplateRequest, now: i64) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO cp_templates (slug, name, description, runtime, tier, default_model, tags, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            req.slug,
            req.name.to_string(),
            req.description,
            req.runtime.to_string(),
            req.tier.map(|t| t.get().clamp(1, 4)).unwrap_or(4),
            req.default_model.to_string(),
            serde_json::json!(req.tags).to_string(),
            now
        ],
    )?;
    Ok(())
}

/// Deletes a template; false when there was none.
pub fn delete(conn: &Connection, slug: &str) -> rusqlite::Result<bool> {
    Ok(conn.execute("DELETE FROM cp_templates WHERE slug = ?1", [slug])? > 0)
}
