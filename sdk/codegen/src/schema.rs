//! Input JSON Schemas from the contract's schemas: local references inlined, `nullable`
//! written the JSON Schema way, extensions and examples dropped; and what a CLI flag needs to
//! know about a schema (its kind, help text and enum values).

use serde_json::{Map, Value, json};

/// Keys of a schema kept in the input schema (the rest is documentation for other readers).
const KEPT: &[&str] = &[
    "type",
    "description",
    "enum",
    "format",
    "minimum",
    "maximum",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "default",
    "pattern",
    "required",
];

/// The schema with every local `$ref` inlined, `nullable` written the JSON Schema way and
/// extensions and examples dropped. A reference cycle stops at an open object.
pub fn inline(spec: &Value, schema: &Value, seen: &mut Vec<String>) -> Value {
    if let Some(r) = schema["$ref"].as_str() {
        if seen.iter().any(|s| s == r) || seen.len() > 8 {
            return json!({"type": "object"});
        }
        seen.push(r.to_string());
        let target = spec
            .pointer(r.trim_start_matches('#'))
            .unwrap_or(&Value::Null);
        let out = inline(spec, target, seen);
        seen.pop();
        return out;
    }
    let Some(obj) = schema.as_object() else {
        return json!({});
    };
    let mut out = Map::new();
    for (k, v) in obj {
        match k.as_str() {
            "properties" => {
                let props: Map<String, Value> = v
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(n, s)| (n.clone(), inline(spec, s, seen)))
                    .collect();
                out.insert(k.clone(), Value::Object(props));
            }
            "items" => {
                out.insert(k.clone(), inline(spec, v, seen));
            }
            "additionalProperties" if v.is_object() => {
                out.insert(k.clone(), inline(spec, v, seen));
            }
            "additionalProperties" => {
                out.insert(k.clone(), v.clone());
            }
            "allOf" | "oneOf" | "anyOf" => {
                let list = v.as_array().into_iter().flatten();
                out.insert(k.clone(), list.map(|s| inline(spec, s, seen)).collect());
            }
            k if KEPT.contains(&k) => {
                out.insert(k.to_string(), v.clone());
            }
            _ => {}
        }
    }
    if obj.get("nullable") == Some(&Value::Bool(true))
        && let Some(t) = out.get("type").cloned()
    {
        out.insert("type".into(), json!([t, "null"]));
    }
    Value::Object(out)
}

pub fn kind_of(s: &Value) -> &'static str {
    let t = match &s["type"] {
        Value::Array(a) => a.first().cloned().unwrap_or(Value::Null),
        t => t.clone(),
    };
    match t.as_str() {
        Some("string") => "Kind::String",
        Some("integer") => "Kind::Integer",
        Some("number") => "Kind::Number",
        Some("boolean") => "Kind::Boolean",
        _ => "Kind::Json",
    }
}

pub fn help_of(p: &Value, s: &Value) -> String {
    let text = p["description"]
        .as_str()
        .or(s["description"].as_str())
        .unwrap_or_default();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn choices_of(s: &Value) -> Vec<String> {
    s["enum"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}
