-- Control plane: users, sessions, sign-in transactions, orgs, members, invitations,
-- billing and the template registry. Times are Unix milliseconds unless noted.

CREATE TABLE users (
    id               TEXT PRIMARY KEY,
    email            TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name             TEXT NOT NULL,
    terms_version    TEXT,
    terms_accepted_at INTEGER,
    created_at       INTEGER NOT NULL
);

-- One row per host a signed-in browser holds a cookie for; rows of one sign-in share login_id.
CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    login_id    TEXT NOT NULL,
    user_id     TEXT NOT NULL REFERENCES users(id),
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX sessions_login ON sessions(login_id);

CREATE TABLE auth_states (
    state_hash    TEXT PRIMARY KEY,
    return_to     TEXT NOT NULL,
    callback_url  TEXT NOT NULL,
    screen        TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    used          INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE auth_codes (
    code_hash   TEXT PRIMARY KEY,
    state_hash  TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    used        INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE auth_handoffs (
    ticket_hash  TEXT PRIMARY KEY,
    login_id     TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    target_host  TEXT NOT NULL,
    return_to    TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    used         INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE orgs (
    id                    TEXT PRIMARY KEY,
    slug                  TEXT NOT NULL,
    name                  TEXT NOT NULL,
    plan                  TEXT NOT NULL,
    status                TEXT NOT NULL,
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL,
    created_by            TEXT NOT NULL,
    credits_balance       INTEGER NOT NULL DEFAULT 0,
    plan_monthly_credits  INTEGER NOT NULL DEFAULT 0,
    overage_used_credits  INTEGER NOT NULL DEFAULT 0,
    overage_cap_credits   INTEGER NOT NULL DEFAULT 0,
    stripe_customer_id    TEXT,
    has_payment_method    INTEGER NOT NULL DEFAULT 0,
    provision_started_at  INTEGER,
    admin_token           TEXT,
    last_error            TEXT,
    ip                    TEXT,
    region                TEXT NOT NULL DEFAULT 'local-1',
    purged_at             INTEGER
);
-- A purged org frees its slug.
CREATE UNIQUE INDEX orgs_live_slug ON orgs(slug) WHERE status <> 'purged';

CREATE TABLE org_purges (
    org_id     TEXT NOT NULL,
    slug       TEXT NOT NULL,
    purged_by  TEXT NOT NULL,
    purged_at  INTEGER NOT NULL
);

CREATE TABLE members (
    org_id          TEXT NOT NULL REFERENCES orgs(id),
    user_id         TEXT NOT NULL REFERENCES users(id),
    role            TEXT NOT NULL,
    joined_at       INTEGER NOT NULL,
    last_active_at  INTEGER,
    PRIMARY KEY (org_id, user_id)
);

CREATE TABLE invitations (
    id            TEXT PRIMARY KEY,
    org_id        TEXT NOT NULL REFERENCES orgs(id),
    email         TEXT NOT NULL COLLATE NOCASE,
    role          TEXT NOT NULL,
    status        TEXT NOT NULL,
    invited_by    TEXT NOT NULL,
    token_hash    TEXT NOT NULL UNIQUE,
    created_at    INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    accepted_at   INTEGER,
    last_sent_at  INTEGER NOT NULL
);

CREATE TABLE checkout_sessions (
    id           TEXT PRIMARY KEY,
    org_id       TEXT NOT NULL,
    plan         TEXT NOT NULL,
    success_url  TEXT NOT NULL,
    cancel_url   TEXT NOT NULL,
    status       TEXT NOT NULL,
    created_at   INTEGER NOT NULL
);

CREATE TABLE portal_sessions (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL,
    return_url  TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);

CREATE TABLE invoices (
    id           TEXT PRIMARY KEY,
    org_id       TEXT NOT NULL,
    number       TEXT,
    status       TEXT NOT NULL,
    amount_due   INTEGER NOT NULL,
    amount_paid  INTEGER NOT NULL,
    currency     TEXT NOT NULL,
    period_start INTEGER NOT NULL,
    period_end   INTEGER NOT NULL,
    created_at   INTEGER NOT NULL,
    description  TEXT NOT NULL
);

CREATE TABLE auto_credits (
    org_id               TEXT PRIMARY KEY,
    enabled              INTEGER NOT NULL,
    threshold_credits    INTEGER NOT NULL,
    topup_credits        INTEGER NOT NULL,
    monthly_cap_credits  INTEGER
);

CREATE TABLE webhook_events (
    id           TEXT PRIMARY KEY,
    type         TEXT NOT NULL,
    received_at  INTEGER NOT NULL
);

-- Replays of Idempotency-Key requests: (user, operation, key) -> first answer.
CREATE TABLE idempotency (
    user_id     TEXT NOT NULL,
    operation   TEXT NOT NULL,
    key         TEXT NOT NULL,
    status      INTEGER NOT NULL,
    body        TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (user_id, operation, key)
);

CREATE TABLE cp_templates (
    slug           TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    description    TEXT NOT NULL,
    runtime        TEXT NOT NULL,
    tier           INTEGER NOT NULL,
    default_model  TEXT NOT NULL,
    tags           TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER
);
