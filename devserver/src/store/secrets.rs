//! Workspace and org-wide secrets, AES-256-GCM encrypted at rest with a key from
//! `MOLECULE_SECRETS_KEY` (base64, 32 bytes) or one generated once and kept in `settings`.

use crate::{clock::ts, store::settings};
use aes_gcm::{
    Aes256Gcm, KeyInit,
    aead::{Aead, AeadCore, OsRng},
};
use base64::Engine;
use molecule_sdk::types::{SecretMetadata, SecretMetadataScope};
use rusqlite::{Connection, OptionalExtension, params};

/// Name of the `settings` row that keeps the generated at-rest key.
const SECRETS_KEY_SETTING: &str = "secrets_key";

/// The at-rest key: env `MOLECULE_SECRETS_KEY` or a generated one stored in `settings`.
pub fn cipher(conn: &Connection) -> rusqlite::Result<Aes256Gcm> {
    let b64 = base64::engine::general_purpose::STANDARD;
    if let Ok(k) = std::env::var("MOLECULE_SECRETS_KEY")
        && let Ok(bytes) = b64.decode(k.trim())
        && let Ok(c) = Aes256Gcm::new_from_slice(&bytes)
    {
        return Ok(c);
    }
    let stored = settings::get(conn, SECRETS_KEY_SETTING)?;
    let key = match stored.and_then(|s| b64.decode(s).ok()) {
        Some(k) => k,
        None => {
            let k = Aes256Gcm::generate_key(OsRng).to_vec();
            settings::put(conn, SECRETS_KEY_SETTING, &b64.encode(&k))?;
            k
        }
    };
    Ok(Aes256Gcm::new_from_slice(&key).expect("32-byte key"))
}

/// Encrypts and upserts a secret (`workspace_id` = "" for an org-wide one).
pub fn store_secret(
    conn: &Connection,
    now: i64,
    org_id: &str,
    workspace_id: &str,
    key: &str,
    value: &str,
) -> rusqlite::Result<()> {
    let c = cipher(conn)?;
    let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
    let mut blob = nonce.to_vec();
    blob.extend(
        c.encrypt(&nonce, value.as_bytes())
            .expect("AES-GCM encryption does not fail"),
    );
    conn.execute(
        "INSERT INTO secrets (org_id, workspace_id, key, ciphertext, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)
         ON CONFLICT (org_id, workspace_id, key) DO UPDATE SET ciphertext = excluded.ciphertext, updated_at = excluded.updated_at",
        params![org_id, workspace_id, key, blob, now],
    )?;
    Ok(())
}

/// Decrypts a stored secret (used only by tests and the simulated runtime, never by a route).
pub fn reveal(conn: &Connection, org_id: &str, workspace_id: &str, key: &str) -> Option<String> {
    let blob: Vec<u8> = conn
        .query_row(
            "SELECT ciphertext FROM secrets WHERE org_id = ?1 AND workspace_id = ?2 AND key = ?3",
            params![org_id, workspace_id, key],
            |r| r.get(0),
        )
        .ok()?;
    if blob.len() < 12 {
        return None;
    }
    let (nonce, data) = blob.split_at(12);
    let plain = cipher(conn)
        .ok()?
        .decrypt(aes_gcm::Nonce::from_slice(nonce), data)
        .ok()?;
    String::from_utf8(plain).ok()
}

/// Key and timestamps of each secret of one scope (`workspace_id` = "" for org-wide), by key.
pub fn metadata(
    conn: &Connection,
    org_id: &str,
    workspace_id: &str,
    scope: SecretMetadataScope,
) -> rusqlite::Result<Vec<SecretMetadata>> {
    let mut stmt = conn.prepare(
        "SELECT key, created_at, updated_at FROM secrets WHERE org_id = ?1 AND workspace_id = ?2 ORDER BY key",
    )?;
    stmt.query_map(params![org_id, workspace_id], |r| {
        Ok(SecretMetadata {
            key: r.get(0)?,
            has_value: true,
            scope: scope.clone(),
            created_at: ts(r.get(1)?),
            updated_at: ts(r.get(2)?),
        })
    })?
    .collect()
}

/// Deletes one secret; false when there was none.
pub fn delete(
    conn: &Connection,
    org_id: &str,
    workspace_id: &str,
    key: &str,
) -> rusqlite::Result<bool> {
    Ok(conn.execute(
        "DELETE FROM secrets WHERE org_id = ?1 AND workspace_id = ?2 AND key = ?3",
        params![org_id, workspace_id, key],
    )? > 0)
}

/// Whether the secret exists (a workspace's own value overrides the org-wide one).
pub fn exists(
    conn: &Connection,
    org_id: &str,
    workspace_id: &str,
    key: &str,
) -> rusqlite::Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM secrets WHERE org_id = ?1 AND workspace_id = ?2 AND key = ?3",
            params![org_id, workspace_id, key],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// The keys of the org-wide secrets.
pub fn org_keys(conn: &Connection, org_id: &str) -> rusqlite::Result<Vec<String>> {
    conn.prepare("SELECT key FROM secrets WHERE org_id = ?1 AND workspace_id = ''")?
        .query_map([org_id], |r| r.get(0))?
        .collect()
}
