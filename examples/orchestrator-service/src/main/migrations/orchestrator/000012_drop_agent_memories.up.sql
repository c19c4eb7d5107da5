-- 000012_drop_agent_memories: retire the first memory store (000004), superseded by the memory palace.
-- Its rows go with it: nothing reads them since the memory palace replaced the table.
DROP INDEX IF EXISTS orchestrator.agent_memories_workspace_id_category_updated_at_idx;
DROP TABLE IF EXISTS orchestrator.agent_memories;
