//! molecule-devserver: the local Molecule platform (control plane on SQLite, hosted AuthKit and
//! Stripe simulations, the console SPA, and the tenant-host skeleton part 2 fills in).
//!
//! See `devserver/README.md` for hosts, sign-in, demo data and fault injection.

pub mod assets;
pub mod auth;
pub mod clock;
pub mod config;
pub mod contract;
pub mod db;
pub mod error;
pub mod faults;
pub mod hosts;
pub mod pages;
pub mod routes;
pub mod seed;
pub mod state;

pub use config::Config;
pub use hosts::app;
pub use state::AppState;

use std::{net::SocketAddr, time::Duration};
use tokio::{sync::oneshot, task::JoinHandle};

/// A devserver listening on loopback.
pub struct Running {
    pub addr: SocketAddr,
    pub state: AppState,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<std::io::Result<()>>,
}

impl Running {
    /// Graceful stop: no new connections, in-flight requests finish (up to 10 s), the WAL is
    /// checkpointed into the database file.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match tokio::time::timeout(Duration::from_secs(10), &mut self.task).await {
            Ok(Ok(Err(e))) => tracing::warn!(error = %e, "server ended with an error"),
            Ok(_) => {}
            Err(_) => {
                tracing::warn!("in-flight requests did not finish within 10 s; aborting");
                self.task.abort();
            }
        }
        self.state.db.checkpoint();
        tracing::info!("devserver stopped");
    }
}

/// Opens and migrates the database, seeds it if asked and empty, binds `127.0.0.1:port` and
/// serves in the background.
pub async fn start(config: Config) -> Result<Running, String> {
    if let Some(dist) = &config.dist
        && !dist.join("index.html").is_file()
    {
        tracing::warn!(dist = %dist.display(), "no index.html in the console directory (run `trunk build`)");
    }
    let db = db::Db::open(&config.db)?;
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", config.port))
        .await
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AddrInUse => format!(
                "port {} is already in use (pick another with --port, or 0 for any free port)",
                config.port
            ),
            _ => format!("cannot listen on 127.0.0.1:{}: {e}", config.port),
        })?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let seed = config.seed;
    let state = AppState::new(config, db);
    state.set_port(addr.port());
    if seed {
        seed::seed_if_empty(&state.db, &state.clock)?;
    }
    let (stop, stopped) = oneshot::channel::<()>();
    let router = app(state.clone());
    let task = tokio::spawn(async move {
        axum::serve(listener, router)
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await
    });
    tracing::info!(%addr, "devserver listening");
    Ok(Running {
        addr,
        state,
        stop: Some(stop),
        task,
    })
}
