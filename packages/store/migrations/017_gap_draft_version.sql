-- A gap group's draft was guarded by the number of gaps it was written from, so a late draft from
-- more gaps could replace one rewritten after a gap left (its notes back in the article). Every
-- change of the group's gaps now advances a version, and a draft is kept only for the version it was
-- written from.
ALTER TABLE kb_gap_groups RENAME COLUMN drafted_from TO draft_version;
