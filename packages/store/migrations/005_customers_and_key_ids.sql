-- What an operator knows about a tenant's customers (their tier, whether they are VIP), imported
-- from a CRM export, so a ticket is weighed by the customer's standing and not only by what it claims.
CREATE TABLE customers (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  tier text NOT NULL CHECK (tier IN ('free', 'pro', 'enterprise')),
  vip boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
ALTER TABLE customers ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON customers
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));

-- Keys get an id an operator can name (to revoke one) without ever seeing the key again, and the
-- first characters of the key to tell keys apart in a listing. A revoked key stays listed.
ALTER TABLE api_keys
  ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  ADD COLUMN prefix text NOT NULL DEFAULT '',
  ADD COLUMN revoked_at timestamptz;

-- Widget keys sit in web pages, but a leaked table must still not hand them out: stored hashed too.
ALTER TABLE widget_keys RENAME COLUMN key TO key_hash;
UPDATE widget_keys SET key_hash = encode(sha256(convert_to(key_hash, 'UTF8')), 'hex');
ALTER TABLE widget_keys
  ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  ADD COLUMN prefix text NOT NULL DEFAULT '',
  ADD COLUMN revoked_at timestamptz;

-- 001's default privileges cover tables its migrating role creates; a later role may differ.
GRANT SELECT, INSERT, UPDATE, DELETE ON customers TO triage_app;
