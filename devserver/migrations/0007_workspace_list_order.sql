-- The workspace list is read in creation order (`ORDER BY created_at, rowid`). With only the
-- (org_id, status) index SQLite sorted every row of the org in a temporary b-tree on each call:
-- about 20 ms of the 5,000-workspace list at `--seed scale`. This index hands the rows over in
-- that order already (an index entry ends with the rowid).
CREATE INDEX workspaces_org_created ON workspaces(org_id, created_at);
