-- The transaction that recorded each stage decision. A tenant's routed tickets are streamed in
-- (recorded_xid, ticket_id) order and read only below the oldest transaction still running, so a
-- position handed to a client is never overtaken by a record that commits later: commit order is
-- not insertion order when several handoff composers record at once. Rows recorded before this
-- migration share its transaction id.
ALTER TABLE ticket_stages ADD COLUMN recorded_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX ticket_stages_feed ON ticket_stages (tenant_id, stage, recorded_xid, ticket_id);

-- GET /v1/tickets: newest first, filtered by when a ticket was routed and by its queue and priority.
CREATE INDEX tickets_newest ON tickets (tenant_id, created_at DESC, id DESC);
CREATE INDEX ticket_stages_routed_at ON ticket_stages (tenant_id, created_at) WHERE stage = 'route';
CREATE INDEX ticket_stages_queue ON ticket_stages (tenant_id, (output ->> 'queue'), (output ->> 'priority')) WHERE stage = 'assess';
