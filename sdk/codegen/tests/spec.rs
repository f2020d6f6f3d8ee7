//! Checks on spec/management.yaml itself: a valid OpenAPI 3.0 document that follows the
//! project's conventions and covers every row of the platform's endpoint summary.

use molecule_sdk_codegen::{load_spec, spec_path};
use serde_json::Value;
use std::collections::BTreeSet;

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];
const SCHEMES: [&str; 7] = [
    "session",
    "cpAdmin",
    "provisionSecret",
    "tenantAdminToken",
    "adminBearer",
    "workspaceToken",
    "stripeSignature",
];

fn spec() -> Value {
    load_spec(&spec_path()).expect("spec loads").0
}

fn operations(spec: &Value) -> Vec<(String, String, Value, Value)> {
    let mut out = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for m in METHODS {
            if let Some(op) = item.get(m) {
                out.push((m.to_string(), path.clone(), item.clone(), op.clone()));
            }
        }
    }
    out
}

#[test]
fn is_a_valid_openapi_3_0_document() {
    let (_, typed) = load_spec(&spec_path()).expect("spec parses as OpenAPI");
    assert!(typed.openapi.starts_with("3.0."), "progenitor needs 3.0.x");
    progenitor::GenerationSettings::default();
    let mut generator = progenitor::Generator::new(&Default::default());
    generator
        .generate_tokens(&typed)
        .expect("progenitor accepts the spec");
}

#[test]
fn every_ref_resolves() {
    let spec = spec();
    fn walk(v: &Value, spec: &Value, bad: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                if let Some(Value::String(r)) = m.get("$ref")
                    && spec.pointer(r.trim_start_matches('#')).is_none()
                {
                    bad.push(r.clone());
                }
                m.values().for_each(|x| walk(x, spec, bad));
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, spec, bad)),
            _ => {}
        }
    }
    let mut bad = Vec::new();
    walk(&spec, &spec, &mut bad);
    assert!(bad.is_empty(), "dangling refs: {bad:?}");
}

#[test]
fn every_auth_tier_is_a_security_scheme_and_operations_name_theirs() {
    let spec = spec();
    let schemes = spec["components"]["securitySchemes"].as_object().unwrap();
    for s in SCHEMES {
        assert!(schemes.contains_key(s), "missing securityScheme {s}");
    }
    for (m, path, _, op) in operations(&spec) {
        let sec = op["security"]
            .as_array()
            .unwrap_or_else(|| panic!("{m} {path}: no security"));
        for alt in sec {
            for k in alt.as_object().unwrap().keys() {
                assert!(
                    SCHEMES.contains(&k.as_str()),
                    "{m} {path}: unknown scheme {k}"
                );
            }
        }
    }
}

#[test]
fn operations_follow_the_conventions() {
    let spec = spec();
    let mut ids = BTreeSet::new();
    for (m, path, item, op) in operations(&spec) {
        let id = op["operationId"]
            .as_str()
            .unwrap_or_else(|| panic!("{m} {path}: no operationId"));
        assert!(ids.insert(id.to_string()), "duplicate operationId {id}");
        assert!(
            id.chars()
                .all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit()),
            "{id} is not snake_case"
        );
        assert!(
            op["tags"].as_array().is_some_and(|t| !t.is_empty()),
            "{id}: no tags"
        );
        assert!(
            matches!(
                op["x-molecule-source"].as_str(),
                Some("confirmed" | "designed")
            ),
            "{id}: x-molecule-source"
        );
        let surface = item["x-molecule-surface"]
            .as_str()
            .unwrap_or_else(|| panic!("{path}: no surface"));
        let server = item["servers"][0]["url"]
            .as_str()
            .unwrap_or_else(|| panic!("{path}: no servers"));
        match surface {
            "control-plane" => {
                assert_eq!(server, "https://api.moleculesai.app", "{path}");
                assert!(path.starts_with("/api/v1/"), "{path}");
            }
            "tenant" => {
                assert_eq!(server, "https://{slug}.moleculesai.app", "{path}");
                let params = serde_json::to_string(&item["parameters"]).unwrap();
                assert!(
                    params.contains("OrgIdHeader") && params.contains("OrgSlugHeader"),
                    "{path}: org headers"
                );
            }
            other => panic!("{path}: unknown surface {other}"),
        }
        // Bodies are named component schemas (or arrays of them), never inline objects.
        let mut bodies = vec![op["requestBody"]["content"]["application/json"]["schema"].clone()];
        for (status, resp) in op["responses"].as_object().unwrap() {
            let resp = match resp["$ref"].as_str() {
                Some(r) => spec.pointer(r.trim_start_matches('#')).unwrap().clone(),
                None => resp.clone(),
            };
            let schema = resp["content"]["application/json"]["schema"].clone();
            if (status.starts_with('4') || status.starts_with('5')) && !schema.is_null() {
                assert_eq!(
                    schema["$ref"], "#/components/schemas/Error",
                    "{id} {status}: errors use Error"
                );
            }
            bodies.push(schema);
        }
        for b in bodies.into_iter().filter(|b| !b.is_null()) {
            let named =
                b["$ref"].is_string() || (b["type"] == "array" && b["items"]["$ref"].is_string());
            assert!(named, "{id}: inline body schema {b}");
        }
        assert!(
            op["responses"]
                .as_object()
                .unwrap()
                .keys()
                .any(|k| k.starts_with('2') || k.starts_with('3')),
            "{id}: no success response"
        );
    }
    assert!(ids.len() >= 90, "only {} operations", ids.len());
}

