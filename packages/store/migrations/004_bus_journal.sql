-- The embedded in-process bus's journal: its topics' messages and its consumer groups' committed
-- offsets, so a restart resumes every group where it committed. The bus is process-internal plumbing
-- carrying every tenant's events, like the outbox, so these tables are not tenant-scoped.
CREATE TABLE bus_messages (
  topic text NOT NULL,
  partition integer NOT NULL,
  position bigint NOT NULL,
  key text,
  value bytea,
  headers jsonb NOT NULL,
  PRIMARY KEY (topic, partition, position)
);

CREATE TABLE bus_offsets (
  consumer_group text NOT NULL,
  topic text NOT NULL,
  partition integer NOT NULL,
  committed bigint NOT NULL,
  PRIMARY KEY (consumer_group, topic, partition)
);

-- 001's default privileges cover tables its migrating role creates; a later role may differ.
GRANT SELECT, INSERT, UPDATE, DELETE ON bus_messages, bus_offsets TO triage_app;
