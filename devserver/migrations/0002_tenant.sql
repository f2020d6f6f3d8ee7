-- Part 2: tenant workspace servers (one per org, all in this database, every row keyed by org),
-- operator state (tenant instances, boot events, pins) and tenant-to-CP provisioning.
-- Times are Unix milliseconds.

CREATE TABLE workspaces (
    id                    TEXT PRIMARY KEY,
    org_id                TEXT NOT NULL,
    name                  TEXT NOT NULL,
    role                  TEXT,
    tier                  INTEGER NOT NULL DEFAULT 4,
    status                TEXT NOT NULL,
    status_since          INTEGER NOT NULL,
    online_since          INTEGER,
    url                   TEXT NOT NULL DEFAULT '',
    parent_id             TEXT,
    active_tasks          INTEGER NOT NULL DEFAULT 0,
    max_concurrent_tasks  INTEGER NOT NULL DEFAULT 1,
    last_error_rate       REAL NOT NULL DEFAULT 0,
    last_sample_error     TEXT NOT NULL DEFAULT '',
    current_task          TEXT NOT NULL DEFAULT '',
    runtime               TEXT NOT NULL,
    model                 TEXT,
    template              TEXT,
    workspace_dir         TEXT,
    x                     REAL NOT NULL DEFAULT 0,
    y                     REAL NOT NULL DEFAULT 0,
    collapsed             INTEGER NOT NULL DEFAULT 0,
    broadcast_enabled     INTEGER NOT NULL DEFAULT 0,
    talk_to_user_enabled  INTEGER NOT NULL DEFAULT 1,
    compute               TEXT NOT NULL DEFAULT '{}',
    agent_card            TEXT,
    delivery_mode         TEXT NOT NULL DEFAULT 'push',
    workspace_access      TEXT NOT NULL DEFAULT 'none',
    billing_mode          TEXT,
    -- Cents spent before the simulation started (seed); spend then accrues while online.
    base_spend            INTEGER NOT NULL DEFAULT 0,
    env                   TEXT NOT NULL DEFAULT '{}',
    -- Bundle-only fields (system prompt, skills, tools, prompts...) kept for a lossless round trip.
    bundle_extra          TEXT NOT NULL DEFAULT '{}',
    external              INTEGER NOT NULL DEFAULT 0,
    last_outbound_at      INTEGER,
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL,
    removed_at            INTEGER
);
CREATE INDEX workspaces_org ON workspaces(org_id, status);
CREATE INDEX workspaces_parent ON workspaces(parent_id);

CREATE TABLE workspace_budgets (
    workspace_id  TEXT NOT NULL,
    period        TEXT NOT NULL,
    limit_cents   INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, period)
);

-- workspace_id = '' for org-wide (global) secrets. Values: AES-256-GCM (nonce || ciphertext).
CREATE TABLE secrets (
    org_id        TEXT NOT NULL,
    workspace_id  TEXT NOT NULL,
    key           TEXT NOT NULL,
    ciphertext    BLOB NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (org_id, workspace_id, key)
);

