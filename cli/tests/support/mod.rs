//! Runs the `molecule` binary against a seeded devserver in this process, with a profile file
//! of the test's own and no credential from the caller's environment.
#![allow(dead_code)] // each test file uses a part

use molecule_devserver::{Config, Running, start};
use std::time::Instant;

pub const ORG_KEY: &str = molecule_devserver::seed::DEV_ACME_ORG_KEY;
pub const WS_TOKEN: &str = molecule_devserver::seed::DEV_ACME_WORKSPACE_TOKEN;
pub const ACME_ID: &str = molecule_devserver::seed::ACME_ID;
pub const WS_LEAD: &str = molecule_devserver::seed::WS_LEAD;
pub const CP_TOKEN: &str = "dev-cp-admin-token";

/// Exit codes (cli/README.md).
pub const USAGE: i32 = 2;
pub const AUTH: i32 = 3;
pub const NOT_FOUND: i32 = 4;
pub const CONFLICT: i32 = 5;
pub const VALIDATION: i32 = 6;
pub const SERVER: i32 = 7;

/// What a run printed and how it ended.
#[derive(Debug)]
pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Out {
    /// Stdout as JSON (panics with the output when it is not).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {self:?}"))
    }
}

/// A devserver and a home for the CLI's profile file.
pub struct Platform {
    pub server: Option<Running>,
    pub dir: tempfile::TempDir,
    pub base_url: String,
}

impl Platform {
    pub async fn start() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let server = start(Config {
            port: 0,
            db: dir.path().join("dev.db"),
            seed: true,
            dist: None,
            ..Config::default()
        })
        .await
        .expect("devserver starts");
        let base_url = format!("http://api.localhost:{}", server.addr.port());
        Self {
            server: Some(server),
            dir,
            base_url,
        }
    }

    pub fn config_path(&self) -> std::path::PathBuf {
        self.dir.path().join("profiles.toml")
    }

    /// `molecule <args>` with `env` on top of a clean environment.
    pub async fn run(&self, env: &[(&str, &str)], args: &[&str]) -> Out {
        let started = Instant::now();
        let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_molecule"));
        cmd.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("MOLECULE_CONFIG", self.config_path())
            .env("MOLECULE_BASE_URL", &self.base_url)
            .stdin(std::process::Stdio::null())
            .args(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().await.expect("molecule runs");
        let out = Out {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        assert!(
            started.elapsed().as_secs() < 20,
            "molecule {args:?} took {:?}",
            started.elapsed()
        );
        out
    }

    /// Like [`Platform::run`], asserting success.
    pub async fn ok(&self, env: &[(&str, &str)], args: &[&str]) -> Out {
        let out = self.run(env, args).await;
        assert_eq!(out.code, 0, "molecule {args:?} failed: {out:?}");
        out
    }

    /// Like [`Platform::run`], asserting the exit code and that stderr names `code`.
    pub async fn fails(&self, env: &[(&str, &str)], args: &[&str], exit: i32, code: &str) -> Out {
        let out = self.run(env, args).await;
        assert_eq!(out.code, exit, "molecule {args:?}: {out:?}");
        assert!(
            out.stderr.contains(code),
            "molecule {args:?}: no {code}: {out:?}"
        );
        assert!(
            out.stdout.is_empty(),
            "a failure printed on stdout: {out:?}"
        );
        out
    }

    pub async fn stop(mut self) {
        if let Some(s) = self.server.take() {
            s.shutdown().await;
        }
    }
}

/// Asserts that no output of a run contains `secret`.
pub fn never_shows(out: &Out, secret: &str) {
    assert!(
        !out.stdout.contains(secret) && !out.stderr.contains(secret),
        "a credential was printed: {out:?}"
    );
}
