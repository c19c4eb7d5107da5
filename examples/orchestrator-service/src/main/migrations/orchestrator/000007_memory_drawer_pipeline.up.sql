-- 000007_memory_drawer_pipeline: columns for the memory pipeline that enriches drawers after filing,
-- and an embedding for entities.
--
-- state backfill, safe to run again:
--   1. the column is added with DEFAULT 'legacy', so every drawer that existed before this migration
--      gets 'legacy' (and only those: the column did not exist for anything else),
--   2. 'legacy' rows become 'processed' (they were filed complete, before the pipeline existed),
--   3. the default becomes 'raw' for drawers filed from now on.
-- A second run skips step 1 (the column exists), finds no 'legacy' row in step 2 and repeats step 3,
-- so drawers filed since the first run keep their state.

ALTER TABLE orchestrator.memory_drawers ADD COLUMN IF NOT EXISTS state text NOT NULL DEFAULT 'legacy';
UPDATE orchestrator.memory_drawers SET state = 'processed' WHERE state = 'legacy';
ALTER TABLE orchestrator.memory_drawers ALTER COLUMN state SET DEFAULT 'raw';

ALTER TABLE orchestrator.memory_drawers ADD COLUMN IF NOT EXISTS summary          text        NOT NULL DEFAULT '';
ALTER TABLE orchestrator.memory_drawers ADD COLUMN IF NOT EXISTS added_by_agent   text        NOT NULL DEFAULT '';
ALTER TABLE orchestrator.memory_drawers ADD COLUMN IF NOT EXISTS last_accessed_at timestamptz;
ALTER TABLE orchestrator.memory_drawers ADD COLUMN IF NOT EXISTS access_count     integer     NOT NULL DEFAULT 0;
ALTER TABLE orchestrator.memory_drawers ADD COLUMN IF NOT EXISTS superseded_by    uuid;
ALTER TABLE orchestrator.memory_drawers ADD COLUMN IF NOT EXISTS cluster_id       text;
ALTER TABLE orchestrator.memory_drawers ADD COLUMN IF NOT EXISTS retry_count      integer     NOT NULL DEFAULT 0;

-- superseded_by points at the drawer that replaced this one, and is cleared if that drawer goes.
-- ADD CONSTRAINT has no IF NOT EXISTS, hence the check against pg_constraint.
DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'memory_drawers_superseded_by_fkey'
          AND conrelid = 'orchestrator.memory_drawers'::regclass
    ) THEN
        ALTER TABLE orchestrator.memory_drawers
            ADD CONSTRAINT memory_drawers_superseded_by_fkey
            FOREIGN KEY (superseded_by) REFERENCES orchestrator.memory_drawers (id) ON DELETE SET NULL;
    END IF;
END
$$;

-- the pipeline's queue: drawers waiting to be processed
CREATE INDEX IF NOT EXISTS memory_drawers_state_raw_idx ON orchestrator.memory_drawers (state) WHERE state = 'raw';
-- drawers that were replaced (also serves the superseded_by foreign key)
CREATE INDEX IF NOT EXISTS memory_drawers_superseded_by_idx ON orchestrator.memory_drawers (superseded_by) WHERE superseded_by IS NOT NULL;

ALTER TABLE orchestrator.memory_entities ADD COLUMN IF NOT EXISTS embedding public.vector(1536);
