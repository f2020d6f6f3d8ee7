//! The platform's template catalog, for operators: the templates every organization can start
//! from, with add and remove (admin token). Reading the catalog takes a signed-in session, so the
//! section asks for one when there is none.
//! Calls `GET /api/v1/templates`, `POST /api/v1/admin/templates`, `DELETE .../templates/{slug}`.

use crate::{api::use_api, words};
use crate::{
    components::{ConfirmRequest, DataTable, ErrorView, use_confirm, use_toaster},
    paths,
    session::use_session,
    validate,
};
use leptos::{ev::SubmitEvent, prelude::*};
use leptos_router::components::A;
use molecule_sdk::{calls, types::CreateCpTemplateRequest};
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

/// The catalog section.
#[component]
pub fn Catalog() -> impl IntoView {
    let session = use_session();
    view! {
        <section class="section" aria-labelledby="op-catalog-title">
            <h2 id="op-catalog-title">"Template catalog"</h2>
            <Transition fallback=|| view! { <span class="skeleton skeleton--row"></span> }>
                {move || {
                    Suspend::new(async move {
                        match session.0.await {
                            Ok(Some(_)) => view! { <CatalogTable/> }.into_any(),
                            _ => view! {
                                <p class="muted">"Reading the catalog needs a signed-in session. "
                                    <A href=paths::sign_in()>"Sign in"</A>" first, then unlock the operator area again."</p>
                            }.into_any(),
                        }
                    })
                }}
            </Transition>
        </section>
    }
}

#[component]
fn CatalogTable() -> impl IntoView {
    let api = use_api();
    let toaster = use_toaster();
    let confirm = use_confirm();
    let add = crate::reactive::action(move |req: &CreateCpTemplateRequest| {
        let req = req.clone();
        async move {
            match api.send(calls::admin_create_cp_template(&req)).await {
                Ok(c) => {
                    toaster.success(format!("Template {} added to the catalog.", c.slug));
                    true
                }
                Err(e) => {
                    toaster.error(words::say(&e));
                    false
                }
            }
        }
    });
    let remove = crate::reactive::action(move |slug: &String| {
        let slug = slug.clone();
        async move {
            match api.send(calls::admin_delete_cp_template(&slug)).await {
                Ok(()) => toaster.success(format!("Template {slug} removed from the catalog.")),
                Err(e) => toaster.error(words::say(&e)),
            }
        }
    });
    let list = crate::reactive::resource(move || {
        add.version().track();
        remove.version().track();
        api.send(calls::list_cp_templates())
    });
    let form = RwSignal::new(TemplateForm::default());
    let error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if add.value().get() == Some(true) {
            form.set(TemplateForm::default());
        }
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        match template_request(&form.get_untracked()) {
            Ok(req) => {
                error.set(None);
                add.dispatch(req);
            }
            Err(m) => error.set(Some(m)),
        }
    };
    let input = move |id: &'static str,
                      label: &'static str,
                      get: fn(&TemplateForm) -> String,
                      set: fn(&mut TemplateForm, String)| {
        view! {
            <label class="field" for=id><span class="field__label">{label}</span></label>
            <input id=id class="input" spellcheck="false" prop:value=move || get(&form.get())
                on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))/>
        }
    };
    view! {
        <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
            {move || Suspend::new(async move {
                list.await.map(|items| {
                    let rows = items.into_iter().map(|t| {
                        let slug = t.slug.clone();
                        let ask = move |_| {
                            let slug = slug.clone();
                            confirm.ask(ConfirmRequest {
                                title: format!("Remove {slug} from the catalog?"),
                                body: "Organizations can no longer start workspaces from it; existing workspaces are not affected.".into(),
                                confirm_label: "Remove template".into(),
                                danger: true,
                                type_to_confirm: None,
                                on_confirm: Callback::new(move |_| { remove.dispatch(slug.clone()); }),
                            })
                        };
                        view! {
                            <tr>
                                <td><strong>{t.name.clone()}</strong><br/><span class="mono muted">{t.slug.clone()}</span></td>
                                <td class="mono">{t.runtime.clone()}</td>
                                <td class="mono">{t.default_model.clone()}</td>
                                <td>{t.tier.get()}</td>
                                <td><button type="button" class="btn" aria-label=format!("Remove {} from the catalog", t.slug) on:click=ask>"Remove"</button></td>
                            </tr>
                        }
                    }).collect_view();
                    view! { <DataTable caption="Template catalog" columns=&["Template", "Runtime", "Default model", "Tier"] actions=true>{rows}</DataTable> }
                })
            })}
        </ErrorBoundary>
        <h3>"Add a template"</h3>
        <form class="form form--inline" on:submit=submit novalidate autocomplete="off">
            {input("cat-slug", "Template slug", |f| f.slug.clone(), |f, v| f.slug = v)}
            {input("cat-name", "Template name", |f| f.name.clone(), |f, v| f.name = v)}
            {input("cat-description", "Description", |f| f.description.clone(), |f, v| f.description = v)}
            {input("cat-runtime", "Runtime", |f| f.runtime.clone(), |f, v| f.runtime = v)}
            {input("cat-model", "Default model", |f| f.model.clone(), |f, v| f.model = v)}
            {input("cat-tier", "Tier (1–4, optional)", |f| f.tier.clone(), |f, v| f.tier = v)}
            <p class="field__error" role="alert">{move || error.get()}</p>
            <button type="submit" class="btn btn--primary" disabled=move || add.pending().get()>"Add template"</button>
        </form>
    }
}

/// The operator page of this section.
#[component]
pub fn OperatorCatalogPage() -> impl IntoView {
    view! {
        <crate::components::Title text="Template catalog · Operator · Molecule Console"/>
        <Catalog/>
    }
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
