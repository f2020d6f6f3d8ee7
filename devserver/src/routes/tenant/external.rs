//! The connection block of an external (bring-your-own) agent: endpoints, its show-once token
//! and one ready-to-paste snippet per client, as flat keys of `connection` like the real tenant
//! (external_connection.go@aeec8e47). The snippet texts are the devserver's own.

use molecule_sdk::types::ExternalConnection;

pub fn connection(origin: &str, workspace_id: &str, token: &str) -> ExternalConnection {
    let register = format!("{origin}/registry/register");
    let heartbeat = format!("{origin}/registry/heartbeat");
    let env = format!(
        "MOLECULE_PLATFORM_URL={origin}\nMOLECULE_WORKSPACE_ID={workspace_id}\nMOLECULE_WORKSPACE_TOKEN={token}"
    );
    let mcp = format!(
        "{{\"mcpServers\": {{\"molecule\": {{\"command\": \"npx\", \"args\": [\"-y\", \"@molecule-ai/mcp\"], \
         \"env\": {{\"MOLECULE_PLATFORM_URL\": \"{origin}\", \"MOLECULE_WORKSPACE_ID\": \"{workspace_id}\", \
         \"MOLECULE_WORKSPACE_TOKEN\": \"{token}\"}}}}}}}}"
    );
    let channel = |client: &str| format!("# {client}: add the Molecule channel\n{env}");
    ExternalConnection {
        workspace_id: workspace_id.parse().unwrap_or_default(),
        platform_url: origin.into(),
        auth_token: token.into(),
        registry_endpoint: register.clone(),
        heartbeat_endpoint: heartbeat,
        curl_register_template: Some(format!(
            "curl -X POST {register} -H 'Authorization: Bearer {token}' -H 'Content-Type: application/json' \
             -d '{{\"id\": \"{workspace_id}\", \"url\": \"<YOUR_AGENT_URL>\"}}'"
        )),
        python_snippet: Some(format!(
            "import requests\nrequests.post(\"{register}\", headers={{\"Authorization\": \"Bearer {token}\"}}, \
             json={{\"id\": \"{workspace_id}\", \"url\": \"<YOUR_AGENT_URL>\"}}).raise_for_status()"
        )),
        claude_code_channel_snippet: Some(channel("Claude Code")),
        universal_mcp_snippet: Some(mcp),
        hermes_channel_snippet: Some(channel("Hermes")),
        codex_snippet: Some(channel("Codex")),
        openclaw_snippet: Some(channel("OpenClaw")),
        kimi_snippet: Some(channel("Kimi")),
    }
}
