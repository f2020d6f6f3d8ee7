//! The runtime → model registry the real tenant validates `POST /workspaces` and
//! `PUT /workspaces/{id}/model` against, restated as data.
//!
//! Source: EnterOS-AI/enteros-core,
//! `workspace-server/internal/providers/gen/registry_gen.go@aeec8e47` (providers and their
//! model-prefix rules, runtimes and their native providers with exact model ids), applied the way
//! `model_registry_validation.go` and `derive_provider.go` apply it:
//! - a model is accepted for a registry runtime when it is one of the exact ids of the runtime's
//!   native providers, or when exactly one native provider's prefix rule matches it (two matches
//!   are ambiguous and refused);
//! - runtimes the tenant knows but the registry does not (external, kimi, kimi-cli, mock) accept
//!   any model;
//! - any other runtime is unknown.

/// How a provider recognises model ids that are not in an exact list.
#[derive(Debug)]
pub enum Rule {
    /// The whole id is one of these.
    Exact(&'static [&'static str]),
    /// The id starts with one of these.
    Starts(&'static [&'static str]),
    /// The id starts with one of these, ASCII case ignored.
    StartsNoCase(&'static [&'static str]),
}

impl Rule {
    fn matches(&self, model: &str) -> bool {
        match self {
            Rule::Exact(ids) => ids.contains(&model),
            Rule::Starts(prefixes) => prefixes.iter().any(|p| model.starts_with(p)),
            Rule::StartsNoCase(prefixes) => prefixes.iter().any(|p| {
                model
                    .get(..p.len())
                    .is_some_and(|head| head.eq_ignore_ascii_case(p))
            }),
        }
    }
}

/// One LLM provider of the registry.
#[derive(Debug)]
pub struct Provider {
    pub name: &'static str,
    pub display_name: &'static str,
    /// Env var names, any one of which authenticates (empty for the platform provider, whose
    /// credential the platform injects).
    pub auth_env: &'static [&'static str],
    pub rule: Rule,
}

impl Provider {
    pub fn is_platform(&self) -> bool {
        self.name == "platform"
    }
}

const fn p(
    name: &'static str,
    display_name: &'static str,
    auth_env: &'static [&'static str],
    rule: Rule,
) -> Provider {
    Provider {
        name,
        display_name,
        auth_env,
        rule,
    }
}

