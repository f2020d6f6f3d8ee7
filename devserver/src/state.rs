//! Shared state of every handler.

use crate::{clock::Clock, config::Config, db::Db, faults::Fault, store::settings};
use std::{
    collections::HashMap,
    ops::Deref,
    sync::{
        Arc, Mutex, RwLock,
        atomic::{AtomicU16, Ordering},
    },
};

/// Most keys the rate limiter holds: expired windows are pruned first, then the oldest windows
/// go (an unauthenticated client choosing keys cannot grow memory without bound).
pub const LIMITER_MAX_KEYS: usize = 2048;

/// Cheap to clone; everything lives behind one `Arc`.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    pub config: Config,
    pub db: Db,
    pub clock: Clock,
    faults: RwLock<Vec<Fault>>,
    port: AtomicU16,
    /// Signing secret of the (simulated) Stripe webhooks: the configured one, else the one kept
    /// in this database's `settings` (generated on first start).
    webhook_secret: String,
    /// Per-key request counters for the small rate limits (key -> (window start s, count,
    /// window s)); bounded by [`LIMITER_MAX_KEYS`].
    limits: Mutex<HashMap<String, (i64, u32, i64)>>,
}

impl Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    pub fn new(config: Config, db: Db) -> AppState {
        let clock = Clock::new(config.clock_speed);
        let faults = RwLock::new(config.faults.clone());
        let port = AtomicU16::new(config.port);
        let webhook_secret = if config.stripe_webhook_secret.is_empty() {
            stored_webhook_secret(&db)
        } else {
            config.stripe_webhook_secret.clone()
        };
        AppState(Arc::new(Inner {
            webhook_secret,
            config,
            db,
            clock,
            faults,
            port,
            limits: Mutex::new(HashMap::new()),
        }))
    }

    /// An in-memory state for tests (port 8080 unless the config says otherwise).
    pub fn for_tests(config: Config) -> AppState {
        AppState::new(config, Db::memory())
    }

    /// The Stripe webhook signing secret (see [`Inner::webhook_secret`]).
    pub fn webhook_secret(&self) -> &str {
        &self.webhook_secret
    }

    /// The public port (the bound one once listening).
    pub fn port(&self) -> u16 {
        self.port.load(Ordering::Relaxed)
    }

    pub fn set_port(&self, port: u16) {
        self.port.store(port, Ordering::Relaxed);
    }

    /// Replaces the fault rules at run time.
    pub fn set_faults(&self, faults: Vec<Fault>) {
        *self.faults.write().unwrap_or_else(|p| p.into_inner()) = faults;
    }

    pub fn faults(&self) -> Vec<Fault> {
        self.faults
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// `http://app.localhost:<port>`: console and hosted pages.
    pub fn app_origin(&self) -> String {
        format!("http://app.localhost:{}", self.port())
    }

    /// `http://api.localhost:<port>`: the control plane.
    pub fn api_origin(&self) -> String {
        format!("http://api.localhost:{}", self.port())
    }

    /// `http://<slug>.localhost:<port>`: an org's tenant host.
    pub fn tenant_origin(&self, slug: &str) -> String {
        format!("http://{slug}.localhost:{}", self.port())
    }

    /// Fixed-window limiter that also reports the window: `(allowed, remaining, reset_secs)`.
    pub fn rate_window(&self, key: &str, max: u32, window: i64) -> (bool, u32, i64) {
        let now = self.clock.now_secs();
        let mut limits = self.limits.lock().unwrap_or_else(|p| p.into_inner());
        if !limits.contains_key(key) && limits.len() >= LIMITER_MAX_KEYS {
            limits.retain(|_, (start, _, w)| now - *start < *w);
            while limits.len() >= LIMITER_MAX_KEYS {
                let Some(oldest) = limits
                    .iter()
                    .min_by_key(|(_, (start, _, _))| *start)
                    .map(|(k, _)| k.clone())
                else {
                    break;
                };
                limits.remove(&oldest);
            }
        }
        let entry = limits.entry(key.to_string()).or_insert((now, 0, window));
        if now - entry.0 >= window {
            *entry = (now, 0, window);
        }
        let reset = (entry.0 + window - now).max(1);
        if entry.1 >= max {
            return (false, 0, reset);
        }
        entry.1 += 1;
        (true, max - entry.1, reset)
    }

    /// Fixed-window limiter: `Err(retry_after_secs)` once `max` hits happened in `window` s.
    pub fn rate_limit(&self, key: &str, max: u32, window: i64) -> Result<(), i64> {
        match self.rate_window(key, max, window) {
            (true, _, _) => Ok(()),
            (false, _, reset) => Err(reset),
        }
    }

    /// How many keys the rate limiter holds (tests check it stays bounded).
    pub fn limiter_keys(&self) -> usize {
        self.limits.lock().unwrap_or_else(|p| p.into_inner()).len()
    }
}

/// Name of the `settings` row that keeps the generated webhook signing secret.
pub const WEBHOOK_SECRET_SETTING: &str = "stripe_webhook_secret";

/// The database's webhook signing secret, generated (`whsec_` + 32 random bytes) on first use.
fn stored_webhook_secret(db: &Db) -> String {
    let conn = db.lock();
    let found = settings::get(&conn, WEBHOOK_SECRET_SETTING).ok().flatten();
    if let Some(secret) = found.filter(|s| !s.is_empty()) {
        return secret;
    }
    let secret = format!("whsec_{}", crate::crypto::random_token(32));
    if let Err(e) = settings::put(&conn, WEBHOOK_SECRET_SETTING, &secret) {
        tracing::warn!(error = %e, "cannot keep the webhook secret; it lasts until restart");
    }
    secret
}
