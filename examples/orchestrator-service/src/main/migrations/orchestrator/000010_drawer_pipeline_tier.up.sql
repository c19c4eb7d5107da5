-- 000010_drawer_pipeline_tier: which pipeline tier processed a drawer and what it extracted.
-- Existing drawers get pipeline_tier 'llm' and zero counts, so the enrichment index below starts empty.

ALTER TABLE orchestrator.memory_drawers ADD COLUMN IF NOT EXISTS pipeline_tier text    NOT NULL DEFAULT 'llm';
ALTER TABLE orchestrator.memory_drawers ADD COLUMN IF NOT EXISTS entity_count  integer NOT NULL DEFAULT 0;
ALTER TABLE orchestrator.memory_drawers ADD COLUMN IF NOT EXISTS triple_count  integer NOT NULL DEFAULT 0;

-- the enrichment worker's queue: important drawers processed by a cheaper tier that yielded no
-- entities, oldest first per workspace
CREATE INDEX IF NOT EXISTS memory_drawers_enrichment_idx
    ON orchestrator.memory_drawers (workspace_id, created_at)
    WHERE state = 'processed' AND pipeline_tier <> 'llm' AND entity_count = 0 AND importance >= 3.0;
