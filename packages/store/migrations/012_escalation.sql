-- A tenant's escalation history: past tickets with the urgency and tier their outcome taught, as
-- `npm run escalation:import` reads them from a CSV, and the features the escalation model reads,
-- computed once at import. Tickets that went through Triage are not copied here: their outcomes
-- (ticket_outcomes, the timeline, SLA breaches) and the features the escalator recorded with its
-- decision are read where they are.
CREATE TABLE escalation_history (
  id bigserial PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id),
  text text NOT NULL,
  urgency text NOT NULL CHECK (urgency IN ('high', 'medium', 'low')),
  -- Null when the row does not say which tier resolved it.
  needs_tier2 boolean,
  -- The sentence embedding (float32 little-endian, base64) and the embedder that made it.
  embedder text,
  embedding text,
  -- Structured features by name (customer tier, channel, sentiment, …), as the model reads them.
  features jsonb NOT NULL,
  -- The file and line it came from, so a model's example can be traced back.
  source text NOT NULL,
  line integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((embedder IS NULL) = (embedding IS NULL))
);
CREATE INDEX escalation_history_tenant ON escalation_history (tenant_id, id);

ALTER TABLE escalation_history ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON escalation_history
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));

-- The customer's recent tickets (repeat contact, a feature of the model) are counted per customer.
CREATE INDEX tickets_customer_created ON tickets (tenant_id, (ticket -> 'customer' ->> 'id'), created_at);

-- 001's default privileges cover tables its migrating role creates; a later role may differ.
GRANT SELECT, INSERT, UPDATE, DELETE ON escalation_history TO triage_app;
GRANT USAGE, SELECT ON SEQUENCE escalation_history_id_seq TO triage_app;
