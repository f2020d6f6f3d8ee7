//! The contract checker shared by every devserver test: finds the operation of
//! `spec/management.yaml` for a method and concrete path, and checks that the status is
//! documented and the JSON body matches the documented schema.
//!
//! OpenAPI 3.0 schemas become JSON Schema (draft 7): `#/components/schemas/X` refs point into
//! `definitions`, `nullable: true` adds `null` to `type`/`enum` (or wraps a `$ref` in `anyOf`),
//! examples and `x-` extensions are dropped. Formats (date-time, uuid, email, uri) are checked.

use serde_json::{Map, Value, json};
use std::{collections::HashMap, sync::OnceLock};

const SPEC: &str = include_str!("../../spec/management.yaml");

/// One operation: where it lives and what it may answer.
#[derive(Debug)]
pub struct Op {
    pub id: String,
    pub method: String,
    pub path: String,
    segments: Vec<String>,
    /// status ("200", "default") -> converted JSON schema of the body, `None` = no body.
    responses: HashMap<String, Option<Value>>,
}

pub struct Contract {
    pub ops: Vec<Op>,
    definitions: Value,
}

/// The parsed contract (once per process).
pub fn contract() -> &'static Contract {
    static C: OnceLock<Contract> = OnceLock::new();
    C.get_or_init(|| Contract::parse(SPEC).expect("spec/management.yaml parses"))
}

fn convert_map(map: &Map<String, Value>) -> Value {
    Value::Object(map.iter().map(|(k, v)| (k.clone(), convert(v))).collect())
}

/// OpenAPI 3.0 schema object -> JSON Schema draft 7.
pub fn convert(schema: &Value) -> Value {
    let Some(obj) = schema.as_object() else {
        return schema.clone();
    };
    let mut out = Map::new();
    for (key, value) in obj {
        match key.as_str() {
            "$ref" => {
                let r = value
                    .as_str()
                    .unwrap_or_default()
                    .replace("#/components/schemas/", "#/definitions/");
                out.insert(key.clone(), json!(r));
            }
            "properties" | "patternProperties" | "definitions" => {
                out.insert(
                    key.clone(),
                    value
                        .as_object()
                        .map(convert_map)
                        .unwrap_or_else(|| value.clone()),
                );
            }
            "items" | "additionalProperties" | "not" => {
                out.insert(
                    key.clone(),
                    if value.is_object() {
                        convert(value)
                    } else {
                        value.clone()
                    },
                );
            }
            "allOf" | "anyOf" | "oneOf" => {
                out.insert(
                    key.clone(),
                    Value::Array(
                        value
                            .as_array()
                            .map(|a| a.iter().map(convert).collect())
                            .unwrap_or_default(),
                    ),
                );
            }
            "nullable" | "example" | "examples" | "discriminator" | "xml" | "externalDocs"
            | "deprecated" => {}
            k if k.starts_with("x-") => {}
            _ => {
                out.insert(key.clone(), value.clone());
            }
        }
    }
    if obj.get("nullable").and_then(Value::as_bool) == Some(true) {
        if out.contains_key("$ref")
            || out.contains_key("allOf")
            || out.contains_key("oneOf")
            || out.contains_key("anyOf")
        {
            return json!({ "anyOf": [Value::Object(out), { "type": "null" }] });
        }
        if let Some(t) = out.get("type").cloned() {
            out.insert("type".into(), json!([t, "null"]));
        }
        if let Some(Value::Array(mut e)) = out.get("enum").cloned() {
            e.push(Value::Null);
            out.insert("enum".into(), Value::Array(e));
        }
    }
    Value::Object(out)
}

impl Contract {
    pub fn parse(yaml: &str) -> Result<Contract, String> {
        let spec: Value = serde_yaml::from_str(yaml).map_err(|e| e.to_string())?;
        let schemas = spec
            .pointer("/components/schemas")
            .and_then(Value::as_object)
            .ok_or("no components.schemas")?;
        let definitions = convert_map(schemas);
        let mut ops = Vec::new();
        for (path, item) in spec
            .get("paths")
            .and_then(Value::as_object)
            .ok_or("no paths")?
        {
            for method in ["get", "put", "post", "patch", "delete"] {
                let Some(op) = item.get(method) else { continue };
                let mut responses = HashMap::new();
                for (status, resp) in op
                    .get("responses")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                {
                    let schema = resp
                        .pointer("/content/application~1json/schema")
                        .map(convert);
                    responses.insert(status.clone(), schema);
                }
                ops.push(Op {
                    id: op
                        .get("operationId")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string(),
                    method: method.to_ascii_uppercase(),
                    path: path.clone(),
                    segments: path.split('/').map(str::to_string).collect(),
                    responses,
                });
            }
        }
        Ok(Contract { ops, definitions })
    }

