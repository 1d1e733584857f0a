-- The SLA watch's deadlines: one row per routed ticket and clock (first response, resolution), in
-- PostgreSQL rather than in process timers, so a restart, a crash or a second watch changes nothing.
-- Every watch instance scans every tenant's rows, as the outbox relay does: not tenant-scoped.
CREATE TABLE sla_deadlines (
  tenant_id text NOT NULL REFERENCES tenants (id),
  ticket_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('first_response', 'resolution')),
  -- 1, then one more each time a resolved ticket reopens: each window's events are events of their own.
  window_no integer NOT NULL DEFAULT 1,
  queue text NOT NULL,
  priority text NOT NULL,
  customer_tier text NOT NULL,
  -- The window's length in business minutes of the tenant's calendar for the tier.
  window_minutes double precision NOT NULL,
  at_risk_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  -- open → at_risk → breached as the watch fires; met when answered or resolved first.
  stage text NOT NULL CHECK (stage IN ('open', 'at_risk', 'breached', 'met')),
  -- When the watch must act next: at_risk_at while open, due_at once at risk, null when nothing is
  -- pending or the clock is paused. The only column the watch searches by.
  next_fire_at timestamptz,
  -- While the ticket waits on the customer: since when, and the business minutes each moment had left.
  paused_at timestamptz,
  at_risk_left_minutes double precision,
  due_left_minutes double precision,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, ticket_id, kind),
  CHECK ((paused_at IS NULL) = (due_left_minutes IS NULL))
);
-- Finding what is due reads the front of this index only, however many deadlines are open.
CREATE INDEX sla_deadlines_next_fire ON sla_deadlines (next_fire_at) WHERE next_fire_at IS NOT NULL;

-- 001's default privileges cover tables its migrating role creates; a later role may differ.
GRANT SELECT, INSERT, UPDATE, DELETE ON sla_deadlines TO triage_app;

-- Lifecycle changes read before the ticket's routed event: the two topics have consumers of their
-- own and no order between them. Held here until the ticket's deadlines open, then applied in order.
CREATE TABLE sla_held_changes (
  id bigserial PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id),
  ticket_id text NOT NULL,
  change jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sla_held_changes_ticket ON sla_held_changes (tenant_id, ticket_id, id);
GRANT SELECT, INSERT, UPDATE, DELETE ON sla_held_changes TO triage_app;
GRANT USAGE, SELECT ON SEQUENCE sla_held_changes_id_seq TO triage_app;
