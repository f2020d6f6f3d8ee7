//! How the console's build is delivered, as a CDN would: precompressed variants chosen by
//! `Accept-Encoding` (brotli, then gzip, then the file itself), a year of immutable caching for
//! content-hashed files (`pkg-<hash>/…`, `name-<hash>.css`), and revalidation for everything else
//! (`no-cache` with an `ETag`, so a returning browser gets a 304 for the page). Also which
//! requests on a tenant host are for the console rather than the tenant API.

use axum::{
    body::Body,
    extract::Request,
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    response::{IntoResponse, Response},
};
use std::path::{Path, PathBuf};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

/// `Cache-Control` of content-hashed files: their name changes whenever their bytes do.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `Cache-Control` of everything else: keep it, but ask first.
pub const REVALIDATE: &str = "no-cache";

/// Whether a request path names a content-hashed file of the build.
pub fn is_hashed(path: &str) -> bool {
    let hex16 = |s: &str| s.len() == 16 && s.bytes().all(|b| b.is_ascii_hexdigit());
    let mut segments = path.trim_start_matches('/').split('/');
    let first = segments.next().unwrap_or_default();
    if let Some(hash) = first.strip_prefix("pkg-") {
        return hex16(hash) && segments.next().is_some_and(|f| !f.is_empty());
    }
    // trunk's hashed assets: `<name>-<16 hex>.<ext>` at the top level.
    first
        .rsplit_once('.')
        .and_then(|(stem, _)| stem.rsplit_once('-'))
        .is_some_and(|(_, hash)| hex16(hash))
        && segments.next().is_none()
}

/// A weak validator from a file's size and modification time (weak: the same for every
/// encoding of it); no read of the file on the request path.
pub fn etag_of(meta: &std::fs::Metadata) -> String {
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    format!("W/\"{modified:x}-{:x}\"", meta.len())
}

fn matches_etag(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"))
}

/// Serves `req` from the build in `dir`, `index.html` for any path that is not a file.
pub async fn serve(dir: &Path, req: Request) -> Response {
    let path = req.uri().path().to_string();
    let hashed = is_hashed(&path);
    // Unhashed answers carry an ETag of the file that will be sent (the page for the SPA's own
    // paths); a match is answered with 304 before anything is read.
    let mut etag = None;
    if !hashed {
        let rel = path.trim_start_matches('/');
        let file = dir.join(rel);
        let source = if !rel.is_empty() && file.is_file() {
            file
        } else {
            dir.join("index.html")
        };
        if let Ok(meta) = std::fs::metadata(&source) {
            let tag = etag_of(&meta);
            if matches_etag(req.headers(), &tag) {
                let mut res = StatusCode::NOT_MODIFIED.into_response();
                set(&mut res, header::ETAG, &tag);
                set(&mut res, header::CACHE_CONTROL, REVALIDATE);
                set(&mut res, header::VARY, "Accept-Encoding");
                return res;
            }
            etag = Some(tag);
        }
    }
    let index = ServeFile::new(dir.join("index.html"))
        .precompressed_br()
        .precompressed_gzip();
    let files = ServeDir::new(dir)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(index);
    let mut res = match files.oneshot(req).await {
        Ok(res) => res.map(Body::new),
        Err(e) => return crate::error::ApiError::internal(e).into_response(),
    };
    if res.status().is_success() {
        set(
            &mut res,
            header::CACHE_CONTROL,
            if hashed { IMMUTABLE } else { REVALIDATE },
        );
        if let Some(tag) = &etag {
            set(&mut res, header::ETAG, tag);
        }
    }
    set(&mut res, header::VARY, "Accept-Encoding");
    res
}

fn set(res: &mut Response, name: header::HeaderName, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        res.headers_mut().insert(name, v);
    }
}

/// A browser navigation (as opposed to an API call) on a console host.
pub fn is_navigation(headers: &HeaderMap) -> bool {
    let dest = headers.get("sec-fetch-mode").and_then(|v| v.to_str().ok());
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    dest == Some("navigate") || accept.contains("text/html")
}

/// Whether the path names an existing file of the console build.
pub fn is_static_file(dist: &Option<PathBuf>, path: &str) -> bool {
    let Some(dist) = dist else { return false };
    let rel = path.trim_start_matches('/');
    !rel.is_empty()
        && !rel
            .split('/')
            .any(|s| s == ".." || s == "." || s.is_empty() || s.contains('\\'))
        && dist.join(rel).is_file()
}

/// First path segments of the console's pages (`src/app.rs`); everything else on a tenant host
/// is the tenant API, whatever the request's `Accept` says.
pub const CONSOLE_PAGE_PREFIXES: &[&str] =
    &["orgs", "sign-in", "operator", "console", "invitations"];

/// Whether `path` is one of the console's page paths (`/`, `/orgs/...`, `/console/...`, ...).
pub fn is_console_page(path: &str) -> bool {
    let first = path
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or_default();
    first.is_empty() || CONSOLE_PAGE_PREFIXES.contains(&first)
}

/// Whether a tenant-host request is for the console itself: a file of the build, or a page
/// navigation to one of the console's page paths (never an API path: an `Accept: text/html` on
/// `/workspaces` is still an API call and goes through the guard and the rate limit).
pub fn is_console_request(dist: &Option<PathBuf>, req: &Request) -> bool {
    matches!(*req.method(), Method::GET | Method::HEAD)
        && (is_static_file(dist, req.uri().path())
            || (is_navigation(req.headers()) && is_console_page(req.uri().path())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn console_pages() {
        for page in [
            "/",
            "/orgs/acme",
            "/console/workspaces",
            "/invitations/abc",
            "/sign-in",
        ] {
            assert!(is_console_page(page), "{page}");
        }
        for api in [
            "/workspaces",
            "/settings/secrets",
            "/health",
            "/invitationsx",
        ] {
            assert!(!is_console_page(api), "{api}");
        }
    }

    #[test]
    fn hashed_paths() {
        assert!(is_hashed("/pkg-62e6b7810710435b/chunk_1.wasm"));
        assert!(is_hashed("/base-12d46547b272252e.css"));
        assert!(!is_hashed("/index.html"));
        assert!(!is_hashed("/favicon.svg"));
        assert!(!is_hashed("/pkg-62e6b78107/chunk_1.wasm"));
        assert!(!is_hashed("/orgs/acme"));
        assert!(!is_hashed("/pkg-62e6b7810710435b/"));
    }

    #[test]
    fn etags_are_weak_and_change_with_the_file() {
        let file = std::env::temp_dir().join(format!("molecule-etag-{}", std::process::id()));
        std::fs::write(&file, "<html>1</html>").unwrap();
        let a = etag_of(&std::fs::metadata(&file).unwrap());
        assert!(a.starts_with("W/\""));
        std::fs::write(&file, "<html>22</html>").unwrap();
        assert_ne!(a, etag_of(&std::fs::metadata(&file).unwrap()));
        let _ = std::fs::remove_file(&file);
    }
}
