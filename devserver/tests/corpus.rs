//! Real-payload corpus: response bodies of the real platform (`spec/corpus`, described by
//! `spec/corpus/index.yaml`) must validate against the contract and decode through the
//! generated SDK types, with serde and with the SDK's own decoder (`molecule_sdk::json`), to the
//! same value. Every divergence is collected and reported in one failure.

use molecule_devserver::contract::contract;
use molecule_sdk::{ops, schemas};
use serde::Deserialize;
use serde_json::Value;
use std::{collections::BTreeSet, fs, path::PathBuf};

#[derive(Deserialize)]
struct Entry {
    file: Option<String>,
    operation: Option<String>,
    method: String,
    path: String,
    status: u16,
    /// Control plane: how strong the evidence is. `partial` bodies show only the fields a client
    /// reads, so they are recorded but not validated.
    kind: Option<String>,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec/corpus")
}

fn index() -> Vec<Entry> {
    let text = fs::read_to_string(root().join("index.yaml")).expect("spec/corpus/index.yaml");
    serde_yaml::from_str(&text).expect("index.yaml parses")
}

/// One line; each `; `-separated error at most `max` characters (errors can quote whole bodies).
fn short(s: &str, max: usize) -> String {
    let s = s.split("\nbody:").next().unwrap_or_default();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut = |part: &str| match part.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &part[..i]),
        None => part.to_string(),
    };
    s.split("; ").map(cut).collect::<Vec<_>>().join("; ")
}

/// Decodes `value` through the SDK type of `op` + `status`.
fn decode(op: &str, status: u16, value: Value) -> Result<(), String> {
    let op = ops::ALL
        .iter()
        .find(|o| o.id == op)
        .ok_or("not in ops::ALL")?;
    let Some((_, ty)) = op.responses.iter().find(|(s, _)| *s == status) else {
        return Ok(()); // undocumented status: the contract check reports it
    };
    let Some(ty) = ty.map(|t| t.replace("types::", "")) else {
        return Err(format!("status {status} declares no body"));
    };
    // Through serde (and back), and through the SDK's own decoder, which the clients use:
    // both must take it and agree on the value.
    let one = |name: &str, v: Value| {
        let text = v.to_string();
        match schemas::roundtrip(name, v) {
            None => return Err(format!("{name} is not a component schema")),
            Some(r) => r.map(drop).map_err(|e| format!("{name}: {e}"))?,
        }
        match schemas::decoders_agree(name, &text) {
            Some(Ok(true)) => Ok(()),
            Some(Ok(false)) => Err(format!("{name}: refused by both decoders")),
            Some(Err(e)) => Err(format!("{name}: the decoders disagree: {e}")),
            None => Err(format!("{name} is not a component schema")),
        }
    };
    match ty.strip_prefix("Vec<").and_then(|t| t.strip_suffix('>')) {
        None => one(&ty, value),
        Some(item) => {
            let Value::Array(items) = value else {
                return Err(format!("{ty}: body is not an array"));
            };
            let errors: Vec<String> = items
                .into_iter()
                .enumerate()
                .filter_map(|(i, v)| one(item, v).err().map(|e| format!("[{i}] {e}")))
                .collect();
            if errors.is_empty() {
                Ok(())
            } else {
                Err(format!("Vec<{item}>: {}", errors.join("; ")))
            }
        }
    }
}

#[test]
fn index_covers_the_corpus() {
    let entries = index();
    let mut problems = Vec::new();
    let mut indexed = BTreeSet::new();
    for e in &entries {
        if let Some(op) = &e.operation
            && !contract().ops.iter().any(|o| &o.id == op)
        {
            problems.push(format!("{} {}: unknown operation {op}", e.method, e.path));
        }
        let Some(file) = &e.file else { continue };
        if e.operation.is_none() {
            problems.push(format!("{file}: entry with a file has no operation"));
        }
        if !root().join(file).is_file() {
            problems.push(format!("{file}: listed in index.yaml but missing"));
        }
        if !indexed.insert(file.clone()) {
            problems.push(format!("{file}: listed twice"));
        }
    }
    for dir in ["tenant", "control-plane"] {
        for f in fs::read_dir(root().join(dir)).unwrap() {
            let name = format!("{dir}/{}", f.unwrap().file_name().to_string_lossy());
            if !indexed.contains(&name) {
                problems.push(format!("{name}: not in index.yaml"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "corpus index:\n{}",
        problems.join("\n")
    );
}

#[test]
fn real_payloads_match_contract_and_sdk() {
    let entries = index();
    let mut failures = Vec::new();
    let mut checked = 0;
    for e in &entries {
        let (Some(file), Some(op)) = (&e.file, &e.operation) else {
            continue;
        };
        if e.kind.as_deref() == Some("partial") {
            continue;
        }
        checked += 1;
        let mut fail = |what: String| failures.push(format!("{op} {} {file}: {what}", e.status));
        let bytes = fs::read(root().join(file)).unwrap_or_default();
        let value: Value = match serde_json::from_slice(&bytes) {
            Ok(v) => v,
            Err(err) => {
                fail(format!("fixture is not JSON: {err}"));
                continue;
            }
        };
        // (a) the contract: routing, documented status, schema.
        match contract().find(&e.method, &e.path) {
            None => fail(format!(
                "contract has no operation for {} {}",
                e.method, e.path
            )),
            Some(found) if found.id != *op => fail(format!("{} routes to {}", e.path, found.id)),
            Some(_) => {
                if let Err(err) = contract().check(&e.method, &e.path, e.status, &bytes) {
                    fail(format!("contract: {}", short(&err, 240)));
                }
            }
        }
        // (b) the generated SDK type for this operation + status.
        if let Err(err) = decode(op, e.status, value) {
            fail(format!("sdk: {}", short(&err, 240)));
        }
    }
    failures.sort();
    assert!(checked >= 90, "only {checked} payloads checked");
    assert!(
        failures.is_empty(),
        "{} divergences over {checked} real payloads (operation status file: what):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
