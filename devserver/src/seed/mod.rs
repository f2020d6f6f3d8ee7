//! `--seed demo`: a deterministic demo dataset, loaded only into an empty database.
//!
//! Users (sign in by picking them on the hosted sign-in page):
//! - `user_ada`   ada@example.com   Ada Lovelace   terms accepted; owner of every demo org but hopper-lab
//! - `user_grace` grace@example.com Grace Hopper   terms accepted; admin of acme, owner of hopper-lab
//! - `user_linus` linus@example.com Linus Torvalds terms NOT accepted (exercises the terms gate); viewer of acme
//!
//! Orgs: acme (running, starter, invoices, payment method), hopper-lab (running, free),
//! beta-labs (provisioning, starts at seed time), gamma-co (awaiting_payment, starter),
//! fail-demo (failed), delta-inc (suspended, pro, open invoice).
//! Invitations to acme: pending for new@example.com (token [`PENDING_INVITE_TOKEN`]), expired for
//! old@example.com (token [`EXPIRED_INVITE_TOKEN`]), pending for linus@example.com to hopper-lab.

mod ids;
mod orgs;
pub mod scale;
mod tenants;

pub use ids::*;

use crate::{clock::Clock, db::Db};

/// Seeds when the database holds no user yet. Returns whether it seeded.
pub fn seed_if_empty(db: &Db, clock: &Clock) -> Result<bool, String> {
    seed_with(db, clock, false)
}

/// `--seed scale`: as [`seed_if_empty`], and the lists at scale on top ([`scale`]), in the
/// same transaction.
pub fn seed_scale_if_empty(db: &Db, clock: &Clock) -> Result<bool, String> {
    seed_with(db, clock, true)
}

fn seed_with(db: &Db, clock: &Clock, at_scale: bool) -> Result<bool, String> {
    let started = std::time::Instant::now();
    let mut conn = db.lock();
    let users = crate::store::users::count(&conn).map_err(|e| e.to_string())?;
    if users > 0 {
        return Ok(false);
    }
    let tx = conn.transaction().map_err(|e| e.to_string())?;
    let now = clock.now_ms();
    orgs::seed(&tx, now)
        .and_then(|()| tenants::seed(&tx, now))
        .and_then(|()| {
            if at_scale {
                scale::seed(&tx, now)
            } else {
                Ok(())
            }
        })
        .map_err(|e| format!("seeding failed: {e}"))?;
    tx.commit().map_err(|e| e.to_string())?;
    let took = started.elapsed().as_millis();
    if at_scale {
        tracing::info!(took_ms = took, "seeded the demo dataset at scale");
    } else {
        tracing::info!(took_ms = took, "seeded the demo dataset");
    }
    Ok(true)
}
