//! Tenant instances (created on first use for every org that has one), their boot events and
//! busy windows, and the operator's thin-AMI and runtime-image pins (each pin keeps its history).

use crate::{clock::ts, state::AppState, store::orgs::OrgRow};
use molecule_sdk::types::{
    BootEvent, RuntimeImagePin, RuntimeImagePinHistoryEntry, ThinAmiPin, ThinAmiPinHistoryEntry,
};
use rusqlite::{Connection, OptionalExtension, params};

/// Default image tag and AMI of a tenant that was never redeployed.
pub const DEFAULT_IMAGE_TAG: &str = "v1.42.0";

/// The tenant image repository (`running_image` = `<repo>:<tag>`).
pub const IMAGE_REPO: &str = "ghcr.io/molecule-ai/platform-tenant";

pub const DEFAULT_AMI: &str = "ami-0a1b2c3d4e5f60718";

/// Simulated seconds a reboot / redeploy / volume migration keeps the instance busy.
pub const BUSY_SECS: f64 = 10.0;

/// A tenant instance row (created on first use for every org that has one).
#[derive(Debug, Clone)]
pub struct Instance {
    pub instance_id: String,
    pub instance_type: String,
    pub image_tag: String,
    pub ami_id: String,
    pub volume_id: String,
    pub launched_at: i64,
    pub busy_until: i64,
    pub busy_reason: Option<String>,
    pub scrubbed_at: Option<i64>,
}

pub fn short_hash(seed: &str, len: usize) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(seed.as_bytes()))[..len].to_string()
}

/// The org's instance; `None` when it never got one (awaiting payment).
pub fn instance(conn: &Connection, org: &OrgRow) -> rusqlite::Result<Option<Instance>> {
    if org.status == "awaiting_payment" {
        return Ok(None);
    }
    conn.execute(
        "INSERT OR IGNORE INTO tenant_instances (org_id, instance_id, instance_type, image_tag, ami_id, volume_id, launched_at)
         VALUES (?1, ?2, 't3.large', ?3, ?4, ?5, ?6)",
        params![
            org.id,
            format!("i-0{}", short_hash(&org.id, 16)),
            DEFAULT_IMAGE_TAG,
            DEFAULT_AMI,
            format!("vol-0{}", short_hash(&format!("vol{}", org.id), 16)),
            org.provision_started_at.unwrap_or(org.created_at),
        ],
    )?;
    conn.query_row(
        "SELECT instance_id, instance_type, image_tag, ami_id, volume_id, launched_at, busy_until, busy_reason, scrubbed_at
         FROM tenant_instances WHERE org_id = ?1",
        [&org.id],
        |r| {
            Ok(Instance {
                instance_id: r.get(0)?,
                instance_type: r.get(1)?,
                image_tag: r.get(2)?,
                ami_id: r.get(3)?,
                volume_id: r.get(4)?,
                launched_at: r.get(5)?,
                busy_until: r.get(6)?,
                busy_reason: r.get(7)?,
                scrubbed_at: r.get(8)?,
            })
        },
    )
    .optional()
}

/// EC2-like state of the instance right now.
pub fn instance_state(state: &AppState, org: &OrgRow, inst: &Instance) -> String {
    if inst.busy_until > state.clock.now_ms() {
        return inst
            .busy_reason
            .clone()
            .unwrap_or_else(|| "rebooting".into());
    }
    match org.status.as_str() {
        "running" => "running",
        "provisioning" => "pending",
        "suspended" => "stopped",
        "failed" => "stopped",
        _ => "terminated",
    }
    .into()
}

pub fn add_boot_event(
    conn: &Connection,
    org_id: &str,
    at: i64,
    stage: &str,
    level: &str,
    message: &str,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO boot_events (org_id, at, stage, level, message) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![org_id, at, stage, level, message],
    )?;
    Ok(())
}

pub fn set_busy(
    conn: &Connection,
    state: &AppState,
    org_id: &str,
    reason: &str,
) -> rusqlite::Result<()> {
    let until = state.clock.now_ms() + (BUSY_SECS / state.clock.speed() * 1000.0) as i64;
    conn.execute(
        "UPDATE tenant_instances SET busy_until = ?2, busy_reason = ?3 WHERE org_id = ?1",
        params![org_id, until, reason],
    )?;
    Ok(())
}

pub fn boot_event_rows(
    conn: &Connection,
    org_id: &str,
    limit: i64,
) -> rusqlite::Result<Vec<BootEvent>> {
    let mut stmt = conn.prepare(
        "SELECT at, stage, level, message FROM (SELECT seq, at, stage, level, message FROM boot_events
         WHERE org_id = ?1 ORDER BY seq DESC LIMIT ?2) ORDER BY seq",
    )?;
    stmt.query_map(params![org_id, limit], |r| {
        Ok(BootEvent {
            at: Some(ts(r.get(0)?)),
            stage: r.get(1)?,
            level: r.get::<_, String>(2)?.parse().ok(),
            message: r.get(3)?,
        })
    })?
    .collect()
}

