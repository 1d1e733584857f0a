-- The tickets listing's queue and priority filters had an expression index (006) that row-level
-- security left unsearchable for the app role (`->>` is not leakproof, see 015): a filter on a rare
-- queue read the tenant's tickets newest first until it had a page. The assessed queue and priority
-- become stored generated columns (null on the other stages' records), indexed as before.
ALTER TABLE ticket_stages
  ADD COLUMN queue text GENERATED ALWAYS AS (CASE WHEN stage = 'assess' THEN output ->> 'queue' END) STORED,
  ADD COLUMN priority text GENERATED ALWAYS AS (CASE WHEN stage = 'assess' THEN output ->> 'priority' END) STORED;
DROP INDEX ticket_stages_queue;
CREATE INDEX ticket_stages_queue ON ticket_stages (tenant_id, queue, priority) WHERE stage = 'assess';
