-- Problem management: each ticket's vector (related tickets, grouping), major incidents with their
-- member tickets, and problem records grouping tickets that share a fault.

-- The categorizer's embedding of each ticket, kept so later stages compare tickets without a second
-- model pass. Customer and category sit beside it: grouping counts customers and filters by category.
CREATE TABLE ticket_vectors (
  tenant_id text NOT NULL,
  ticket_id text NOT NULL,
  customer_id text NOT NULL,
  category text NOT NULL,
  embedding vector({{embedding_dim}}) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, ticket_id),
  FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id) ON DELETE CASCADE
);
-- Every routed ticket adds a vector, so inserting must be cheap: with m = 8 (pgvector's default 16)
-- an insert took 1.9 against 4.2 ms at 100,000 vectors (`npm run bench -- related`), and lookups
-- search wider (ef_search 80) for about the same time and most of the recall (0.79 against 0.84).
CREATE INDEX ticket_vectors_embedding ON ticket_vectors USING hnsw (embedding vector_cosine_ops) WITH (m = 8, ef_construction = 64);
-- The recent ones: a sliding window of a tenant's tickets, read exactly when it holds few.
CREATE INDEX ticket_vectors_recent ON ticket_vectors (tenant_id, created_at);

-- One major incident per outage: reports of the same outage within a window join the open one.
CREATE TABLE incidents (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  category text NOT NULL,
  -- The report that opened it: its event says 'opened', every other member's says 'joined'.
  opened_by text NOT NULL,
  first_report_at timestamptz NOT NULL,
  last_report_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX incidents_recent ON incidents (tenant_id, last_report_at);

-- A ticket belongs to one incident at most: a redelivered ticket finds its incident again.
CREATE TABLE incident_members (
  tenant_id text NOT NULL,
  ticket_id text NOT NULL,
  incident_id text NOT NULL,
  customer_id text NOT NULL,
  joined_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, ticket_id),
  FOREIGN KEY (tenant_id, incident_id) REFERENCES incidents (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX incident_members_incident ON incident_members (tenant_id, incident_id);

-- Problem records: `record` is the problem as last published (title, bug report, counts).
CREATE TABLE problems (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  state text NOT NULL CHECK (state IN ('open', 'resolved')),
  category text NOT NULL,
  -- The error strings the group shares: a later ticket naming one of them may join.
  signature text[] NOT NULL,
  record jsonb NOT NULL,
  opened_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX problems_open ON problems (tenant_id, opened_at DESC) WHERE state = 'open';

-- Every routed ticket the problem detector has seen: the sliding window it groups from, and the
-- members of each problem (`problem_id`). What it read of the text is kept for the bug report.
CREATE TABLE problem_tickets (
  tenant_id text NOT NULL,
  ticket_id text NOT NULL,
  customer_id text NOT NULL,
  category text NOT NULL,
  product_area text NOT NULL,
  subject text NOT NULL,
  error_strings text[] NOT NULL,
  versions text[] NOT NULL,
  excerpt text NOT NULL,
  routed_at timestamptz NOT NULL,
  problem_id text,
  resolved_at timestamptz,
  resolution text,
  PRIMARY KEY (tenant_id, ticket_id),
  FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, problem_id) REFERENCES problems (tenant_id, id) ON DELETE SET NULL (problem_id)
);
CREATE INDEX problem_tickets_window ON problem_tickets (tenant_id, routed_at) WHERE problem_id IS NULL;
CREATE INDEX problem_tickets_problem ON problem_tickets (tenant_id, problem_id) WHERE problem_id IS NOT NULL;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['ticket_vectors', 'incidents', 'incident_members', 'problems', 'problem_tickets'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_setting(''app.tenant_id'', true)) WITH CHECK (tenant_id = current_setting(''app.tenant_id'', true))',
      t
    );
  END LOOP;
END $$;

-- 001's default privileges cover tables its migrating role creates; a later role may differ.
GRANT SELECT, INSERT, UPDATE, DELETE ON ticket_vectors, incidents, incident_members, problems, problem_tickets TO triage_app;
