-- Triage schema. `{{embedding_dim}}` is replaced by the store's configured embedding dimension.
CREATE EXTENSION IF NOT EXISTS vector;

-- The store's pool runs as triage_app, which owns nothing, so row-level security applies to it
-- even when the login role is a superuser. Roles are cluster-wide: another database may create it
-- concurrently.
DO $$
BEGIN
  CREATE ROLE triage_app NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
-- A non-superuser login role needs membership to SET ROLE (superusers have it implicitly).
DO $$
BEGIN
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT triage_app TO %I', current_user);
  END IF;
END $$;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO triage_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO triage_app;

-- Tenant registry and credentials: looked up before the tenant is known, so not tenant-scoped.
CREATE TABLE tenants (
  -- Never empty: an unset `app.tenant_id` reads as '' and must match no tenant.
  id text PRIMARY KEY CHECK (id <> ''),
  name text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_keys (
  -- sha256 of the key (hex). Keys are 256 random bits, so a fast hash is enough.
  key_hash text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE widget_keys (
  -- Widget keys are public by design (embedded in web pages); the origin list is the guard.
  key text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id),
  allowed_origins text[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The relay drains every tenant's events, so the outbox is not tenant-scoped either.
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  tenant_id text NOT NULL,
  topic text NOT NULL,
  event jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;

CREATE TABLE tickets (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  idempotency_key text,
  ticket jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, idempotency_key)
);

CREATE TABLE ticket_stages (
  tenant_id text NOT NULL,
  ticket_id text NOT NULL,
  stage text NOT NULL,
  output jsonb NOT NULL,
  -- The delivery (topic/partition/offset) that produced the output: only that delivery may re-emit it.
  source text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, ticket_id, stage),
  FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE articles (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  url text,
  helpful_votes integer NOT NULL DEFAULT 0,
  unhelpful_votes integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE article_chunks (
  tenant_id text NOT NULL,
  article_id text NOT NULL,
  ord integer NOT NULL,
  text text NOT NULL,
  embedding vector({{embedding_dim}}) NOT NULL,
  PRIMARY KEY (tenant_id, article_id, ord),
  FOREIGN KEY (tenant_id, article_id) REFERENCES articles (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX article_chunks_embedding ON article_chunks USING hnsw (embedding vector_cosine_ops);

CREATE TABLE examples (
  id bigserial PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id),
  text text NOT NULL,
  category text NOT NULL,
  kind text CHECK (kind IN ('incident', 'service_request')),
  source text NOT NULL CHECK (source IN ('seed', 'import', 'correction')),
  ticket_id text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX examples_tenant ON examples (tenant_id, id);

CREATE TABLE models (
  tenant_id text NOT NULL REFERENCES tenants (id),
  name text NOT NULL,
  version text NOT NULL,
  data bytea NOT NULL,
  metrics jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, name, version)
);
CREATE INDEX models_latest ON models (tenant_id, name, created_at DESC);

CREATE TABLE deflections (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  question text NOT NULL,
  solutions jsonb NOT NULL,
  deflectable boolean NOT NULL,
  confidence double precision NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('shown', 'resolved', 'unresolved')),
  ticket_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  PRIMARY KEY (tenant_id, id)
);

-- Tenant data is visible only to the tenant named by `app.tenant_id`, set per transaction. Outside
-- such a transaction the setting is empty or unset and these tables show no rows.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['tickets', 'ticket_stages', 'articles', 'article_chunks', 'examples', 'models', 'deflections'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_setting(''app.tenant_id'', true)) WITH CHECK (tenant_id = current_setting(''app.tenant_id'', true))',
      t
    );
  END LOOP;
END $$;
