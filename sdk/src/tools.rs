//! Operations as commands and tools: the metadata the CLI and the MCP server are built from
//! (generated into [`crate::commands`]) and the one way both turn a JSON argument object into a
//! [`Call`]. The argument object is what the operation's input JSON Schema describes: path,
//! query and header parameters by name, the request body under `body`, and `confirm` for a
//! destructive operation whose contract has no confirmation of its own.

use crate::{ApiError, Call, ErrorKind, Operation, Tier};
use serde_json::Value;

/// Where an argument goes on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    Path,
    Query,
    Header,
    /// A top-level field of the JSON request body.
    Body,
}

/// The JSON type of an argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    String,
    Integer,
    Number,
    Boolean,
    /// An object or array, given as JSON.
    Json,
}

/// One argument of an operation.
#[derive(Debug, PartialEq, Eq)]
pub struct Param {
    /// Property name in the input schema (for a body field: the field name).
    pub name: &'static str,
    /// Name on the wire (the header's name for headers).
    pub wire: &'static str,
    pub at: At,
    pub kind: Kind,
    pub required: bool,
    /// CLI long flag (`None`: positional for path parameters, or set only through `--body`).
    pub flag: Option<&'static str>,
    pub help: &'static str,
    /// Allowed values of a string enum.
    pub choices: &'static [&'static str],
}

/// How a destructive operation is confirmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    None,
    /// The contract's confirmation header (e.g. `X-Confirm-Name`), argument `name`.
    Header {
        name: &'static str,
        header: &'static str,
    },
    /// A string field of the request body that must repeat the target (e.g. the slug).
    BodyField {
        field: &'static str,
        target: &'static str,
    },
    /// No confirmation in the contract: argument `confirm` must repeat path parameter `target`
    /// (checked here, before anything is sent).
    Local {
        target: &'static str,
    },
}

/// MCP-style hints, derived from the method and the confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hints {
    pub read_only: bool,
    pub destructive: bool,
    pub idempotent: bool,
}

/// One operation as a CLI command and an MCP tool.
#[derive(Debug)]
pub struct Command {
    pub op: &'static Operation,
    /// Command words, e.g. `["admin", "tenants", "redeploy"]` (last one is the verb).
    pub words: &'static [&'static str],
    pub tag: &'static str,
    pub summary: &'static str,
    pub description: &'static str,
    pub params: &'static [Param],
    /// Top-level fields of the request body (those settable with a flag).
    pub body_fields: &'static [Param],
    /// Name of the request body schema and whether a body is required.
    pub body: Option<(&'static str, bool)>,
    pub confirm: Confirm,
    pub hints: Hints,
    /// The input JSON Schema (compact JSON text).
    pub input_schema: &'static str,
    /// Why the CLI has no generated command for it (it is still listed here).
    pub not_in_cli: Option<&'static str>,
    /// Why the MCP server has no tool for it.
    pub not_in_mcp: Option<&'static str>,
}

impl Command {
    /// The command of an operation id.
    pub fn by_id(id: &str) -> Option<&'static Command> {
        crate::commands::ALL.iter().find(|c| c.op.id == id)
    }

    /// The input schema as JSON.
    pub fn schema(&self) -> Value {
        serde_json::from_str(self.input_schema).unwrap_or(Value::Null)
    }

    /// Whether only the control-plane admin bearer can call it.
    pub fn operator_only(&self) -> bool {
        self.op
            .security
            .iter()
            .all(|alt| alt.contains(&Tier::CpAdmin))
            && !self.op.is_public()
    }

    /// Builds the call from an argument object (see the module comment). Refuses, before
    /// anything is sent, a missing required argument, a value of the wrong type and a missing
    /// or mismatched local confirmation.
    pub fn call(&self, args: &Value) -> Result<Call<Value>, ApiError> {
        let empty = serde_json::Map::new();
        let obj = match args {
            Value::Object(m) => m,
            Value::Null => &empty,
            _ => return Err(invalid("the arguments must be a JSON object".into())),
        };
        if let Confirm::Local { target } = self.confirm {
            let given = obj.get("confirm").and_then(Value::as_str);
            let expected = obj.get(target).and_then(Value::as_str);
            if given.is_none() || given != expected {
                let mut e = invalid(format!(
                    "{} is destructive: confirm must repeat {target}",
                    self.op.id
                ));
                e.code = Some("CONFIRMATION_REQUIRED".into());
                return Err(e);
            }
        }
        if let Confirm::BodyField { field, .. } = self.confirm {
            let given = obj.get("body").and_then(|b| b.get(field));
            if given.is_none_or(|v| v.as_str().is_none_or(str::is_empty)) {
                let mut e = invalid(format!("{} needs body.{field}", self.op.id));
                e.code = Some("CONFIRMATION_REQUIRED".into());
                return Err(e);
            }
        }
        let mut path = Vec::new();
        for p in self.params.iter().filter(|p| p.at == At::Path) {
            let value = obj.get(p.name).map(scalar).transpose()?;
            match value {
                Some(v) => path.push((p.name, v)),
                None => return Err(invalid(format!("{} is required", p.name))),
            }
        }
        let refs: Vec<(&'static str, &str)> = path.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let mut call = Call::<Value>::new(self.op, &refs);
        for p in self.params.iter().filter(|p| p.at != At::Path) {
            match (obj.get(p.name).filter(|v| !v.is_null()), p.at) {
                (Some(v), At::Query) => call = call.query(p.wire, check(p, v)?),
                (Some(v), At::Header) => call = call.header(p.wire, check(p, v)?),
                (None, _) if p.required => {
                    let mut e = invalid(format!("{} is required", p.name));
                    if matches!(self.confirm, Confirm::Header { name, .. } if name == p.name) {
                        e.code = Some("CONFIRMATION_REQUIRED".into());
                    }
                    return Err(e);
                }
                _ => {}
            }
        }
        match (obj.get("body").filter(|v| !v.is_null()), self.body) {
            (Some(b), Some(_)) if b.is_object() || b.is_array() => call = call.json(b),
            (Some(_), Some(_)) => return Err(invalid("body must be a JSON object".into())),
            (Some(_), None) => return Err(invalid(format!("{} takes no body", self.op.id))),
            (None, Some((_, true))) => return Err(invalid("body is required".into())),
            (None, _) => {}
        }
        Ok(call)
    }
}

