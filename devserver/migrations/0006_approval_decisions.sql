-- Approvals are decided, not deleted: a person approves or denies a pending one
-- (POST /workspaces/{id}/approvals/{approval_id}/decide); only pending ones are listed.
ALTER TABLE approvals ADD COLUMN status TEXT NOT NULL DEFAULT 'pending';
ALTER TABLE approvals ADD COLUMN decided_by TEXT;
ALTER TABLE approvals ADD COLUMN decided_at INTEGER;
