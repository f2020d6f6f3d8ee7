//! Approvals: what agents asked a person before acting, waiting for an answer. Each request can
//! be approved or denied (both ask first, saying what the agent will do); the list is searched
//! and sorted with its view in the URL (`components::list`).
//! Calls `GET /approvals/pending`, `POST /workspaces/{id}/approvals/{approval_id}/decide`.

use crate::router::A;
use crate::{
    api::use_api,
    components::{
        ConfirmRequest, Loaded, PageHeader,
        list::{ListControls, ListTable, Listed, UrlList, use_url_list},
        use_confirm, use_toaster,
    },
    pages::tenant::minute,
    paths,
    session::use_session,
};
use leptos::prelude::*;
use molecule_sdk::{
    calls,
    types::{ApprovalDecision, ApprovalDecisionDecision, PendingApproval},
};

/// One decision to send: the request and whether it is approved.
type Decide = Action<(PendingApproval, bool), ()>;

impl Listed for PendingApproval {
    fn haystack(&self) -> String {
        format!(
            "{} {} {}",
            self.workspace_name,
            self.action,
            self.reason.as_deref().unwrap_or_default()
        )
    }
    fn compare(&self, other: &Self, key: &str) -> std::cmp::Ordering {
        match key {
            "workspace" => self
                .workspace_name
                .to_lowercase()
                .cmp(&other.workspace_name.to_lowercase()),
            "action" => self.action.cmp(&other.action),
            _ => self.created_at.cmp(&other.created_at),
        }
    }
}

/// The body of a decision: who decided is the signed-in person's email when known (the
/// platform stores "human" otherwise), cut to the contract's 200 characters.
pub fn decision(approve: bool, email: Option<&str>) -> ApprovalDecision {
    ApprovalDecision {
        decision: if approve {
            ApprovalDecisionDecision::Approved
        } else {
            ApprovalDecisionDecision::Denied
        },
        decided_by: email
            .map(|e| e.chars().take(200).collect::<String>())
            .and_then(|e| e.parse().ok()),
    }
}

/// What the confirmation says before a decision.
pub fn ask_text(a: &PendingApproval, approve: bool) -> (String, String) {
    let verb = if approve { "Approve" } else { "Deny" };
    let title = format!("{verb} “{}” for {}?", a.action, a.workspace_name);
    let why = a
        .reason
        .as_deref()
        .filter(|r| !r.trim().is_empty())
        .map(|r| format!("The agent says: “{r}”. "))
        .unwrap_or_default();
    let then = if approve {
        "The agent goes ahead as soon as you approve."
    } else {
        "The agent is told no and does not do it."
    };
    (title, format!("{why}{then} A decision cannot be changed."))
}

/// The approvals page.
#[component]
pub fn ApprovalsPage() -> impl IntoView {
    let api = use_api();
    let toaster = use_toaster();
    let session = use_session();
    let decide: Decide = crate::reactive::action(move |(a, approve): &(PendingApproval, bool)| {
        let email = untrack(|| session.0.get())
            .and_then(|s| s.ok().flatten())
            .map(|s| s.email);
        let body = decision(*approve, email.as_deref());
        let call = calls::decide_approval(&a.workspace_id.to_string(), &a.id.to_string(), &body);
        let (what, who, approve) = (a.action.clone(), a.workspace_name.clone(), *approve);
        async move {
            match api.send(call).await {
                Ok(_) if approve => toaster.success(format!("Approved “{what}” for {who}.")),
                Ok(_) => toaster.success(format!("Denied “{what}” for {who}.")),
                Err(e) if e.is_not_found() => toaster.error(format!(
                    "“{what}” for {who} was already decided or withdrawn; the list is up to date now."
                )),
                Err(e) => toaster.error(crate::words::say(&e)),
            }
        }
    });
    let list = crate::reactive::resource(move || {
        decide.version().track();
        api.send(calls::list_pending_approvals())
    });
    let rows = use_url_list();
    view! {
        <PageHeader title="Approvals" context="Agents ask a person before some actions. Approve or deny each request; the agent waits until you do."/>
        <ListControls list=rows what="approvals"/>
        <Loaded res=list what="Approvals" let:l>
            <ApprovalTable l rows decide/>
        </Loaded>
    }
}

