//! The demo dataset's fixed ids and dev credentials (tests and the README use them).

pub const PENDING_INVITE_TOKEN: &str = "demo-invite-pending-0001";
pub const EXPIRED_INVITE_TOKEN: &str = "demo-invite-expired-0001";
pub const LINUS_INVITE_TOKEN: &str = "demo-invite-linus-0001";

pub const ACME_ID: &str = "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f";

/// Dev credential (stored only as a hash): an Org API Key of acme, for curl and the fuzz run.
pub const DEV_ACME_ORG_KEY: &str = "devAcmeOrgApiKey000000000000000000000000000";
/// Dev credential (stored only as a hash): a workspace token of acme's "Research lead".
pub const DEV_ACME_WORKSPACE_TOKEN: &str = "devAcmeWsToken00000000000000000000000000000";

pub const HOPPER_ID: &str = "0b7e2c1a-5d4f-4e3a-9b8c-1d2e3f4a5b6c";
/// acme's demo workspaces (deterministic ids).
pub const WS_LEAD: &str = "a0000000-0000-4000-8000-000000000001";
pub const WS_PROVISIONING: &str = "a0000000-0000-4000-8000-000000000002";
pub const WS_PAUSED_PARENT: &str = "a0000000-0000-4000-8000-000000000003";
pub const WS_PAUSED_CHILD: &str = "a0000000-0000-4000-8000-000000000004";
pub const WS_HIBERNATED: &str = "a0000000-0000-4000-8000-000000000005";
pub const WS_DEGRADED: &str = "a0000000-0000-4000-8000-000000000006";
pub const WS_FAILED: &str = "a0000000-0000-4000-8000-000000000007";
pub const WS_OFFLINE: &str = "a0000000-0000-4000-8000-000000000008";
pub const WS_AWAITING: &str = "a0000000-0000-4000-8000-000000000009";
pub const WS_REMOVED: &str = "a0000000-0000-4000-8000-00000000000a";
pub const WS_HOPPER: &str = "b0000000-0000-4000-8000-000000000001";
/// Running orgs of the operator pages' fleet (owned by ops@example.com).
pub const FLEET: [(&str, &str); 3] = [
    ("f1000000-0000-4000-8000-000000000001", "fleet-east"),
    ("f1000000-0000-4000-8000-000000000002", "fleet-west"),
    ("f1000000-0000-4000-8000-000000000003", "fleet-canary"),
];

/// One day in milliseconds.
pub const DAY: i64 = 86_400_000;
