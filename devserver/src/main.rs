//! `cargo run -p molecule-devserver -- --port 8080 --db dev.sqlite [--seed demo] [--dist dist/]`

use molecule_devserver::{Config, config::USAGE, start};

#[tokio::main]
async fn main() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("MOLECULE_LOG")
        .unwrap_or_else(|_| "info".into());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    if std::env::var("MOLECULE_LOG_FORMAT").as_deref() == Ok("json") {
        builder.json().init();
    } else {
        builder.init();
    }
    let config = match Config::from_args(std::env::args().skip(1)) {
        Ok(c) => c,
        Err(e) if e == USAGE => {
            println!("{USAGE}");
            return;
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    let running = match start(config).await {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    let port = running.addr.port();
    println!("Molecule devserver ready:");
    println!("  console        http://app.localhost:{port}/");
    println!(
        "  control plane  http://api.localhost:{port}/api/v1  (also http://127.0.0.1:{port}/api/v1)"
    );
    println!("  tenants        http://<slug>.localhost:{port}/");
    println!(
        "  stripe webhook http://api.localhost:{port}/api/v1/webhooks/stripe  (signing secret: {})",
        if running.state.config.stripe_webhook_secret.is_empty() {
            format!(
                "generated for this database; read it with  sqlite3 {} \"SELECT value FROM settings WHERE name = '{}'\"  or set --webhook-secret / MOLECULE_DEV_WEBHOOK_SECRET",
                running.state.config.db.display(),
                molecule_devserver::state::WEBHOOK_SECRET_SETTING
            )
        } else {
            "the one given by --webhook-secret / MOLECULE_DEV_WEBHOOK_SECRET".to_string()
        }
    );
    wait_for_signal().await;
    tracing::info!("shutting down");
    running.shutdown().await;
}

async fn wait_for_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("SIGTERM handler");
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}
