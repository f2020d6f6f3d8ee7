//! molecule-devserver: the local Molecule platform (control plane, operator tier and tenant hosts
//! on SQLite, hosted AuthKit and Stripe simulations, the console SPA).
//!
//! Layering: `routes/` (handlers) and `pages.rs` call `store/` (rows and SQL) and share `api.rs`
//! (extractors, JSON answers) and `auth.rs` (credentials); the store knows nothing of routes.
//!
//! See `devserver/README.md` for hosts, sign-in, demo data and fault injection.

pub mod api;
pub mod assets;
pub mod auth;
pub mod clock;
pub mod config;
pub mod contract;
pub mod crypto;
pub mod db;
pub mod error;
pub mod faults;
pub mod hosts;
pub mod layers;
pub mod pages;
pub mod routes;
pub mod seed;
pub mod state;
pub mod store;
pub mod stripe;

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

/// Connection limits of the listener.
#[derive(Debug, Clone, Copy)]
pub struct ServeLimits {
    /// A connection must deliver a request's complete headers within this time, whether it is
    /// new or idle between keep-alive requests; otherwise it is closed (slow-header clients,
    /// idle sockets).
    pub header_read_timeout: Duration,
    /// Most connections open at once; further clients wait in the accept backlog.
    pub max_connections: usize,
}

/// HTTP/1.1 server loop (hyper directly, not `axum::serve`, which sets no header-read timeout):
/// header-read/idle timeout, a connection cap, graceful shutdown once `stop` resolves.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: axum::Router,
    limits: ServeLimits,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use hyper_util::{
        rt::{TokioIo, TokioTimer},
        server::graceful::GracefulShutdown,
        service::TowerToHyperService,
    };
    let graceful = GracefulShutdown::new();
    let permits = std::sync::Arc::new(tokio::sync::Semaphore::new(limits.max_connections.max(1)));
    tokio::pin!(stop);
    loop {
        let permit = tokio::select! {
            p = permits.clone().acquire_owned() => match p {
                Ok(p) => p,
                Err(_) => break,
            },
            _ = &mut stop => break,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors and the like: back off instead of spinning.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut stop => break,
        };
        let _ = stream.set_nodelay(true);
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(limits.header_read_timeout)
            .keep_alive(true);
        let conn = builder.serve_connection(
            TokioIo::new(stream),
            TowerToHyperService::new(router.clone()),
        );
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            let _ = conn.await;
            drop(permit);
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
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
    let (seed, at_scale) = (config.seed, config.seed_scale);
    let state = AppState::new(config, db);
    state.set_port(addr.port());
    if at_scale {
        seed::seed_scale_if_empty(&state.db, &state.clock)?;
    } else if seed {
        seed::seed_if_empty(&state.db, &state.clock)?;
    }
    let (stop, stopped) = oneshot::channel::<()>();
    let router = app(state.clone());
    let limits = ServeLimits {
        header_read_timeout: state.config.header_read_timeout,
        max_connections: state.config.max_connections,
    };
    let task = tokio::spawn(serve(listener, router, limits, async {
        let _ = stopped.await;
    }));
    tracing::info!(%addr, "devserver listening");
    Ok(Running {
        addr,
        state,
        stop: Some(stop),
        task,
    })
}
