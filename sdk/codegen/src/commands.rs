//! `commands.rs`: every operation as a CLI command and an MCP tool (see `molecule_sdk::tools`):
//! its command words, arguments with their flags, confirmation, hints and input JSON Schema.

use crate::schema::{choices_of, help_of, inline, kind_of};
use crate::{
    HEADER, Op, const_name,
    naming::{FLAG_OVERRIDES, RESERVED_FLAGS, absent, command_words, header_arg, kebab},
    resolve,
};
use serde_json::{Map, Value, json};
use std::{collections::BTreeSet, fmt::Write as _};

struct Arg {
    name: String,
    wire: String,
    at: &'static str,
    kind: &'static str,
    required: bool,
    flag: Option<String>,
    help: String,
    choices: Vec<String>,
    schema: Value,
}

fn arg_rust(a: &Arg) -> String {
    let choices: Vec<String> = a.choices.iter().map(|c| format!("{c:?}")).collect();
    format!(
        "Param {{ name: {:?}, wire: {:?}, at: {}, kind: {}, required: {}, flag: {:?}, help: {:?}, choices: &[{}] }}",
        a.name,
        a.wire,
        a.at,
        a.kind,
        a.required,
        a.flag,
        a.help,
        choices.join(", ")
    )
}

/// A request body: schema name, whether it is required, the inlined schema.
type Body = (String, bool, Value);

/// One operation's arguments (path, query, headers) and body fields.
fn args_of(spec: &Value, op: &Op) -> (Vec<Arg>, Vec<Arg>, Option<Body>) {
    let item = &spec["paths"][&op.path];
    let raw = &item[&op.method];
    let mut params: Vec<Value> = item["parameters"].as_array().cloned().unwrap_or_default();
    params.extend(raw["parameters"].as_array().cloned().unwrap_or_default());
    let mut args = Vec::new();
    for p in &params {
        let p = resolve(spec, p);
        let wire = p["name"].as_str().unwrap_or_default().to_string();
        let at = p["in"].as_str().unwrap_or_default();
        if wire.starts_with("X-Molecule-Org-") || args.iter().any(|a: &Arg| a.wire == wire) {
            continue;
        }
        let schema = inline(spec, &p["schema"], &mut Vec::new());
        let (name, at_rust) = match at {
            "path" => (wire.clone(), "At::Path"),
            "query" => (wire.clone(), "At::Query"),
            "header" => (header_arg(&wire), "At::Header"),
            _ => continue,
        };
        let renamed = FLAG_OVERRIDES
            .iter()
            .find(|(id, n, _)| *id == op.id && *n == name)
            .map(|(_, _, f)| f.to_string());
        let flag = match at {
            "path" => None,
            "header" if wire == "X-Confirm-Name" => Some("confirm".into()),
            _ => Some(renamed.unwrap_or_else(|| kebab(&name))),
        };
        let mut schema = schema;
        if let Some(d) = p["description"].as_str() {
            schema["description"] = json!(d);
        }
        args.push(Arg {
            help: help_of(p, &schema),
            choices: choices_of(&schema),
            kind: kind_of(&schema),
            required: at == "path" || p["required"] == true,
            name,
            wire,
            at: at_rust,
            flag,
            schema,
        });
    }
    let rb = &raw["requestBody"];
    let body = rb["content"]["application/json"]["schema"]
        .as_object()
        .map(|s| {
            let s = Value::Object(s.clone());
            let name = s["$ref"]
                .as_str()
                .unwrap_or("")
                .rsplit('/')
                .next()
                .unwrap_or("");
            (
                name.to_string(),
                rb["required"] == true,
                inline(spec, &s, &mut Vec::new()),
            )
        });
    let mut fields = Vec::new();
    if let Some((_, _, schema)) = &body {
        let required: BTreeSet<&str> = schema["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        for (name, s) in schema["properties"].as_object().into_iter().flatten() {
            let flag = kebab(name);
            let taken = RESERVED_FLAGS.contains(&flag.as_str())
                || args
                    .iter()
                    .any(|a| a.flag.as_deref() == Some(&flag) || a.name == *name);
            fields.push(Arg {
                name: name.clone(),
                wire: name.clone(),
                at: "At::Body",
                kind: kind_of(s),
                required: required.contains(name.as_str()),
                flag: (!taken).then_some(flag),
                help: help_of(&Value::Null, s),
                choices: choices_of(s),
                schema: s.clone(),
            });
        }
    }
    (args, fields, body)
}

