//! Through a real socket: startup errors, persistence across restart, graceful shutdown and
//! dropped connections.

mod common;

use molecule_devserver::{Config, contract::contract, faults, start};
use std::{
    io::{Read, Write},
    net::TcpStream,
};

fn http_get(addr: std::net::SocketAddr, host: &str, path: &str) -> std::io::Result<String> {
    let mut s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(std::time::Duration::from_secs(5)))?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n",
        port = addr.port()
    )?;
    let mut out = String::new();
    s.read_to_string(&mut out)?;
    Ok(out)
}

fn temp_db() -> std::path::PathBuf {
    std::env::temp_dir().join(format!(
        "molecule-devserver-test-{}.sqlite",
        uuid::Uuid::new_v4()
    ))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn state_survives_restart() {
    let db = temp_db();
    let config = Config {
        port: 0,
        db: db.clone(),
        seed: true,
        dist: None,
        ..Config::default()
    };
    let running = start(config.clone()).await.unwrap();
    let addr = running.addr;
    let body = tokio::task::spawn_blocking(move || http_get(addr, "127.0.0.1", "/api/v1/plans"))
        .await
        .unwrap()
        .unwrap();
    assert!(
        body.starts_with("HTTP/1.1 200") && body.contains("\"starter\""),
        "{body}"
    );
    let json = body.split("\r\n\r\n").nth(1).unwrap();
    contract()
        .check("GET", "/api/v1/plans", 200, json.as_bytes())
        .unwrap();
    // Change something, then stop.
    running
        .state
        .db
        .lock()
        .execute(
            "UPDATE orgs SET name = 'Acme Persisted' WHERE slug = 'acme'",
            [],
        )
        .unwrap();
    running.shutdown().await;
    // Port is free again and the data is still there (seeding does not run twice).
    let running = start(Config {
        seed: true,
        ..config
    })
    .await
    .unwrap();
    let name: String = running
        .state
        .db
        .lock()
        .query_row("SELECT name FROM orgs WHERE slug = 'acme'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(name, "Acme Persisted");
    let addr = running.addr;
    let body = tokio::task::spawn_blocking(move || {
        http_get(addr, "127.0.0.1", "/api/v1/orgs/acme/instance")
    })
    .await
    .unwrap()
    .unwrap();
    assert!(body.contains("\"slug\":\"acme\""), "{body}");
    running.shutdown().await;
    let _ = std::fs::remove_file(&db);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn startup_errors_are_clear() {
    let db = temp_db();
    let running = start(Config {
        port: 0,
        db: db.clone(),
        dist: None,
        ..Config::default()
    })
    .await
    .unwrap();
    let err = start(Config {
        port: running.addr.port(),
        db: temp_db(),
        dist: None,
        ..Config::default()
    })
    .await
    .err()
    .expect("port busy");
    assert!(err.contains("already in use"), "{err}");
    running.shutdown().await;
    let err = start(Config {
        port: 0,
        db: "/nonexistent-dir/x/db.sqlite".into(),
        dist: None,
        ..Config::default()
    })
    .await
    .err()
    .expect("bad db path");
    assert!(err.contains("database"), "{err}");
    let _ = std::fs::remove_file(&db);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faults_latency_status_and_drop() {
    let db = temp_db();
    let running = start(Config {
        port: 0,
        db: db.clone(),
        dist: None,
        ..Config::default()
    })
    .await
    .unwrap();
    let addr = running.addr;
    running.state.set_faults(
        faults::parse("GET /api/v1/plans=503,GET /cp/plans=drop,GET /api/v1/templates=latency:300")
            .unwrap(),
    );
    let body = tokio::task::spawn_blocking(move || http_get(addr, "127.0.0.1", "/api/v1/plans"))
        .await
        .unwrap()
        .unwrap();
    assert!(body.starts_with("HTTP/1.1 503"), "{body}");
    let dropped = tokio::task::spawn_blocking(move || http_get(addr, "127.0.0.1", "/cp/plans"))
        .await
        .unwrap();
    assert!(
        dropped.map(|b| b.is_empty()).unwrap_or(true),
        "connection closed without an answer"
    );
    let started = std::time::Instant::now();
    let body =
        tokio::task::spawn_blocking(move || http_get(addr, "127.0.0.1", "/api/v1/templates"))
            .await
            .unwrap()
            .unwrap();
    assert!(
        started.elapsed().as_millis() >= 300 && body.starts_with("HTTP/1.1 401"),
        "{body}"
    );
    running.state.set_faults(vec![]);
    let body = tokio::task::spawn_blocking(move || http_get(addr, "127.0.0.1", "/api/v1/plans"))
        .await
        .unwrap()
        .unwrap();
    assert!(body.starts_with("HTTP/1.1 200"));
    running.shutdown().await;
    let _ = std::fs::remove_file(&db);
}

/// Finding 8: a connection that never finishes its headers, or sits idle after a request, is
/// closed after the header-read timeout; connections beyond the cap wait for a free slot.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_and_idle_connections_are_closed() {
    let db = temp_db();
    let running = start(Config {
        port: 0,
        db: db.clone(),
        seed: false,
        dist: None,
        header_read_timeout: std::time::Duration::from_secs(1),
        max_connections: 1,
        ..Config::default()
    })
    .await
    .unwrap();
    let addr = running.addr;
    let port = addr.port();
    let outcome = tokio::task::spawn_blocking(move || {
        let started = std::time::Instant::now();
        // Slow headers: half a request, then nothing.
        let mut slow = TcpStream::connect(addr).unwrap();
        slow.set_read_timeout(Some(std::time::Duration::from_secs(8)))
            .unwrap();
        write!(
            slow,
            "GET /api/v1/plans HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        )
        .unwrap();
        // With one connection allowed, a second client is served only once the slow one is gone.
        let second = std::thread::spawn(move || {
            let t = std::time::Instant::now();
            let body = http_get(addr, "127.0.0.1", "/api/v1/plans").unwrap();
            (t.elapsed(), body)
        });
        let mut buf = Vec::new();
        let closed = slow.read_to_end(&mut buf).is_ok();
        let slow_closed_after = started.elapsed();
        let (waited, body) = second.join().unwrap();
        // Idle keep-alive: a complete request, then silence.
        let mut idle = TcpStream::connect(addr).unwrap();
        idle.set_read_timeout(Some(std::time::Duration::from_secs(8)))
            .unwrap();
        write!(
            idle,
            "GET /api/v1/plans HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
        )
        .unwrap();
        let t = std::time::Instant::now();
        let mut all = Vec::new();
        let idle_closed = idle.read_to_end(&mut all).is_ok();
        (
            closed,
            slow_closed_after,
            waited,
            body,
            idle_closed,
            t.elapsed(),
            String::from_utf8_lossy(&all).to_string(),
        )
    })
    .await
    .unwrap();
    let (closed, slow_after, waited, body, idle_closed, idle_after, idle_body) = outcome;
    assert!(closed, "the slow connection was closed by the server");
    assert!(
        slow_after.as_secs_f64() < 4.0,
        "closed after {slow_after:?}"
    );
    assert!(body.starts_with("HTTP/1.1 200"), "{body}");
    assert!(
        waited.as_secs_f64() >= 0.5,
        "the second client waited for the slot ({waited:?})"
    );
    assert!(idle_closed && idle_body.starts_with("HTTP/1.1 200"));
    assert!(
        idle_after.as_secs_f64() < 4.0,
        "idle closed after {idle_after:?}"
    );
    running.shutdown().await;
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
}