#[test]
fn documented_statuses_from_the_platform_facts_are_present() {
    let spec = spec();
    let find = |id: &str| {
        operations(&spec)
            .into_iter()
            .find(|(_, _, _, op)| op["operationId"] == id)
            .unwrap_or_else(|| panic!("no operation {id}"))
            .3
    };
    let has = |id: &str, codes: &[&str]| {
        let op = find(id);
        for c in codes {
            assert!(op["responses"].get(*c).is_some(), "{id} lacks {c}");
        }
    };
    has("create_org", &["201", "400", "401", "402", "409", "412"]);
    has("delete_org", &["204", "401", "403", "404"]);
    has("provision_workspace", &["201", "400", "401", "422"]);
    has("create_workspace", &["201", "400", "409", "422"]);
    has("delete_workspace", &["200", "400", "404", "409", "410"]);
    has("import_org", &["201", "207", "400", "404", "412"]);
    has("mint_org_token", &["200", "429"]);
    has("get_workspace", &["200", "404", "410"]);
    let delete = serde_json::to_string(&find("delete_workspace")).unwrap();
    assert!(delete.contains("ConfirmName") || delete.contains("X-Confirm-Name"));
}

#[test]
fn every_summary_row_is_covered() {
    let spec = spec();
    let have: BTreeSet<String> = operations(&spec)
        .into_iter()
        .map(|(m, p, _, _)| format!("{} {p}", m.to_ascii_uppercase()))
        .collect();
    let text = std::fs::read_to_string(spec_path().with_file_name("summary-rows.yaml")).unwrap();
    let rows: Vec<Value> = serde_yaml::from_str(&text).unwrap();
    assert!(rows.len() >= 35, "summary has {} rows", rows.len());
    for row in &rows {
        let endpoints = row["endpoints"].as_array().unwrap();
        assert!(!endpoints.is_empty(), "{row}");
        for e in endpoints {
            assert!(
                have.contains(e.as_str().unwrap()),
                "row {} needs {e}",
                row["row"]
            );
        }
    }
}

#[test]
fn examples_are_written_without_optional_nulls() {
    // A `null` for an optional property would not survive a round trip through the types.
    let spec = spec();
    for (name, schema) in spec["components"]["schemas"].as_object().unwrap() {
        let (Some(ex), Some(props)) = (
            schema["example"].as_object(),
            schema["properties"].as_object(),
        ) else {
            continue;
        };
        let required: BTreeSet<&str> = schema["required"]
            .as_array()
            .map(|r| r.iter().filter_map(|v| v.as_str()).collect())
            .unwrap_or_default();
        for (k, v) in ex {
            assert!(
                props.contains_key(k)
                    || schema["additionalProperties"].is_object()
                    || schema["additionalProperties"] == true,
                "{name}.{k} is not a property"
            );
            if v.is_null() {
                assert!(
                    required.contains(k.as_str()),
                    "{name}.{k}: optional null in example"
                );
            }
        }
        for r in &required {
            assert!(ex.contains_key(*r), "{name} example lacks required {r}");
        }
    }
}

/// `path:lines@revision` (or `owner/repo:path@revision`): the revision is a commit id.
fn is_evidence(e: &str) -> bool {
    let Some((place, rev)) = e.rsplit_once('@') else {
        return false;
    };
    !place.is_empty() && (7..=40).contains(&rev.len()) && rev.chars().all(|c| c.is_ascii_hexdigit())
}

#[test]
fn provenance_is_recorded_where_it_is_claimed() {
    let spec = spec();
    let mut bad = Vec::new();
    let mut with_evidence = 0;
    for (m, path, _, op) in operations(&spec) {
        let id = format!("{m} {path}");
        if op["x-molecule-source"] == "confirmed" && op.get("x-molecule-evidence").is_none() {
            bad.push(format!("{id}: confirmed, but cites no evidence"));
        }
        if let Some(list) = op.get("x-molecule-evidence") {
            with_evidence += 1;
            for e in list.as_array().into_iter().flatten() {
                if !e.as_str().is_some_and(is_evidence) {
                    bad.push(format!("{id}: evidence {e} is not path@revision"));
                }
            }
        }
        for (status, resp) in op["responses"].as_object().unwrap() {
            if let Some(s) = resp.get("x-molecule-source") {
                if !matches!(s.as_str(), Some("confirmed" | "designed")) {
                    bad.push(format!("{id} {status}: x-molecule-source {s}"));
                }
                // A designed body on a designed operation says nothing new.
                if op["x-molecule-source"] == "designed" && s == "designed" {
                    bad.push(format!("{id} {status}: designed twice"));
                }
            }
        }
    }
    // Every machine code the real platform is said to send is one the contract lists.
    let codes = &spec["components"]["schemas"]["ErrorCode"];
    let listed: BTreeSet<&str> = codes["enum"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for side in ["tenant", "control-plane"] {
        for c in codes["x-molecule-real-codes"][side].as_array().unwrap() {
            if !listed.contains(c.as_str().unwrap()) {
                bad.push(format!("real code {c} is not in ErrorCode"));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    assert!(
        with_evidence >= 80,
        "only {with_evidence} operations cite evidence"
    );
}
