//! The command tree, built at start-up from the generated command table
//! (`molecule_sdk::commands::ALL`): one subcommand per operation under its group words, its path
//! parameters as positional arguments, query, header and body fields as flags. An operation
//! added to the spec appears here after `cargo run -p molecule-sdk-codegen`, with no edit.

use clap::{Arg, ArgAction, ArgMatches, Command as Cli, builder::PossibleValuesParser};
use molecule_sdk::{
    client::needs,
    commands::ALL,
    tools::{At, Command, Confirm, Kind, Param},
};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// What each group of commands is about (groups not listed get a generic line).
const GROUPS: &[(&str, &str)] = &[
    ("admin", "Operator commands (CP admin token)"),
    (
        "admin amis",
        "Tenant base images (thin AMIs) per region: list, promote, roll back",
    ),
    ("admin catalog", "Add or remove templates of the catalog"),
    ("admin fleet", "Fleet rollout and forced workspace env"),
    (
        "admin images",
        "Runtime image pins: current, list, promote, roll back",
    ),
    (
        "admin orgs",
        "Every organization: list, inspect, create for a user",
    ),
    (
        "admin tenants",
        "A tenant's instance: health, logs, reboot, redeploy, teardown",
    ),
    ("auth", "Your session: who you are, terms, sign-out"),
    ("billing", "Plans, checkout, credits and invoices of an org"),
    ("bundles", "Export and import workspace bundles (tenant)"),
    ("catalog", "The control plane's template catalog"),
    ("invitations", "Invite people to an org"),
    ("members", "Members of an org and their roles"),
    (
        "org-templates",
        "Org templates: create a team of workspaces (tenant)",
    ),
    ("orgs", "Organizations: list, create, inspect, delete"),
    ("plans", "The plans on offer"),
    (
        "platform",
        "Health, events, approvals and liveness of an org's tenant",
    ),
    ("plugins", "The org's plugin allowlist (tenant)"),
    (
        "secrets",
        "Org-wide secrets (tenant; values are write-only)",
    ),
    ("templates", "Workspace templates (tenant)"),
    ("tokens", "Org API keys (tenant)"),
    (
        "workspaces",
        "Workspaces of an org (tenant): lifecycle, secrets, tokens, budget",
    ),
    (
        "workspaces billing-mode",
        "Who pays for a workspace's LLM calls",
    ),
    ("workspaces budget", "A workspace's spending limits"),
    (
        "workspaces secrets",
        "A workspace's own secrets (values are write-only)",
    ),
    ("workspaces tokens", "A workspace's tokens"),
];

/// The operations the CLI offers.
pub fn offered() -> impl Iterator<Item = &'static Command> {
    ALL.iter().filter(|c| c.not_in_cli.is_none())
}

/// A group or a command of the tree.
#[derive(Default)]
struct Node {
    children: BTreeMap<&'static str, Node>,
    leaf: Option<&'static Command>,
}

/// Adds every generated command to `root`.
pub fn add_generated(mut root: Cli) -> Cli {
    let mut tree = Node::default();
    for cmd in offered() {
        let mut node = &mut tree;
        for w in cmd.words {
            node = node.children.entry(w).or_default();
        }
        node.leaf = Some(cmd);
    }
    for (name, node) in tree.children {
        root = root.subcommand(to_cli(name, name.to_string(), node));
    }
    root
}

/// `path`: the group's words so far, e.g. `workspaces secrets`.
fn to_cli(name: &'static str, path: String, node: Node) -> Cli {
    if let Some(cmd) = node.leaf {
        return leaf(name, cmd);
    }
    let about = GROUPS
        .iter()
        .find(|(g, _)| *g == path)
        .map(|(_, a)| *a)
        .unwrap_or("Commands");
    let mut c = Cli::new(name)
        .about(about)
        .subcommand_required(true)
        .arg_required_else_help(true);
    for (n, child) in node.children {
        c = c.subcommand(to_cli(n, format!("{path} {n}"), child));
    }
    c
}

fn leaf(verb: &'static str, cmd: &'static Command) -> Cli {
    let mut long = cmd.summary.to_string();
    if !cmd.description.is_empty() {
        long.push_str("\n\n");
        long.push_str(cmd.description);
    }
    if !cmd.op.is_public() {
        long.push_str(&format!("\n\nNeeds {}.", needs(cmd)));
    }
    let mut c = Cli::new(verb).about(cmd.summary).long_about(long);
    for p in cmd.params.iter().chain(cmd.body_fields) {
        if let Some(a) = arg_of(p) {
            c = c.arg(a);
        }
    }
    if cmd.body.is_some() {
        c = c.arg(
            Arg::new("body")
                .long("body")
                .value_name("JSON|@FILE")
                .help("The request body as JSON, or @file.json; flags override its fields"),
        );
    }
    if cmd.confirm != Confirm::None {
        let what = match cmd.confirm {
            Confirm::Header { .. } => "the workspace's exact name".to_string(),
            Confirm::BodyField { target, .. } | Confirm::Local { target } => {
                format!("the {target}")
            }
            Confirm::None => String::new(),
        };
        c = c.arg(
            Arg::new("confirm")
                .long("confirm")
                .value_name("NAME")
                .help(format!(
                    "Destructive: repeat {what} to confirm (asked for when omitted)"
                )),
        );
    }
    c
}

