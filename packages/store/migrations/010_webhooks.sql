-- Outbound webhooks: the endpoints tenants registered, and one delivery row per (endpoint, event).
-- The webhooks service writes deliveries from its Kafka consumers and sends them from a loop of
-- its own, so a slow receiver never holds up consumption. Every instance's loop reads every
-- tenant's rows, as the outbox relay does: not tenant-scoped.
CREATE TABLE webhook_endpoints (
  id uuid PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id),
  url text NOT NULL,
  event_types text[] NOT NULL,
  -- The signing secret (`whsec_…`): kept in clear, since every delivery is signed with it.
  secret text NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_endpoints_tenant ON webhook_endpoints (tenant_id) WHERE enabled;
GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_endpoints TO triage_app;

CREATE TABLE webhook_deliveries (
  -- Arrival order: a ticket's deliveries to one endpoint go out in this order.
  id bigserial PRIMARY KEY,
  endpoint_id uuid NOT NULL REFERENCES webhook_endpoints (id),
  -- The event's stable id (webhook-id): a redelivered Kafka event finds its row already here.
  event_id text NOT NULL,
  event_type text NOT NULL,
  ticket_id text NOT NULL,
  -- The exact bytes signed and sent, the same on every attempt.
  body text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  -- When a pending delivery may be claimed: now, its next retry, or the end of a claim's lease.
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  -- Set while a sender holds it; a sender that died leaves it to expire, and the row is due again.
  leased_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  UNIQUE (endpoint_id, event_id)
);
-- What is due, per endpoint, oldest first; and whether an earlier one of the same ticket is pending.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (endpoint_id, next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_ticket ON webhook_deliveries (endpoint_id, ticket_id, id) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_leased ON webhook_deliveries (endpoint_id) WHERE leased_until IS NOT NULL;
CREATE INDEX webhook_deliveries_dead ON webhook_deliveries (endpoint_id, id) WHERE status = 'dead';
GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_deliveries TO triage_app;
GRANT USAGE, SELECT ON SEQUENCE webhook_deliveries_id_seq TO triage_app;
