-- What helpdesks report about each routed ticket (POST /v1/tickets/{id}/events, tickets.lifecycle).
-- A report's id is the helpdesk's, unique per tenant, so a repeat is recognised whichever way it came.
-- `seq` is the order of arrival: it breaks ties between reports that happened at the same time.
CREATE TABLE ticket_lifecycle (
  seq bigserial PRIMARY KEY,
  tenant_id text NOT NULL,
  ticket_id text NOT NULL,
  report_id text NOT NULL,
  type text NOT NULL,
  occurred_at timestamptz NOT NULL,
  report jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, report_id),
  FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX ticket_lifecycle_timeline ON ticket_lifecycle (tenant_id, ticket_id, occurred_at, seq);

-- What the agents settled on for a ticket (the last category, priority and tier its timeline set):
-- the labels the escalation model learns from, next to what the escalator predicted.
CREATE TABLE ticket_outcomes (
  tenant_id text NOT NULL,
  ticket_id text NOT NULL,
  category text,
  priority text CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
  tier smallint CHECK (tier BETWEEN 0 AND 3),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, ticket_id),
  FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id) ON DELETE CASCADE
);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['ticket_lifecycle', 'ticket_outcomes'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_setting(''app.tenant_id'', true)) WITH CHECK (tenant_id = current_setting(''app.tenant_id'', true))',
      t
    );
  END LOOP;
END $$;

-- 001's default privileges cover tables its migrating role creates; a later role may differ.
GRANT SELECT, INSERT, UPDATE, DELETE ON ticket_lifecycle, ticket_outcomes TO triage_app;
GRANT USAGE, SELECT ON SEQUENCE ticket_lifecycle_seq_seq TO triage_app;
