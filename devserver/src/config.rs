//! Devserver configuration (command line and defaults).

use std::path::PathBuf;

/// Everything the devserver needs to start.
#[derive(Debug, Clone)]
pub struct Config {
    /// Loopback port; 0 picks a free one.
    pub port: u16,
    /// SQLite database file (created if missing).
    pub db: PathBuf,
    /// Load the demo dataset into an empty database.
    pub seed: bool,
    /// With `seed`: add the lists at scale (`--seed scale`, see `seed::scale`).
    pub seed_scale: bool,
    /// Built console to serve (trunk's `dist/`); `None` serves only the APIs.
    pub dist: Option<PathBuf>,
    /// `Authorization: Bearer` token of the operator tier.
    pub cp_admin_token: String,
    /// Bearer of the provisioning tier (tenant -> control plane).
    pub provision_secret: String,
    /// Signing secret of the simulated Stripe webhooks (`--webhook-secret` /
    /// `MOLECULE_DEV_WEBHOOK_SECRET`); empty = a random one generated once per database and kept
    /// in its `settings` table (see [`crate::AppState::webhook_secret`]).
    pub stripe_webhook_secret: String,
    /// Simulated seconds that pass per real second for provisioning (higher is faster).
    pub clock_speed: f64,
    /// Fault injection rules, off unless given (`--faults` / `MOLECULE_DEV_FAULTS`).
    pub faults: Vec<crate::faults::Fault>,
    /// Tenant API requests per org per minute (the real tenant's default is 600).
    pub tenant_rate_limit: u32,
    /// Time a connection has to send a request's complete headers (new or idle keep-alive).
    pub header_read_timeout: std::time::Duration,
    /// Most connections served at once.
    pub max_connections: usize,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            port: 8080,
            db: PathBuf::from("molecule-dev.sqlite"),
            seed: false,
            seed_scale: false,
            dist: None,
            cp_admin_token: "dev-cp-admin-token".into(),
            provision_secret: "dev-provision-secret".into(),
            stripe_webhook_secret: String::new(),
            clock_speed: 1.0,
            faults: Vec::new(),
            tenant_rate_limit: 600,
            header_read_timeout: std::time::Duration::from_secs(10),
            max_connections: 512,
        }
    }
}

impl Config {
    /// Parses `--port N --db PATH --seed demo --dist DIR --clock-speed X --faults SPEC`.
    pub fn from_args(args: impl IntoIterator<Item = String>) -> Result<Config, String> {
        let mut c = Config {
            dist: Some(PathBuf::from("dist")),
            ..Config::default()
        };
        let mut it = args.into_iter();
        while let Some(flag) = it.next() {
            let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
            match flag.as_str() {
                "--port" => {
                    c.port = value("--port")?
                        .parse()
                        .map_err(|_| "--port must be a number 0-65535")?
                }
                "--db" => c.db = PathBuf::from(value("--db")?),
                "--seed" => match value("--seed")?.as_str() {
                    "demo" => c.seed = true,
                    "scale" => (c.seed, c.seed_scale) = (true, true),
                    other => return Err(format!("unknown seed {other:?} (known: demo, scale)")),
                },
                "--dist" => c.dist = Some(PathBuf::from(value("--dist")?)),
                "--no-dist" => c.dist = None,
                "--clock-speed" => {
                    c.clock_speed = value("--clock-speed")?
                        .parse()
                        .map_err(|_| "--clock-speed must be a number")?;
                    if c.clock_speed.is_nan() || c.clock_speed <= 0.0 {
                        return Err("--clock-speed must be positive".into());
                    }
                }
                "--faults" => c.faults = crate::faults::parse(&value("--faults")?)?,
                "--rate-limit" => {
                    c.tenant_rate_limit = value("--rate-limit")?
                        .parse()
                        .map_err(|_| "--rate-limit must be a positive number")?;
                    if c.tenant_rate_limit == 0 {
                        return Err("--rate-limit must be a positive number".into());
                    }
                }
                "--cp-admin-token" => c.cp_admin_token = value("--cp-admin-token")?,
                "--provision-secret" => c.provision_secret = value("--provision-secret")?,
                "--webhook-secret" => {
                    c.stripe_webhook_secret = value("--webhook-secret")?;
                    if c.stripe_webhook_secret.trim().is_empty() {
                        return Err("--webhook-secret must not be empty".into());
                    }
                }
                "-h" | "--help" => return Err(USAGE.to_string()),
                other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
            }
        }
        if c.stripe_webhook_secret.is_empty()
            && let Ok(secret) = std::env::var("MOLECULE_DEV_WEBHOOK_SECRET")
            && !secret.trim().is_empty()
        {
            c.stripe_webhook_secret = secret;
        }
        if let Ok(spec) = std::env::var("MOLECULE_DEV_FAULTS") {
            c.faults.extend(crate::faults::parse(&spec)?);
        }
        Ok(c)
    }
}

pub const USAGE: &str = "usage: molecule-devserver [--port 8080] [--db molecule-dev.sqlite] [--seed demo|scale] [--dist dist/ | --no-dist]
                          [--clock-speed 1.0] [--faults 'GET /api/v1/orgs=503,POST /api/v1/orgs=latency:800']
                          [--rate-limit 600]
                          [--cp-admin-token T] [--provision-secret S] [--webhook-secret whsec_...]";