/// The confirmation of an operation, as Rust, and the local `confirm` target if any.
fn confirm_of(op: &Op, args: &[Arg], fields: &[Arg]) -> (String, Option<String>) {
    if let Some(h) = args.iter().find(|a| a.wire == "X-Confirm-Name") {
        return (
            format!(
                "Confirm::Header {{ name: {:?}, header: {:?} }}",
                h.name, h.wire
            ),
            None,
        );
    }
    let target = op.path_params.last().cloned();
    if let (Some(f), Some(t)) = (
        fields
            .iter()
            .find(|f| f.name == "confirm" && f.kind == "Kind::String" && f.required),
        &target,
    ) {
        return (
            format!(
                "Confirm::BodyField {{ field: {:?}, target: {t:?} }}",
                f.name
            ),
            None,
        );
    }
    match (op.method.as_str(), target) {
        ("delete", Some(t)) => (format!("Confirm::Local {{ target: {t:?} }}"), Some(t)),
        _ => ("Confirm::None".into(), None),
    }
}

/// The input JSON Schema of an operation.
fn input_schema(
    args: &[Arg],
    body: &Option<(String, bool, Value)>,
    local: &Option<String>,
) -> Value {
    let mut props = Map::new();
    let mut required = Vec::new();
    for a in args {
        props.insert(a.name.clone(), a.schema.clone());
        if a.required {
            required.push(json!(a.name));
        }
    }
    if let Some((_, req, schema)) = body {
        props.insert("body".into(), schema.clone());
        if *req {
            required.push(json!("body"));
        }
    }
    if let Some(t) = local {
        let d = format!("Type the {t} again to confirm this destructive operation.");
        props.insert(
            "confirm".into(),
            json!({"type": "string", "description": d}),
        );
        required.push(json!("confirm"));
    }
    json!({"type": "object", "properties": props, "required": required, "additionalProperties": false})
}

/// The generated `commands.rs`.
pub fn gen_commands(spec: &Value, ops: &[Op]) -> Result<String, String> {
    let mut s = format!(
        "{HEADER}\n//! Every operation as a CLI command and an MCP tool: words, arguments, confirmation,\n//! hints and input JSON Schema (see `crate::tools`).\n\nuse super::operations as ops;\nuse crate::tools::{{At, Command, Confirm, Hints, Kind, Param}};\n\n/// Every operation, in the order of the operation table.\npub static ALL: &[Command] = &[\n"
    );
    let mut seen = BTreeSet::new();
    for op in ops {
        let raw = &spec["paths"][&op.path][&op.method];
        let tag = raw["tags"][0].as_str().unwrap_or_default();
        let operator_only = !op.security.is_empty()
            && op
                .security
                .iter()
                .all(|alt| alt.iter().any(|t| t == "cpAdmin"));
        let words = command_words(&op.id, tag, &op.path, &op.method, operator_only)?;
        let (not_cli, not_mcp) = absent(&op.id);
        if not_cli.is_none() && !seen.insert(words.join(" ")) {
            return Err(format!("{}: command `{}` is taken", op.id, words.join(" ")));
        }
        let (args, fields, body) = args_of(spec, op);
        let (confirm, local) = confirm_of(op, &args, &fields);
        let read_only = op.method == "get";
        let destructive = op.method == "delete" || confirm != "Confirm::None";
        let idempotent = matches!(op.method.as_str(), "get" | "put" | "delete");
        let schema = input_schema(&args, &body, &local).to_string();
        let params: Vec<String> = args
            .iter()
            .map(|a| format!("        {},", arg_rust(a)))
            .collect();
        let bfields: Vec<String> = fields
            .iter()
            .map(|a| format!("        {},", arg_rust(a)))
            .collect();
        let words_rs: Vec<String> = words.iter().map(|w| format!("{w:?}")).collect();
        let desc = raw["description"].as_str().unwrap_or_default();
        let desc = desc.split_whitespace().collect::<Vec<_>>().join(" ");
        let body_rs = body.as_ref().map(|(n, r, _)| format!("Some(({n:?}, {r}))"));
        let _ = writeln!(
            s,
            "    Command {{\n        op: &ops::{c},\n        words: &[{w}],\n        tag: {tag:?},\n        summary: {sum:?},\n        description: {desc:?},\n        params: &[\n{p}\n        ],\n        body_fields: &[\n{b}\n        ],\n        body: {body},\n        confirm: {confirm},\n        hints: Hints {{ read_only: {read_only}, destructive: {destructive}, idempotent: {idempotent} }},\n        input_schema: r##\"{schema}\"##,\n        not_in_cli: {not_cli:?},\n        not_in_mcp: {not_mcp:?},\n    }},",
            c = const_name(&op.id),
            w = words_rs.join(", "),
            sum = op.summary,
            p = params.join("\n"),
            b = bfields.join("\n"),
            body = body_rs.unwrap_or_else(|| "None".into()),
        );
    }
    s.push_str("];\n");
    Ok(s)
}
