//! The MCP server: one tool per generated command (`molecule_sdk::commands::ALL`) that the
//! configured credentials can call, named by its operationId, with the operation's input JSON
//! Schema and annotations; a call goes through the same `molecule_sdk::client::Client` as the CLI.

use crate::config::Config;
use molecule_sdk::{
    ApiError, ErrorKind,
    client::{Client, needs},
    commands::ALL,
    tools::Command,
};
use rmcp::{
    ErrorData, RoleServer, ServerHandler,
    model::{
        CallToolRequestParams, CallToolResponse, CallToolResult, Implementation, ListToolsResult,
        PaginatedRequestParams, ServerCapabilities, ServerConfig, Tool, ToolAnnotations,
    },
    service::RequestContext,
};
use serde_json::{Value, json};
use std::sync::Arc;
use tokio::sync::Mutex;

const INSTRUCTIONS: &str = "Manage one Molecule AI org: workspaces, secrets, tokens, templates, bundles, and (with the CP admin token) the fleet. Tool names are the API's operationIds. Destructive tools need an explicit confirmation argument (confirm_name, body.confirm or confirm) that repeats the target's name.";

/// The server's state: the client (it remembers the org id once looked up) and the tools.
#[derive(Clone)]
pub struct Server {
    client: Arc<Mutex<Client>>,
    tools: Arc<Vec<(&'static Command, Tool)>>,
}

/// Whether the configuration can call `cmd` at all (tools that cannot are not listed).
pub fn available(client: &Client, cmd: &Command) -> bool {
    let tenant_ok = cmd.op.surface != molecule_sdk::Surface::Tenant || client.org_slug.is_some();
    cmd.not_in_mcp.is_none() && tenant_ok && client.choose(cmd).is_ok()
}

/// The MCP tool of a command.
pub fn tool(cmd: &'static Command) -> Tool {
    let mut text = cmd.summary.to_string();
    if !cmd.description.is_empty() {
        text.push_str(". ");
        text.push_str(cmd.description);
    }
    if !cmd.op.is_public() {
        text.push_str(&format!(" Needs {}.", needs(cmd)));
    }
    let schema = match cmd.schema() {
        Value::Object(o) => o,
        _ => Default::default(),
    };
    let h = cmd.hints;
    let notes = ToolAnnotations::with_title(cmd.summary)
        .read_only(h.read_only)
        .destructive(h.destructive)
        .idempotent(h.idempotent)
        .open_world(false);
    Tool::new(cmd.op.id, text, Arc::new(schema)).annotate(notes)
}

impl Server {
    pub fn new(config: Config) -> Result<Self, String> {
        let mut client = Client::new(config.endpoints, config.creds).map_err(|e| e.to_string())?;
        client.org_slug = config.org_slug;
        client.org_id = config.org_id;
        let tools = ALL
            .iter()
            .filter(|c| available(&client, c))
            .map(|c| (c, tool(c)))
            .collect();
        Ok(Self {
            client: Arc::new(Mutex::new(client)),
            tools: Arc::new(tools),
        })
    }

    /// Names of the tools offered.
    pub fn names(&self) -> Vec<&'static str> {
        self.tools.iter().map(|(c, _)| c.op.id).collect()
    }
}

/// A failed call as a tool error: the SDK's sentence, the machine code, the status and the
/// platform's own message.
pub fn failure(e: &ApiError) -> CallToolResult {
    let code = e.code.clone().unwrap_or_else(|| match e.kind {
        ErrorKind::Http => format!("HTTP_{}", e.status),
        other => format!("{other:?}").to_ascii_uppercase(),
    });
    let mut v = json!({"error": e.message(), "code": code, "status": e.status});
    if let Some(detail) = &e.server_message {
        v["detail"] = json!(detail);
    }
    CallToolResult::structured_error(v)
}

impl ServerHandler for Server {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new(
                "molecule-mcp",
                env!("CARGO_PKG_VERSION"),
            ))
            .with_instructions(INSTRUCTIONS)
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        let tools = self.tools.iter().map(|(_, t)| t.clone()).collect();
        Ok(ListToolsResult::with_all_items(tools))
    }

    fn get_tool(&self, name: &str) -> Option<Tool> {
        self.tools
            .iter()
            .find(|(c, _)| c.op.id == name)
            .map(|(_, t)| t.clone())
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let Some((cmd, _)) = self.tools.iter().find(|(c, _)| c.op.id == request.name) else {
            let msg = format!(
                "no tool {:?} (or it is off: its credential is not configured)",
                request.name
            );
            return Err(ErrorData::invalid_params(msg, None));
        };
        let args = Value::Object(request.arguments.unwrap_or_default());
        let result = self.client.lock().await.run(cmd, &args).await;
        Ok(match result {
            Ok(Value::Null) => CallToolResult::structured(json!({"ok": true})),
            Ok(v @ Value::Object(_)) => CallToolResult::structured(v),
            // Structured content must be an object: lists and scalars are wrapped.
            Ok(v) => CallToolResult::structured(json!({"result": v})),
            Err(e) => failure(&e),
        }
        .into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use molecule_sdk::{ops, tools::Confirm};

    /// Drift: every operation of the contract is a tool here, or is listed as absent with a
    /// reason; with every credential configured, every tool that is not absent is offered.
    #[test]
    fn every_operation_is_a_tool_or_absent_with_a_reason() {
        let full = crate::config::from(|k| match k {
            "MOLECULE_ORG_SLUG" => Some("acme".into()),
            "MOLECULE_ORG_ID" | "MOLECULE_ORG_API_KEY" | "MOLECULE_WORKSPACE_TOKEN" => {
                Some("x".into())
            }
            "CP_ADMIN_API_TOKEN" | "MOLECULE_SESSION" => Some("x".into()),
            _ => None,
        })
        .unwrap();
        let server = Server::new(full).unwrap();
        let names = server.names();
        for op in ops::ALL {
            let cmd = Command::by_id(op.id).unwrap_or_else(|| panic!("{} has no command", op.id));
            match cmd.not_in_mcp {
                Some(reason) => assert!(reason.len() > 20 && !names.contains(&op.id), "{}", op.id),
                None => assert!(names.contains(&op.id), "{} is not offered", op.id),
            }
        }
        assert_eq!(names.len() + 8, ops::ALL.len());
    }

    #[test]
    fn tools_carry_schema_and_annotations() {
        for cmd in ALL.iter().filter(|c| c.not_in_mcp.is_none()) {
            let t = tool(cmd);
            assert_eq!(t.input_schema["type"], "object", "{}", cmd.op.id);
            let a = t.annotations.clone().unwrap();
            assert_eq!(
                a.read_only_hint,
                Some(cmd.op.method == molecule_sdk::Method::Get)
            );
            if cmd.confirm != Confirm::None {
                assert_eq!(a.destructive_hint, Some(true), "{}", cmd.op.id);
            }
        }
    }
}