/// The providers the registry runtimes use.
pub const PROVIDERS: &[Provider] = &[
    p(
        "anthropic-oauth",
        "Claude Code subscription",
        &["CLAUDE_CODE_OAUTH_TOKEN"],
        Rule::Exact(&["sonnet", "opus", "haiku"]),
    ),
    p(
        "anthropic-api",
        "Anthropic API",
        &["ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN"],
        Rule::Starts(&["claude"]),
    ),
    p(
        "openai-subscription",
        "OpenAI Codex subscription",
        &["CODEX_AUTH_JSON", "CODEX_CHATGPT_AUTH_JSON"],
        Rule::Starts(&["gpt-"]),
    ),
    p(
        "openai-api",
        "OpenAI API",
        &["OPENAI_API_KEY"],
        Rule::Starts(&["openai-api:", "openai-api/"]),
    ),
    p(
        "kimi-coding",
        "Moonshot Kimi (coding-tuned)",
        &["KIMI_API_KEY", "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN"],
        Rule::Starts(&["kimi-"]),
    ),
    p(
        "minimax",
        "MiniMax",
        &[
            "MINIMAX_API_KEY",
            "ANTHROPIC_AUTH_TOKEN",
            "ANTHROPIC_API_KEY",
        ],
        Rule::StartsNoCase(&["minimax-m"]),
    ),
    p("platform", "Platform", &[], Rule::Starts(&["platform/"])),
    p(
        "zai",
        "Z.ai (GLM)",
        &["GLM_API_KEY", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_API_KEY"],
        Rule::StartsNoCase(&["glm-", "zai:", "zai/"]),
    ),
    p(
        "deepseek",
        "DeepSeek",
        &[
            "DEEPSEEK_API_KEY",
            "ANTHROPIC_AUTH_TOKEN",
            "ANTHROPIC_API_KEY",
        ],
        Rule::Starts(&["deepseek-", "deepseek:", "deepseek/"]),
    ),
    p(
        "xiaomi-mimo",
        "Xiaomi MiMo",
        &["ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_API_KEY"],
        Rule::StartsNoCase(&["mimo-", "xiaomi:", "xiaomi/"]),
    ),
    p(
        "alibaba",
        "Alibaba Qwen (DashScope)",
        &["DASHSCOPE_API_KEY", "ALIBABA_API_KEY"],
        Rule::StartsNoCase(&["qwen", "alibaba:", "alibaba/"]),
    ),
    p(
        "nousresearch",
        "Nous Research (Hermes)",
        &["NOUSRESEARCH_API_KEY"],
        Rule::Starts(&["nousresearch:", "nousresearch/"]),
    ),
    p(
        "openrouter",
        "OpenRouter (any model)",
        &["OPENROUTER_API_KEY"],
        Rule::Starts(&["openrouter:", "openrouter/"]),
    ),
    p(
        "huggingface",
        "Hugging Face Inference",
        &["HUGGINGFACE_API_KEY", "HF_TOKEN"],
        Rule::Starts(&["huggingface:", "huggingface/"]),
    ),
    p(
        "ai-gateway",
        "Vercel AI Gateway",
        &["AI_GATEWAY_API_KEY"],
        Rule::Starts(&["ai-gateway:", "ai-gateway/"]),
    ),
    p(
        "opencode-zen",
        "OpenCode Zen",
        &["OPENCODE_ZEN_API_KEY"],
        Rule::Starts(&["opencode-zen:", "opencode-zen/"]),
    ),
    p(
        "opencode-go",
        "OpenCode Go",
        &["OPENCODE_GO_API_KEY"],
        Rule::Starts(&["opencode-go:", "opencode-go/"]),
    ),
    p(
        "kilocode",
        "Kilo Code",
        &["KILOCODE_API_KEY"],
        Rule::Starts(&["kilocode:", "kilocode/"]),
    ),
    p(
        "minimax-cn",
        "MiniMax China",
        &["MINIMAX_API_KEY", "ANTHROPIC_AUTH_TOKEN"],
        Rule::Starts(&["minimax-cn:", "minimax-cn/"]),
    ),
    p(
        "ollama-cloud",
        "Ollama Cloud",
        &["OLLAMA_CLOUD_API_KEY"],
        Rule::Starts(&["ollama-cloud:", "ollama-cloud/"]),
    ),
    p(
        "nvidia",
        "NVIDIA NIM",
        &["NVIDIA_API_KEY"],
        Rule::Starts(&["nvidia:", "nvidia/"]),
    ),
    p(
        "arcee",
        "Arcee",
        &["ARCEE_API_KEY"],
        Rule::Starts(&["arcee:", "arcee/"]),
    ),
    p(
        "custom",
        "Custom OpenAI-compat endpoint",
        &["CUSTOM_API_KEY", "OPENAI_API_KEY"],
        Rule::Starts(&["custom:", "custom/"]),
    ),
    p(
        "byok-anthropic",
        "Anthropic (BYOK)",
        &["ANTHROPIC_API_KEY"],
        Rule::Starts(&["anthropic/"]),
    ),
    p(
        "byok-openai",
        "OpenAI (BYOK)",
        &["OPENAI_API_KEY"],
        Rule::Starts(&["openai:", "openai/"]),
    ),
    p(
        "byok-gemini",
        "Google Gemini (BYOK)",
        &["GEMINI_API_KEY", "GOOGLE_API_KEY"],
        Rule::Starts(&["gemini/"]),
    ),
    p(
        "byok-minimax",
        "MiniMax (BYOK)",
        &["MINIMAX_API_KEY"],
        Rule::StartsNoCase(&["minimax:", "minimax/", "codex-minimax-"]),
    ),
    p("groq", "Groq", &["GROQ_API_KEY"], Rule::Starts(&["groq:"])),
];

/// Native providers of a runtime, in registry order, with their exact model ids.
type Natives = &'static [(&'static str, &'static [&'static str])];

const PLATFORM_MINIMAX: &[&str] = &[
    "minimax/MiniMax-M2.7",
    "minimax/MiniMax-M2.7-highspeed",
    "minimax/MiniMax-M3",
];
const OPENAI_MODELS: &[&str] = &[
    "gpt-5.5",
    "gpt-5.4",
    "gpt-5.4-mini",
    "gpt-5.3-codex",
    "gpt-5.3-codex-spark",
    "gpt-5.2",
];