/// The requests the search and sort select, with the pager; or a line saying none wait.
#[component]
fn ApprovalTable(l: Vec<PendingApproval>, rows: UrlList, decide: Decide) -> impl IntoView {
    view! {
        <ListTable rows=l list=rows caption="Pending approvals" columns=&["Asked", "Workspace", "Action", "Reason"]
            keys=&["asked", "workspace", "action", ""] what="approvals" empty="Nothing is waiting for a decision. When an agent asks before acting, its request appears here." actions=true
            row=move |a| view! { <ApprovalRow a decide/> }/>
    }
}

/// One request with its approve and deny buttons (each asks first; off for viewers).
#[component]
fn ApprovalRow(a: PendingApproval, decide: Decide) -> impl IntoView {
    let blocked = crate::layouts::tenant::use_blocker(&molecule_sdk::ops::DECIDE_APPROVAL);
    let confirm = use_confirm();
    let busy = decide.pending();
    let ask = {
        let a = a.clone();
        move |approve: bool| {
            let (title, body) = ask_text(&a, approve);
            let a = a.clone();
            confirm.ask(ConfirmRequest {
                title,
                body,
                confirm_label: if approve { "Approve" } else { "Deny" }.into(),
                danger: !approve,
                type_to_confirm: None,
                on_confirm: Callback::new(move |_| {
                    decide.dispatch((a.clone(), approve));
                }),
            })
        }
    };
    let ask2 = ask.clone();
    let label = format!("“{}” for {}", a.action, a.workspace_name);
    let off = move || blocked.get().is_some() || busy.get();
    view! {
        <tr>
            <td class="mono">{minute(&a.created_at)}</td>
            <td><A href=paths::workspace(&a.workspace_id.to_string())>{a.workspace_name.clone()}</A></td>
            <td class="mono">{a.action.clone()}</td>
            <td>{a.reason.clone().filter(|r| !r.trim().is_empty()).unwrap_or_else(|| "—".into())}</td>
            <td class="row-actions">
                <button type="button" class="btn btn--primary" title=move || blocked.get() disabled=off
                    aria-label=format!("Approve {label}") on:click=move |_| ask(true)>"Approve"</button>
                <button type="button" class="btn" title=move || blocked.get() disabled=off
                    aria-label=format!("Deny {label}") on:click=move |_| ask2(false)>"Deny"</button>
            </td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(reason: Option<&str>) -> PendingApproval {
        serde_json::from_value(serde_json::json!({
            "id": "c0000000-0000-4000-8000-000000000001",
            "workspace_id": "a0000000-0000-4000-8000-000000000001",
            "workspace_name": "Research lead",
            "action": "send_email",
            "reason": reason,
            "status": "pending",
            "created_at": "2026-12-01T09:30:00Z"
        }))
        .unwrap()
    }

    #[test]
    fn decisions_say_who_decided() {
        let d = serde_json::to_value(decision(true, Some("ada@example.com"))).unwrap();
        assert_eq!(
            d,
            serde_json::json!({"decision": "approved", "decided_by": "ada@example.com"})
        );
        let d = serde_json::to_value(decision(false, None)).unwrap();
        assert_eq!(d, serde_json::json!({"decision": "denied"}));
        let long = "x".repeat(300);
        let d = decision(true, Some(&long));
        assert_eq!(d.decided_by.map(|b| b.len()), Some(200));
    }

    #[test]
    fn the_question_names_the_action_the_workspace_and_the_reason() {
        let (title, body) = ask_text(&req(Some("Weekly digest")), true);
        assert_eq!(title, "Approve “send_email” for Research lead?");
        assert!(body.starts_with("The agent says: “Weekly digest”. The agent goes ahead"));
        let (title, body) = ask_text(&req(None), false);
        assert_eq!(title, "Deny “send_email” for Research lead?");
        assert!(body.starts_with("The agent is told no"), "{body}");
        assert!(body.ends_with("A decision cannot be changed."));
    }
}