CREATE TABLE settings (
    name   TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

CREATE TABLE org_tokens (
    id            TEXT PRIMARY KEY,
    org_id        TEXT NOT NULL,
    prefix        TEXT NOT NULL,
    token_hash    TEXT NOT NULL UNIQUE,
    name          TEXT,
    created_by    TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    last_used_at  INTEGER,
    revoked_at    INTEGER
);

CREATE TABLE workspace_tokens (
    id            TEXT PRIMARY KEY,
    org_id        TEXT NOT NULL,
    workspace_id  TEXT NOT NULL,
    prefix        TEXT NOT NULL,
    token_hash    TEXT NOT NULL UNIQUE,
    created_at    INTEGER NOT NULL,
    last_used_at  INTEGER,
    revoked_at    INTEGER
);
CREATE INDEX workspace_tokens_ws ON workspace_tokens(workspace_id);

CREATE TABLE plugin_allowlist (
    root_id      TEXT NOT NULL,
    plugin_name  TEXT NOT NULL,
    enabled_by   TEXT NOT NULL,
    enabled_at   INTEGER NOT NULL,
    PRIMARY KEY (root_id, plugin_name)
);

CREATE TABLE workspace_templates (
    org_id       TEXT NOT NULL,
    id           TEXT NOT NULL,
    name         TEXT NOT NULL,
    description  TEXT NOT NULL,
    tier         INTEGER NOT NULL,
    runtime      TEXT NOT NULL,
    model        TEXT NOT NULL,
    required_env TEXT NOT NULL DEFAULT '[]',
    skills       TEXT NOT NULL DEFAULT '[]',
    files        TEXT NOT NULL DEFAULT '{}',
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (org_id, id)
);

CREATE TABLE org_templates (
    org_id    TEXT NOT NULL,
    dir       TEXT NOT NULL,
    template  TEXT NOT NULL,
    PRIMARY KEY (org_id, dir)
);

CREATE TABLE events (
    id            TEXT PRIMARY KEY,
    org_id        TEXT NOT NULL,
    workspace_id  TEXT,
    event_type    TEXT NOT NULL,
    payload       TEXT NOT NULL DEFAULT '{}',
    created_at    INTEGER NOT NULL
);
CREATE INDEX events_org ON events(org_id, created_at);

CREATE TABLE approvals (
    id            TEXT PRIMARY KEY,
    org_id        TEXT NOT NULL,
    workspace_id  TEXT NOT NULL,
    action        TEXT NOT NULL,
    detail        TEXT NOT NULL,
    requested_at  INTEGER NOT NULL
);

CREATE TABLE delegations (
    id                 TEXT PRIMARY KEY,
    org_id             TEXT NOT NULL,
    from_workspace_id  TEXT NOT NULL,
    to_workspace_id    TEXT NOT NULL,
    status             TEXT NOT NULL,
    summary            TEXT NOT NULL,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL
);

CREATE TABLE schedules (
    id            TEXT PRIMARY KEY,
    org_id        TEXT NOT NULL,
    workspace_id  TEXT NOT NULL,
    enabled       INTEGER NOT NULL,
    next_run_at   INTEGER NOT NULL
);

-- Operator view of each org's tenant instance.
CREATE TABLE tenant_instances (
    org_id          TEXT PRIMARY KEY,
    instance_id     TEXT NOT NULL,
    instance_type   TEXT NOT NULL,
    image_tag       TEXT NOT NULL,
    ami_id          TEXT NOT NULL,
    volume_id       TEXT NOT NULL,
    launched_at     INTEGER NOT NULL,
    busy_until      INTEGER NOT NULL DEFAULT 0,
    busy_reason     TEXT,
    scrubbed_at     INTEGER
);

CREATE TABLE boot_events (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id   TEXT NOT NULL,
    at       INTEGER NOT NULL,
    stage    TEXT NOT NULL,
    level    TEXT NOT NULL,
    message  TEXT NOT NULL
);
CREATE INDEX boot_events_org ON boot_events(org_id, seq);

CREATE TABLE thin_ami_pins (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    region       TEXT NOT NULL,
    ami_id       TEXT NOT NULL,
    promoted_by  TEXT NOT NULL,
    promoted_at  INTEGER NOT NULL,
    notes        TEXT
);

CREATE TABLE runtime_image_pins (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    template_name  TEXT NOT NULL,
    region         TEXT NOT NULL,
    image_digest   TEXT NOT NULL,
    git_sha        TEXT,
    notes          TEXT,
    promoted_by    TEXT NOT NULL,
    promoted_at    INTEGER NOT NULL
);

-- Workspace instances launched through /api/v1/workspaces/provision.
CREATE TABLE workspace_instances (
    instance_id    TEXT PRIMARY KEY,
    workspace_id   TEXT NOT NULL,
    org_id         TEXT NOT NULL,
    runtime        TEXT NOT NULL,
    private_ip     TEXT NOT NULL,
    launched_at    INTEGER NOT NULL,
    terminated_at  INTEGER,
    volume_pruned  INTEGER NOT NULL DEFAULT 0
);