/// The registry runtimes.
pub const RUNTIMES: &[(&str, Natives)] = &[
    (
        "claude-code",
        &[
            (
                "anthropic-oauth",
                &[
                    "sonnet",
                    "opus",
                    "haiku",
                    "anthropic:sonnet",
                    "anthropic:opus",
                    "anthropic:haiku",
                ],
            ),
            (
                "anthropic-api",
                &[
                    "claude-sonnet-4-6",
                    "claude-opus-4-7",
                    "claude-opus-4-8",
                    "claude-haiku-4-5",
                    "claude-sonnet-4-5",
                    "anthropic:claude-sonnet-4-6",
                    "anthropic:claude-opus-4-7",
                    "anthropic:claude-opus-4-8",
                    "anthropic:claude-haiku-4-5",
                    "anthropic:claude-sonnet-4-5",
                ],
            ),
            ("kimi-coding", &["kimi-for-coding", "kimi-k2.5", "kimi-k2"]),
            (
                "minimax",
                &[
                    "MiniMax-M2",
                    "MiniMax-M2.7",
                    "MiniMax-M2.7-highspeed",
                    "MiniMax-M3",
                ],
            ),
            (
                "platform",
                &[
                    "anthropic/claude-opus-4-7",
                    "anthropic/claude-opus-4-8",
                    "anthropic/claude-sonnet-4-6",
                    "minimax/MiniMax-M2.7",
                    "minimax/MiniMax-M2.7-highspeed",
                    "minimax/MiniMax-M3",
                ],
            ),
            ("zai", &[]),
            ("deepseek", &[]),
            ("xiaomi-mimo", &[]),
        ],
    ),
    (
        "codex",
        &[
            ("openai-subscription", OPENAI_MODELS),
            ("openai-api", OPENAI_MODELS),
            (
                "platform",
                &[
                    "openai/gpt-5.4",
                    "openai/gpt-5.4-mini",
                    "minimax/MiniMax-M2.7",
                    "minimax/MiniMax-M2.7-highspeed",
                    "minimax/MiniMax-M3",
                ],
            ),
            ("byok-minimax", &[]),
        ],
    ),
    (
        "hermes",
        &[
            ("kimi-coding", &["kimi-coding/kimi-k2"]),
            ("platform", PLATFORM_MINIMAX),
            ("openrouter", &[]),
            ("huggingface", &[]),
            ("ai-gateway", &[]),
            ("opencode-zen", &[]),
            ("opencode-go", &[]),
            ("kilocode", &[]),
            ("custom", &[]),
            ("nvidia", &[]),
            ("arcee", &[]),
            ("ollama-cloud", &[]),
            ("minimax-cn", &[]),
            ("nousresearch", &[]),
            ("deepseek", &[]),
            ("zai", &[]),
            ("xiaomi-mimo", &[]),
            ("alibaba", &[]),
            ("byok-anthropic", &[]),
            ("byok-gemini", &[]),
            ("byok-openai", &[]),
            (
                "byok-minimax",
                &[
                    "minimax:MiniMax-M2.7",
                    "minimax:MiniMax-M2.7-highspeed",
                    "minimax:MiniMax-M3",
                ],
            ),
        ],
    ),
    (
        "openclaw",
        &[
            ("kimi-coding", &["moonshot:kimi-k2.6", "moonshot:kimi-k2.5"]),
            ("platform", PLATFORM_MINIMAX),
            ("openrouter", &[]),
            ("custom", &[]),
            ("byok-openai", &[]),
            (
                "byok-minimax",
                &["minimax:MiniMax-M2.7", "minimax:MiniMax-M2.7-highspeed"],
            ),
            ("groq", &[]),
        ],
    ),
];

/// Runtimes the tenant knows that are not in the registry: any model is accepted.
pub const OPEN_RUNTIMES: &[&str] = &["external", "kimi", "kimi-cli", "mock"];

pub fn provider(name: &str) -> Option<&'static Provider> {
    PROVIDERS.iter().find(|p| p.name == name)
}

fn natives(runtime: &str) -> Option<Natives> {
    RUNTIMES
        .iter()
        .find(|(r, _)| *r == runtime)
        .map(|(_, n)| *n)
}

/// Whether the tenant knows the runtime at all.
pub fn known_runtime(runtime: &str) -> bool {
    natives(runtime).is_some() || OPEN_RUNTIMES.contains(&runtime)
}

