//! The one error model: every failed call becomes an [`ApiError`] with a status, an optional
//! machine code and a message written for people. The server's own `error` text is kept for
//! logs (`server_message`) but never chosen as the message shown to a user.

use crate::json::{self, FromJson, JsonError, Reader};
use crate::{HttpResponse, TransportError, types};
use std::{collections::BTreeMap, fmt};

/// What kind of failure it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The server answered with a non-2xx status.
    Http,
    /// No answer: offline, DNS, connection refused or dropped.
    Network,
    /// No answer in time.
    Timeout,
    /// Cancelled by the client (for example the page unmounted).
    Aborted,
    /// A 2xx body that does not match the contract.
    Decode,
    /// The client refused to send it (missing parameter, undocumented query, ...).
    Invalid,
}

/// A failed call.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub kind: ErrorKind,
    /// HTTP status (0 when there was no response).
    pub status: u16,
    /// Machine code from the error body (`code`), e.g. `SLUG_TAKEN`.
    pub code: Option<String>,
    /// A JSON object body as it came, also one that does not fit `Error` (the real platform
    /// answers some failures without an `error` field, e.g. a cascade delete's 409). `None` for
    /// an empty, text or HTML body. Kept as text and read on demand ([`ApiError::body`],
    /// [`ApiError::json_str`], [`ApiError::json`]): a client that only shows the message carries
    /// no code for a JSON tree (about 8 KB of the console's first download).
    pub json_body: Option<String>,
    /// Seconds from `Retry-After`, when present.
    pub retry_after: Option<u64>,
    /// Diagnostic text (server `error` string, decode error); for logs, not for display.
    pub server_message: Option<String>,
}

impl ApiError {
    pub fn invalid(msg: impl Into<String>) -> Self {
        Self::bare(ErrorKind::Invalid, 0, Some(msg.into()))
    }

    pub fn decode(status: u16, msg: String) -> Self {
        Self::bare(ErrorKind::Decode, status, Some(msg))
    }

    fn bare(kind: ErrorKind, status: u16, server_message: Option<String>) -> Self {
        Self {
            kind,
            status,
            code: None,
            json_body: None,
            retry_after: None,
            server_message,
        }
    }

    pub fn from_transport(e: TransportError) -> Self {
        match e {
            TransportError::Timeout => Self::bare(ErrorKind::Timeout, 0, None),
            TransportError::Aborted => Self::bare(ErrorKind::Aborted, 0, None),
            TransportError::Network(m) => Self::bare(ErrorKind::Network, 0, Some(m)),
        }
    }

    /// Reads a failed answer. The status is always kept; a JSON object body is kept whatever
    /// its shape (read as the contract's `Error` on demand: [`ApiError::body`]). Empty, text,
    /// HTML and other JSON bodies (proxies, the tenant guard's 404) keep only the status.
    ///
    /// The machine code is `code` when the body has one. The real control plane puts its code
    /// in `error` instead (`RUNTIME_PIN_MISSING`, `provision_in_progress`): an `error` that is a
    /// single identifier with an underscore is taken as the code; a sentence never is.
    pub fn from_response(resp: &HttpResponse) -> Self {
        let head = resp
            .body
            .trim_start()
            .starts_with('{')
            .then(|| json::from_str::<Head>(&resp.body).ok())
            .flatten();
        let (json_body, head) = match head {
            Some(head) => (Some(resp.body.clone()), head),
            None => (None, Head::default()),
        };
        let code = head
            .code
            .or_else(|| head.error.clone().filter(|e| is_machine_code(e)));
        Self {
            kind: ErrorKind::Http,
            status: resp.status,
            code,
            retry_after: resp
                .header("Retry-After")
                .and_then(|v| v.trim().parse().ok()),
            server_message: head.error.or(head.message),
            json_body,
        }
    }

