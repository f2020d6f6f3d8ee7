//! `molecule-mcp` over real stdio JSON-RPC against a seeded devserver in this process:
//! initialize, tools/list, one call per tool family, a destructive call refused without its
//! confirmation, and the platform's refusal surfaced as a tool error with its message.

use molecule_devserver::seed::{ACME_ID, DEV_ACME_ORG_KEY, WS_LEAD};
use molecule_sdk::{Endpoints, native::NativeTransport, signin::sign_in};
use serde_json::{Value, json};
use std::{process::Stdio, time::Duration};
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader, Lines},
    process::{Child, ChildStdin, ChildStdout},
};

struct Mcp {
    _child: Child,
    stdin: ChildStdin,
    lines: Lines<BufReader<ChildStdout>>,
    next: u64,
}

impl Mcp {
    async fn start(env: &[(&str, String)]) -> Self {
        let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_molecule-mcp"));
        cmd.env_clear()
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true);
        let mut child = cmd.spawn().expect("molecule-mcp starts");
        let stdin = child.stdin.take().unwrap();
        let lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut mcp = Self {
            _child: child,
            stdin,
            lines,
            next: 1,
        };
        let init = mcp
            .request("initialize", json!({"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "test", "version": "1"}}))
            .await;
        assert_eq!(
            init["result"]["serverInfo"]["name"], "molecule-mcp",
            "{init}"
        );
        assert!(
            init["result"]["capabilities"]["tools"].is_object(),
            "{init}"
        );
        mcp.send(json!({"jsonrpc": "2.0", "method": "notifications/initialized"}))
            .await;
        mcp
    }

    async fn send(&mut self, msg: Value) {
        let line = format!("{msg}\n");
        self.stdin.write_all(line.as_bytes()).await.unwrap();
        self.stdin.flush().await.unwrap();
    }

    /// One request and its answer (the whole JSON-RPC response).
    async fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next;
        self.next += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        loop {
            let line = tokio::time::timeout(Duration::from_secs(20), self.lines.next_line())
                .await
                .expect("an answer in time")
                .unwrap()
                .expect("the server is still running");
            let msg: Value = serde_json::from_str(&line).expect("stdout carries only JSON-RPC");
            if msg["id"] == id {
                return msg;
            }
        }
    }

    /// `tools/call`: (is_error, structured content).
    async fn call(&mut self, name: &str, args: Value) -> (bool, Value) {
        let r = self
            .request("tools/call", json!({"name": name, "arguments": args}))
            .await;
        let result = &r["result"];
        assert!(result.is_object(), "{name}: {r}");
        (
            result["isError"] == true,
            result["structuredContent"].clone(),
        )
    }

    async fn tools(&mut self) -> Vec<Value> {
        let r = self.request("tools/list", json!({})).await;
        r["result"]["tools"].as_array().cloned().unwrap_or_default()
    }
}

async fn devserver() -> (molecule_devserver::Running, tempfile::TempDir, u16) {
    let dir = tempfile::tempdir().unwrap();
    let server = molecule_devserver::start(molecule_devserver::Config {
        port: 0,
        db: dir.path().join("dev.db"),
        seed: true,
        dist: None,
        ..molecule_devserver::Config::default()
    })
    .await
    .expect("devserver starts");
    let port = server.addr.port();
    (server, dir, port)
}

fn tenant_env(port: u16) -> Vec<(&'static str, String)> {
    vec![
        ("MOLECULE_API_URL", format!("http://acme.localhost:{port}")),
        ("MOLECULE_ORG_SLUG", "acme".into()),
        ("MOLECULE_ORG_ID", ACME_ID.into()),
        ("MOLECULE_ORG_API_KEY", DEV_ACME_ORG_KEY.into()),
        ("MOLECULE_CP_URL", format!("http://api.localhost:{port}")),
    ]
}

fn find<'a>(tools: &'a [Value], name: &str) -> &'a Value {
    tools
        .iter()
        .find(|t| t["name"] == name)
        .unwrap_or_else(|| panic!("no tool {name}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tenant_tools_over_stdio() {
    let (server, _dir, port) = devserver().await;
    let mut mcp = Mcp::start(&tenant_env(port)).await;
    let tools = mcp.tools().await;
    // Operator and session tools are off without their credentials.
    assert!(
        !tools
            .iter()
            .any(|t| t["name"] == "admin_list_orgs" || t["name"] == "list_orgs")
    );
    let list = find(&tools, "list_workspaces");
    assert_eq!(list["annotations"]["readOnlyHint"], true, "{list}");
    let delete = find(&tools, "delete_workspace");
    assert_eq!(delete["annotations"]["destructiveHint"], true, "{delete}");
    let required = delete["inputSchema"]["required"].as_array().unwrap();
    assert!(required.contains(&json!("confirm_name")), "{delete}");
    let create = find(&tools, "create_workspace");
    assert_eq!(
        create["inputSchema"]["properties"]["body"]["required"],
        json!(["name"])
    );

    // Workspaces: list, create, a destructive call refused without confirmation, then confirmed.
    let (err, listed) = mcp.call("list_workspaces", json!({})).await;
    assert!(
        !err && listed["result"].as_array().unwrap().len() > 3,
        "{listed}"
    );
    let body = json!({"name": "mcp-made", "model": "claude-sonnet-4"});
    let (err, made) = mcp.call("create_workspace", json!({"body": body})).await;
    assert!(!err, "{made}");
    let id = made["id"].as_str().unwrap().to_string();
    let (err, refused) = mcp.call("delete_workspace", json!({"id": id})).await;
    assert!(
        err && refused["code"] == "CONFIRMATION_REQUIRED",
        "{refused}"
    );
    let (err, still) = mcp.call("get_workspace", json!({"id": id})).await;
    assert!(!err && still["name"] == "mcp-made", "{still}");
    let (err, gone) = mcp
        .call(
            "delete_workspace",
            json!({"id": id, "confirm_name": "mcp-made"}),
        )
        .await;
    assert!(!err, "{gone}");

    // The platform's refusal: an MCP tool error with the SDK's words and the platform's message.
    let (err, e) = mcp
        .call("create_workspace", json!({"body": {"name": "no-model"}}))
        .await;
    assert!(err, "{e}");
    assert_eq!(
        (e["status"].as_u64(), e["code"].as_str()),
        (Some(422), Some("MODEL_REQUIRED"))
    );
    assert_eq!(e["error"], "Choose a model for this workspace.");
    assert!(e["detail"].as_str().is_some_and(|d| !d.is_empty()), "{e}");

    // Secrets, tokens, budgets, templates, runtime.
    let secret = json!({"body": {"key": "MCP_KEY", "value": "v-secret"}});
    assert!(!mcp.call("set_org_secret", secret).await.0);
    let (_, secrets) = mcp.call("list_org_secrets", json!({})).await;
    assert!(secrets.to_string().contains("MCP_KEY") && !secrets.to_string().contains("v-secret"));
    let (err, _) = mcp
        .call("delete_org_secret", json!({"key": "MCP_KEY"}))
        .await;
    assert!(err, "a local confirmation is needed too");
    assert!(
        !mcp.call(
            "delete_org_secret",
            json!({"key": "MCP_KEY", "confirm": "MCP_KEY"})
        )
        .await
        .0
    );
    let (err, minted) = mcp
        .call("mint_org_token", json!({"body": {"name": "agent"}}))
        .await;
    assert!(!err && minted["id"].is_string(), "{minted}");
    assert!(
        !mcp.call("get_workspace_budget", json!({"id": WS_LEAD}))
            .await
            .0
    );
    assert!(!mcp.call("list_workspace_templates", json!({})).await.0);
    assert!(!mcp.call("get_liveness", json!({})).await.0);
    // Arguments outside the schema's types are refused before anything is sent.
    let (err, bad) = mcp
        .call(
            "list_workspace_tokens",
            json!({"id": WS_LEAD, "limit": "ten"}),
        )
        .await;
    assert!(err && bad["status"] == 0, "{bad}");

    // An unknown tool is a protocol error.
    let r = mcp
        .request(
            "tools/call",
            json!({"name": "no_such_tool", "arguments": {}}),
        )
        .await;
    assert!(r["error"].is_object(), "{r}");
    drop(mcp);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operator_and_session_tools_when_configured() {
    let (server, _dir, port) = devserver().await;
    let http = NativeTransport::new(Duration::from_secs(10)).unwrap();
    let session = sign_in(&http, &Endpoints::local(port), "ada@example.com")
        .await
        .unwrap();
    let mut env = tenant_env(port);
    env.push(("CP_ADMIN_API_TOKEN", "dev-cp-admin-token".into()));
    env.push(("MOLECULE_SESSION", session));
    let mut mcp = Mcp::start(&env).await;
    let tools = mcp.tools().await;
    let teardown = find(&tools, "admin_teardown_tenant");
    assert_eq!(teardown["annotations"]["destructiveHint"], true);
    assert!(
        !tools
            .iter()
            .any(|t| t["name"] == "handle_stripe_webhook" || t["name"] == "auth_login")
    );

    let (err, orgs) = mcp.call("admin_list_orgs", json!({})).await;
    assert!(!err && orgs.to_string().contains("fleet-east"), "{orgs}");
    let dry = json!({"slug": "acme", "body": {"dry_run": true}});
    let (err, plan) = mcp.call("admin_redeploy_tenant", dry).await;
    assert!(!err && plan["dry_run"] == true, "{plan}");
    let (err, refused) = mcp
        .call("admin_teardown_tenant", json!({"slug": "fleet-west"}))
        .await;
    assert!(
        err && refused["code"] == "CONFIRMATION_REQUIRED",
        "{refused}"
    );
    let (_, still) = mcp
        .call("admin_get_tenant", json!({"slug": "fleet-west"}))
        .await;
    assert_eq!(still["slug"], "fleet-west", "{still}");

    let (err, mine) = mcp.call("list_orgs", json!({})).await;
    assert!(!err && mine.to_string().contains("acme"), "{mine}");
    let (err, members) = mcp.call("list_members", json!({"slug": "acme"})).await;
    assert!(
        !err && members.to_string().contains("grace@example.com"),
        "{members}"
    );
    drop(mcp);
    server.shutdown().await;
}
