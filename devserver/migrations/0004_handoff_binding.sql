-- Handoff tickets are bound to the browser that signed in: the host that minted the ticket
-- (source_host) confirms, with that browser's own session there, the nonce the target host set
-- as a cookie (binding_hash); only that cookie redeems the ticket.
ALTER TABLE auth_handoffs ADD COLUMN source_host TEXT NOT NULL DEFAULT '';
ALTER TABLE auth_handoffs ADD COLUMN binding_hash TEXT;
