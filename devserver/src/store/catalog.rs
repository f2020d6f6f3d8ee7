//! The tenant's catalog: workspace templates, org templates and each org root's plugin
//! allowlist.

use crate::clock::ts;
use molecule_sdk::types::PluginAllowlistEntry;
use rusqlite::{Connection, OptionalExtension, params};

/// One `workspace_templates` row (`required_env` and `skills` as stored JSON).
pub struct TemplateRow {
    pub id: String,
    pub name: String,
    pub description: String,
    pub model: String,
    pub runtime: String,
    pub required_env: String,
    pub skills: String,
}

/// The org's workspace templates, by id.
pub fn templates(conn: &Connection, org_id: &str) -> rusqlite::Result<Vec<TemplateRow>> {
    conn.prepare(
        "SELECT id, name, description, tier, model, runtime, required_env, skills FROM workspace_templates
         WHERE org_id = ?1 ORDER BY id",
    )?
    .query_map([org_id], |r| {
        Ok(TemplateRow {
            id: r.get(0)?,
            name: r.get(1)?,
            description: r.get(2)?,
            model: r.get(4)?,
            runtime: r.get(5)?,
            required_env: r.get(6)?,
            skills: r.get(7)?,
        })
    })?
    .collect()
}

pub fn template_exists(conn: &Connection, org_id: &str, id: &str) -> rusqlite::Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM workspace_templates WHERE org_id = ?1 AND id = ?2",
            params![org_id, id],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// An imported workspace template (`skills` and `files` as JSON).
pub struct NewTemplate<'a> {
    pub org_id: &'a str,
    pub id: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    pub tier: i64,
    pub runtime: &'a str,
    pub model: &'a str,
    pub skills: &'a str,
    pub files: &'a str,
    pub now: i64,
}

pub fn insert_template(conn: &Connection, t: &NewTemplate) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO workspace_templates (org_id, id, name, description, tier, runtime, model, skills, files, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            t.org_id,
            t.id,
            t.name,
            t.description,
            t.tier,
            t.runtime,
            t.model,
            t.skills,
            t.files,
            t.now
        ],
    )?;
    Ok(())
}

/// The org's templates as stored: (dir, template JSON), by dir.
pub fn org_templates(conn: &Connection, org_id: &str) -> rusqlite::Result<Vec<(String, String)>> {
    conn.prepare("SELECT dir, template FROM org_templates WHERE org_id = ?1 ORDER BY dir")?
        .query_map([org_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect()
}

/// The plugins allowed under an org root, by name.
pub fn allowlist(conn: &Connection, root_id: &str) -> rusqlite::Result<Vec<PluginAllowlistEntry>> {
    conn.prepare(
        "SELECT plugin_name, enabled_by, enabled_at FROM plugin_allowlist WHERE root_id = ?1 ORDER BY plugin_name",
    )?
    .query_map([root_id], |r| {
        Ok(PluginAllowlistEntry {
            plugin_name: r.get(0)?,
            enabled_by: r.get(1)?,
            enabled_at: ts(r.get(2)?),
        })
    })?
    .collect()
}

/// Replaces the allowlist of an org root (empty: every plugin allowed).
pub fn replace_allowlist(
    conn: &Connection,
    root_id: &str,
    plugins: &[String],
    enabled_by: &str,
    now: i64,
) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM plugin_allowlist WHERE root_id = ?1", [root_id])?;
    for p in plugins {
        conn.execute(
            "INSERT INTO plugin_allowlist (root_id, plugin_name, enabled_by, enabled_at) VALUES (?1, ?2, ?3, ?4)",
            params![root_id, p, enabled_by, now],
        )?;
    }
    Ok(())
}
