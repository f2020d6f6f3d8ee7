//! Time source: wall clock plus an offset tests can advance, and the simulated provisioning
//! clock (`Config.clock_speed` simulated seconds per real second).

use std::sync::{
    Arc,
    atomic::{AtomicI64, Ordering},
};

#[derive(Clone, Debug)]
pub struct Clock {
    offset_ms: Arc<AtomicI64>,
    speed: f64,
}

impl Clock {
    pub fn new(speed: f64) -> Clock {
        Clock {
            offset_ms: Arc::new(AtomicI64::new(0)),
            speed: if speed > 0.0 { speed } else { 1.0 },
        }
    }

    /// Now in Unix milliseconds.
    pub fn now_ms(&self) -> i64 {
        chrono::Utc::now().timestamp_millis() + self.offset_ms.load(Ordering::Relaxed)
    }

    /// Now in Unix seconds.
    pub fn now_secs(&self) -> i64 {
        self.now_ms().div_euclid(1000)
    }

    /// Moves time forward (tests).
    pub fn advance(&self, secs: i64) {
        self.offset_ms.fetch_add(secs * 1000, Ordering::Relaxed);
    }

    /// Simulated seconds per real second.
    pub fn speed(&self) -> f64 {
        self.speed
    }

    /// Simulated seconds elapsed since `since_ms`.
    pub fn simulated_secs_since(&self, since_ms: i64) -> f64 {
        ((self.now_ms() - since_ms).max(0) as f64 / 1000.0) * self.speed
    }
}

/// Unix milliseconds as an RFC 3339 timestamp (second precision, `Z`), parsed into whatever
/// the SDK uses for `format: date-time` (a `String` or a chrono `DateTime`).
pub fn ts<T: std::str::FromStr>(ms: i64) -> T {
    let text = chrono::DateTime::from_timestamp(ms.div_euclid(1000), 0)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    match text.parse() {
        Ok(v) => v,
        Err(_) => unreachable!("RFC 3339 timestamps parse"),
    }
}
