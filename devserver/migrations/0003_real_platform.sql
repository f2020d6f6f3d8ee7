-- Shapes of the real platform (EnterOS-AI/enteros-core@aeec8e47).

-- Teardown receipts: one purge id per org, kept so a repeated or queued teardown answers the
-- same one; completed_at is NULL while the teardown waits for a lifecycle operation.
CREATE TABLE tenant_purges (
    org_id        TEXT PRIMARY KEY,
    purge_id      TEXT NOT NULL,
    slug          TEXT NOT NULL,
    requested_at  INTEGER NOT NULL,
    completed_at  INTEGER
);

-- Delegations as the admin list reports them (admin_delegations.go).
ALTER TABLE delegations ADD COLUMN deadline INTEGER;
ALTER TABLE delegations ADD COLUMN retry_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE delegations ADD COLUMN last_heartbeat INTEGER;
ALTER TABLE delegations ADD COLUMN result_preview TEXT;
ALTER TABLE delegations ADD COLUMN error_detail TEXT;

-- Schedules as the schedules health rows report them (admin_schedules_health.go).
ALTER TABLE schedules ADD COLUMN name TEXT NOT NULL DEFAULT '';
ALTER TABLE schedules ADD COLUMN cron_expr TEXT NOT NULL DEFAULT '0 9 * * *';
ALTER TABLE schedules ADD COLUMN last_run_at INTEGER;

-- Provision requests by idempotency key (a repeat while in progress is a 409).
ALTER TABLE workspace_instances ADD COLUMN idempotency_key TEXT;