    /// The body as the contract's `Error`, for structured context (missing env names, child
    /// counts, ...), when it fits. Read on demand: only the clients that look at the context
    /// carry the code that reads it.
    pub fn body(&self) -> Option<types::Error> {
        json::from_str(self.json_body.as_deref()?).ok()
    }

    /// A string field of the JSON body (for bodies that do not fit `Error`).
    pub fn json_str(&self, key: &str) -> Option<String> {
        let fields: BTreeMap<String, Text> = json::from_str(self.json_body.as_deref()?).ok()?;
        fields.into_iter().find(|(k, _)| k == key)?.1.0
    }

    /// The whole JSON body as a tree.
    pub fn json(&self) -> Option<serde_json::Value> {
        json::from_str(self.json_body.as_deref()?).ok()
    }

    /// True when the session is missing or expired.
    pub fn is_unauthorized(&self) -> bool {
        self.kind == ErrorKind::Http && self.status == 401
    }

    pub fn is_not_found(&self) -> bool {
        self.kind == ErrorKind::Http && matches!(self.status, 404 | 410)
    }

    /// The message to show a person.
    pub fn message(&self) -> String {
        human_message(self.kind, self.status, self.code.as_deref())
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ApiError {}

/// The fields of an error body read at once. Any other field is skipped without building a
/// tree; a field that is not a string counts as missing; a repeated field keeps its last value.
#[derive(Default)]
struct Head {
    code: Option<String>,
    error: Option<String>,
    message: Option<String>,
}

impl FromJson for Head {
    fn read(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        let mut head = Head::default();
        r.object()?;
        while let Some(key) = r.key()? {
            let slot = match &*key {
                "code" => &mut head.code,
                "error" => &mut head.error,
                "message" => &mut head.message,
                _ => {
                    r.skip()?;
                    continue;
                }
            };
            *slot = Text::read(r)?.0;
        }
        Ok(head)
    }
}

/// Any JSON value: the text of a string, `None` for anything else (skipped, not kept).
struct Text(Option<String>);

impl FromJson for Text {
    fn read(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        if r.peek() == Some(b'"') {
            return String::read(r).map(|s| Text(Some(s)));
        }
        r.skip().map(|()| Text(None))
    }
}

/// `RUNTIME_PIN_MISSING` or `provision_in_progress`, not `org not found`.
fn is_machine_code(s: &str) -> bool {
    s.len() <= 64
        && s.contains('_')
        && s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Human message for a failure, by machine code first, then by status.
pub fn human_message(kind: ErrorKind, status: u16, code: Option<&str>) -> String {
    let by_code = match code {
        Some("TENANT_ORG_HEADER_REQUIRED") => Some(
            "The request did not say which organization it is for. Reload the page and try again.",
        ),
        Some("platform_unavailable") => {
            Some("The platform's datastore is briefly unavailable. Try again in a moment.")
        }
        Some("RUNTIME_UNRESOLVED") => Some(
            "The chosen template does not say which runtime it uses. Pick a runtime explicitly.",
        ),
        Some("RUNTIME_UNSUPPORTED") => Some("That runtime is not supported on this organization."),
        Some("MODEL_REQUIRED") => Some("Choose a model for this workspace."),
        Some("UNREGISTERED_MODEL_FOR_RUNTIME") => {
            Some("That model is not available for the chosen runtime.")
        }
        Some("RUNTIME_PIN_MISSING") => Some(
            "No runtime image is pinned for this runtime yet. An operator must promote one first.",
        ),
        Some("VALIDATION_FAILED") => {
            Some("Some of the information sent is not valid. Check the highlighted fields.")
        }
        Some("INVALID_SLUG") => Some(
            "Slugs are 3–32 characters: lowercase letters, digits and hyphens, starting with a letter.",
        ),
        Some("SLUG_TAKEN") => Some("That slug is already taken. Choose another one."),
        Some("TERMS_NOT_ACCEPTED") => Some("Accept the terms of service before continuing."),
        Some("QUOTA_EXCEEDED") => Some("Your plan's limit is reached. Upgrade to add more."),
        Some("PAYMENT_REQUIRED") => Some("This needs a paid plan or more credits."),
        Some("UNAUTHENTICATED") => Some("Your session has ended. Sign in again."),
        Some("FORBIDDEN") => Some("You do not have permission to do that."),
        Some("NOT_OWNER") => Some("Only an owner of this organization can do that."),
        Some("NOT_FOUND") => {
            Some("Not found. It may have been deleted, or you may not have access.")
        }
        Some("LAST_OWNER") => {
            Some("An organization needs at least one owner. Make someone else an owner first.")
        }
        Some("ALREADY_MEMBER") => Some("That person is already a member of this organization."),
        Some("INVITATION_PENDING") => {
            Some("An invitation to that address is already waiting. Resend it instead.")
        }
        Some("INVITATION_NOT_PENDING") => Some("That invitation is no longer pending."),
        Some("INVITATION_EXPIRED") => Some("This invitation has expired. Ask for a new one."),
        Some("INVITATION_REVOKED") => Some("This invitation was revoked. Ask for a new one."),
        Some("EMAIL_MISMATCH") => Some(
            "This invitation was sent to a different email address. Sign in with that address.",
        ),
        Some("RATE_LIMITED") => Some("Too many requests. Wait a moment and try again."),
        Some("INVALID_RETURN_URL") => {
            Some("The return address is not one of this platform's sites.")
        }
        Some("UNKNOWN_PLAN") => Some("That plan does not exist."),
        Some("BILLING_UNAVAILABLE") => {
            Some("Billing is temporarily unavailable. Try again shortly.")
        }
        Some("NO_BILLING_CUSTOMER") => {
            Some("This organization has no billing account yet. Choose a plan first.")
        }
        Some("INVALID_SIGNATURE") => Some("The payment notification's signature is not valid."),
        Some("SIGNATURE_EXPIRED") => Some("The payment notification is too old."),
        Some("PAYLOAD_TOO_LARGE") => Some("That is too large to send."),
        Some("INVALID_STATE") => Some("The sign-in attempt expired. Start signing in again."),
        Some("INVALID_CODE") => {
            Some("The sign-in link is no longer valid. Start signing in again.")
        }
        Some("TEMPLATE_EXISTS") => Some("A template with that name already exists."),
        Some("CONFIRMATION_REQUIRED") => Some("This action needs an explicit confirmation."),
        Some("CASCADE_CONFIRMATION_REQUIRED") => {
            Some("This workspace has child workspaces. Confirm that they are removed too.")
        }
        Some("WORKSPACE_REMOVED") => Some("This workspace has been removed."),
        Some("NAME_IN_USE") => Some("That name is already in use."),
        Some("ANCESTOR_PAUSED") => Some("A parent workspace is paused. Resume it first."),
        Some("ACTIVE_TASKS") => {
            Some("The workspace is busy with tasks. Wait, or force the action.")
        }
        Some("NOT_HIBERNATABLE") => Some("Only an online or degraded workspace can hibernate."),
        Some("VENDOR_KEY_BLOCKED") => Some(
            "This workspace uses platform-managed billing, so vendor API keys cannot be set on it.",
        ),
        Some("UNKNOWN_BILLING_MODE") => Some("That billing mode does not exist."),
        Some("UNKNOWN_BUDGET_PERIOD") => Some("Budgets can be hourly, daily, weekly or monthly."),
        Some("INVALID_PLUGIN_NAME") => Some("Plugin names cannot contain slashes or \"..\"."),
        Some("ORG_ACCESS_DENIED") => Some("This key belongs to another organization."),
        Some("MISSING_REQUIRED_ENV") => {
            Some("The template needs environment variables that are not set yet.")
        }
        Some("TOKEN_LIMIT_REACHED") => {
            Some("The token limit is reached. Revoke an unused token first.")
        }
        Some("NOT_PROVISIONED") => Some("This organization has not finished provisioning."),
        Some("UPSTREAM_UNAVAILABLE") => {
            Some("A service behind the server did not answer. Try again shortly.")
        }
        Some("NOT_CONFIGURED") => Some("This feature is not configured on this platform."),
        Some("SENSITIVE_KEY_REQUIRES_FORCE") => {
            Some("Secret-like keys need the force option to be set this way.")
        }
        Some("NO_PREVIOUS_PIN") => Some("There is no earlier pin to roll back to."),
        Some("OPERATION_IN_PROGRESS") => {
            Some("Another operation is still running. Wait for it to finish.")
        }
        Some("INSTANCE_NOT_RUNNING") => Some("The instance is not running."),
        Some("platform_misconfigured") => {
            Some("The platform is misconfigured. Contact support; retrying will not help.")
        }
        Some("DERIVED_PROVIDER_NOT_IN_REGISTRY") => {
            Some("The model's provider is not offered on this platform. Choose another model.")
        }
        Some("MISSING_BYOK_CREDENTIAL") => Some(
            "That model needs your own provider key. Add it as a secret first, then try again.",
        ),
        Some("TEMPLATE_UNAVAILABLE") => Some("That template is not available on this platform."),
        Some("TEMPLATE_UNSUPPORTED") => Some("That template cannot be applied to this workspace."),
        Some("WORKSPACE_INFRASTRUCTURE_AUTH_REQUIRED") => Some(
            "Changing the tier, parent, runtime, directory or compute needs an admin credential.",
        ),
        Some("CONCIERGE_SELF_WRITE_BLOCKED") => {
            Some("The concierge workspace cannot change its own secrets.")
        }
        Some("PROVIDER_ENDPOINT_RETIRED") => {
            Some("That provider endpoint has been retired. Choose another provider.")
        }
        Some("PLATFORM_ROOT_ONLINE") => {
            Some("The organization's platform agent is already online.")
        }
        Some("PLATFORM_AGENT_RUNTIME_UNSUPPORTED") => {
            Some("The platform agent cannot run on that runtime.")
        }
        Some("provision_in_progress") => {
            Some("The workspace is still being set up. Try again in a moment.")
        }
        Some("idempotency_key_conflict") => {
            Some("This setup request was already used for a different workspace.")
        }
        Some("privileged_env_forbidden") => {
            Some("Some environment variables may only be set by the platform.")
        }
        Some("INTERNAL") => {
            Some("The server hit an error. Try again; if it keeps happening, contact support.")
        }
        _ => None,
    };
    if let Some(m) = by_code {
        return m.to_string();
    }
    match kind {
        ErrorKind::Network => return "Cannot reach the server. Check your connection and try again.".into(),
        ErrorKind::Timeout => return "The server took too long to answer. Try again.".into(),
        ErrorKind::Aborted => return "The request was cancelled.".into(),
        ErrorKind::Decode => return "The server sent an answer this console does not understand. Try again or reload.".into(),
        ErrorKind::Invalid => return "This request could not be sent: the console is missing information for it. Reload the page.".into(),
        ErrorKind::Http => {}
    }
    match status {
        400 => "Some of the information sent is not valid. Check the form and try again.",
        401 => "Your session has ended. Sign in again.",
        402 => "This needs a paid plan or more credits.",
        403 => "You do not have permission to do that.",
        404 => "Not found. It may have been deleted, or you may not have access.",
        409 => "That conflicts with the current state. Refresh and try again.",
        410 => "This has been removed.",
        412 => "A precondition was not met.",
        413 => "That is too large to send.",
        422 => "The request was understood but cannot be carried out as given.",
        429 => "Too many requests. Wait a moment and try again.",
        500 => "The server hit an error. Try again; if it keeps happening, contact support.",
        501 => "This is not available on this server.",
        502 | 504 => "A service behind the server did not answer. Try again shortly.",
        503 => "The service is temporarily unavailable. Try again shortly.",
        _ => "Something went wrong. Try again.",
    }
    .to_string()
}