    /// The operation for a method and a concrete path (query ignored; `/cp/X` is `/api/v1/X`).
    /// Literal segments win over templated ones.
    pub fn find(&self, method: &str, path: &str) -> Option<&Op> {
        let path = path.split('?').next().unwrap_or_default();
        let path = match path.strip_prefix("/cp/") {
            Some(rest) => format!("/api/v1/{rest}"),
            None => path.to_string(),
        };
        let segs: Vec<&str> = path.split('/').collect();
        self.ops
            .iter()
            .filter(|op| op.method.eq_ignore_ascii_case(method) && op.segments.len() == segs.len())
            .filter(|op| {
                op.segments.iter().zip(&segs).all(|(t, s)| {
                    (t.starts_with('{') && t.ends_with('}') && !s.is_empty()) || t == s
                })
            })
            .min_by_key(|op| op.segments.iter().filter(|t| t.starts_with('{')).count())
    }

    /// Checks one response. `Ok(Some(op id))` when validated, `Ok(None)` when the path is not
    /// part of the contract (hosted pages, static files), `Err(why)` on a contract violation.
    pub fn check(
        &self,
        method: &str,
        path: &str,
        status: u16,
        body: &[u8],
    ) -> Result<Option<String>, String> {
        let Some(op) = self.find(method, path) else {
            return Ok(None);
        };
        let key = status.to_string();
        let schema = match op
            .responses
            .get(&key)
            .or_else(|| op.responses.get("default"))
        {
            Some(s) => s,
            None => {
                let mut documented: Vec<_> = op.responses.keys().cloned().collect();
                documented.sort();
                return Err(format!(
                    "{} {method} {path}: status {status} is not documented (documented: {documented:?})",
                    op.id
                ));
            }
        };
        let Some(schema) = schema else {
            if !body.is_empty() && status == 204 {
                return Err(format!("{}: 204 must have no body", op.id));
            }
            return Ok(Some(op.id.clone()));
        };
        let instance: Value = serde_json::from_slice(body).map_err(|e| {
            format!(
                "{} {status}: body is not JSON ({e}): {}",
                op.id,
                String::from_utf8_lossy(body)
            )
        })?;
        let mut root = schema.as_object().cloned().unwrap_or_default();
        root.insert("definitions".into(), self.definitions.clone());
        let root = Value::Object(root);
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft7)
            .should_validate_formats(true)
            .build(&root)
            .map_err(|e| format!("{}: schema does not compile: {e}", op.id))?;
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| format!("{} at {}", e, e.instance_path))
            .collect();
        if errors.is_empty() {
            Ok(Some(op.id.clone()))
        } else {
            Err(format!(
                "{} {status}: body does not match the schema: {}\nbody: {instance}",
                op.id,
                errors.join("; ")
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nullable_conversion() {
        assert_eq!(
            convert(&json!({"type": "integer", "nullable": true})),
            json!({"type": ["integer", "null"]})
        );
        assert_eq!(
            convert(&json!({"$ref": "#/components/schemas/X", "nullable": true})),
            json!({"anyOf": [{"$ref": "#/definitions/X"}, {"type": "null"}]})
        );
        assert_eq!(
            convert(&json!({"type": "string", "enum": ["a"], "nullable": true})),
            json!({"type": ["string", "null"], "enum": ["a", null]})
        );
        // A property called `example` is a property, not a keyword.
        assert_eq!(
            convert(&json!({"properties": {"example": {"type": "string"}}, "example": {}})),
            json!({"properties": {"example": {"type": "string"}}})
        );
    }

    #[test]
    fn finds_operations() {
        let c = contract();
        assert_eq!(c.find("GET", "/api/v1/orgs/acme").unwrap().id, "get_org");
        assert_eq!(
            c.find("GET", "/cp/orgs/acme/export").unwrap().id,
            "export_org"
        );
        assert_eq!(c.find("GET", "/api/v1/orgs?x=1").unwrap().id, "list_orgs");
        assert!(c.find("GET", "/authkit/login").is_none());
        assert!(c.check("GET", "/api/v1/auth/me", 418, b"{}").is_err());
        assert!(
            c.check("GET", "/api/v1/auth/me", 401, br#"{"error":"x"}"#)
                .is_ok()
        );
        assert!(
            c.check("GET", "/api/v1/auth/me", 401, br#"{"error":1}"#)
                .is_err()
        );
    }
}
