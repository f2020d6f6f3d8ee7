//! What the CLI prints: aligned tables for people, the answer as JSON for scripts, and
//! failures in words with their machine code and an exit code per class of failure.

use molecule_sdk::{
    ApiError, ErrorKind,
    client::{MISSING_CREDENTIAL, ORG_REQUIRED},
};
use serde_json::{Map, Value, json};

/// Exit codes, one per class of failure (documented in `cli/README.md`).
pub mod exit {
    pub const OK: i32 = 0;
    /// Bad command line (clap's own code too), a missing `--org` or confirmation.
    pub const USAGE: i32 = 2;
    /// No credential for the operation, or the platform refused it (401, 403).
    pub const AUTH: i32 = 3;
    /// 404, 410.
    pub const NOT_FOUND: i32 = 4;
    /// 409, 412, 402: the current state does not allow it.
    pub const CONFLICT: i32 = 5;
    /// 400, 413, 422, or a value the CLI refused before sending.
    pub const VALIDATION: i32 = 6;
    /// 5xx, 429, no answer, an answer that does not fit the contract.
    pub const SERVER: i32 = 7;
}

/// The exit code of a failure.
pub fn exit_code(e: &ApiError) -> i32 {
    match (e.kind, e.status, e.code.as_deref()) {
        (ErrorKind::Invalid, _, Some(ORG_REQUIRED | "CONFIRMATION_REQUIRED")) => exit::USAGE,
        (ErrorKind::Invalid, _, Some(MISSING_CREDENTIAL)) => exit::AUTH,
        (ErrorKind::Invalid, ..) => exit::VALIDATION,
        (ErrorKind::Http, 401 | 403, _) => exit::AUTH,
        (ErrorKind::Http, 404 | 410, _) => exit::NOT_FOUND,
        (ErrorKind::Http, 402 | 409 | 412, _) => exit::CONFLICT,
        (ErrorKind::Http, 400 | 413 | 415 | 422, _) => exit::VALIDATION,
        _ => exit::SERVER,
    }
}

/// The sentence for a failure: the SDK's wording, or for the client's own refusals the reason
/// it gives (the SDK's generic sentence for those speaks of the browser console).
pub fn words(e: &ApiError) -> String {
    match (e.kind, e.code.as_deref(), &e.server_message) {
        (ErrorKind::Invalid, Some("CONFIRMATION_REQUIRED"), Some(why)) => {
            format!("{} ({why}; pass --confirm)", e.message())
        }
        (ErrorKind::Invalid, _, Some(why)) => format!("{why}."),
        _ => e.message(),
    }
}

/// Prints a failure on stderr (as JSON with `--json`).
pub fn print_error(e: &ApiError, as_json: bool) {
    let code = e.code.clone().unwrap_or_else(|| match e.kind {
        ErrorKind::Http => format!("HTTP_{}", e.status),
        other => format!("{other:?}").to_ascii_uppercase(),
    });
    if as_json {
        let v = json!({"error": {"message": words(e), "code": code, "status": e.status}});
        eprintln!("{v}");
    } else if e.status > 0 {
        eprintln!("error: {} [{code}, HTTP {}]", words(e), e.status);
    } else {
        eprintln!("error: {} [{code}]", words(e));
    }
}

/// Renders an answer for people.
pub fn human(v: &Value) -> String {
    match v {
        Value::Null => "Done.".into(),
        Value::Array(rows) if rows.iter().all(Value::is_object) && !rows.is_empty() => table(rows),
        Value::Array(items) if items.is_empty() => "(none)".into(),
        Value::Array(items) => items.iter().map(cell).collect::<Vec<_>>().join("\n"),
        Value::Object(o) => object(o),
        other => cell(other),
    }
}