fn invalid(msg: String) -> ApiError {
    ApiError::invalid(msg)
}

/// A path parameter's text.
fn scalar(v: &Value) -> Result<String, ApiError> {
    match v {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        _ => Err(invalid("a path parameter must be a string".into())),
    }
}

/// A query or header value of the parameter's kind, as text.
fn check(p: &Param, v: &Value) -> Result<String, ApiError> {
    let ok = match p.kind {
        Kind::String => v.is_string(),
        Kind::Integer => v.is_i64() || v.is_u64(),
        Kind::Number => v.is_number(),
        Kind::Boolean => v.is_boolean(),
        Kind::Json => true,
    };
    if !ok {
        let kind = match p.kind {
            Kind::String => "string",
            Kind::Integer => "whole number",
            Kind::Number => "number",
            Kind::Boolean => "true or false",
            Kind::Json => "JSON value",
        };
        return Err(invalid(format!("{} must be a {kind}", p.name)));
    }
    if !p.choices.is_empty() && !v.as_str().is_some_and(|s| p.choices.contains(&s)) {
        return Err(invalid(format!(
            "{} must be one of {}",
            p.name,
            p.choices.join(", ")
        )));
    }
    Ok(match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    })
}

/// Whether an error was the client's own refusal for lack of a confirmation.
pub fn is_unconfirmed(e: &ApiError) -> bool {
    e.kind == ErrorKind::Invalid && e.code.as_deref() == Some("CONFIRMATION_REQUIRED")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CallContext, Endpoints, commands::ALL};
    use serde_json::json;

    fn tenant() -> CallContext {
        CallContext {
            org_slug: Some("acme".into()),
            org_id: Some("6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f".into()),
            ..Default::default()
        }
    }

    #[test]
    fn every_input_schema_is_an_object_whose_required_names_exist() {
        for c in ALL {
            let s = c.schema();
            assert_eq!(s["type"], "object", "{}", c.op.id);
            let props = s["properties"].as_object().unwrap();
            for r in s["required"].as_array().unwrap() {
                assert!(props.contains_key(r.as_str().unwrap()), "{}: {r}", c.op.id);
            }
            for p in c.params.iter().filter(|p| p.at == At::Path) {
                assert!(s["required"].as_array().unwrap().contains(&json!(p.name)));
            }
        }
    }

    #[test]
    fn a_local_confirmation_must_repeat_the_target() {
        let c = Command::by_id("delete_org_secret").unwrap();
        assert_eq!(c.confirm, Confirm::Local { target: "key" });
        for args in [json!({"key": "K"}), json!({"key": "K", "confirm": "k"})] {
            assert!(is_unconfirmed(&c.call(&args).unwrap_err()), "{args}");
        }
        let req = c
            .call(&json!({"key": "K", "confirm": "K"}))
            .unwrap()
            .request(&Endpoints::local(8080), &tenant())
            .unwrap();
        assert_eq!(req.url, "http://acme.localhost:8080/settings/secrets/K");
    }

    #[test]
    fn arguments_go_where_the_contract_puts_them() {
        let c = Command::by_id("delete_workspace").unwrap();
        assert!(is_unconfirmed(&c.call(&json!({"id": "w1"})).unwrap_err()));
        let args = json!({"id": "w1", "confirm_name": "Lead", "confirm": true});
        let req = c
            .call(&args)
            .unwrap()
            .request(&Endpoints::local(8080), &tenant())
            .unwrap();
        assert!(
            req.url.ends_with("/workspaces/w1?confirm=true"),
            "{}",
            req.url
        );
        assert!(
            req.headers
                .contains(&("X-Confirm-Name".into(), "Lead".into()))
        );
        let tokens = Command::by_id("list_workspace_tokens").unwrap();
        let bad = tokens
            .call(&json!({"id": "w1", "limit": "ten"}))
            .unwrap_err();
        assert_eq!(bad.kind, ErrorKind::Invalid);
        let teardown = Command::by_id("admin_teardown_tenant").unwrap();
        assert!(is_unconfirmed(
            &teardown.call(&json!({"slug": "acme"})).unwrap_err()
        ));
        let ok = teardown
            .call(&json!({"slug": "acme", "body": {"confirm": "acme"}}))
            .unwrap();
        let req = ok
            .request(&Endpoints::local(8080), &CallContext::default())
            .unwrap();
        assert_eq!(req.body.as_deref(), Some(r#"{"confirm":"acme"}"#));
    }
}
