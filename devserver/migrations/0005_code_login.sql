-- A code the hosted page issues to a browser already signed in (another host of the same
-- browser asking for a session) carries that sign-in: the new host's session joins it, so
-- signing out anywhere ends it everywhere.
ALTER TABLE auth_codes ADD COLUMN login_id TEXT;
