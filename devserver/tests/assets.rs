//! Delivery of the console build, over a real socket: precompressed variants by
//! `Accept-Encoding`, immutable caching for hashed files, `ETag` revalidation for the page, and
//! compressed API answers above a size threshold.

use molecule_devserver::{Config, start};
use std::{
    io::{Read, Write},
    net::TcpStream,
};

/// A raw HTTP/1.1 exchange; returns (head, body bytes).
fn get(addr: std::net::SocketAddr, path: &str, headers: &[(&str, &str)]) -> (String, Vec<u8>) {
    on("app", addr, path, headers)
}

fn on(
    host: &str,
    addr: std::net::SocketAddr,
    path: &str,
    headers: &[(&str, &str)],
) -> (String, Vec<u8>) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(5)))
        .unwrap();
    let mut req = format!(
        "GET {path} HTTP/1.1\r\nHost: {host}.localhost:{}\r\nConnection: close\r\n",
        addr.port()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).unwrap();
    let split = out.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&out[..split]).to_string();
    (head, out[split + 4..].to_vec())
}

fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

fn status(head: &str) -> &str {
    head.split(' ').nth(1).unwrap_or_default()
}

/// A build directory like trunk's: a hashed package with precompressed variants, an unhashed
/// icon and the page.
fn build_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("molecule-dist-{}", uuid::Uuid::new_v4()));
    let pkg = dir.join("pkg-0123456789abcdef");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("app.js"), "console.log('identity');").unwrap();
    std::fs::write(pkg.join("app.js.gz"), "GZIP-BYTES").unwrap();
    std::fs::write(pkg.join("app.js.br"), "BROTLI-BYTES").unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>console</title>",
    )
    .unwrap();
    std::fs::write(dir.join("favicon.svg"), "<svg/>").unwrap();
    dir
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_is_delivered_compressed_and_cacheable() {
    let dist = build_dir();
    let db = dist.with_extension("sqlite");
    let running = start(Config {
        port: 0,
        db: db.clone(),
        dist: Some(dist.clone()),
        seed: true,
        ..Config::default()
    })
    .await
    .unwrap();
    let addr = running.addr;
    let js = "/pkg-0123456789abcdef/app.js";
    let result = tokio::task::spawn_blocking(move || {
        // Brotli first, then gzip, then the file itself.
        let (head, body) = get(addr, js, &[("Accept-Encoding", "gzip, deflate, br")]);
        assert_eq!(header(&head, "content-encoding"), Some("br"), "{head}");
        assert_eq!(body, b"BROTLI-BYTES");
        assert_eq!(
            header(&head, "cache-control"),
            Some("public, max-age=31536000, immutable")
        );
        assert!(
            head.lines()
                .any(|l| l.eq_ignore_ascii_case("vary: accept-encoding")),
            "{head}"
        );
        let (head, body) = get(addr, js, &[("Accept-Encoding", "gzip")]);
        assert_eq!(header(&head, "content-encoding"), Some("gzip"), "{head}");
        assert_eq!(body, b"GZIP-BYTES");
        let (head, body) = get(addr, js, &[]);
        assert_eq!(header(&head, "content-encoding"), None, "{head}");
        assert_eq!(body, b"console.log('identity');");
        // The page (also for the SPA's own paths) is revalidated with its ETag.
        for path in ["/", "/orgs/acme"] {
            let (head, body) = get(addr, path, &[("Accept", "text/html")]);
            assert_eq!(status(&head), "200", "{head}");
            assert!(String::from_utf8_lossy(&body).contains("<title>console"));
            assert_eq!(header(&head, "cache-control"), Some("no-cache"));
            let etag = header(&head, "etag").expect("an etag").to_string();
            let (head, body) = get(
                addr,
                path,
                &[("Accept", "text/html"), ("If-None-Match", &etag)],
            );
            assert_eq!(status(&head), "304", "{head}");
            assert!(body.is_empty());
        }
        // An unhashed file is not cached for a year.
        let (head, _) = get(addr, "/favicon.svg", &[]);
        assert_eq!(header(&head, "cache-control"), Some("no-cache"));
        // API JSON above the threshold is compressed on the fly; small answers are not.
        let admin = ("Authorization", "Bearer dev-cp-admin-token");
        let (_, plain) = on("api", addr, "/api/v1/admin/orgs", &[admin]);
        assert!(
            plain.len() > 1024,
            "the org roster is {} bytes",
            plain.len()
        );
        let (head, body) = on(
            "api",
            addr,
            "/api/v1/admin/orgs",
            &[admin, ("Accept-Encoding", "gzip, br")],
        );
        assert_eq!(header(&head, "content-encoding"), Some("br"), "{head}");
        assert!(
            body.len() < plain.len() / 2,
            "{} of {}",
            body.len(),
            plain.len()
        );
        let (head, body) = on("api", addr, "/api/v1/plans", &[("Accept-Encoding", "br")]);
        assert!(body.len() < 1024);
        assert_eq!(header(&head, "content-encoding"), None, "{head}");
    })
    .await;
    running.shutdown().await;
    let _ = std::fs::remove_dir_all(&dist);
    let _ = std::fs::remove_file(&db);
    result.unwrap();
}
