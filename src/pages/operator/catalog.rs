//! The platform's template catalog, for operators: the templates every organization can start
//! from, with add and remove (admin token). Reading the catalog takes a signed-in session, so the
//! section asks for one when there is none. The catalog is a list (`components::list`):
//! searched, filtered by tier and sorted, with the view in the URL.
//! Calls `GET /api/v1/templates`, `POST /api/v1/admin/templates`, `DELETE .../templates/{slug}`.

use super::catalog_form::{TemplateForm, template_request};
use crate::api::use_api;
use crate::router::A;
use crate::{
    components::{
        ConfirmRequest, Field, Loaded,
        list::{ListControls, ListTable, Listed, use_url_list},
        use_confirm, use_toaster,
    },
    paths,
    session::use_session,
};
use leptos::{ev::SubmitEvent, prelude::*};
use molecule_sdk::{
    calls,
    types::{CpTemplate, CreateCpTemplateRequest},
};
/// The tiers the filter offers (the URL value, what the filter says).
const TIERS: &[(&str, &str)] = &[
    ("1", "Tier 1"),
    ("2", "Tier 2"),
    ("3", "Tier 3"),
    ("4", "Tier 4"),
];

impl Listed for CpTemplate {
    fn haystack(&self) -> String {
        let t = self;
        let tags = t.tags.join(" ");
        format!(
            "{} {} {} {} {} {tags}",
            t.name, t.slug, t.runtime, t.default_model, t.description
        )
    }
    fn status_key(&self) -> Option<String> {
        Some(self.tier.to_string())
    }
    fn compare(&self, other: &Self, key: &str) -> std::cmp::Ordering {
        match key {
            "runtime" => self.runtime.cmp(&other.runtime),
            "model" => self.default_model.cmp(&other.default_model),
            "tier" => self.tier.cmp(&other.tier),
            _ => self.name.to_lowercase().cmp(&other.name.to_lowercase()),
        }
    }
}

/// The catalog section.
#[component]
pub fn Catalog() -> impl IntoView {
    let session = use_session();
    view! {
        <section class="section" aria-labelledby="op-catalog-title">
            <h2 id="op-catalog-title">"Template catalog"</h2>
            // Reading the catalog needs a session: the page waits for it (and says when it fails).
            <Loaded res=session.0 what="Your session" let:s>
                {signed_in_or_not(s.is_some())}
            </Loaded>
        </section>
    }
}

/// The catalog for a signed-in operator; otherwise what reading it needs.
fn signed_in_or_not(signed_in: bool) -> AnyView {
    if signed_in {
        return view! { <CatalogTable/> }.into_any();
    }
    view! {
        <p class="muted">"Reading the catalog needs a signed-in session. "
            <A href=paths::sign_in()>"Sign in"</A>" first, then unlock the operator area again."</p>
    }
    .into_any()
}

#[component]
fn CatalogTable() -> impl IntoView {
    let api = use_api();
    let toaster = use_toaster();
    let add = crate::reactive::action(move |req: &CreateCpTemplateRequest| {
        let req = req.clone();
        async move {
            let added = api.send(calls::admin_create_cp_template(&req)).await;
            toaster
                .tell(added, |c| {
                    format!("Template {} added to the catalog.", c.slug)
                })
                .is_some()
        }
    });
    let remove = crate::reactive::action(move |slug: &String| {
        let slug = slug.clone();
        async move {
            let removed = api.send(calls::admin_delete_cp_template(&slug)).await;
            toaster.tell(removed, |_| {
                format!("Template {slug} removed from the catalog.")
            });
        }
    });
    let list = crate::reactive::resource(move || {
        add.version().track();
        remove.version().track();
        api.send(calls::list_cp_templates())
    });
    let rows = use_url_list();
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
            <Field id=id label=label>
                <input id=id class="input" spellcheck="false" prop:value=move || get(&form.get())
                    on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))/>
            </Field>
        }
    };
    view! {
        <ListControls list=rows what="catalog templates" statuses=TIERS.to_vec() filter="Tier"/>
        <Loaded res=list what="Template catalog" let:items>
            <ListTable rows=items list=rows caption="Template catalog" columns=&["Template", "Runtime", "Default model", "Tier"]
                keys=&["name", "runtime", "model", "tier"] what="catalog templates" actions=true
                empty="The catalog has no templates yet; add one below." key=|t: &CpTemplate| t.slug.clone()
                row=move |t| view! { <CatalogRow t remove/> }/>
        </Loaded>
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

/// One catalog template, with its removal (asked first).
#[component]
fn CatalogRow(t: CpTemplate, remove: Action<String, ()>) -> impl IntoView {
    let confirm = use_confirm();
    let slug = t.slug.clone();
    let ask = move |_| {
        let slug = slug.clone();
        confirm.ask(ConfirmRequest {
            title: format!("Remove {slug} from the catalog?"),
            body: "Organizations can no longer start workspaces from it; existing workspaces are not affected.".into(),
            confirm_label: "Remove template".into(),
            danger: true,
            type_to_confirm: None,
            on_confirm: Callback::new(move |_| {
                remove.dispatch(slug.clone());
            }),
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
}

/// The operator page of this section.
#[component]
pub fn OperatorCatalogPage() -> impl IntoView {
    view! {
        <crate::components::Title text="Template catalog · Operator · Molecule Console"/>
        <Catalog/>
    }
}
