-- The knowledge loop. A knowledge gap is a ticket an agent resolved without an article after the
-- knowledge base's best match was weak; gaps on one topic form a group, which carries the draft
-- article written from its members' resolution notes.
CREATE TABLE kb_gap_groups (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  category text NOT NULL,
  draft_title text NOT NULL,
  draft_body text NOT NULL,
  draft_source text NOT NULL CHECK (draft_source IN ('extractive', 'model')),
  -- How many members the draft was written from: a slower draft of fewer members never replaces it.
  drafted_from integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE kb_gaps (
  tenant_id text NOT NULL,
  ticket_id text NOT NULL,
  group_id text NOT NULL,
  category text NOT NULL,
  notes text NOT NULL,
  -- The retrieval's calibrated probability that its best article answered the ticket.
  kb_confidence real NOT NULL,
  resolved_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, ticket_id),
  FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, group_id) REFERENCES kb_gap_groups (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX kb_gaps_group ON kb_gaps (tenant_id, group_id);
CREATE INDEX kb_gaps_topic ON kb_gaps (tenant_id, category, resolved_at DESC);

-- An article's resolution use: the resolutions that name it (counted per article for the stale flag).
CREATE INDEX ticket_lifecycle_resolving_article ON ticket_lifecycle (tenant_id, (report ->> 'kbArticleId')) WHERE type = 'resolved';

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['kb_gap_groups', 'kb_gaps'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_setting(''app.tenant_id'', true)) WITH CHECK (tenant_id = current_setting(''app.tenant_id'', true))',
      t
    );
  END LOOP;
END $$;

-- 001's default privileges cover tables its migrating role creates; a later role may differ.
GRANT SELECT, INSERT, UPDATE, DELETE ON kb_gap_groups, kb_gaps TO triage_app;
