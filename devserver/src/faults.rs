//! Fault injection for tests: latency, 5xx and dropped connections on chosen routes.
//! Off by default; enabled with `--faults` or `MOLECULE_DEV_FAULTS`, or at run time by tests.

/// What to do to a matching request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Answer with this status and the error schema.
    Status(u16),
    /// Wait this many milliseconds, then handle normally.
    Latency(u64),
    /// Close the connection without an answer.
    Drop,
}

/// One rule: `METHOD /path/prefix=effect`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    pub method: String,
    pub path_prefix: String,
    pub effect: Effect,
}

impl Fault {
    pub fn matches(&self, method: &str, path: &str) -> bool {
        (self.method == "*" || self.method.eq_ignore_ascii_case(method))
            && path.starts_with(&self.path_prefix)
    }
}

/// Parses `GET /api/v1/orgs=503,POST /cp/orgs=latency:500,* /workspaces=drop`.
pub fn parse(spec: &str) -> Result<Vec<Fault>, String> {
    spec.split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|rule| {
            let (target, effect) = rule
                .split_once('=')
                .ok_or_else(|| format!("fault {rule:?}: expected METHOD /path=effect"))?;
            let (method, path) = target
                .trim()
                .split_once(' ')
                .ok_or_else(|| format!("fault {rule:?}: expected METHOD /path"))?;
            let effect = match effect.trim() {
                "drop" => Effect::Drop,
                e if e.starts_with("latency:") => Effect::Latency(
                    e[8..]
                        .parse()
                        .map_err(|_| format!("fault {rule:?}: bad latency"))?,
                ),
                e => match e.parse::<u16>() {
                    // Any error status: 5xx and 429 for failing servers, 4xx also for a
                    // platform version that lacks a route (404) or refuses it.
                    Ok(s) if (400..600).contains(&s) => Effect::Status(s),
                    _ => {
                        return Err(format!(
                            "fault {rule:?}: effect must be a 4xx or 5xx status, latency:<ms> or drop"
                        ));
                    }
                },
            };
            Ok(Fault {
                method: method.to_string(),
                path_prefix: path.trim().to_string(),
                effect,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rules() {
        let f =
            parse("GET /api/v1/orgs=503, POST /cp/orgs=latency:250,* /workspaces=drop").unwrap();
        assert_eq!(f.len(), 3);
        assert_eq!(f[0].effect, Effect::Status(503));
        assert_eq!(f[1].effect, Effect::Latency(250));
        assert!(f[2].matches("DELETE", "/workspaces/1"));
        assert!(!f[0].matches("POST", "/api/v1/orgs"));
        assert!(parse("GET /x=200").is_err());
        assert_eq!(parse("GET /x=404").unwrap()[0].effect, Effect::Status(404));
        assert!(parse("nonsense").is_err());
    }
}