pub fn ami_pins(conn: &Connection, region: Option<&str>) -> rusqlite::Result<Vec<ThinAmiPin>> {
    let mut stmt = conn.prepare(
        "SELECT region, ami_id, promoted_by, promoted_at, notes FROM thin_ami_pins
         WHERE ?1 IS NULL OR region = ?1 ORDER BY region, seq DESC",
    )?;
    let rows: Vec<(String, ThinAmiPinHistoryEntry)> = stmt
        .query_map([region], |r| {
            Ok((
                r.get(0)?,
                ThinAmiPinHistoryEntry {
                    ami_id: r.get(1)?,
                    promoted_by: r.get(2)?,
                    promoted_at: ts(r.get(3)?),
                    notes: r.get(4)?,
                },
            ))
        })?
        .collect::<Result<_, _>>()?;
    let mut out: Vec<ThinAmiPin> = Vec::new();
    for (region, entry) in rows {
        match out.last_mut() {
            Some(pin) if pin.region == region => {
                if pin.previous_ami_id.is_none() && entry.ami_id != pin.ami_id {
                    pin.previous_ami_id = Some(entry.ami_id.clone());
                }
                pin.history.push(entry);
            }
            _ => out.push(ThinAmiPin {
                region,
                ami_id: entry.ami_id.clone(),
                promoted_by: entry.promoted_by.clone(),
                promoted_at: entry.promoted_at.clone(),
                notes: entry.notes.clone(),
                previous_ami_id: None,
                history: vec![],
            }),
        }
    }
    Ok(out)
}

pub fn image_pins(
    conn: &Connection,
    template: Option<&str>,
    region: Option<&str>,
) -> rusqlite::Result<Vec<RuntimeImagePin>> {
    let mut stmt = conn.prepare(
        "SELECT template_name, region, image_digest, git_sha, notes, promoted_by, promoted_at FROM runtime_image_pins
         WHERE (?1 IS NULL OR template_name = ?1) AND (?2 IS NULL OR region = ?2) ORDER BY template_name, region, seq DESC",
    )?;
    let rows: Vec<(String, String, Option<String>, RuntimeImagePinHistoryEntry)> = stmt
        .query_map(params![template, region], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(4)?,
                RuntimeImagePinHistoryEntry {
                    image_digest: r.get(2)?,
                    git_sha: r.get(3)?,
                    promoted_by: r.get(5)?,
                    promoted_at: ts(r.get(6)?),
                },
            ))
        })?
        .collect::<Result<_, _>>()?;
    let mut out: Vec<RuntimeImagePin> = Vec::new();
    for (template_name, region, notes, entry) in rows {
        match out.last_mut() {
            Some(pin)
                if pin.template_name == template_name
                    && pin.region.as_deref() == Some(region.as_str()) =>
            {
                if pin.previous_image_digest.is_none() && entry.image_digest != pin.image_digest {
                    pin.previous_image_digest = Some(entry.image_digest.clone());
                }
                pin.history.push(entry);
            }
            _ => out.push(RuntimeImagePin {
                template_name,
                region: Some(region),
                image_digest: entry.image_digest.clone(),
                git_sha: entry.git_sha.clone(),
                notes,
                promoted_by: Some(entry.promoted_by.clone()),
                promoted_at: Some(entry.promoted_at.clone()),
                previous_image_digest: None,
                history: vec![],
            }),
        }
    }
    Ok(out)
}

pub fn set_image_tag(conn: &Connection, org_id: &str, tag: &str) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE tenant_instances SET image_tag = ?2 WHERE org_id = ?1",
        params![org_id, tag],
    )?;
    Ok(())
}

pub fn set_volume(conn: &Connection, org_id: &str, volume_id: &str) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE tenant_instances SET volume_id = ?2 WHERE org_id = ?1",
        params![org_id, volume_id],
    )?;
    Ok(())
}

pub fn mark_scrubbed(conn: &Connection, org_id: &str, now: i64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE tenant_instances SET scrubbed_at = ?2 WHERE org_id = ?1",
        params![org_id, now],
    )?;
    Ok(())
}

/// Pins a thin AMI for a region (a new history entry).
pub fn pin_ami(
    conn: &Connection,
    region: &str,
    ami_id: &str,
    notes: Option<&str>,
    now: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO thin_ami_pins (region, ami_id, promoted_by, promoted_at, notes) VALUES (?1, ?2, 'cp-admin', ?3, ?4)",
        params![region, ami_id, now, notes],
    )?;
    Ok(())
}

/// Pins a runtime image for a template in a region (a new history entry).
pub fn pin_image(
    conn: &Connection,
    template: &str,
    region: &str,
    image_digest: &str,
    git_sha: Option<&str>,
    notes: Option<&str>,
    now: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO runtime_image_pins (template_name, region, image_digest, git_sha, notes, promoted_by, promoted_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'cp-admin', ?6)",
        params![template, region, image_digest, git_sha, notes, now],
    )?;
    Ok(())
}

/// (ok, ssm_status, ssm_exit_code, healthz_ok, error) of one deploy.
pub type Deployed = (bool, String, Option<i32>, bool, Option<String>);

/// Applies (or plans) an image tag on one tenant; shared by redeploy and the fleet rollout.
pub fn deploy(
    conn: &Connection,
    state: &AppState,
    org: &OrgRow,
    tag: &str,
    dry_run: bool,
) -> rusqlite::Result<Deployed> {
    if dry_run {
        return Ok((true, "DryRun".into(), None, org.status == "running", None));
    }
    if org.status != "running" {
        return Ok((
            false,
            "Failed".into(),
            Some(1),
            false,
            Some(format!("tenant is {}, not running", org.status)),
        ));
    }
    let now = state.clock.now_ms();
    set_image_tag(conn, &org.id, tag)?;
    set_busy(conn, state, &org.id, "redeploying")?;
    add_boot_event(
        conn,
        &org.id,
        now,
        "redeploy",
        "info",
        &format!("pulling image {tag}"),
    )?;
    add_boot_event(
        conn,
        &org.id,
        now,
        "redeploy",
        "info",
        "containers restarted; /healthz ok",
    )?;
    Ok((true, "Success".into(), Some(0), true, None))
}