/// Whether the runtime is served from the registry (as opposed to accepting any model).
pub fn registry_backed(runtime: &str) -> bool {
    natives(runtime).is_some()
}

/// The provider that owns a model on a registry runtime: the first native provider listing the
/// exact id, else the only native provider whose prefix rule matches. `None` when nothing (or
/// more than one rule) matches, or the runtime is not in the registry.
pub fn derive_provider(runtime: &str, model: &str) -> Option<&'static Provider> {
    let natives = natives(runtime)?;
    if let Some((name, _)) = natives.iter().find(|(_, ids)| ids.contains(&model)) {
        return provider(name);
    }
    let mut matching = natives
        .iter()
        .filter_map(|(name, _)| provider(name))
        .filter(|p| p.rule.matches(model));
    match (matching.next(), matching.next()) {
        (Some(p), None) => Some(p),
        _ => None,
    }
}

/// Why a model is refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// 422 `RUNTIME_UNSUPPORTED`.
    UnknownRuntime,
    /// 422 `UNREGISTERED_MODEL_FOR_RUNTIME`.
    UnregisteredModel,
}

/// Whether `model` may run on `runtime`.
pub fn check(runtime: &str, model: &str) -> Result<(), Refusal> {
    if OPEN_RUNTIMES.contains(&runtime) {
        return Ok(());
    }
    if natives(runtime).is_none() {
        return Err(Refusal::UnknownRuntime);
    }
    derive_provider(runtime, model)
        .map(|_| ())
        .ok_or(Refusal::UnregisteredModel)
}

/// The runtime's native model ids in registry order (first occurrence wins), each with the
/// provider it derives to. Empty for a runtime outside the registry.
pub fn runtime_models(runtime: &str) -> Vec<(&'static str, &'static Provider)> {
    let mut out: Vec<(&'static str, &'static Provider)> = Vec::new();
    for (_, ids) in natives(runtime).unwrap_or_default() {
        for id in *ids {
            if !out.iter().any(|(m, _)| m == id)
                && let Some(p) = derive_provider(runtime, id)
            {
                out.push((id, p));
            }
        }
    }
    out
}

/// The runtime's native providers in registry order.
pub fn runtime_providers(runtime: &str) -> Vec<&'static Provider> {
    natives(runtime)
        .unwrap_or_default()
        .iter()
        .filter_map(|(name, _)| provider(name))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_real_clients_send_is_accepted() {
        for (runtime, model) in [
            ("claude-code", "sonnet"),
            ("claude-code", "claude-sonnet-4-6"),
            ("claude-code", "claude-sonnet-4"),
            ("claude-code", "glm-4.6"),
            ("claude-code", "ZAI:glm"),
            ("hermes", "minimax/MiniMax-M2.7"),
            ("hermes", "openrouter/anthropic/claude-3"),
            ("hermes", "Qwen3-coder"),
            ("codex", "gpt-5.4"),
            ("codex", "openai-api:gpt-4o"),
            ("openclaw", "groq:llama"),
            ("external", "anything"),
            ("mock", "mock-model"),
        ] {
            assert_eq!(check(runtime, model), Ok(()), "{runtime} {model}");
        }
    }

    #[test]
    fn refusals() {
        assert_eq!(check("langgraph", "x"), Err(Refusal::UnknownRuntime));
        assert_eq!(
            check("claude-code", "gpt-5.4"),
            Err(Refusal::UnregisteredModel)
        );
        assert_eq!(
            check("claude-code", "Sonnet"),
            Err(Refusal::UnregisteredModel)
        );
        assert_eq!(check("hermes", "sonnet"), Err(Refusal::UnregisteredModel));
        assert_eq!(
            check("openclaw", "groq/llama"),
            Err(Refusal::UnregisteredModel)
        );
    }

    #[test]
    fn exact_ids_derive_to_the_first_listing_provider() {
        assert_eq!(
            derive_provider("codex", "gpt-5.4").map(|p| p.name),
            Some("openai-subscription")
        );
        assert_eq!(
            derive_provider("claude-code", "minimax/MiniMax-M3").map(|p| p.name),
            Some("platform")
        );
        let models = runtime_models("codex");
        assert_eq!(models.iter().filter(|(m, _)| *m == "gpt-5.5").count(), 1);
    }
}
