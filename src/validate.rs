//! Client-side checks that mirror the contract's rules, so invalid input never leaves the page.

/// Subdomains the platform keeps for itself.
pub const RESERVED_SLUGS: &[&str] = &[
    "app",
    "www",
    "api",
    "admin",
    "cp",
    "dashboard",
    "billing",
    "status",
    "docs",
];

/// Checks an org slug (`^[a-z][a-z0-9-]{2,31}$`, not reserved); the error says what to fix.
pub fn org_slug(slug: &str) -> Result<(), String> {
    let len = slug.chars().count();
    if !(3..=32).contains(&len) {
        return Err("Use 3 to 32 characters.".into());
    }
    if !slug.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Err("Start with a lowercase letter.".into());
    }
    if let Some(bad) = slug
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        return Err(format!(
            "“{bad}” is not allowed: use lowercase letters, digits and hyphens."
        ));
    }
    if RESERVED_SLUGS.contains(&slug) {
        return Err(format!("“{slug}” is reserved by the platform."));
    }
    Ok(())
}

/// Checks an org display name.
pub fn org_name(name: &str) -> Result<(), String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("Enter a name.".into());
    }
    if name.chars().count() > 100 {
        return Err("Use at most 100 characters.".into());
    }
    Ok(())
}

/// Suggests a slug from a name: lowercase, hyphens for runs of other characters.
pub fn suggest_slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_start_matches(|c: char| c.is_ascii_digit() || c == '-');
    out.chars()
        .take(32)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(org_slug("acme").is_ok());
        assert!(org_slug("a1-b2").is_ok());
        assert!(org_slug("ab").is_err());
        assert!(org_slug(&"a".repeat(33)).is_err());
        assert!(org_slug("1acme").is_err());
        assert!(org_slug("Acme").is_err());
        assert!(org_slug("ac_me").unwrap_err().contains('_'));
        assert!(org_slug("api").unwrap_err().contains("reserved"));
        assert!(org_slug("<img src=x>").is_err());
    }

    #[test]
    fn names_and_suggestions() {
        assert!(org_name("  ").is_err());
        assert!(org_name("Acme").is_ok());
        assert_eq!(suggest_slug("Acme Research Lab"), "acme-research-lab");
        assert_eq!(suggest_slug("  42 Things!  "), "things");
        assert_eq!(suggest_slug("Ünïcode Co."), "n-code-co");
    }
}
