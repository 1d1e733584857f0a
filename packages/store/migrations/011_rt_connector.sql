-- The Request Tracker connector's memory: which RT ticket each Triage ticket became, and how far it
-- has read RT's transactions. Not tenant-scoped: the connector reads RT's changes for every tenant
-- at once and finds the tenant through this mapping, as the outbox relay does.
CREATE TABLE rt_tickets (
  tenant_id text NOT NULL REFERENCES tenants (id),
  ticket_id text NOT NULL,
  -- 'creating' is written before RT is asked, so a crash between RT's create and the update to
  -- 'created' leaves a row telling the next delivery to search RT before it creates again.
  state text NOT NULL CHECK (state IN ('creating', 'created')),
  rt_id integer UNIQUE,
  -- The Triage queue and tier the ticket was routed to: what assigned and resolved reports name.
  queue text NOT NULL,
  tier integer NOT NULL,
  -- The RT user that is the customer: their correspondence is a reply, not a first response.
  requester text,
  -- Later agent correspondence is no first response: only the first one is reported.
  first_responded boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, ticket_id),
  CHECK ((state = 'created') = (rt_id IS NOT NULL))
);
GRANT SELECT, INSERT, UPDATE, DELETE ON rt_tickets TO triage_app;

-- The last RT transaction id read, per RT instance: a restart resumes after it.
CREATE TABLE rt_cursors (
  source text PRIMARY KEY,
  last_transaction_id bigint NOT NULL
);
GRANT SELECT, INSERT, UPDATE, DELETE ON rt_cursors TO triage_app;
