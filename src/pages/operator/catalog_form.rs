//! The operator's "add a catalog template" form: what was typed, checked before anything is sent.

use crate::validate;
use molecule_sdk::types::CreateCpTemplateRequest;
use std::num::NonZeroU32;

/// The add-template form, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TemplateForm {
    pub slug: String,
    pub name: String,
    pub description: String,
    pub runtime: String,
    pub model: String,
    pub tier: String,
}

/// Checks the form and builds the request (or says what to fix).
pub fn template_request(f: &TemplateForm) -> Result<CreateCpTemplateRequest, String> {
    let slug = f.slug.trim();
    validate::org_slug(slug).map_err(|m| format!("Slug: {m}"))?;
    let need = |v: &str, what: &str| {
        let v = v.trim();
        if v.is_empty() {
            Err(format!("Enter the {what}."))
        } else {
            Ok(v.to_string())
        }
    };
    let name = need(&f.name, "template's name")?;
    let runtime = need(&f.runtime, "runtime")?;
    let model = need(&f.model, "default model")?;
    let tier = match f.tier.trim() {
        "" => None,
        t => Some(
            t.parse::<u32>()
                .ok()
                .filter(|n| (1..=4).contains(n))
                .and_then(NonZeroU32::new)
                .ok_or("The tier is 1, 2, 3 or 4.")?,
        ),
    };
    let bad = |_| "Check the template's fields.".to_string();
    Ok(CreateCpTemplateRequest {
        slug: slug.to_string(),
        name: name.parse().map_err(bad)?,
        description: f.description.trim().to_string(),
        runtime: runtime.parse().map_err(bad)?,
        default_model: model.parse().map_err(bad)?,
        tier,
        tags: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> TemplateForm {
        TemplateForm {
            slug: "triage-bot".into(),
            name: "Triage bot".into(),
            runtime: "claude-code".into(),
            model: "claude-sonnet-4".into(),
            ..Default::default()
        }
    }

    #[test]
    fn the_form_is_checked_before_sending() {
        let r = template_request(&form()).unwrap();
        assert_eq!(r.tier, None);
        assert!(
            template_request(&TemplateForm {
                tier: "3".into(),
                ..form()
            })
            .unwrap()
            .tier
            .is_some()
        );
        assert!(
            template_request(&TemplateForm {
                tier: "5".into(),
                ..form()
            })
            .unwrap_err()
            .contains("tier")
        );
        assert!(
            template_request(&TemplateForm {
                slug: "X".into(),
                ..form()
            })
            .unwrap_err()
            .starts_with("Slug: ")
        );
        assert!(
            template_request(&TemplateForm {
                model: " ".into(),
                ..form()
            })
            .unwrap_err()
            .contains("default model")
        );
    }
}
