//! Org membership: roles and the member list.

use crate::clock::ts;
use molecule_sdk::types::{Member, MemberRole};
use rusqlite::{Connection, OptionalExtension, params};

/// The caller's role in an org.
pub fn role_of(conn: &Connection, org_id: &str, user_id: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row(
        "SELECT role FROM members WHERE org_id = ?1 AND user_id = ?2",
        params![org_id, user_id],
        |r| r.get(0),
    )
    .optional()
}

pub fn parse_role(role: &str) -> MemberRole {
    role.parse().unwrap_or(MemberRole::Viewer)
}

/// Members of an org as the wire type, owners first.
pub fn list_member_rows(conn: &Connection, org_id: &str) -> rusqlite::Result<Vec<Member>> {
    let mut stmt = conn.prepare(
        "SELECT u.id, u.email, u.name, m.role, m.joined_at, m.last_active_at FROM members m JOIN users u ON u.id = m.user_id
         WHERE m.org_id = ?1
         ORDER BY CASE m.role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 WHEN 'member' THEN 2 ELSE 3 END, m.joined_at, u.email",
    )?;
    stmt.query_map([org_id], |r| {
        Ok(Member {
            user_id: r.get(0)?,
            email: r.get(1)?,
            name: Some(r.get(2)?),
            role: parse_role(&r.get::<_, String>(3)?),
            joined_at: ts(r.get(4)?),
            last_active_at: r.get::<_, Option<i64>>(5)?.map(ts),
        })
    })?
    .collect()
}

/// How many owners the org has.
pub fn owner_count(conn: &Connection, org_id: &str) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT COUNT(*) FROM members WHERE org_id = ?1 AND role = 'owner'",
        [org_id],
        |r| r.get(0),
    )
}

/// Adds a member.
pub fn add(
    conn: &Connection,
    org_id: &str,
    user_id: &str,
    role: &str,
    joined_at: i64,
    last_active_at: Option<i64>,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO members (org_id, user_id, role, joined_at, last_active_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![org_id, user_id, role, joined_at, last_active_at],
    )?;
    Ok(())
}

pub fn set_role(
    conn: &Connection,
    org_id: &str,
    user_id: &str,
    role: &str,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE members SET role = ?3 WHERE org_id = ?1 AND user_id = ?2",
        params![org_id, user_id, role],
    )?;
    Ok(())
}

pub fn remove(conn: &Connection, org_id: &str, user_id: &str) -> rusqlite::Result<()> {
    conn.execute(
        "DELETE FROM members WHERE org_id = ?1 AND user_id = ?2",
        params![org_id, user_id],
    )?;
    Ok(())
}

/// How many members the org has.
pub fn count(conn: &Connection, org_id: &str) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT COUNT(*) FROM members WHERE org_id = ?1",
        [org_id],
        |r| r.get(0),
    )
}

/// The first live org the user joined (the session's `org_id`).
pub fn first_org(conn: &Connection, user_id: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row(
        "SELECT o.id FROM members m JOIN orgs o ON o.id = m.org_id WHERE m.user_id = ?1 AND o.status <> 'purged'
         ORDER BY m.joined_at, o.slug LIMIT 1",
        [user_id],
        |r| r.get(0),
    )
    .optional()
}
