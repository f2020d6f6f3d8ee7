//! Rules several tenant routes share: which secrets a platform-managed workspace may not hold,
//! and how a template's name becomes its id.

use crate::error::{ApiError, ApiResult};

/// Direct vendor keys a platform-managed workspace may not hold.
pub const VENDOR_KEYS: &[&str] = &[
    "ANTHROPIC_API_KEY",
    "CLAUDE_CODE_OAUTH_TOKEN",
    "OPENAI_API_KEY",
    "OPENROUTER_API_KEY",
    "GEMINI_API_KEY",
    "GOOGLE_API_KEY",
    "MISTRAL_API_KEY",
    "GROQ_API_KEY",
    "XAI_API_KEY",
    "DEEPSEEK_API_KEY",
];

pub fn vendor_key_blocked(mode: &str, key: &str, workspace_id: &str) -> ApiResult<()> {
    if mode == "platform_managed" && VENDOR_KEYS.contains(&key.to_ascii_uppercase().as_str()) {
        return Err(ApiError::code(
            400,
            "VENDOR_KEY_BLOCKED",
            "direct vendor keys are blocked while the workspace's LLM billing is platform-managed",
        )
        .with(|e| e.key = Some(key.to_string()))
        .with(|e| e.workspace_id = workspace_id.parse().ok()));
    }
    Ok(())
}

/// `My Template!` -> `my-template`.
pub fn template_id(name: &str) -> String {
    let mut id = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-').to_string();
    if id.is_empty() { "template".into() } else { id }
}
