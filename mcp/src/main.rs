//! `molecule-mcp`: the management MCP server over stdio. Configured by environment variables
//! (see `config.rs` and `mcp/README.md`); logs nothing on stdout, which carries the protocol.

mod config;
mod server;

use rmcp::ServiceExt;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let config = match config::from(|k| std::env::var(k).ok()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("molecule-mcp: {e}");
            std::process::exit(2);
        }
    };
    let server = match server::Server::new(config) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("molecule-mcp: {e}");
            std::process::exit(2);
        }
    };
    eprintln!("molecule-mcp: {} tools", server.names().len());
    let running = match server.serve(rmcp::transport::stdio()).await {
        Ok(r) => r,
        Err(e) => {
            eprintln!("molecule-mcp: {e}");
            std::process::exit(1);
        }
    };
    if let Err(e) = running.waiting().await {
        eprintln!("molecule-mcp: {e}");
        std::process::exit(1);
    }
}
