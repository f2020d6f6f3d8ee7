//! `molecule`: the Molecule AI management API on the command line. Every operation of
//! `spec/management.yaml` is a command (see `tree.rs`); `login` and `completions` are the only
//! hand-written ones.

mod config;
mod output;
mod tree;

use clap::{Arg, ArgAction, ArgMatches, Command as Cli};
use molecule_sdk::{
    ApiError,
    client::Client,
    tools::{Command, Confirm},
};
use output::exit;
use serde_json::Value;
use std::io::{BufRead, IsTerminal, Write};

const ABOUT: &str = "Manage Molecule AI organizations, workspaces, secrets, tokens and the fleet";
const AFTER: &str = "Credentials come from the profile file ($MOLECULE_CONFIG or \
~/.config/molecule/profiles.toml) and the environment: MOLECULE_ORG_API_KEY, MOLECULE_ADMIN_TOKEN, \
MOLECULE_WORKSPACE_TOKEN, CP_ADMIN_API_TOKEN, MOLECULE_SESSION (or `molecule login`).\n\n\
Examples:\n  molecule orgs list\n  molecule --org acme workspaces list --json\n  \
molecule --org acme secrets set --key OPENAI_API_KEY --value ...\n  \
molecule admin tenants redeploy acme --dry-run";

fn root() -> Cli {
    let global = |a: Arg| a.global(true);
    let cli = Cli::new("molecule")
        .version(env!("CARGO_PKG_VERSION"))
        .about(ABOUT)
        .after_help(AFTER)
        .subcommand_required(true)
        .arg_required_else_help(true)
        .arg(global(Arg::new("json").long("json").action(ArgAction::SetTrue).help("Print the answer as JSON")))
        .arg(global(Arg::new("org").long("org").value_name("SLUG").help("The org whose tenant host tenant commands go to")))
        .arg(global(Arg::new("profile").long("profile").value_name("NAME").help("Profile of the config file to use")))
        .arg(global(Arg::new("base-url").long("base-url").value_name("URL").help("Control-plane URL, e.g. http://api.localhost:8080")))
        .subcommand(
            Cli::new("login")
                .about("Sign in (devserver's simulated sign-in page) and keep the session in the profile")
                .arg(Arg::new("who").required(true).value_name("EMAIL|USER_ID")),
        )
        .subcommand(
            Cli::new("completions")
                .about("Print a shell completion script")
                .arg(Arg::new("shell").required(true).value_parser(clap::value_parser!(clap_complete::Shell))),
        );
    tree::add_generated(cli)
}