fn object(o: &Map<String, Value>) -> String {
    // An envelope ({"orgs": [...], "total": 3}): its scalars, then the list as a table.
    let lists: Vec<(&String, &Vec<Value>)> = o
        .iter()
        .filter_map(|(k, v)| v.as_array().map(|a| (k, a)))
        .filter(|(_, a)| !a.is_empty() && a.iter().all(Value::is_object))
        .collect();
    if let [(key, rows)] = lists.as_slice() {
        let rest: Map<String, Value> = o
            .iter()
            .filter(|(k, _)| k != key)
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let head = if rest.is_empty() {
            String::new()
        } else {
            format!("{}\n\n", pairs(&rest))
        };
        return format!("{head}{}", table(rows));
    }
    pairs(o)
}

/// `key  value` lines, aligned.
fn pairs(o: &Map<String, Value>) -> String {
    let width = o.keys().map(|k| k.chars().count()).max().unwrap_or(0);
    o.iter()
        .map(|(k, v)| format!("{k:<width$}  {}", cell(v)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Preferred leading columns.
const FIRST: &[&str] = &["id", "slug", "key", "name", "email", "role", "status"];
const MAX_COLUMNS: usize = 7;
const MAX_CELL: usize = 48;

fn table(rows: &[Value]) -> String {
    let mut cols: Vec<String> = Vec::new();
    for row in rows {
        for (k, v) in row.as_object().into_iter().flatten() {
            if !(v.is_object() || v.is_array() || cols.contains(k)) {
                cols.push(k.clone());
            }
        }
    }
    cols.sort_by_key(|c| FIRST.iter().position(|f| f == c).unwrap_or(FIRST.len()));
    cols.truncate(MAX_COLUMNS);
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| cols.iter().map(|c| cell(&r[c.as_str()])).collect())
        .collect();
    let widths: Vec<usize> = cols
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let w = cells
                .iter()
                .map(|r| r[i].chars().count())
                .max()
                .unwrap_or(0);
            w.max(c.chars().count())
        })
        .collect();
    let line = |values: Vec<String>| {
        let padded: Vec<String> = values
            .iter()
            .zip(&widths)
            .map(|(v, w)| format!("{v:<w$}"))
            .collect();
        padded.join("  ").trim_end().to_string()
    };
    let mut out = vec![line(cols.iter().map(|c| c.to_ascii_uppercase()).collect())];
    out.extend(cells.into_iter().map(line));
    out.join("\n")
}

/// One value in a cell: text as is, `-` for null, short JSON for the rest.
fn cell(v: &Value) -> String {
    let s = match v {
        Value::Null => "-".to_string(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let s = s.replace(['\n', '\t'], " ");
    if s.chars().count() > MAX_CELL {
        let cut: String = s.chars().take(MAX_CELL - 1).collect();
        format!("{cut}…")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_align_and_put_identity_first() {
        let rows = json!([{"status": "running", "slug": "acme", "n": 1}, {"slug": "b", "status": null, "n": 22}]);
        assert_eq!(
            human(&rows),
            "SLUG  STATUS   N\nacme  running  1\nb     -        22"
        );
        let env = json!({"total": 2, "orgs": [{"slug": "a"}]});
        assert_eq!(human(&env), "total  2\n\nSLUG\na");
        assert_eq!(human(&Value::Null), "Done.");
    }

    #[test]
    fn every_failure_class_has_its_own_exit_code() {
        let http = |status| ApiError {
            status,
            ..ApiError::from_transport(molecule_sdk::TransportError::Timeout)
        };
        let http = |s| ApiError {
            kind: ErrorKind::Http,
            ..http(s)
        };
        let codes: Vec<i32> = [401, 404, 409, 422, 503]
            .into_iter()
            .map(|s| exit_code(&http(s)))
            .collect();
        assert_eq!(
            codes,
            [
                exit::AUTH,
                exit::NOT_FOUND,
                exit::CONFLICT,
                exit::VALIDATION,
                exit::SERVER
            ]
        );
        let timeout = ApiError::from_transport(molecule_sdk::TransportError::Timeout);
        assert_eq!(exit_code(&timeout), exit::SERVER);
        assert_eq!(exit_code(&ApiError::invalid("x")), exit::VALIDATION);
    }
}
