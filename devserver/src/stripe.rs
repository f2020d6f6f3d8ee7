//! The simulated Stripe's signatures: `Stripe-Signature: t=<unix>,v1=<hex hmac-sha256("<t>.<body>")>`
//! (any `v1` entry may match, 300 s tolerance, constant-time), and the signed
//! `checkout.session.completed` event the hosted Checkout page delivers.

use crate::{crypto::random_token, error::ApiError, state::AppState, store::billing::plan};
use hmac::{Hmac, Mac};
use sha2::Sha256;

pub const WEBHOOK_TOLERANCE_SECS: i64 = 300;

/// `t=<unix>,v1=<hex>` for `body` signed with `secret` at `t`.
pub fn sign(secret: &str, t: i64, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(format!("{t}.").as_bytes());
    mac.update(body);
    format!("t={t},v1={}", hex::encode(mac.finalize().into_bytes()))
}

/// Verifies a `Stripe-Signature` header over the raw body at time `now` (Unix seconds).
pub fn verify(secret: &str, header: Option<&str>, body: &[u8], now: i64) -> Result<(), ApiError> {
    let invalid = || {
        ApiError::code(
            400,
            "INVALID_SIGNATURE",
            "webhook signature missing or invalid",
        )
    };
    let header = header.ok_or_else(invalid)?;
    let mut t = None;
    let mut sigs = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", v)) => t = v.parse::<i64>().ok(),
            Some(("v1", v)) => sigs.extend(hex::decode(v).ok()),
            _ => {}
        }
    }
    let t = t.ok_or_else(invalid)?;
    let matched = sigs.iter().any(|sig| {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
        mac.update(format!("{t}.").as_bytes());
        mac.update(body);
        mac.verify_slice(sig).is_ok()
    });
    if !matched {
        return Err(invalid());
    }
    if (now - t).abs() > WEBHOOK_TOLERANCE_SECS {
        return Err(ApiError::code(
            400,
            "SIGNATURE_EXPIRED",
            "webhook timestamp outside the tolerance",
        ));
    }
    Ok(())
}

/// Builds the signed `checkout.session.completed` event the simulated Checkout page delivers.
pub fn checkout_completed_event(
    state: &AppState,
    session_id: &str,
    org_id: &str,
    plan_id: &str,
) -> (Vec<u8>, String) {
    let now = state.clock.now_secs();
    let price = plan(plan_id).map(|p| p.monthly_price_cents).unwrap_or(0);
    let event = serde_json::json!({
        "id": format!("evt_{}", random_token(12).replace(['-', '_'], "x")),
        "object": "event",
        "type": "checkout.session.completed",
        "created": now,
        "livemode": false,
        "api_version": "2024-06-20",
        "data": { "object": {
            "id": session_id,
            "object": "checkout.session",
            "client_reference_id": org_id,
            "customer": format!("cus_{}", &org_id[..8]),
            "amount_total": price,
            "currency": "usd",
            "metadata": { "plan": plan_id, "org_id": org_id },
        }},
    });
    let body = serde_json::to_vec(&event).unwrap_or_default();
    let header = sign(state.webhook_secret(), now, &body);
    (body, header)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_rules() {
        let body = br#"{"id":"evt_1"}"#;
        let now = 1_800_000_000;
        let good = sign("whsec_x", now, body);
        assert!(verify("whsec_x", Some(&good), body, now).is_ok());
        assert!(verify("whsec_x", Some(&good), body, now + 299).is_ok());
        assert_eq!(
            verify("whsec_x", Some(&good), body, now + 301)
                .unwrap_err()
                .status,
            400
        );
        assert_eq!(
            verify("whsec_x", Some(&good), body, now - 301)
                .unwrap_err()
                .status,
            400
        );
        assert!(verify("whsec_y", Some(&good), body, now).is_err());
        assert!(verify("whsec_x", Some(&good), br#"{"id":"evt_2"}"#, now).is_err());
        assert!(verify("whsec_x", None, body, now).is_err());
        let v0_only = good.replace("v1=", "v0=");
        assert!(verify("whsec_x", Some(&v0_only), body, now).is_err());
        // Rotation: a second v1 entry that is valid is enough.
        let sig = good.split_once(",v1=").unwrap().1;
        let rotated = format!("t={now},v1={},v1={sig}", "00".repeat(32));
        assert!(verify("whsec_x", Some(&rotated), body, now).is_ok());
    }
}