fn main() {
    let matches = match root().try_get_matches() {
        Ok(m) => m,
        Err(e) => {
            let _ = e.print();
            std::process::exit(e.exit_code());
        }
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    std::process::exit(rt.block_on(run(&matches)));
}

fn usage(msg: &str) -> i32 {
    eprintln!("error: {msg}");
    exit::USAGE
}

async fn run(m: &ArgMatches) -> i32 {
    let as_json = m.get_flag("json");
    if let Some(("completions", sub)) = m.subcommand() {
        let shell = *sub
            .get_one::<clap_complete::Shell>("shell")
            .expect("required");
        clap_complete::generate(shell, &mut root(), "molecule", &mut std::io::stdout());
        return exit::OK;
    }
    let mut file = match config::load() {
        Ok(f) => f,
        Err(e) => return usage(&e),
    };
    let name = config::profile_name(m.get_one::<String>("profile").map(String::as_str), &file);
    let profile = file.profiles.get(&name).cloned().unwrap_or_default();
    let get = |k: &str| m.get_one::<String>(k).map(String::as_str);
    let settings = config::settings(&profile, get("base-url"), get("org"));
    let endpoints = match config::endpoints(&settings.base_url) {
        Ok(e) => e,
        Err(e) => return usage(&e),
    };
    let mut client = match Client::new(endpoints, settings.creds.clone()) {
        Ok(c) => c,
        Err(e) => return fail(&e, as_json),
    };
    client.org_slug = settings.org.clone();
    client.org_id = settings.org_id.clone();
    if let Some(("login", sub)) = m.subcommand() {
        let who = sub.get_one::<String>("who").expect("required");
        return match molecule_sdk::signin::sign_in(client.transport(), &client.endpoints, who).await
        {
            Ok(token) => {
                let entry = file.profiles.entry(name.clone()).or_default();
                entry.session = Some(token);
                entry.base_url = Some(settings.base_url.clone());
                if let Err(e) = config::save(&file) {
                    return usage(&e);
                }
                let _ = writeln!(
                    std::io::stdout(),
                    "Signed in as {who}; the session is kept in profile {name:?}."
                );
                exit::OK
            }
            Err(e) => fail(&e, as_json),
        };
    }
    let Some((cmd, sub)) = tree::reached(m) else {
        return usage("unknown command");
    };
    let mut args = match tree::args_of(cmd, sub) {
        Ok(a) => a,
        Err(e) => return usage(&e),
    };
    if let Err(code) = confirm(cmd, sub, &mut args) {
        return code;
    }
    match client.run(cmd, &Value::Object(args)).await {
        Ok(v) => {
            if cmd.op.id == "auth_signout"
                && let Some(p) = file.profiles.get_mut(&name)
            {
                p.session = None;
                let _ = config::save(&file);
            }
            let text = if as_json {
                serde_json::to_string_pretty(&v).unwrap_or_default()
            } else {
                output::human(&v)
            };
            // A closed pipe (`| head`) is not a failure of the command.
            let _ = writeln!(std::io::stdout(), "{text}");
            exit::OK
        }
        Err(e) => fail(&e, as_json),
    }
}

fn fail(e: &ApiError, as_json: bool) -> i32 {
    output::print_error(e, as_json);
    output::exit_code(e)
}

/// Puts the confirmation where the operation takes it: `--confirm`, or typed at a terminal.
fn confirm(
    cmd: &Command,
    m: &ArgMatches,
    args: &mut serde_json::Map<String, Value>,
) -> Result<(), i32> {
    if cmd.confirm == Confirm::None {
        return Ok(());
    }
    let typed = match m.get_one::<String>("confirm") {
        Some(v) => Some(v.clone()),
        None if std::io::stdin().is_terminal() => Some(ask(cmd, args)),
        None => None,
    };
    let Some(typed) = typed else {
        return Ok(()); // the SDK refuses the call and says why
    };
    match cmd.confirm {
        Confirm::Header { name, .. } => {
            args.insert(name.into(), Value::String(typed));
        }
        Confirm::BodyField { field, .. } => {
            let body = args
                .entry("body")
                .or_insert_with(|| Value::Object(Default::default()));
            match body.as_object_mut() {
                Some(b) => {
                    b.insert(field.into(), Value::String(typed));
                }
                None => return Err(usage("--body must be a JSON object")),
            }
        }
        Confirm::Local { .. } => {
            args.insert("confirm".into(), Value::String(typed));
        }
        Confirm::None => {}
    }
    Ok(())
}

fn ask(cmd: &Command, args: &serde_json::Map<String, Value>) -> String {
    let what = match cmd.confirm {
        Confirm::BodyField { target, .. } | Confirm::Local { target } => {
            let v = args.get(target).and_then(Value::as_str).unwrap_or_default();
            format!("Type {v:?} to confirm")
        }
        _ => "Type the workspace's exact name to confirm".to_string(),
    };
    eprint!("{}: this cannot be undone. {what}: ", cmd.summary);
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    let _ = std::io::stdin().lock().read_line(&mut line);
    line.trim().to_string()
}

#[cfg(test)]
mod tests {
    use molecule_sdk::{ops, tools::Command};

    /// Drift: every operation of the contract is a command here, or is listed as absent with a
    /// reason (and then has no command).
    #[test]
    fn every_operation_is_a_command_or_absent_with_a_reason() {
        let root = super::root();
        for op in ops::ALL {
            let cmd = Command::by_id(op.id).unwrap_or_else(|| panic!("{} has no command", op.id));
            let mut found = Some(&root);
            for w in cmd.words {
                found = found.and_then(|c| c.find_subcommand(w));
            }
            match cmd.not_in_cli {
                Some(reason) => assert!(found.is_none() && reason.len() > 20, "{}", op.id),
                None => assert!(
                    found.is_some(),
                    "{} ({:?}) is not a command",
                    op.id,
                    cmd.words
                ),
            }
        }
    }

    #[test]
    fn every_group_says_what_it_is_about() {
        fn walk(c: &clap::Command) {
            for sub in c.get_subcommands() {
                let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
                assert!(
                    !about.is_empty() && about != "Commands",
                    "{}",
                    sub.get_name()
                );
                walk(sub);
            }
        }
        walk(&super::root());
    }

    #[test]
    fn the_command_tree_is_well_formed() {
        // clap's own checks: unique names and flags, positional order, ... for every command.
        super::root().debug_assert();
    }
}