fn arg_of(p: &'static Param) -> Option<Arg> {
    let mut a = Arg::new(arg_id(p)).help(p.help);
    if p.at == At::Path {
        return Some(a.required(true).value_name(p.name.to_ascii_uppercase()));
    }
    if p.name.starts_with("confirm") && p.at == At::Header {
        return None;
    }
    a = a.long(p.flag?);
    a = match p.kind {
        Kind::Boolean => a
            .num_args(0..=1)
            .default_missing_value("true")
            .value_parser(["true", "false"])
            .value_name("BOOL"),
        Kind::Json => a.value_name("JSON"),
        Kind::Integer | Kind::Number => a.value_name("N"),
        Kind::String if !p.choices.is_empty() => a
            .value_parser(PossibleValuesParser::new(p.choices.iter().copied()))
            .value_name("VALUE"),
        Kind::String => a.value_name("TEXT"),
    };
    // Required body fields may come from --body instead, so only parameters are enforced here.
    Some(
        a.required(p.required && p.at != At::Body)
            .action(ArgAction::Set),
    )
}

/// The clap id of an argument (flags live beside `--confirm` and `--body`).
fn arg_id(p: &Param) -> String {
    match p.at {
        At::Path => p.name.to_string(),
        At::Body => format!("body.{}", p.name),
        At::Query | At::Header => format!("opt.{}", p.name),
    }
}

/// The generated command a match reached, and its matches.
pub fn reached(m: &ArgMatches) -> Option<(&'static Command, &ArgMatches)> {
    let mut words = Vec::new();
    let mut cur = m;
    while let Some((name, sub)) = cur.subcommand() {
        words.push(name);
        cur = sub;
    }
    offered()
        .find(|c| c.words == words.as_slice())
        .map(|c| (c, cur))
}

/// A flag's text as the JSON value of its kind.
pub fn value_of(p: &Param, text: &str) -> Result<Value, String> {
    let bad = |what: &str| {
        format!(
            "--{} expects {what}, got {text:?}",
            p.flag.unwrap_or(p.name)
        )
    };
    Ok(match p.kind {
        Kind::String => Value::String(text.into()),
        Kind::Integer => Value::from(text.parse::<i64>().map_err(|_| bad("a whole number"))?),
        Kind::Number => Value::from(text.parse::<f64>().map_err(|_| bad("a number"))?),
        Kind::Boolean => Value::Bool(text == "true"),
        Kind::Json => serde_json::from_str(text).map_err(|_| bad("JSON"))?,
    })
}

/// The argument object of the input schema, from the matches (without the confirmation).
pub fn args_of(cmd: &Command, m: &ArgMatches) -> Result<Map<String, Value>, String> {
    let mut args = Map::new();
    for p in cmd.params {
        if let Ok(Some(text)) = m.try_get_one::<String>(&arg_id(p)) {
            let v = if p.at == At::Path {
                Value::String(text.clone())
            } else {
                value_of(p, text)?
            };
            args.insert(p.name.into(), v);
        }
    }
    let mut body = match m.try_get_one::<String>("body").ok().flatten() {
        Some(text) => Some(read_body(text)?),
        None => None,
    };
    for p in cmd.body_fields {
        if let Ok(Some(text)) = m.try_get_one::<String>(&arg_id(p)) {
            let obj = body.get_or_insert_with(|| Value::Object(Map::new()));
            let Value::Object(o) = obj else {
                return Err("--body must be a JSON object to set fields on it".into());
            };
            o.insert(p.name.into(), value_of(p, text)?);
        }
    }
    if let Some(b) = body {
        args.insert("body".into(), b);
    }
    Ok(args)
}

/// `--body` text: JSON, or `@path` to a JSON file.
fn read_body(text: &str) -> Result<Value, String> {
    let raw = match text.strip_prefix('@') {
        Some(path) => std::fs::read_to_string(path).map_err(|e| format!("--body @{path}: {e}"))?,
        None => text.to_string(),
    };
    serde_json::from_str(&raw).map_err(|e| format!("--body is not JSON: {e}"))
}
